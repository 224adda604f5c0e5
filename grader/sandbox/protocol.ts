/**
 * The messages between the trusted test process and the sandbox (types only).
 *
 * The test process asks the sandbox to load an exercise module or call one of its functions; the sandbox answers
 * with the same `id`. Values inside travel as `wire.ts` data.
 */

/** Load `module` (e.g. "losses") from the working copy and list its exports. */
export interface LoadRequest {
  id: number;
  op: "load";
  module: string;
}

/** Call `module.fn(...args)`. */
export interface CallRequest {
  id: number;
  op: "call";
  module: string;
  fn: string;
  args: unknown[];
}

export type Request = LoadRequest | CallRequest;

/** An error thrown by the submission, reduced to what the tests look at. */
export interface WireErrorInfo {
  name: string;
  message: string;
  /** Set by NotImplementedError: the exercise the stub stands for. */
  exercise?: string;
}

/** The answer to a request: a value (and, for calls, the arguments after the call) or the error thrown. */
export type Reply =
  { id: number; ok: true; value: unknown; args?: unknown[] } | { id: number; ok: false; error: WireErrorInfo };

/** What `load` answers: each export's name and kind; non-function exports also carry their value. */
export interface ModuleShape {
  functions: string[];
  values: Record<string, unknown>;
}
