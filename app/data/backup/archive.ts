/**
 * A backup file is a plain tar archive (POSIX ustar) of two entries: `manifest.json` first, then
 * the database (`database.sqlite` or `database.pgdump`). Standard tools read it
 * (`tar -xOf backup.tar manifest.json`); this module writes it streaming and reads the entries
 * in place, without unpacking the whole file.
 */
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";

const BLOCK = 512;

export type ArchiveSource = { name: string; bytes: Buffer } | { name: string; file: string };
export type ArchiveEntry = { name: string; offset: number; size: number };

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, "0")}\0`;
}

function header(name: string, size: number, mtime: number): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`archive entry name too long: ${name}`);
  const h = Buffer.alloc(BLOCK, 0);
  h.write(name, 0, "utf8");
  h.write(octal(0o644, 8), 100);
  h.write(octal(0, 8), 108);
  h.write(octal(0, 8), 116);
  // Sizes up to 8 GiB fit in 11 octal digits; larger ones use the base-256 form GNU tar reads.
  if (size < 8 ** 11) h.write(octal(size, 12), 124);
  else {
    h[124] = 0x80;
    h.writeBigUInt64BE(BigInt(size), 128);
  }
  h.write(octal(Math.floor(mtime / 1000), 12), 136);
  h.write("        ", 148); // the checksum field counts as spaces while summing
  h.write("0", 156);
  h.write("ustar\u000000", 257, "latin1");
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "latin1");
  return h;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK, 0);

/** Writes the entries, in order, to `outFile` (created; refuses to overwrite). */
export async function writeArchive(outFile: string, sources: ArchiveSource[]): Promise<void> {
  const now = Date.now();
  async function* chunks(): AsyncGenerator<Buffer> {
    for (const source of sources) {
      const size = "bytes" in source ? source.bytes.length : fs.statSync(source.file).size;
      yield header(source.name, size, now);
      if ("bytes" in source) yield source.bytes;
      else yield* fs.createReadStream(source.file);
      yield padding(size);
    }
    yield Buffer.alloc(BLOCK * 2, 0);
  }
  await pipeline(Readable.from(chunks()), fs.createWriteStream(outFile, { flags: "wx" }));
}

function parseSize(h: Buffer): number {
  if (h[124]! & 0x80) return Number(h.readBigUInt64BE(128));
  return Number.parseInt(h.subarray(124, 136).toString("latin1").replace(/\0.*$/s, "").trim() || "0", 8);
}

function validChecksum(h: Buffer): boolean {
  const stored = Number.parseInt(
    h
      .subarray(148, 156)
      .toString("latin1")
      .replace(/[\0 ].*$/s, ""),
    8,
  );
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
  return stored === sum;
}

/** The entries of a tar file (name, where its content starts, its size); throws for anything else. */
export function readArchiveIndex(file: string): ArchiveEntry[] {
  const fd = fs.openSync(file, "r");
  try {
    const total = fs.fstatSync(fd).size;
    const entries: ArchiveEntry[] = [];
    let at = 0;
    const h = Buffer.alloc(BLOCK);
    while (at + BLOCK <= total) {
      fs.readSync(fd, h, 0, BLOCK, at);
      if (h.every((b) => b === 0)) return entries;
      if (!validChecksum(h)) throw new Error("not a tar archive (bad header checksum)");
      const name = h.subarray(0, 100).toString("utf8").replace(/\0.*$/s, "");
      const size = parseSize(h);
      if (at + BLOCK + size > total) throw new Error(`the archive is cut short (entry ${name})`);
      entries.push({ name, offset: at + BLOCK, size });
      at += BLOCK + size + padding(size).length;
    }
    throw new Error("the archive is cut short (no end marker)");
  } finally {
    fs.closeSync(fd);
  }
}

/** One entry's content as a buffer (for the small manifest). */
export function readEntry(file: string, entry: ArchiveEntry): Buffer {
  const fd = fs.openSync(file, "r");
  try {
    const out = Buffer.alloc(entry.size);
    fs.readSync(fd, out, 0, entry.size, entry.offset);
    return out;
  } finally {
    fs.closeSync(fd);
  }
}

/** One entry's content as a stream (for the database). */
export function entryStream(file: string, entry: ArchiveEntry): fs.ReadStream {
  return fs.createReadStream(file, { start: entry.offset, end: entry.offset + entry.size - 1 });
}
