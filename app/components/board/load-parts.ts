/**
 * The board's code, loaded in the browser only, in parts: the board itself (Yjs, the connection)
 * and each of its two views (the canvas brings @dnd-kit). The board's page decides which view
 * this device shows first and asks for the board and for that view's code together, once it has
 * hydrated, rather than for the view only after the board's code has arrived and rendered; the
 * other view's code is still fetched only if it is chosen.
 */
export type ViewName = "outline" | "canvas";

export const loadBoardApp = () => import("./board-app");

/** The view this device shows first: the one it last chose, else the canvas on wide screens and the outline on narrow ones. */
export function initialView(): ViewName {
  let saved: string | null = null;
  try {
    saved = window.localStorage.getItem("board-view");
  } catch {
    // storage blocked: decide by the screen
  }
  return saved === "canvas" || saved === "outline" ? saved : window.matchMedia("(min-width: 700px)").matches ? "canvas" : "outline";
}

/** Starts fetching the board's code and that of `view` (a failed fetch is tried again when the part renders). */
export function preloadBoard(view: ViewName) {
  const quiet = () => undefined;
  loadBoardApp().catch(quiet);
  (view === "canvas" ? import("./canvas") : import("./outline")).catch(quiet);
}
