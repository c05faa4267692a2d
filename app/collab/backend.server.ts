import type * as Y from "yjs";

/**
 * What the app asks of the collaboration server. server.ts registers the in-process server,
 * or a client of a standalone one (COLLAB_INTERNAL_URL): routes call the functions below and
 * work the same either way.
 */
export type CollabBackend = {
  /** Applies a server-originated change: stored, then broadcast like a client's edit. Resolves once durable. */
  applyServerChange(docName: string, change: (doc: Y.Doc) => void): Promise<void>;
  /** The document's stored state, as one Yjs update. */
  readDocument(docName: string): Promise<Uint8Array>;
  /**
   * Access to the document changed (a board locked, a member removed): open connections close
   * and fetch a new token, and tokens issued before now are refused.
   */
  reauthorize(docName: string): Promise<void>;
  /** Folds the stored log into one snapshot now, so content deleted from the document is gone from storage too. */
  compact(docName: string): Promise<number>;
  /** Deletes a document for good: connections close everywhere, its stored log and snapshot are deleted. */
  erase(docName: string): Promise<void>;
};

const holder = globalThis as unknown as { __coproduceCollabBackend?: CollabBackend };

export function registerCollabBackend(backend: CollabBackend): void {
  holder.__coproduceCollabBackend = backend;
}

function backend(): CollabBackend {
  const registered = holder.__coproduceCollabBackend;
  if (!registered) throw new Error("No collaboration server is registered in this process");
  return registered;
}

/**
 * The one API for server-side edits (e.g. an approved phone idea appearing on a board): the
 * change is stored, then applied and broadcast to everyone connected, like a client's edit.
 */
export function applyServerChange(docName: string, change: (doc: Y.Doc) => void): Promise<void> {
  return backend().applyServerChange(docName, change);
}

export function readDocumentState(docName: string): Promise<Uint8Array> {
  return backend().readDocument(docName);
}

export function reauthorizeDocument(docName: string): Promise<void> {
  return backend().reauthorize(docName);
}

/**
 * Folds a document's stored log into its snapshot now. After content is deleted (notes from a
 * withdrawn story), this is what removes it from storage as well as from the document.
 */
export async function compactDocument(docName: string): Promise<void> {
  await backend().compact(docName);
}

/** Deletes a document and everything stored for it (a withdrawn story's text). Remove its record first. */
export function eraseDocument(docName: string): Promise<void> {
  return backend().erase(docName);
}
