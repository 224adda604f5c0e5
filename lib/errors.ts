/**
 * Errors the course library throws on purpose.
 *
 * A stub in `exercises/` throws `NotImplementedError`; the exercise loader (course.ts) turns it into a short,
 * friendly message that says which file to edit, with no stack trace.
 */

/** Thrown by an exercise stub that the student has not implemented yet. */
export class NotImplementedError extends Error {
  constructor(readonly exercise: string) {
    super(`${exercise} is not implemented yet`);
    this.name = "NotImplementedError";
  }
}

/** Thrown when a function gets input it cannot work with; the message says what was wrong and what to do. */
export class CourseInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CourseInputError";
  }
}
