/**
 * The course file, `course.json` at the project's root: the course's assignments, each with its exercise modules,
 * notebooks, points and due date, and an optional late policy. Release, grading, the Gradescope autograder and the
 * LMS gradebooks read it through this file; a mistake in it is a CourseError saying where and what to do.
 *
 * @example
 * const course = readCourse(projectRoot);
 * assignmentOf(course, "a1").modules; // ["losses", "layers", "training"]
 */
import * as fs from "fs";
import * as path from "path";

/** How late work loses points: a percentage of the score per started day after the due date (or an extension). */
export interface LatePolicy {
  /** Percent of the score lost per started day late (10: a day late keeps 90 %). */
  percentPerDay: number;
  /** Minutes after the due date that still count as on time (default 0). */
  graceMinutes?: number;
  /** Days late after which the score is 0; default: when the percentage reaches 100. */
  maxDays?: number;
}

/** One assignment of the course file. */
export interface Assignment {
  /** Short name used on command lines: `--assignment a1`. */
  name: string;
  /** The name shown in LMS gradebooks (the Canvas and Moodle column). */
  title: string;
  /** The exercise modules it grades (solutions/<module>.ts), each in exactly one assignment. */
  modules: string[];
  /** The notebooks it releases (notebooks/<name>.ipynb, without the extension). */
  notebooks: string[];
  /** What the assignment is worth in the LMS; the graded tests' points are scaled to it. */
  points: number;
  /** The due date, ISO 8601 with a time zone ("2027-02-05T23:59:00+01:00"). */
  due: string;
  /** This assignment's late policy, instead of the course's. */
  latePolicy?: LatePolicy | null;
}

/** The course file. */
export interface Course {
  title: string;
  /** The late policy of every assignment that does not have its own; absent: no penalty (lateness is still shown). */
  latePolicy?: LatePolicy | null;
  /** In the order they are released: a later assignment may build on the modules of earlier ones. */
  assignments: Assignment[];
}

/** The course file's name, at the project's root. */
export const COURSE_FILE = "course.json";

/** A course file (or an assignment name) that cannot be used; the message says where and what to do. */
export class CourseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CourseError";
  }
}

const NAME = /^[a-z0-9][a-z0-9_-]*$/;
/** ISO 8601 date and time with a time zone: a due date must not depend on the grader's clock settings. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function checkLatePolicy(p: unknown, where: string): LatePolicy | null | undefined {
  if (p === undefined || p === null) return p;
  const lp = p as Record<string, unknown>;
  const pct = lp.percentPerDay;
  if (typeof pct !== "number" || !(pct >= 0 && pct <= 100)) {
    throw new CourseError(`${where}.percentPerDay must be a number from 0 to 100 (percent lost per day late)`);
  }
  for (const key of ["graceMinutes", "maxDays"] as const) {
    const v = lp[key];
    if (v !== undefined && (typeof v !== "number" || !(v >= 0))) {
      throw new CourseError(`${where}.${key} must be a number ≥ 0`);
    }
  }
  const unknown = Object.keys(lp).filter((k) => !["percentPerDay", "graceMinutes", "maxDays"].includes(k));
  if (unknown.length > 0) throw new CourseError(`${where} has unknown key(s) ${unknown.join(", ")}`);
  return lp as unknown as LatePolicy;
}

/**
 * Checks a parsed course file; returns it typed, or throws a CourseError naming the first mistake. `file` is how
 * messages name it.
 */
