/**
 * The collaborative documents of an export: one compacted state per document.
 *
 * Why compacted rather than the CollabUpdate/CollabSnapshot rows: the rows' ids are one
 * autoincrement sequence shared by every organisation of a database, and a snapshot names the
 * last of them it folded (`upToId`); copied as they are they would collide with the target's
 * sequence and tie the file to the instance it came from. A document's whole state is what
 * defines it — the collab server's own compaction folds the log in exactly this way (apply
 * every update to a Y.Doc, encode its state) — so nothing of the content is lost, the file is
 * smaller and two exports of the same content are identical. On import each document becomes
 * one row of the update log, the shape of a freshly seeded board; the collab server compacts
 * from there as usual.
 */
import * as Y from "yjs";
import type { Db } from "../db.server";
import type { ExportedDocument } from "./export-file";
import { documentPrefix } from "./transfer-plan";

type Tx = Pick<Db, "collabUpdate" | "collabSnapshot">;

/** Every document of the given localities, compacted, sorted by name. */
export async function readDocuments(tx: Tx, localityIds: string[]): Promise<ExportedDocument[]> {
  type Stored = { snapshot?: { data: Uint8Array; upToId: number; updatedAt: Date }; log: Array<{ id: number; data: Uint8Array; createdAt: Date }> };
  const byName = new Map<string, Stored>();
  const entry = (name: string): Stored => {
    const found = byName.get(name);
    if (found) return found;
    const created: Stored = { log: [] };
    byName.set(name, created);
    return created;
  };
  for (const localityId of localityIds) {
    const prefix = documentPrefix(localityId);
    // startsWith is a LIKE, case-insensitive on SQLite: the exact prefix is checked again here.
    const snapshots = await tx.collabSnapshot.findMany({ where: { docName: { startsWith: prefix } } });
    for (const s of snapshots) if (s.docName.startsWith(prefix)) entry(s.docName).snapshot = s;
    const updates = await tx.collabUpdate.findMany({ where: { docName: { startsWith: prefix } }, orderBy: { id: "asc" } });
    for (const u of updates) if (u.docName.startsWith(prefix)) entry(u.docName).log.push(u);
  }
  const documents: ExportedDocument[] = [];
  for (const [name, { snapshot, log }] of byName) {
    const after = log.filter((u) => !snapshot || u.id > snapshot.upToId);
    const doc = new Y.Doc();
    if (snapshot) Y.applyUpdate(doc, snapshot.data);
    for (const u of after) Y.applyUpdate(doc, u.data);
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    const times = [...(snapshot ? [snapshot.updatedAt.getTime()] : []), ...after.map((u) => u.createdAt.getTime())];
    documents.push({ name, state: Buffer.from(state).toString("base64"), updatedAt: new Date(Math.max(...times)).toISOString() });
  }
  return documents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Writes each document as one row of the update log. */
export async function writeDocuments(tx: Tx, documents: ExportedDocument[]): Promise<void> {
  for (let i = 0; i < documents.length; i += 100) {
    await tx.collabUpdate.createMany({
      data: documents.slice(i, i + 100).map((d) => ({ docName: d.name, data: Buffer.from(d.state, "base64"), createdAt: new Date(d.updatedAt) })),
    });
  }
}
