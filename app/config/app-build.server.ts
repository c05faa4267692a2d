// Whether the Remix build is older than the app's sources: `npm start` and the test set-up build
// again only then.
import fs from "node:fs";
import path from "node:path";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** The server build's entry, under the project's root. */
export const buildEntry = (root: string) => path.join(root, "build", "index.js");

export function appBuildIsStale(root: string): boolean {
  const entry = buildEntry(root);
  return !fs.existsSync(entry) || newestMtime(path.join(root, "app")) > fs.statSync(entry).mtimeMs;
}
