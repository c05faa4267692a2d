/**
 * Board notes made from excerpts (a note whose `link` is `{ type: "excerpt", id }`). Their text is
 * a redacted quote, and members and viewers read boards, so when a story changes the notes must
 * follow: when it is withdrawn they go; when an identifier is marked they are redacted again.
 * Each board changed is compacted afterwards, so the old text leaves its stored history too.
 */
import type * as Y from "yjs";
import { applyServerChange, compactDocument, readDocumentState } from "~/collab/backend.server";
import { listNotes, removeNote, setNoteText, type Note } from "~/collab/board";
import { boardDocName } from "~/collab/names";
import { docFromState } from "~/collab/rich-text";
import type { Db } from "~/data/db.server";
import { redactForReaders, storyIdentifiers } from "~/use-cases/read-story.server";
import { excerptIdsOf } from "~/data/stories.server";
import { listBoardIds } from "~/data/boards.server";

/**
 * Calls `change` for every note linked to one of these excerpts, on every board of the locality
 * (archived ones too), inside one server change per board; `change` says whether it changed the
 * note. Returns how many notes were changed.
 */
async function changeExcerptNotes(db: Db, localityId: string, excerptIds: readonly string[], change: (doc: Y.Doc, note: Note) => boolean): Promise<number> {
  if (excerptIds.length === 0) return 0;
  const ids = new Set(excerptIds);
  const linked = (note: Note) => note.link?.type === "excerpt" && ids.has(note.link.id);
  const boards = await listBoardIds(db, localityId);
  let changed = 0;
  for (const board of boards) {
    const docName = boardDocName(localityId, board.id);
    const stored = docFromState(await readDocumentState(docName));
    const any = listNotes(stored).some(linked);
    stored.destroy();
    if (!any) continue;
    let here = 0;
    await applyServerChange(docName, (live) => {
      // Read again inside the change: a note added a moment ago is found too.
      for (const note of listNotes(live)) if (linked(note) && change(live, note)) here++;
    });
    if (here > 0) await compactDocument(docName);
    changed += here;
  }
  return changed;
}

/** Removes the notes made from these excerpts from every board of the locality; returns how many went. */
export function removeExcerptNotes(db: Db, localityId: string, excerptIds: readonly string[]): Promise<number> {
  return changeExcerptNotes(db, localityId, excerptIds, (doc, note) => {
    removeNote(doc, note.id);
    return true;
  });
}

/**
 * Redacts again, with the story's identifiers as they are now, every note made from one of its
 * excerpts (what people wrote on the note since is kept; only identifiers are replaced).
 * Placeholders are written in `language`. Returns how many notes changed.
 */
export async function redactExcerptNotes(db: Db, story: { id: string; localityId: string }, language: string): Promise<number> {
  const [excerpts, identifiers] = await Promise.all([excerptIdsOf(db, story.id), storyIdentifiers(db, story.id)]);
  return changeExcerptNotes(
    db,
    story.localityId,
    excerpts.map((e) => e.id),
    (doc, note) => {
      const redacted = redactForReaders(note.text, identifiers, language);
      if (redacted === note.text) return false;
      setNoteText(doc, note.id, redacted);
      return true;
    },
  );
}
