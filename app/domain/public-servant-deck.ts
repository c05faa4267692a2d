/**
 * The 21st-century public servant deck: the ten themes of the research behind the programme
 * (seed 004: "The 21st Century Public Servant…" is a municipal entrepreneur, …) with a challenge
 * question each, as cards. The words live in the locale part servant.en.json / servant.ar.json
 * under `servant.deck.cards.<number>` (title, theme, question); this module says which cards
 * there are, where each card's question comes from, and how a card is drawn onto a board.
 *
 * Provenance of the questions: the research lists all ten themes word for word, but gives only
 * four of its ten challenge questions as examples (recruitment, career development,
 * perma-austerity, reflective practice: cards 3, 4, 6 and 10, copied as the seed has them). The
 * other six questions (cards 1, 2, 5, 7, 8 and 9) were written for this product in the same
 * spirit, one per theme; `question: "written-for-product"` marks them.
 */
import { CONTENT_LIMITS } from "~/collab/limits";

export type DeckCard = {
  /** 1–10, the theme's place in the research's list. */
  number: number;
  /** Where the card's challenge question comes from. */
  question: "research" | "written-for-product";
};

export const PUBLIC_SERVANT_DECK: readonly DeckCard[] = [
  // 1 "is a municipal entrepreneur": question written for the product.
  { number: 1, question: "written-for-product" },
  // 2 "shared humanity and pooled expertise": question written for the product.
  { number: 2, question: "written-for-product" },
  // 3 "recruited and rewarded for generic skills": the research's own question.
  { number: 3, question: "research" },
  // 4 "a career fluid across sectors": the research's own question (career development).
  { number: 4, question: "research" },
  // 5 "publicness and commerciality": question written for the product.
  { number: 5, question: "written-for-product" },
  // 6 "perma-austerity": the research's own question.
  { number: 6, question: "research" },
  // 7 "fluid and supportive organisations": question written for the product.
  { number: 7, question: "written-for-product" },
  // 8 "distributed and collaborative leading": question written for the product.
  { number: 8, question: "written-for-product" },
  // 9 "rooted in a locality": question written for the product.
  { number: 9, question: "written-for-product" },
  // 10 "reflects on practice": the research's own question (appraisal, mentoring, peer support).
  { number: 10, question: "research" },
];

export const DECK_SIZE = PUBLIC_SERVANT_DECK.length;

/** Whether a value is a card's number (1–10). */
export function isCardNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= DECK_SIZE;
}

/** The string keys of a card's words in the locale part. */
export function cardKeys(number: number) {
  return {
    title: `servant.deck.cards.${number}.title`,
    theme: `servant.deck.cards.${number}.theme`,
    question: `servant.deck.cards.${number}.question`,
  } as const;
}

const NOTE_PREFIX = "deck-card-";

/** The id a drawn card's note has on a board (derived: a card is on a board once at most). */
export function deckNoteId(number: number): string {
  return `${NOTE_PREFIX}${number}`;
}

/** The card a note is, from its id (null for any other note). */
export function cardOfNoteId(noteId: string): number | null {
  if (!noteId.startsWith(NOTE_PREFIX)) return null;
  const rest = noteId.slice(NOTE_PREFIX.length);
  if (!/^[0-9]{1,2}$/.test(rest)) return null;
  const number = Number(rest);
  return isCardNumber(number) ? number : null;
}

/** The cards already on a board, from its notes' ids. */
export function cardsOnBoard(noteIds: Iterable<string>): Set<number> {
  const drawn = new Set<number>();
  for (const id of noteIds) {
    const card = cardOfNoteId(id);
    if (card !== null) drawn.add(card);
  }
  return drawn;
}

/**
 * One card not drawn yet, at random (`random` returns [0, 1) like Math.random); null when all
 * ten are drawn.
 */
export function pickCard(drawn: ReadonlySet<number>, random: () => number = Math.random): number | null {
  const left = PUBLIC_SERVANT_DECK.map((c) => c.number).filter((n) => !drawn.has(n));
  if (left.length === 0) return null;
  const r = random();
  const index = Math.min(left.length - 1, Math.max(0, Math.floor((Number.isFinite(r) ? r : 0) * left.length)));
  return left[index]!;
}

/** A drawn card's note: its title line, then its question, within a note's length. */
export function deckNoteText(title: string, question: string): string {
  return `${title.trim()}\n${question.trim()}`.slice(0, CONTENT_LIMITS.noteText);
}
