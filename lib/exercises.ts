/**
 * The exercise functions, as notebooks and graded tests use them: `import { losses } from "nn-course/exercises"`.
 *
 * Each entry runs the student's `exercises/` code by default and the reference `solutions/` in instructor
 * mode (NN_COURSE_IMPL=solutions); see course.ts. Add one line here when a new exercise module is added.
 */
import { exerciseModule } from "./course";
import type * as Losses from "../exercises/losses";
import type * as Layers from "../exercises/layers";
import type * as Activations from "../exercises/activations";
import type * as Init from "../exercises/init";
import type * as Normalization from "../exercises/normalization";
import type * as Optimizers from "../exercises/optimizers";
import type * as Schedules from "../exercises/schedules";
import type * as Regularization from "../exercises/regularization";
import type * as Training from "../exercises/training";

export const losses = exerciseModule<typeof Losses>("losses");
export const layers = exerciseModule<typeof Layers>("layers");
export const activations = exerciseModule<typeof Activations>("activations");
export const init = exerciseModule<typeof Init>("init");
export const normalization = exerciseModule<typeof Normalization>("normalization");
export const optimizers = exerciseModule<typeof Optimizers>("optimizers");
export const schedules = exerciseModule<typeof Schedules>("schedules");
export const regularization = exerciseModule<typeof Regularization>("regularization");
export const training = exerciseModule<typeof Training>("training");
