/**
 * The late policy, applied where people see it: a submission's time against the due date (moved by a student's
 * extension), the days late, the percentage lost and the score that is left. Nothing here changes results.json: the
 * gradebooks show the raw score, the penalty and the final score side by side.
 *
 * @example
 * lateness({ submitted: "2027-02-14T09:00:00Z", due: "2027-02-12T22:59:00Z", extensionDays: 0,
 *            policy: { percentPerDay: 10 } });
 * // { daysLate: 2, penaltyPercent: 20, due: "2027-02-12T22:59:00.000Z" }
 */
import type { LatePolicy } from "../course/course";

const DAY_MS = 24 * 60 * 60 * 1000;

/** How late a submission is and what it costs. */
export interface Lateness {
  /** The due date that applies (with the extension), ISO 8601 in UTC. */
  due: string;
  /** Started days after the due date (0: on time, or within the grace period). */
  daysLate: number;
  /** Percent of the score lost (0–100). */
  penaltyPercent: number;
}

/** How late `submitted` is against `due` plus `extensionDays`, under `policy` (null: lateness shown, no penalty). */
export function lateness(opts: {
  submitted: string;
  due: string;
  extensionDays: number;
  policy: LatePolicy | null;
}): Lateness {
  const due = Date.parse(opts.due) + opts.extensionDays * DAY_MS;
  const late = Date.parse(opts.submitted) - due;
  const grace = (opts.policy?.graceMinutes ?? 0) * 60_000;
  const daysLate = late > grace ? Math.ceil(late / DAY_MS) : 0;
  let penaltyPercent = 0;
  if (opts.policy && daysLate > 0) {
    const over = opts.policy.maxDays !== undefined && daysLate > opts.policy.maxDays;
    penaltyPercent = over ? 100 : Math.min(100, daysLate * opts.policy.percentPerDay);
  }
  return { due: new Date(due).toISOString(), daysLate, penaltyPercent };
}

/** A score after a penalty, to two decimals. */
export function afterPenalty(score: number, penaltyPercent: number): number {
  return Math.round(score * (100 - penaltyPercent)) / 100;
}
