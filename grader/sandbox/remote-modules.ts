/**
 * Exercise modules whose functions run in the sandbox: the module provider the test process gives the exercise
 * loader (lib/course.ts `setModuleProvider`), so graded tests call `losses.softmax(…)` as usual while the code runs
 * elsewhere.
 *
 * Each call sends its arguments as plain data, waits (synchronously) for the result within what is left of the
 * current test's time limit, rebuilds matrices, and copies in-place changes back into the arguments. An error thrown
 * by the submission comes back with the same name and message (CourseInputError and NotImplementedError as the
 * library's own classes). When a module is missing, does not compile, or threw while loading, the call fails and the
 * current test is marked as failing whatever it does with the error.
 *
 * A time-out or a crash costs only the test it happened in: that test fails (later calls in it fail at once), and the
 * first call of any later test (or the next module load) replaces the dead sandbox by a fresh one, which loads the
 * modules again as they are used. A module that times out or crashes while loading is marked as not loadable: its
 * tests fail at once, without a new sandbox each. At most MAX_RESTARTS fresh sandboxes are started per submission;
 * after that, and once grading has been stopped (the time budget ran out), every call fails at once.
 *
 * @example
 * const remote = new RemoteModules(rpc, problems, { timeLeft, taint, outOfTime: () => "timed out after 10 s" });
 * setModuleProvider(remote.provider);
 * remote.nextUnit(); // at each test (and hook): a failure in the previous one no longer blocks calls
 */
import { CourseInputError, NotImplementedError } from "../../lib/errors";
import { Matrix } from "../../lib/matrix";
import type { ModuleShape, WireErrorInfo } from "./protocol";
import { SandboxFailure, SyncRpc } from "./sync-rpc";
import { decode, encode, syncBack } from "./wire";

const isMatrix = (v: unknown): v is Matrix => v instanceof Matrix;
const makeMatrix = (rows: number, cols: number, data: Float64Array) => new Matrix(rows, cols, data);

/** Fresh sandboxes started per submission at most (each follows a time-out or crash in a different test). */
export const MAX_RESTARTS = 50;

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

/** A time-out or crash of the sandbox, for the run's summary. */
export interface Incident {
  kind: "timeout" | "crashed";
  /** What happened, for the student: "losses.l2Loss timed out after 10 s". */
  message: string;
  /** The module that could not be loaded, when it happened while loading one. */
  loading?: string;
}

/** What RemoteModules needs from the run it belongs to. */
export interface RunContext {
  /** ms left for the current call (the rest of the current test's time limit, or of the time budget). */
  timeLeft(): number;
  /** Why a call that ran out of time was stopped, as a phrase: "timed out after 10 s". */
  outOfTime(): string;
  /** Marks the current test as failed with `reason`, whatever the test does with the error. */
  taint(reason: string): void;
  /** The submission threw NotImplementedError for `exercise` of `module` during the current test. */
  notImplemented?(exercise: string, module: string): void;
  /** The sandbox timed out or crashed. */
  incident?(incident: Incident): void;
  /** Why grading stopped, once it has (calls then fail at once and no sandbox is started). */
  stopped?(): string | undefined;
  /** Stops grading with `reason` (too many fresh sandboxes were needed). */
  stop?(reason: string): void;
}

/** The exercise modules of one submission, as seen from the test process. */
export class RemoteModules {
  private readonly modules = new Map<string, Record<string, unknown> | Error>();
  /** Modules loaded in the current sandbox process. */
  private readonly live = new Set<string>();
  /** The current test (or hook, or preload step); a failure blocks calls only within the unit it happened in. */
  private unit = 0;
  private failure: { unit: number; error: Error } | undefined;
  private gaveUp: string | undefined;

  /**
   * @param rpc the sandbox, or null when nothing can run (then every module is a `problems` entry)
   * @param problems modules that cannot load, with why (missing file, syntax errors)
   * @param run the run's limits and records
   */
  constructor(
    private readonly rpc: SyncRpc | null,
    private readonly problems: Map<string, string>,
    private readonly run: RunContext,
  ) {}

  /** The module provider for lib/course.ts. */
  readonly provider = (name: string): Record<string, unknown> => {
    const mod = this.modules.get(name) ?? this.load(name);
    if (mod instanceof Error) {
      this.run.taint(mod.message);
      throw mod;
    }
    return mod;
  };

  /** Starts a new unit (a test or a hook): a sandbox that died in an earlier one is replaced at the next call. */
  nextUnit(): void {
    this.unit++;
  }

  /** Loads `name` in the sandbox as a unit of its own; returns the error message when it cannot be loaded. */
  preload(name: string): string | undefined {
    this.nextUnit();
    const mod = this.modules.get(name) ?? this.load(name);
    return mod instanceof Error ? mod.message : undefined;
  }

  /** Why no more calls reach the sandbox (too many restarts), if so. */
  get stoppedBecause(): string | undefined {
    return this.gaveUp;
  }

  private load(name: string): Record<string, unknown> | Error {
    const { result, final } = this.tryLoad(name);
    if (final) this.modules.set(name, result);
    return result;
  }

