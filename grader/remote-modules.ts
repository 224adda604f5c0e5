/**
 * Exercise modules whose functions run in the sandbox: the module provider the test process gives the exercise
 * loader (lib/course.ts `setModuleProvider`), so graded tests call `losses.softmax(…)` as usual while the code runs
 * elsewhere.
 *
 * Each call sends its arguments as plain data, waits (synchronously) for the result within what is left of the
 * current test's time limit, rebuilds matrices, and copies in-place changes back into the arguments. An error thrown
 * by the submission comes back with the same name and message (CourseInputError and NotImplementedError as the
 * library's own classes). When a module is missing, does not compile, or threw while loading, or when the sandbox has
 * died, the call fails and the current test is marked as failing whatever it does with the error.
 *
 * @example
 * const remote = new RemoteModules(rpc, problems, () => deadline, (why) => taint(why));
 * setModuleProvider(remote.provider);
 */
import { CourseInputError, NotImplementedError } from "../lib/errors";
import { Matrix } from "../lib/matrix";
import type { ModuleShape, WireErrorInfo } from "./protocol";
import { SandboxFailure, SyncRpc } from "./sync-rpc";
import { decode, encode, syncBack } from "./wire";

const isMatrix = (v: unknown): v is Matrix => v instanceof Matrix;
const makeMatrix = (rows: number, cols: number, data: Float64Array) => new Matrix(rows, cols, data);

/** An Error as the submission threw it (same name and message), of the library's class when it is one of them. */
export function rebuildError(info: WireErrorInfo): Error {
  const name = String(info.name);
  const message = String(info.message);
  let err: Error;
  if (name === "CourseInputError") err = new CourseInputError(message);
  else if (name === "NotImplementedError") err = new NotImplementedError(String(info.exercise ?? message));
  else {
    err = new Error(message);
    err.name = name;
  }
  if (name === "NotImplementedError") err.message = message;
  err.stack = `${name}: ${message}`; // the submission's stack would point into the working copy; leave it out
  return err;
}

/** The exercise modules of one submission, as seen from the test process. */
export class RemoteModules {
  private readonly modules = new Map<string, Record<string, unknown> | Error>();

  /**
   * @param rpc the sandbox, or null when nothing can run (then every module is a `problems` entry)
   * @param problems modules that cannot load, with why (missing file, syntax errors)
   * @param timeLeft ms left for the current call (the rest of the current test's time limit)
   * @param taint marks the current test as failed, with a reason, whatever the test does with the error
   */
  constructor(
    private readonly rpc: SyncRpc | null,
    private readonly problems: Map<string, string>,
    private readonly timeLeft: () => number,
    private readonly taint: (reason: string) => void,
  ) {}

  /** The module provider for lib/course.ts. */
  readonly provider = (name: string): Record<string, unknown> => {
    const mod = this.modules.get(name) ?? this.load(name, this.timeLeft());
    if (mod instanceof Error) {
      this.taint(mod.message);
      throw mod;
    }
    return mod;
  };

  /** Loads `name` in the sandbox (within `timeoutMs`); returns the error message when it cannot be loaded. */
  preload(name: string, timeoutMs: number): string | undefined {
    const mod = this.modules.get(name) ?? this.load(name, timeoutMs);
    return mod instanceof Error ? mod.message : undefined;
  }

  private load(name: string, timeoutMs: number): Record<string, unknown> | Error {
    const result = this.tryLoad(name, timeoutMs);
    this.modules.set(name, result);
    return result;
  }

  private tryLoad(name: string, timeoutMs: number): Record<string, unknown> | Error {
    const problem = this.problems.get(name);
    if (problem !== undefined || this.rpc === null) return new Error(problem ?? `${name}.ts cannot be run`);
    let reply;
    try {
      reply = this.rpc.call({ op: "load", module: name }, timeoutMs);
    } catch (e) {
      if (e instanceof SandboxFailure) return new Error(`${name}.ts: the sandbox ${e.message} while loading it`);
      throw e;
    }
    if (!reply.ok) {
      const err = rebuildError(reply.error);
      return new Error(`${name}.ts could not be loaded: ${err.name}: ${err.message}`);
    }
    const shape = reply.value as ModuleShape;
    const mod: Record<string, unknown> = {};
    const functions = Array.isArray(shape?.functions) ? shape.functions : [];
    for (const fn of functions) {
      if (typeof fn === "string" && fn !== "__proto__") mod[fn] = (...args: unknown[]) => this.call(name, fn, args);
    }
    const values = shape?.values !== null && typeof shape?.values === "object" ? shape.values : {};
    for (const key of Object.keys(values)) {
      if (key !== "__proto__" && !(key in mod)) mod[key] = decode(values[key], makeMatrix);
    }
    return mod;
  }

  private call(name: string, fn: string, args: unknown[]): unknown {
    const wireArgs = args.map((a) => encode(a, isMatrix));
    let reply: ReturnType<SyncRpc["call"]>;
    try {
      reply = this.rpc!.call({ op: "call", module: name, fn, args: wireArgs }, Math.max(1, this.timeLeft()));
    } catch (e) {
      if (e instanceof SandboxFailure) {
        const err = new Error(`${name}.${fn}: the submission ${e.message}`);
        this.taint(err.message);
        throw err;
      }
      throw e;
    }
    if (!reply.ok) throw rebuildError(reply.error);
    if (Array.isArray(reply.args)) args.forEach((a, i) => syncBack(a, reply.args![i], isMatrix));
    return decode(reply.value, makeMatrix);
  }
}
