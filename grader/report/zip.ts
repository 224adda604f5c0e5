/**
 * Zip files around a batch: reading the students' submitted .zip files and writing the Gradescope autograder, through
 * yauzl (reading; zip64 included) and yazl (writing), so that grading needs no `unzip` program.
 *
 * Reading is defensive: entry names that leave the target folder ("../x", "/etc/x") are refused, links are skipped,
 * encrypted entries and compression methods other than stored and deflated are refused, each entry's size and
 * checksum are verified, and sizes are capped (a "zip bomb" stops with an error instead of filling the disk). Every
 * refusal is a ZipError whose message says what is wrong.
 *
 * @example
 * fs.writeFileSync("a.zip", await writeZip([{ name: "losses.ts", data: Buffer.from("export {};\n") }]));
 * await extractZip("a.zip", "/tmp/alice"); // writes /tmp/alice/losses.ts
 */
import * as fs from "fs";
import * as path from "path";
import type { Readable } from "stream";
import * as zlib from "zlib";
import * as yauzl from "yauzl";
import * as yazl from "yazl";

/** Raised for a file that is not a zip this reader can open; the message says what is wrong. */
export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipError";
  }
}

/** One file in a zip. `mode` is the Unix mode (e.g. 0o755 for a script). */
export interface ZipEntry {
  name: string;
  data: Buffer;
  mode?: number;
}

const MAX_ENTRIES = 5000;
const MAX_TOTAL_BYTES = 200 * 1024 * 1024;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
/** 1980-01-01, the earliest zip date: fixed, so the same input gives the same zip. */
const FIXED_DATE = new Date(1980, 0, 1);

/** A ZipError for what yauzl reports about the zip as a whole (its directory, or an entry's name). */
function zipError(e: unknown): ZipError {
  if (e instanceof ZipError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (/end of central directory record signature not found/.test(message)) {
    return new ZipError("not a zip file (no zip directory found at its end)");
  }
  const unsafe = /^(?:absolute path|invalid relative path): (.*)$/.exec(message);
  if (unsafe) return new ZipError(`the zip holds an entry outside its folder (${unsafe[1]})`);
  return new ZipError(`damaged zip: ${message}`);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The data of one entry, checked against the sizes and checksum the zip's directory gives. */
async function entryData(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  let data: Buffer;
  try {
    data = await readAll(await zip.openReadStreamPromise(entry));
  } catch (e) {
    throw new ZipError(`damaged entry ${entry.fileName}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (data.length !== entry.uncompressedSize || zlib.crc32(data) !== entry.crc32) {
    throw new ZipError(`damaged entry ${entry.fileName} (size or checksum)`);
  }
  return data;
}

/** The entries of the zip in `buf` (folders left out, links skipped). */
export async function readZip(buf: Buffer): Promise<ZipEntry[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buf, { lazyEntries: true, validateEntrySizes: true });
  } catch (e) {
    throw zipError(e);
  }
  const count = zip.entryCount;
  if (count > MAX_ENTRIES) throw new ZipError(`too many files in the zip (${count}; at most ${MAX_ENTRIES})`);
  const entries: ZipEntry[] = [];
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName;
      const unixMode = entry.externalFileAttributes >>> 16;
      if (name.endsWith("/")) continue;
      if ((unixMode & S_IFMT) === S_IFLNK) continue;
      if (entry.isEncrypted()) throw new ZipError(`${name} is encrypted; zip without a password`);
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        throw new ZipError(
          `${name} uses compression method ${entry.compressionMethod}; only stored and deflated files are supported`,
        );
      }
      total += entry.uncompressedSize;
      if (total > MAX_TOTAL_BYTES) throw new ZipError(`the zip unpacks to more than ${MAX_TOTAL_BYTES >> 20} MB`);
      entries.push({ name, data: await entryData(zip, entry), mode: unixMode & 0o777 });
    }
  } catch (e) {
    throw zipError(e);
  }
  return entries;
}

/** Unpacks the zip `file` into `dest`; refuses entries whose names would land outside `dest`. */
export async function extractZip(file: string, dest: string): Promise<void> {
  const entries = await readZip(fs.readFileSync(file));
  const root = path.resolve(dest);
  for (const e of entries) {
    const target = path.resolve(root, e.name.replace(/\\/g, "/"));
    if (path.isAbsolute(e.name) || !target.startsWith(root + path.sep)) {
      throw new ZipError(`the zip holds an entry outside its folder (${e.name})`);
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, e.data, { mode: (e.mode ?? 0) & 0o111 ? 0o755 : 0o644 });
  }
}

/** A zip holding `entries` (deflated), with Unix modes so that scripts stay executable. */
export async function writeZip(entries: ZipEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    zip.addBuffer(e.data, e.name, { mtime: FIXED_DATE, mode: S_IFREG | (e.mode ?? 0o644), forceDosTimestamp: true });
  }
  zip.end();
  return readAll(zip.outputStream as Readable);
}
