/**
 * The exercise functions, as notebooks and graded tests use them: `import { losses } from "nn-course/exercises"`.
 *
 * Each entry runs the student's `exercises/` code by default and the reference `solutions/` in instructor
 * mode (NN_COURSE_IMPL=solutions); see course.ts. Each module is typed by its API in ./api, which the solutions and
 * the stubs implement; the library never imports their files. Add one line here (and its API in ./api) when a new
 * exercise module is added.
 */
import { exerciseModule } from "./course";
import type {
  ActivationsApi,
  InitApi,
  LayersApi,
  LossesApi,
  NormalizationApi,
  OptimizersApi,
  RegularizationApi,
  SchedulesApi,
  TrainingApi,
  AutogradApi,
} from "./api";

export const losses = exerciseModule<LossesApi>("losses");
export const layers = exerciseModule<LayersApi>("layers");
export const activations = exerciseModule<ActivationsApi>("activations");
export const init = exerciseModule<InitApi>("init");
export const normalization = exerciseModule<NormalizationApi>("normalization");
export const optimizers = exerciseModule<OptimizersApi>("optimizers");
export const schedules = exerciseModule<SchedulesApi>("schedules");
export const regularization = exerciseModule<RegularizationApi>("regularization");
export const training = exerciseModule<TrainingApi>("training");
export const autograd = exerciseModule<AutogradApi>("autograd");
