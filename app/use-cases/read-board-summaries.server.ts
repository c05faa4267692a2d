/**
 * What the idea pages need of challenge boards — which notes are on each, their dots and what each
 * builds on, whether an open vote hides its results, whether silent brainstorming is on — read
 * from the boards' read model (BoardNoteProjection, BoardProjection) rather than by decoding
 * their documents. The collaboration server refreshes that model about a second after people's
 * edits, and before it answers the app's own changes (an approved idea is on the list the
 * facilitator is sent back to). A board that has never been projected (its document was written
 * straight into the database, or before the settings were projected) is read from its document.
 */
import { readDocumentState } from "~/collab/backend.server";
import { boardDocName } from "~/collab/names";
import { decodeDocument, projectBoard, type BoardSettingsRow } from "~/collab/projection";
import { readBoardProjections } from "~/data/boards.server";
import { getDb } from "~/data/db.server";

export type BoardSummary = {
  /** The notes on the board (drafts of silent brainstorming are not), by id. */
  notes: Map<string, { buildsOn: string | null }>;
  /** Dots per note id. */
  votes: Map<string, number>;
  settings: { voting: { open: boolean; hideResults: boolean }; silent: boolean };
};

type NoteRow = { noteId: string; votes: number; buildsOn: string | null };

function summary(notes: readonly NoteRow[], settings: BoardSettingsRow): BoardSummary {
  return {
    notes: new Map(notes.map((n) => [n.noteId, { buildsOn: n.buildsOn }])),
    votes: new Map(notes.map((n) => [n.noteId, n.votes])),
    settings: { voting: { open: settings.votingOpen, hideResults: settings.hideResults }, silent: settings.silent },
  };
}

async function fromDocument(docName: string): Promise<BoardSummary> {
  const doc = decodeDocument(await readDocumentState(docName));
  try {
    const rows = projectBoard(doc);
    return summary(rows.notes, rows.settings);
  } finally {
    doc.destroy();
  }
}

/** Each board's summary, by board id: two queries for all of them, plus one document read per board never projected. */
export async function readBoardSummaries(localityId: string, boardIds: readonly string[]): Promise<Map<string, BoardSummary>> {
  const names = new Map(boardIds.map((id) => [boardDocName(localityId, id), id]));
  const { notes, boards } = await readBoardProjections(await getDb(), [...names.keys()]);
  const notesOf = new Map<string, NoteRow[]>();
  for (const n of notes) {
    const list = notesOf.get(n.docName);
    if (list) list.push(n);
    else notesOf.set(n.docName, [n]);
  }
  const projected = new Map(boards.map((b) => [b.docName, b]));
  const out = new Map<string, BoardSummary>();
  await Promise.all(
    [...names].map(async ([docName, boardId]) => {
      const settings = projected.get(docName);
      out.set(boardId, settings ? summary(notesOf.get(docName) ?? [], settings) : await fromDocument(docName));
    }),
  );
  return out;
}
