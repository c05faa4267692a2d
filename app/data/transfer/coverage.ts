/**
 * What the export decides by hand. Everything else follows from the schema's relations
 * (transfer-plan.ts): a model whose foreign keys lead to the organisation is exported with it,
 * and a model its rows point at (User) travels with them. A model that is neither — no relation
 * to the organisation and not listed here — makes the export refuse to run and a test fail.
 */

/** The organisation: the root every exported row hangs from, found by its unique slug. */
export const ROOT_MODEL = "Organisation";
export const ROOT_KEY = "slug";

/** The collaborative documents' storage, exported as one compacted state per document. */
export const COLLAB_LOG_MODEL = "CollabUpdate";
export const COLLAB_SNAPSHOT_MODEL = "CollabSnapshot";
export const DOCUMENT_MODELS: Record<string, string> = {
  [COLLAB_LOG_MODEL]: "the documents' update log: each document is written as its whole state (see collab-documents.server.ts)",
  [COLLAB_SNAPSHOT_MODEL]: "the documents' compacted states: folded into each document's whole state",
};

/**
 * Models that name their locality (or another exported row) in a plain column, with no
 * relation: their rows are exported where that column holds an exported row's id.
 */
export const KEYED_MODELS: Record<string, { field: string; model: string; reason: string }> = {
  BoardNoteProjection: { field: "localityId", model: "Locality", reason: "the boards' read model, rows of the organisation's localities" },
  BoardProjection: { field: "localityId", model: "Locality", reason: "the boards' settings read model, rows of the organisation's localities" },
};

/** Models deliberately left out, and why. */
export const EXCLUDED_MODELS: Record<string, string> = {
  Session: "signed-in browsers of this instance: after a move everyone signs in again (and a copied session would be a credential in the file)",
  FormSubmission: "a one-day guard against double submits, tied to no organisation",
};
