/**
 * The sandbox program: loads the submission's compiled exercise modules from the working copy and runs the calls
 * the test process asks for, one at a time, over the IPC channel.
 *
 * It runs as plain JavaScript (compiled into the working copy with wire.ts) under Node's permission model, so it
 * can read only the working copy and the course's runtime packages, and can write nothing. Everything it does after
 * the first `require` of submission code is untrusted: the test process treats its answers as plain data.
 *
 * Usage: node child.js <working copy>   (started by command.ts; not meant to be run by hand)
 */
import * as path from "path";
import type { ModuleShape, Reply, Request, WireErrorInfo } from "./protocol";
import { decode, encode } from "./wire";

const workDir = process.argv[2];

/**
 * A second layer under the network namespace (which some machines do not allow): the sockets' connect, listen and
 * send are replaced before any submission code runs. The originals are not kept anywhere the submission can reach,
 * and process.binding is closed by the permission model.
 */
function closeNetwork(): void {
  const deny = (): never => {
    throw Object.assign(new Error("network access is not allowed while grading"), { code: "ERR_ACCESS_DENIED" });
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const net = require("net") as typeof import("net");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dgram = require("dgram") as typeof import("dgram");
  for (const [proto, names] of [
    [net.Socket.prototype, ["connect"]],
    [net.Server.prototype, ["listen"]],
    [dgram.Socket.prototype, ["bind", "send", "connect"]],
  ] as const) {
    for (const name of names) Object.defineProperty(proto, name, { value: deny, writable: false, configurable: false });
  }
}
closeNetwork();
// Keep our own reference to the channel before any submission code can replace process.send.
const send = process.send!.bind(process);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Matrix } = require(path.join(workDir, "lib", "matrix.js")) as {
  Matrix: new (rows: number, cols: number, data: Float64Array) => { rows: number; cols: number; data: Float64Array };
};
const isMatrix = (v: unknown): v is { rows: number; cols: number; data: Float64Array } => v instanceof Matrix;
const makeMatrix = (rows: number, cols: number, data: Float64Array) => new Matrix(rows, cols, data);
const modules = new Map<string, Record<string, unknown>>();

/** What the test process needs of a thrown value; reading it must not throw even if the value is strange. */
function errorInfo(e: unknown): WireErrorInfo {
  try {
    if (e !== null && typeof e === "object") {
      const err = e as { name?: unknown; message?: unknown; exercise?: unknown };
      const info: WireErrorInfo = { name: String(err.name ?? "Error"), message: String(err.message ?? "") };
      if (typeof err.exercise === "string") info.exercise = err.exercise;
      return info;
    }
    return { name: "Error", message: `the submission threw a non-Error value: ${String(e)}` };
  } catch {
    return { name: "Error", message: "the submission threw a value that cannot be read" };
  }
}

function load(name: string): ModuleShape {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`bad module name ${name}`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(workDir, "exercises", `${name}.js`)) as Record<string, unknown>;
  modules.set(name, mod);
  const shape: ModuleShape = { functions: [], values: {} };
  for (const key of Object.keys(mod)) {
    if (typeof mod[key] === "function") shape.functions.push(key);
    else shape.values[key] = encode(mod[key], isMatrix);
  }
  return shape;
}

function call(name: string, fn: string, wireArgs: unknown[]): { value: unknown; args: unknown[] } {
  const mod = modules.get(name) ?? (load(name), modules.get(name)!);
  const f = mod[fn];
  if (typeof f !== "function") throw new TypeError(`${name}.${fn} is not a function (is it exported?)`);
  const args = wireArgs.map((a) => decode(a, makeMatrix));
  const value = (f as (...a: unknown[]) => unknown)(...args);
  return { value: encode(value, isMatrix), args: args.map((a) => encode(a, isMatrix)) };
}

function answer(req: Request): Reply {
  try {
    if (req.op === "load") return { id: req.id, ok: true, value: load(req.module) };
    const { value, args } = call(req.module, req.fn, req.args);
    return { id: req.id, ok: true, value, args };
  } catch (e) {
    return { id: req.id, ok: false, error: errorInfo(e) };
  }
}

process.on("message", (req: Request) => {
  const reply = answer(req);
  try {
    send(reply);
  } catch (e) {
    send({
      id: req.id,
      ok: false,
      error: { name: "Error", message: `the result cannot be sent back: ${errorInfo(e).message}` },
    });
  }
});
