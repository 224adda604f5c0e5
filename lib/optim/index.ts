/**
 * 2-D test functions for optimizers and a runner that records an optimizer's path on them.
 */
export * from "./testFunctions";
export * from "./path";
export * from "./step";
