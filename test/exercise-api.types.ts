/**
 * Every implementation of an exercise module conforms to its API (lib/api): the reference solutions in solutions/
 * and the stubs in exercises/. This file is only type-checked (`npm run typecheck`), never run, and is not part of
 * the student edition.
 *
 * A module conforms when it has every function of the API, each callable as the API says (parameter and return
 * types), with the same number of parameters (so a dropped or added optional parameter is caught too). Helpers a
 * module exports besides the API are allowed.
 */
import type * as api from "../lib/api";

import type * as SolutionLosses from "../solutions/losses";
import type * as SolutionLayers from "../solutions/layers";
import type * as SolutionActivations from "../solutions/activations";
import type * as SolutionInit from "../solutions/init";
import type * as SolutionNormalization from "../solutions/normalization";
import type * as SolutionOptimizers from "../solutions/optimizers";
import type * as SolutionSchedules from "../solutions/schedules";
import type * as SolutionRegularization from "../solutions/regularization";
import type * as SolutionTraining from "../solutions/training";
import type * as SolutionAutograd from "../solutions/autograd";

import type * as ExerciseLosses from "../exercises/losses";
import type * as ExerciseLayers from "../exercises/layers";
import type * as ExerciseActivations from "../exercises/activations";
import type * as ExerciseInit from "../exercises/init";
import type * as ExerciseNormalization from "../exercises/normalization";
import type * as ExerciseOptimizers from "../exercises/optimizers";
import type * as ExerciseSchedules from "../exercises/schedules";
import type * as ExerciseRegularization from "../exercises/regularization";
import type * as ExerciseTraining from "../exercises/training";
import type * as ExerciseAutograd from "../exercises/autograd";

/** The number of parameters of a function type, optional ones included (not a function: never). */
type Arity<F> = F extends (...args: infer P) => unknown ? Required<P>["length"] : never;

/** The functions whose parameter count differs between Api and module M (a missing one is M extends Api's error). */
type ArityMismatch<Api, M> = {
  [K in keyof Api & keyof M]: [Arity<Api[K]>] extends [Arity<M[K]>]
    ? [Arity<M[K]>] extends [Arity<Api[K]>]
      ? never
      : K
    : K;
}[keyof Api & keyof M];

/**
 * Module M (`typeof import(...)`) implements Api: M is assignable to Api (else the error names the missing or
 * incompatible function) and every function has the API's number of parameters (else the error names it).
 */
type Implements<Api, M extends Api> = [ArityMismatch<Api, M>] extends [never]
  ? true
  : { "parameter count differs from the API": ArityMismatch<Api, M> };

/** Checks one module against its API: `true`, or an error at the line of the module that does not conform. */
type Check<T extends true> = T;

export type SolutionsConform = [
  Check<Implements<api.LossesApi, typeof SolutionLosses>>,
  Check<Implements<api.LayersApi, typeof SolutionLayers>>,
  Check<Implements<api.ActivationsApi, typeof SolutionActivations>>,
  Check<Implements<api.InitApi, typeof SolutionInit>>,
  Check<Implements<api.NormalizationApi, typeof SolutionNormalization>>,
  Check<Implements<api.OptimizersApi, typeof SolutionOptimizers>>,
  Check<Implements<api.SchedulesApi, typeof SolutionSchedules>>,
  Check<Implements<api.RegularizationApi, typeof SolutionRegularization>>,
  Check<Implements<api.TrainingApi, typeof SolutionTraining>>,
  Check<Implements<api.AutogradApi, typeof SolutionAutograd>>,
];

export type ExercisesConform = [
  Check<Implements<api.LossesApi, typeof ExerciseLosses>>,
  Check<Implements<api.LayersApi, typeof ExerciseLayers>>,
  Check<Implements<api.ActivationsApi, typeof ExerciseActivations>>,
  Check<Implements<api.InitApi, typeof ExerciseInit>>,
  Check<Implements<api.NormalizationApi, typeof ExerciseNormalization>>,
  Check<Implements<api.OptimizersApi, typeof ExerciseOptimizers>>,
  Check<Implements<api.SchedulesApi, typeof ExerciseSchedules>>,
  Check<Implements<api.RegularizationApi, typeof ExerciseRegularization>>,
  Check<Implements<api.TrainingApi, typeof ExerciseTraining>>,
  Check<Implements<api.AutogradApi, typeof ExerciseAutograd>>,
];
