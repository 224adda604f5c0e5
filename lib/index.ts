/**
 * The course library, imported in notebooks as `import { ... } from "nn-course"`.
 *
 * The exercise functions are not here: they come from `nn-course/exercises` (see exercises.ts).
 */
export * from "./errors";
export * from "./matrix";
export * from "./ops";
export * from "./random";
export * from "./stats";
export * from "./gradcheck";
export * from "./display";
export * from "./symbolic";
export { implementationDir, implementationName } from "./course";
export * from "./nn";
export * from "./optim";
export * from "./diagnostics";
export * from "./data/mnist";
export * from "./data/features";
export * from "./data/images";
export { check, reveal } from "./check";
