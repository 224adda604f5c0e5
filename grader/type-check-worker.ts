/**
 * The worker thread behind background-type-check.ts: keeps one TypeChecker (TypeScript loaded, the libraries
 * parsed) and answers type-check requests one at a time.
 */
import { parentPort } from "worker_threads";
import { TypeChecker, TypeCheckRequest } from "./type-check";

/** A request to the worker. */
export interface TypeCheckJob {
  id: number;
  req: TypeCheckRequest;
}

/** The worker's answer: the type errors, or why there are none. */
export type TypeCheckAnswer = { id: number; errors: string[] } | { id: number; failure: string };

const checker = new TypeChecker();
parentPort!.on("message", ({ id, req }: TypeCheckJob) => {
  let answer: TypeCheckAnswer;
  try {
    answer = { id, errors: checker.check(req) };
  } catch (e) {
    answer = { id, failure: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(answer);
});