export function validateCourse(data: unknown, file = COURSE_FILE): Course {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new CourseError(`${file}: must be a JSON object with "title" and "assignments"`);
  }
  const c = data as Record<string, unknown>;
  if (typeof c.title !== "string" || c.title.trim() === "") throw new CourseError(`${file}: "title" must be a text`);
  const latePolicy = checkLatePolicy(c.latePolicy, `${file}: latePolicy`);
  if (!Array.isArray(c.assignments) || c.assignments.length === 0) {
    throw new CourseError(`${file}: "assignments" must be a list with at least one assignment`);
  }
  const names = new Set<string>();
  const moduleOwner = new Map<string, string>();
  const notebookOwner = new Map<string, string>();
  const assignments = c.assignments.map((raw: unknown, i: number): Assignment => {
    const a = (raw ?? {}) as Record<string, unknown>;
    const where = `${file}: assignments[${i}]${typeof a.name === "string" ? ` (${a.name})` : ""}`;
    if (typeof a.name !== "string" || !NAME.test(a.name)) {
      throw new CourseError(`${where}: "name" must be a short name of lower-case letters, digits, - or _ ("a1")`);
    }
    if (names.has(a.name)) throw new CourseError(`${where}: the name ${a.name} is used twice`);
    names.add(a.name);
    if (typeof a.title !== "string" || a.title.trim() === "") throw new CourseError(`${where}: "title" must be a text`);
    for (const key of ["modules", "notebooks"] as const) {
      const list = a[key];
      if (!Array.isArray(list) || !list.every((m) => typeof m === "string" && m !== "")) {
        throw new CourseError(`${where}: "${key}" must be a list of names`);
      }
    }
    for (const m of a.modules as string[]) {
      const other = moduleOwner.get(m);
      if (other) throw new CourseError(`${where}: module ${m} is already in assignment ${other}; keep it in one`);
      moduleOwner.set(m, a.name);
    }
    for (const n of a.notebooks as string[]) {
      const other = notebookOwner.get(n);
      if (other) throw new CourseError(`${where}: notebook ${n} is already in assignment ${other}; keep it in one`);
      notebookOwner.set(n, a.name);
    }
    if (typeof a.points !== "number" || !(a.points > 0)) {
      throw new CourseError(`${where}: "points" must be a number > 0 (what the assignment is worth in the LMS)`);
    }
    if (typeof a.due !== "string" || !ISO_WITH_ZONE.test(a.due) || Number.isNaN(Date.parse(a.due))) {
      throw new CourseError(
        `${where}: "due" must be a date and time with a time zone, e.g. "2027-02-05T23:59:00+01:00", got ${JSON.stringify(a.due)}`,
      );
    }
    const known = ["name", "title", "modules", "notebooks", "points", "due", "latePolicy"];
    const unknown = Object.keys(a).filter((k) => !known.includes(k));
    if (unknown.length > 0) throw new CourseError(`${where}: unknown key(s) ${unknown.join(", ")}`);
    return {
      name: a.name,
      title: a.title,
      modules: a.modules as string[],
      notebooks: a.notebooks as string[],
      points: a.points,
      due: a.due,
      latePolicy: checkLatePolicy(a.latePolicy, `${where}: latePolicy`),
    };
  });
  return { title: c.title, latePolicy, assignments };
}

/** Reads and checks `root`/course.json. */
export function readCourse(root: string): Course {
  const file = path.join(root, COURSE_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new CourseError(`${COURSE_FILE} not found in ${root}: the course file lists the assignments`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new CourseError(`${COURSE_FILE} is not valid JSON: ${(e as Error).message}`);
  }
  return validateCourse(data);
}

/** The assignment called `name`; a CourseError listing the assignments when there is none. */
export function assignmentOf(course: Course, name: string): Assignment {
  const found = course.assignments.find((a) => a.name === name);
  if (!found) {
    const known = course.assignments.map((a) => a.name).join(", ");
    throw new CourseError(`no assignment ${JSON.stringify(name)} in ${COURSE_FILE}; the assignments are ${known}`);
  }
  return found;
}

/** The assignments up to and including `name`, in course order (what a student edition of `name` holds). */
export function assignmentsThrough(course: Course, name: string): Assignment[] {
  const last = course.assignments.indexOf(assignmentOf(course, name));
  return course.assignments.slice(0, last + 1);
}

/** The late policy that applies to `a`: its own, else the course's, else none. */
export function latePolicyOf(course: Course, a: Assignment): LatePolicy | null {
  return a.latePolicy !== undefined ? a.latePolicy : (course.latePolicy ?? null);
}
