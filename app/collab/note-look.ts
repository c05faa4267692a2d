/**
 * How a board's notes look — their colours and size — without Yjs, so pages that only place or
 * colour notes (the insights' "send to a board") do not load the document library.
 * app/collab/board.ts re-exports them.
 */
export const NOTE_COLOURS = ["yellow", "pink", "green", "blue", "orange", "purple"] as const;
export type NoteColour = (typeof NOTE_COLOURS)[number];

/** A note's size on the canvas. */
export const NOTE_SIZE = { width: 160, height: 120 } as const;
