/**
 * Operations on `Matrix`, one op (or one small family) per file.
 */
export type { Axis } from "./checks";
export type { Operand } from "./arithmetic";
export {
  matmul,
  matmulReference,
  matmulTransA,
  matmulTransB,
  matmulTransAReference,
  matmulTransBReference,
} from "./matmul";
export { transpose } from "./transpose";
export { add, sub, mul, div } from "./arithmetic";
export { map } from "./map";
export { scale, exp, log, abs, sign, square, sqrt, maximum, clip } from "./unary";
export { sum, mean, variance, max, min, argmax } from "./reduce";
export { norm, dot } from "./norm";
export { allClose } from "./allclose";
export { hstack, vstack } from "./stack";
export { sliceRows, oneHot } from "./gather";
export { linspace, grid2d } from "./grid";
