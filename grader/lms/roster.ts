/**
 * The instructor's files about students: the roster (submission folder → LMS identities), the extension list, and
 * submission times. Each is a CSV file with a header line; column names are case-insensitive.
 *
 *   roster.csv       folder,name,lms_id,sis_user_id,login,section,email   (only folder is required)
 *   extensions.csv   student,days[,assignment]    (an empty assignment: every assignment)
 *   submitted.csv    student,submitted            (ISO 8601 with a time zone)
 *
 * @example
 * readRoster("roster.csv").get("alice"); // { folder: "alice", name: "Smith, Alice", lmsId: "1234", … }
 */
import { CsvError, readCsv } from "../report/csv";

/** One student of the roster, as the LMS knows them. */
export interface RosterEntry {
  /** The submission's folder (or .zip) name. */
  folder: string;
  name: string;
  /** Canvas's user ID. */
  lmsId: string;
  /** The institution's student number: Canvas's SIS User ID, Moodle's ID number. */
  sisUserId: string;
  /** The login: Canvas's SIS Login ID, Moodle's username. */
  login: string;
  section: string;
  email: string;
}

/** The roster, keyed by folder name. */
export function readRoster(file: string): Map<string, RosterEntry> {
  const out = new Map<string, RosterEntry>();
  readCsv(file, ["folder"]).forEach((r, i) => {
    const folder = r.folder ?? "";
    if (folder === "") throw new CsvError(`${file}: line ${i + 2} has no folder name`);
    if (out.has(folder)) throw new CsvError(`${file}: line ${i + 2}: ${folder} is listed twice`);
    const entry: RosterEntry = {
      folder,
      name: r.name ?? "",
      lmsId: r.lms_id ?? "",
      sisUserId: r.sis_user_id ?? "",
      login: r.login ?? "",
      section: r.section ?? "",
      email: r.email ?? "",
    };
    if (!entry.lmsId && !entry.sisUserId && !entry.login && !entry.email) {
      throw new CsvError(
        `${file}: line ${i + 2} (${folder}) has no lms_id, sis_user_id, login or email: the LMS could not match it`,
      );
    }
    out.set(folder, entry);
  });
  return out;
}

/** The extension, in days, of each student for `assignment` (a row without an assignment counts for every one). */
export function readExtensions(file: string, assignment: string): Map<string, number> {
  const out = new Map<string, number>();
  readCsv(file, ["student", "days"]).forEach((r, i) => {
    const days = Number(r.days);
    if (!r.student) throw new CsvError(`${file}: line ${i + 2} has no student`);
    if (r.days === "" || !Number.isFinite(days) || days < 0) {
      throw new CsvError(
        `${file}: line ${i + 2} (${r.student}): days must be a number ≥ 0, got ${JSON.stringify(r.days)}`,
      );
    }
    if (r.assignment && r.assignment !== assignment) return;
    out.set(r.student, Math.max(out.get(r.student) ?? 0, days));
  });
  return out;
}

/** When each student submitted, from a CSV file (the LMS's submission export, reduced to two columns). */
export function readSubmissionTimes(file: string): Map<string, string> {
  const out = new Map<string, string>();
  readCsv(file, ["student", "submitted"]).forEach((r, i) => {
    const t = r.submitted ?? "";
    if (!/(Z|[+-]\d{2}:?\d{2})$/.test(t) || Number.isNaN(Date.parse(t))) {
      throw new CsvError(
        `${file}: line ${i + 2} (${r.student}): submitted must be a date and time with a time zone, e.g. 2027-02-12T21:03:00Z, got ${JSON.stringify(t)}`,
      );
    }
    out.set(r.student, new Date(t).toISOString());
  });
  return out;
}
