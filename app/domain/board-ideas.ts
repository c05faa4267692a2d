/**
 * Every note members write on a challenge's board is an idea. This module decides, from the
 * board's notes and the board-sourced idea records, what to change so the records follow the
 * board: create a record for a new note with text, keep a record's text in step with its note,
 * and, when a note leaves the board, delete its record if nobody engaged with it or keep it
 * marked "no longer on the board". Pure: the sync (app/use-cases/sync-challenge-ideas.server.ts)
 * reads and writes.
 */
import { IDEA_NOTE_LINK } from "~/domain/ideas";
import { LIMITS } from "~/domain/limits";
import { guessLanguage, titleFromText } from "~/domain/idea-records";

/** What the sync reads of a note. */
export type BoardNoteFacts = { id: string; text: string; authorId: string | null; link: { type: string; id: string } | null };

/** What the sync reads of an idea record made from this board (noteId set). */
export type BoardIdeaFacts = {
  id: string;
  noteId: string;
  text: string;
  title: string;
  language: string;
  moderation: string;
  translationLanguages: readonly string[];
};

export type BoardIdeaPlan = {
  create: { noteId: string; title: string; text: string; language: string; createdById: string | null }[];
  update: { id: string; noteId: string; title: string; text: string; language: string }[];
  /** The note was placed again as a linked idea note (a restore): point the record at it. */
  relink: { id: string; noteId: string }[];
  /** The note is gone: delete the record if nobody engaged with it, else keep it off the board. */
  gone: { id: string; noteId: string }[];
};

/** Note ids that can be stored (a hostile client could write anything). */
const NOTE_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** Whether a note is a member's idea: not a linked idea note (a phone idea, placed by the server) and has text. */
export function isMemberIdeaNote(note: BoardNoteFacts): boolean {
  return note.link?.type !== IDEA_NOTE_LINK && NOTE_ID.test(note.id) && note.text.trim().length > 0;
}

/** The record's text for a note's text (the note's own limit is the same; trimmed). */
export function ideaTextOf(noteText: string): string {
  return noteText.trim().slice(0, LIMITS.ideaText);
}

export function planBoardIdeaSync(notes: readonly BoardNoteFacts[], ideas: readonly BoardIdeaFacts[], languages: readonly string[]): BoardIdeaPlan {
  const plan: BoardIdeaPlan = { create: [], update: [], relink: [], gone: [] };
  const present = new Map(notes.map((n) => [n.id, n]));
  const byNote = new Map(ideas.map((i) => [i.noteId, i]));
  const linkedNoteOf = new Map(notes.filter((n) => n.link?.type === IDEA_NOTE_LINK).map((n) => [n.link!.id, n.id]));

  for (const note of notes) {
    if (!isMemberIdeaNote(note)) continue;
    const text = ideaTextOf(note.text);
    const idea = byNote.get(note.id);
    if (!idea) {
      plan.create.push({ noteId: note.id, title: titleFromText(text), text, language: guessLanguage(text, languages), createdById: note.authorId });
      continue;
    }
    // Only a published idea follows its note (a hidden or merged one waits for a facilitator).
    if (idea.moderation !== "published" || idea.text === text) continue;
    // A title someone wrote by hand stays; an automatic one follows the text.
    const title = idea.title === titleFromText(idea.text) ? titleFromText(text) : idea.title;
    const guessed = guessLanguage(text, languages);
    // Never make the original's language one a translation is already in.
    const language = idea.translationLanguages.includes(guessed) ? idea.language : guessed;
    plan.update.push({ id: idea.id, noteId: note.id, title, text, language });
  }

  for (const idea of ideas) {
    if (idea.moderation !== "published" || present.has(idea.noteId)) continue;
    const relinked = linkedNoteOf.get(idea.id);
    if (relinked) plan.relink.push({ id: idea.id, noteId: relinked });
    else plan.gone.push({ id: idea.id, noteId: idea.noteId });
  }
  return plan;
}

export function planIsEmpty(plan: BoardIdeaPlan): boolean {
  return plan.create.length + plan.update.length + plan.relink.length + plan.gone.length === 0;
}