  /**
   * Makes sure a live sandbox is there: replaces a dead one unless it died in the current unit, grading has stopped,
   * or too many were started. Throws the error to give the caller otherwise.
   */
  private ensureSandbox(): void {
    const stopped = this.gaveUp ?? this.run.stopped?.();
    if (stopped !== undefined) throw new Error(`not run: ${stopped}`);
    const rpc = this.rpc!;
    if (!rpc.failed) return;
    if (this.failure && this.failure.unit === this.unit) throw this.failure.error;
    if (rpc.restarts >= MAX_RESTARTS) {
      this.gaveUp = `the submission timed out or crashed ${MAX_RESTARTS + 1} times: grading stopped there`;
      this.run.stop?.(this.gaveUp);
      throw new Error(`not run: ${this.gaveUp}`);
    }
    rpc.restart();
    this.live.clear();
    this.failure = undefined;
  }

  /** Records a time-out or crash in the current unit and returns the error that stands for it. */
  private failed(e: SandboxFailure, what: string, loading?: string): Error {
    let message: string;
    if (loading) {
      message =
        e.kind === "timeout"
          ? `${loading}.ts ${this.run.outOfTime()} while loading (does it run a loop when it is imported?)`
          : `${loading}.ts crashed the sandbox while loading: it ${e.message}`;
    } else {
      message = e.kind === "timeout" ? `${what} ${this.run.outOfTime()}` : `${what} crashed: the sandbox ${e.message}`;
    }
    const error = new Error(message);
    this.failure = { unit: this.unit, error };
    this.run.incident?.({ kind: e.kind, message, ...(loading ? { loading } : {}) });
    return error;
  }

  /** Loads `name`; `final` says whether the outcome holds for the rest of the run (else the next use tries again). */
  private tryLoad(name: string): { result: Record<string, unknown> | Error; final: boolean } {
    const problem = this.problems.get(name);
    if (problem !== undefined || this.rpc === null) {
      return { result: new Error(problem ?? `${name}.ts cannot be run`), final: true };
    }
    let reply;
    for (let attempt = 0; reply === undefined; attempt++) {
      try {
        this.ensureSandbox();
      } catch (e) {
        return { result: e as Error, final: false }; // the sandbox died in this test, or grading stopped
      }
      try {
        reply = this.rpc.call({ op: "load", module: name }, Math.max(1, this.run.timeLeft()));
      } catch (e) {
        if (!(e instanceof SandboxFailure)) throw e;
        if (e.before && attempt === 0) {
          // It had died after an earlier call returned: load in a fresh one.
          this.run.incident?.({ kind: "crashed", message: `the sandbox ${e.message} between two calls` });
          continue;
        }
        return { result: this.failed(e, name, name), final: true };
      }
    }
    if (!reply.ok) {
      const err = rebuildError(reply.error);
      return { result: new Error(`${name}.ts could not be loaded: ${err.name}: ${err.message}`), final: true };
    }
    this.live.add(name);
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
    return { result: mod, final: true };
  }

  /**
   * A call's request and reply; a fresh sandbox loads the module first. A sandbox found dead before the request
   * (it died after an earlier call had returned) is replaced once, without failing this test. Throws for anything
   * but a reply.
   */
  private exchange(name: string, fn: string, wireArgs: unknown[]): ReturnType<SyncRpc["call"]> {
    const rpc = this.rpc!;
    for (let attempt = 0; ; attempt++) {
      try {
        this.ensureSandbox();
        if (!this.live.has(name)) {
          const loaded = rpc.call({ op: "load", module: name }, Math.max(1, this.run.timeLeft()));
          if (!loaded.ok) {
            const err = rebuildError(loaded.error);
            throw new Error(`${name}.ts could not be loaded again in a fresh sandbox: ${err.name}: ${err.message}`);
          }
          this.live.add(name);
        }
        return rpc.call({ op: "call", module: name, fn, args: wireArgs }, Math.max(1, this.run.timeLeft()));
      } catch (e) {
        if (e instanceof SandboxFailure && e.before && attempt === 0) {
          this.run.incident?.({ kind: "crashed", message: `the sandbox ${e.message} between two calls` });
          continue; // ensureSandbox replaces it: the failure belongs to no unit
        }
        const err = e instanceof SandboxFailure ? this.failed(e, `${name}.${fn}`) : (e as Error);
        this.run.taint(err.message);
        throw err;
      }
    }
  }

  private call(name: string, fn: string, args: unknown[]): unknown {
    const wireArgs = args.map((a) => encode(a, isMatrix));
    const reply = this.exchange(name, fn, wireArgs);
    if (!reply.ok) {
      if (String(reply.error.name) === "NotImplementedError") {
        this.run.notImplemented?.(String(reply.error.exercise ?? fn), name);
      }
      throw rebuildError(reply.error);
    }
    if (Array.isArray(reply.args)) args.forEach((a, i) => syncBack(a, reply.args![i], isMatrix));
    return decode(reply.value, makeMatrix);
  }
}
