/** Kinds of Yjs document a locality holds: a board, or a rich-text document (the text of a shared document, the purpose or a story; those records have their own kinds, SHARED_DOCUMENT_KINDS). */
export const COLLAB_DOCUMENT_KINDS = ["board", "doc"] as const;
export type CollabDocumentKind = (typeof COLLAB_DOCUMENT_KINDS)[number];

/** Ids in names: what cuid() and our own ids look like (no zod here: browsers import this module). */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export type DocumentName = { localityId: string; kind: CollabDocumentKind; documentId: string };

/** `locality:<id>:board:<id>` or `locality:<id>:doc:<id>` — a name says what a document belongs to. */
export function formatDocumentName(name: DocumentName): string {
  return `locality:${name.localityId}:${name.kind}:${name.documentId}`;
}

/** The name of a board's document. */
export const boardDocName = (localityId: string, boardId: string): string => formatDocumentName({ localityId, kind: "board", documentId: boardId });

/** The name of a rich-text document (a shared document, the purpose, a story's text). */
export const richTextDocName = (localityId: string, documentId: string): string => formatDocumentName({ localityId, kind: "doc", documentId });

/** Parses a document name; null for anything that is not exactly one of the known shapes. */
export function parseDocumentName(value: unknown): DocumentName | null {
  if (typeof value !== "string" || value.length > 200) return null;
  const parts = value.split(":");
  if (parts.length !== 4 || parts[0] !== "locality") return null;
  const [, localityId, kind, documentId] = parts;
  if (!ID.test(localityId!) || !ID.test(documentId!)) return null;
  if (!(COLLAB_DOCUMENT_KINDS as readonly string[]).includes(kind!)) return null;
  return { localityId: localityId!, kind: kind as CollabDocumentKind, documentId: documentId! };
}
