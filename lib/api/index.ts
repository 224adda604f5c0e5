/**
 * The API of every exercise module, declared once, here: one file per module (./losses.ts for exercises/losses.ts,
 * …) declares what each exercise function takes and returns, and the types it uses (caches, configs, results).
 *
 * `nn-course/exercises` types each module by its API, the reference solutions and the stubs in exercises/
 * implement it (test/exercise-api.types.ts checks that they do), and the library's modules (lib/nn) are built on
 * it. The files here only declare: nothing in them runs.
 *
 * @example
 * import type { LossesApi, LinearCache } from "nn-course/api";
 */
import type * as Losses from "./losses";
import type * as Layers from "./layers";
import type * as Activations from "./activations";
import type * as Init from "./init";
import type * as Normalization from "./normalization";
import type * as Optimizers from "./optimizers";
import type * as Schedules from "./schedules";
import type * as Regularization from "./regularization";
import type * as Training from "./training";
import type * as Autograd from "./autograd";

export type * from "./losses";
export type * from "./layers";
export type * from "./activations";
export type * from "./init";
export type * from "./normalization";
export type * from "./optimizers";
export type * from "./schedules";
export type * from "./regularization";
export type * from "./training";
// Only the types: autograd's function names (sigmoid, tanh, …) are taken by other modules.
export type { Value, Operand, GraphOp, GraphNodeSpec, GraphSpec, GraphResult } from "./autograd";

/** The functions of exercises/losses.ts. */
export type LossesApi = typeof Losses;
/** The functions of exercises/layers.ts. */
export type LayersApi = typeof Layers;
/** The functions of exercises/activations.ts. */
export type ActivationsApi = typeof Activations;
/** The functions of exercises/init.ts. */
export type InitApi = typeof Init;
/** The functions of exercises/normalization.ts. */
export type NormalizationApi = typeof Normalization;
/** The functions (and the DEFAULTS) of exercises/optimizers.ts. */
export type OptimizersApi = typeof Optimizers;
/** The functions of exercises/schedules.ts. */
export type SchedulesApi = typeof Schedules;
/** The functions of exercises/regularization.ts. */
export type RegularizationApi = typeof Regularization;
/** The functions of exercises/training.ts. */
export type TrainingApi = typeof Training;
/** The functions of exercises/autograd.ts. */
export type AutogradApi = typeof Autograd;
