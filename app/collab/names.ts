/**
 * Kinds of Yjs document a locality holds: a board; a rich-text document (the text of a shared
 * document, the purpose or a story; those records have their own kinds, SHARED_DOCUMENT_KINDS);
 * and a draft — one person's notes for a board during silent brainstorming, which only they
 * receive until the facilitator reveals them.
 */
export const COLLAB_DOCUMENT_KINDS = ["board", "doc", "draft"] as const;
export type CollabDocumentKind = (typeof COLLAB_DOCUMENT_KINDS)[number];

/** Ids in names: what cuid() and our own ids look like (no zod here: browsers import this module). */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A document's name, parsed. A draft's `documentId` is its board's id and `ownerId` whose it is. */
export type DocumentName = { localityId: string; kind: CollabDocumentKind; documentId: string; ownerId?: string };

/**
 * `locality:<id>:board:<id>`, `locality:<id>:doc:<id>` or `locality:<id>:draft:<board id>:<owner>`
 * — a name says what a document belongs to.
 */
export function formatDocumentName(name: DocumentName): string {
  const base = `locality:${name.localityId}:${name.kind}:${name.documentId}`;
  return name.kind === "draft" ? `${base}:${name.ownerId}` : base;
}

/** The name of a board's document. */
export const boardDocName = (localityId: string, boardId: string): string => formatDocumentName({ localityId, kind: "board", documentId: boardId });

/** The name of a rich-text document (a shared document, the purpose, a story's text). */
export const richTextDocName = (localityId: string, documentId: string): string => formatDocumentName({ localityId, kind: "doc", documentId });

/** The name of one person's draft of a board (silent brainstorming). */
export const draftDocName = (localityId: string, boardId: string, ownerId: string): string =>
  formatDocumentName({ localityId, kind: "draft", documentId: boardId, ownerId });

/** Parses a document name; null for anything that is not exactly one of the known shapes. */
export function parseDocumentName(value: unknown): DocumentName | null {
  if (typeof value !== "string" || value.length > 200) return null;
  const parts = value.split(":");
  if (parts[0] !== "locality" || parts.length !== (parts[2] === "draft" ? 5 : 4)) return null;
  const [, localityId, kind, documentId, ownerId] = parts;
  if (!ID.test(localityId!) || !ID.test(documentId!)) return null;
  if (!(COLLAB_DOCUMENT_KINDS as readonly string[]).includes(kind!)) return null;
  if (kind === "draft") return ID.test(ownerId!) ? { localityId: localityId!, kind, documentId: documentId!, ownerId: ownerId! } : null;
  return { localityId: localityId!, kind: kind as CollabDocumentKind, documentId: documentId! };
}
