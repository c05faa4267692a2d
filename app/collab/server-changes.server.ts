import type * as Y from "yjs";

/** Something that can apply a server-originated change to a stored document, durably. */
export type ServerChangeApplier = (docName: string, change: (doc: Y.Doc) => void) => Promise<void>;

const holder = globalThis as unknown as { __coproduceCollabApplier?: ServerChangeApplier };

/** server.ts registers the in-process collab server here at start. */
export function registerServerChangeApplier(applier: ServerChangeApplier): void {
  holder.__coproduceCollabApplier = applier;
}

/**
 * The one API for server-side edits (e.g. an approved phone idea appearing on a board): the
 * change is stored, then applied and broadcast to everyone connected, like a client's edit.
 */
export async function applyServerChange(docName: string, change: (doc: Y.Doc) => void): Promise<void> {
  const applier = holder.__coproduceCollabApplier;
  if (!applier) throw new Error("The collaboration server is not running in this process");
  await applier(docName, change);
}
