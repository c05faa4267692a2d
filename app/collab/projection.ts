/**
 * Read models derived from stored documents (search, exports, dashboards), by one decoder.
 * They are recomputed from the stored state, never edited by hand.
 */
import * as Y from "yjs";
import { parseDocumentName } from "./names";
import { listClusters, listNotes, voteTotals } from "./board";

export type BoardNoteRow = { noteId: string; text: string; clusterName: string | null; votes: number; authorName: string | null; createdAt: number };

/** Decodes a stored document state (one merged update) into a fresh Y.Doc. */
export function decodeDocument(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/** The rows a board projects: one per note, with its cluster's name and its dots. */
export function projectBoard(doc: Y.Doc): BoardNoteRow[] {
  const clusters = new Map(listClusters(doc).map((c) => [c.id, c.name]));
  const votes = voteTotals(doc);
  return listNotes(doc).map((n) => ({
    noteId: n.id,
    text: n.text,
    clusterName: n.clusterId ? (clusters.get(n.clusterId) ?? null) : null,
    votes: votes.get(n.id) ?? 0,
    authorName: n.authorName,
    createdAt: n.createdAt,
  }));
}

/** Projects any stored document by its name's kind (boards only, for now). */
export function projectDocument(docName: string, doc: Y.Doc): BoardNoteRow[] | null {
  const name = parseDocumentName(docName);
  return name?.kind === "board" ? projectBoard(doc) : null;
}

/** The BoardNoteProjection rows of a board, as the database stores them. */
export function projectionRecords(docName: string, localityId: string, rows: BoardNoteRow[]) {
  return rows.map((r) => ({
    docName,
    localityId,
    noteId: r.noteId,
    text: r.text,
    clusterName: r.clusterName,
    votes: r.votes,
    authorName: r.authorName,
    noteCreatedAt: new Date(r.createdAt),
  }));
}
