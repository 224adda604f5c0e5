/**
 * Composition machinery for networks: modules with forward/backward, Sequential, an MLP builder, SGD over all
 * parameters, a spirals data set and mini-batches, and the Solver that trains a model. The layer computations are the
 * exercise functions.
 */
export * from "./module";
export * from "./layers";
export * from "./mlp";
export * from "./sgd";
export * from "./spirals";
export * from "./batches";
export * from "./accuracy";
export * from "./activations-bn";
export * from "./solver";
export * from "./dropout";
export * from "./residual";
export * from "./conv1d";
