import type { Inputs } from "./workloads";

/** One implementation under test. */
export interface Impl {
  name: string;
  /** Computes in float32 (TensorFlow.js): its check value agrees with the others to about 1e-4, not to rounding. */
  float32?: boolean;
  /**
   * Converts the inputs to the implementation's own types (not timed) and returns one run of the workload, which
   * returns a check value: the sum of the product, the step's loss, or the last layer's standard deviation.
   */
  prepare(inputs: Inputs): () => number;
}
