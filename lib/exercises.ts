/**
 * The exercise functions, as notebooks and graded tests use them: `import { losses } from "nn-course/exercises"`.
 *
 * Each entry runs the student's `exercises/` code by default and the reference `solutions/` in instructor
 * mode (NN_COURSE_IMPL=solutions); see course.ts. Add one line here when a new exercise module is added.
 */
import { exerciseModule } from "./course";
import type * as Losses from "../exercises/losses";

export const losses = exerciseModule<typeof Losses>("losses");
