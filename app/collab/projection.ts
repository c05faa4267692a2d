/**
 * Read models derived from stored documents (search, exports, dashboards), by one decoder.
 * They are recomputed from the stored state, never edited by hand.
 */
import * as Y from "yjs";
import { parseDocumentName } from "./names";
import { boardSettings, listClusters, listNotes, voteTotals } from "./board";

export type BoardNoteRow = {
  noteId: string;
  text: string;
  clusterName: string | null;
  votes: number;
  authorName: string | null;
  buildsOn: string | null;
  createdAt: number;
};

/** The settings of a board that pages read from its projection. */
export type BoardSettingsRow = { votingOpen: boolean; hideResults: boolean; silent: boolean };

/** What a board projects: one row per note, and its settings. */
export type BoardProjectionRows = { notes: BoardNoteRow[]; settings: BoardSettingsRow };

/** Decodes a stored document state (one merged update) into a fresh Y.Doc. */
export function decodeDocument(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/** The rows a board projects: one per note, with its cluster's name and its dots; and its settings. */
export function projectBoard(doc: Y.Doc): BoardProjectionRows {
  const clusters = new Map(listClusters(doc).map((c) => [c.id, c.name]));
  const votes = voteTotals(doc);
  const settings = boardSettings(doc);
  return {
    notes: listNotes(doc).map((n) => ({
      noteId: n.id,
      text: n.text,
      clusterName: n.clusterId ? (clusters.get(n.clusterId) ?? null) : null,
      votes: votes.get(n.id) ?? 0,
      authorName: n.authorName,
      buildsOn: n.buildsOn,
      createdAt: n.createdAt,
    })),
    settings: { votingOpen: settings.voting.open, hideResults: settings.voting.hideResults, silent: settings.silent },
  };
}

/** Projects any stored document by its name's kind (boards only, for now). */
export function projectDocument(docName: string, doc: Y.Doc): BoardProjectionRows | null {
  const name = parseDocumentName(docName);
  return name?.kind === "board" ? projectBoard(doc) : null;
}

/** A board's projection rows as the database stores them (BoardNoteProjection, BoardProjection). */
export function projectionRecords(docName: string, localityId: string, rows: BoardProjectionRows) {
  const projectedAt = new Date();
  return {
    notes: rows.notes.map((r) => ({
      docName,
      localityId,
      noteId: r.noteId,
      text: r.text,
      clusterName: r.clusterName,
      votes: r.votes,
      authorName: r.authorName,
      buildsOn: r.buildsOn,
      noteCreatedAt: new Date(r.createdAt),
      projectedAt,
    })),
    board: { docName, localityId, ...rows.settings, projectedAt },
  };
}
