/**
 * A small zip reader and writer (stored and deflated entries, no zip64, no encryption), so that grading needs no
 * `unzip` program. Reading is defensive: entry names that leave the target folder ("../x", "/etc/x") and links are
 * refused or skipped, and sizes are capped (a "zip bomb" stops with an error instead of filling the disk).
 *
 * @example
 * fs.writeFileSync("a.zip", writeZip([{ name: "losses.ts", data: Buffer.from("export {};\n") }]));
 * extractZip("a.zip", "/tmp/alice"); // writes /tmp/alice/losses.ts
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";

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

let crcTable: Int32Array | undefined;
/** CRC-32 as zip uses it. */
export function crc32(data: Buffer): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let crc = -1;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/** The entries of the zip in `buf` (folders left out, links skipped). */
export function readZip(buf: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError("not a zip file (no zip directory found at its end)");
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) throw new ZipError("zip64 archives are not supported; re-zip the folder");
  if (count > MAX_ENTRIES) throw new ZipError(`too many files in the zip (${count}; at most ${MAX_ENTRIES})`);
  const entries: ZipEntry[] = [];
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw new ZipError("damaged zip directory");
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const size = buf.readUInt32LE(at + 20);
    const usize = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const skip = nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const unixMode = buf.readUInt32LE(at + 38) >>> 16;
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString("utf8", at + 46, at + 46 + nameLen);
    at += 46 + skip;
    if (name.endsWith("/")) continue;
    if ((unixMode & S_IFMT) === S_IFLNK) continue;
    if (flags & 1) throw new ZipError(`${name} is encrypted; zip without a password`);
    total += usize;
    if (total > MAX_TOTAL_BYTES) throw new ZipError(`the zip unpacks to more than ${MAX_TOTAL_BYTES >> 20} MB`);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw new ZipError(`damaged entry ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    let data: Buffer;
    try {
      if (method === 0) data = Buffer.from(raw);
      else if (method === 8) data = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(usize, 1) });
      else
        throw new ZipError(`${name} uses compression method ${method}; only stored and deflated files are supported`);
    } catch (e) {
      if (e instanceof ZipError) throw e;
      throw new ZipError(`damaged entry ${name}: ${(e as Error).message}`);
    }
    if (data.length !== usize || crc32(data) !== crc) throw new ZipError(`damaged entry ${name} (size or checksum)`);
    entries.push({ name, data, mode: unixMode & 0o777 });
  }
  return entries;
}

/** Unpacks the zip `file` into `dest`; refuses entries whose names would land outside `dest`. */
export function extractZip(file: string, dest: string): void {
  const entries = readZip(fs.readFileSync(file));
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
export function writeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const body = zlib.deflateRawSync(e.data);
    const crc = crc32(e.data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // names are UTF-8
    head.writeUInt16LE(8, 8);
    head.writeUInt16LE(0x21, 12); // 1980-01-01: fixed, so the same input gives the same zip
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(body.length, 18);
    head.writeUInt32LE(e.data.length, 22);
    head.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made on Unix, so the mode below is read
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((0o100000 | (e.mode ?? 0o644)) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(head, name, body);
    centrals.push(central, name);
    offset += head.length + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
