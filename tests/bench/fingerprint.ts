import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * Which server code a benchmark measured: a hash of collab-server/ (or BENCH_COLLAB_SERVER_DIR,
 * a copy measured instead, see server-child.ts) and app/collab/, and when it last changed.
 */
export function sourceFingerprint(): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|js)$/.test(entry.name)) files.push(full);
    }
  };
  const serverDir = process.env.BENCH_COLLAB_SERVER_DIR ?? path.join(ROOT, "collab-server");
  for (const dir of [serverDir, path.join(ROOT, "app", "collab")]) if (fs.existsSync(dir)) walk(dir);
  files.sort();
  const hash = crypto.createHash("sha256");
  let newest = 0;
  for (const file of files) {
    hash.update(path.relative(ROOT, file)).update(fs.readFileSync(file));
    newest = Math.max(newest, fs.statSync(file).mtimeMs);
  }
  return `${hash.digest("hex").slice(0, 12)} (${files.length} files, last changed ${new Date(newest).toISOString()})${process.env.BENCH_COLLAB_SERVER_DIR ? ` from ${serverDir}` : ""}`;
}
