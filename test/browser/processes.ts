/**
 * Process helpers for the browser tests: a free loopback port, promises with a deadline, and stopping what a test
 * started (a process group, or the processes whose command line names a test's own temporary folder).
 */
import * as fs from "fs";
import * as net from "net";

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** The promise's value, or a rejection naming `what` after `ms` milliseconds. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${(ms / 1000).toFixed(0)} s`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** True while a process with this id exists (and is not a zombie). */
export function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

/** Ids of the running processes whose command line contains `marker` (e.g. a test's unique temporary folder). */
export function pidsWithArg(marker: string): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const e of entries) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${e}/cmdline`, "utf8");
      if (cmdline.includes(marker)) pids.push(Number(e));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

function signal(pid: number, sig: NodeJS.Signals, group: boolean): void {
  try {
    process.kill(group ? -pid : pid, sig);
  } catch {
    // already gone
  }
}

/**
 * Stops a process (its whole group when `group`): SIGTERM, then SIGKILL if it is still there after `graceMs`.
 * Resolves once it is gone or SIGKILL was sent.
 */
export async function stopProcess(pid: number, { group = false, graceMs = 5000 } = {}): Promise<void> {
  if (!alive(pid)) return;
  signal(pid, "SIGTERM", group);
  const until = Date.now() + graceMs;
  while (Date.now() < until) {
    if (!alive(pid)) return;
    await sleep(100);
  }
  signal(pid, "SIGKILL", group);
}
