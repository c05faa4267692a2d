import * as Y from "yjs";
import type { BoardActor } from "../../app/collab/board-rules";
import { boardRootsOf, type CheckedKind, checkBoardChanges } from "../../app/collab/board-update-check";
import { newPart, overlapProblem } from "../protocol/overlap";
import { hasMissingDependencies } from "./missing-dependencies";

/** Origin of the changes the gate applies to its copy (never the room's own document). */
const CHECKED = Symbol("checked");

/** `check`'s answer for an update that refers to changes the server does not have yet. */
export const WAIT = Symbol("wait");

/** What `check` decides: store `accept` (the update, cut to what is new), refuse it and why, or WAIT. */
export type Verdict = { accept: Uint8Array } | { refused: string } | typeof WAIT;

/**
 * The gate every update to a board (or a draft of one) passes before it is stored. Two copies of
 * the document as it will be once everything accepted so far is stored: the update is applied to
 * `after`, Yjs says which parts changed, and the board's rules (app/collab/board-rules.ts) decide
 * from `before` and `after`. An accepted update is then applied to `before` too; a refused one
 * (it breaks a rule, or it would not integrate whole: it depends on changes the server does not
 * have) is refused whole — nothing stored, nothing sent — and `after` is rebuilt from `before`.
 *
 * Before the rules, two checks for updates no honest client sends (collab-server/protocol/overlap.ts):
 * an item that repeats stored clocks and goes on past them somewhere Yjs would not put it is
 * refused; an update that repeats stored clocks is cut to its new part, which is what is stored
 * and sent, so the stored log loads as the document the clients have.
 *
 * The copies are made on the first update a person sends, so rooms only read (or idle) cost
 * nothing extra. Everything that reaches the room by other ways (the server's own changes, other
 * instances' updates, a catch-up from the store) is applied to both (`follow`).
 */
export class UpdateGate {
  private before: Y.Doc | null = null;
  private copy: Y.Doc | null = null;
  private changed: Map<Y.AbstractType<unknown>, Set<string | null>> | null = null;
  private readonly onTransaction = (tx: Y.Transaction) => {
    if (tx.origin === CHECKED) this.changed = tx.changed as Map<Y.AbstractType<unknown>, Set<string | null>>;
  };

  constructor(
    /** Whose rules apply: a board's, a draft's, or none (a rich-text document: only that it integrates). */
    private readonly kind: CheckedKind | null,
    /** The stored document, and the updates accepted but not yet stored (oldest first). */
    private readonly source: { doc: Y.Doc; waiting(): Iterable<Uint8Array> },
  ) {}

  /**
   * Whether the update may be stored (and in what form), must WAIT for changes not here yet (hold
   * it back until the rest arrives), or is refused. The copies are left as they were unless the
   * update is accepted.
   */
  check(update: Uint8Array, actor: BoardActor): Verdict {
    const { before, after } = this.ensureCopies();
    if (hasMissingDependencies(before, update)) return WAIT;
    const overlap = overlapProblem(before, update);
    if (overlap) return { refused: overlap };
    let part: Uint8Array;
    try {
      part = newPart(before, update);
    } catch {
      return { refused: "malformed update" };
    }
    // Waiting parts the copy already had came from elsewhere (another instance, ahead of a gap);
    // only this update's own are held against it.
    const hadPending = Boolean(after.store.pendingStructs || after.store.pendingDs);
    this.changed = null;
    try {
      Y.applyUpdate(after, part, CHECKED);
    } catch {
      this.refused();
      return { refused: "malformed update" };
    }
    if (!hadPending && (after.store.pendingStructs || after.store.pendingDs)) {
      this.refused();
      return { refused: "the update does not integrate" };
    }
    const changed = this.changed as Map<Y.AbstractType<unknown>, Set<string | null>> | null;
    this.changed = null;
    const verdict = this.kind && changed && changed.size ? checkBoardChanges(this.kind, before, after, changed, actor) : null;
    if (verdict) {
      this.refused();
      return { refused: verdict };
    }
    Y.applyUpdate(before, part, "follow");
    return { accept: part };
  }

  /** An update that reaches the room without passing `check` (already stored elsewhere, or the server's). */
  follow(update: Uint8Array): void {
    if (!this.before || !this.copy) return;
    try {
      Y.applyUpdate(this.before, update, "follow");
      Y.applyUpdate(this.copy, update, "follow");
    } catch {
      this.reset();
    }
  }

  /** Forgets both copies (they are rebuilt at the next check): after a failed store. */
  reset(): void {
    this.dropAfter();
    this.before?.destroy();
    this.before = null;
  }

  /** After a refusal: `after` holds the refused change; rebuild it from `before`. */
  private refused(): void {
    this.dropAfter();
  }

  private dropAfter(): void {
    if (!this.copy) return;
    this.copy.off("afterTransaction", this.onTransaction);
    this.copy.destroy();
    this.copy = null;
  }

  /**
   * An empty copy whose known parts are typed (maps) before anything integrates, so Yjs reports
   * changes on the types the rules read; a part the shape does not know stays untyped, and refused.
   */
  private newCopy(): Y.Doc {
    const doc = new Y.Doc({ gc: true });
    if (this.kind) for (const root of boardRootsOf(this.kind)) doc.getMap(root);
    return doc;
  }

  private ensureCopies(): { before: Y.Doc; after: Y.Doc } {
    if (!this.before) {
      const before = this.newCopy();
      Y.applyUpdate(before, Y.encodeStateAsUpdate(this.source.doc), "follow");
      for (const update of this.source.waiting()) Y.applyUpdate(before, update, "follow");
      this.before = before;
    }
    if (!this.copy) {
      const after = this.newCopy();
      Y.applyUpdate(after, Y.encodeStateAsUpdate(this.before), "follow");
      after.on("afterTransaction", this.onTransaction);
      this.copy = after;
    }
    return { before: this.before, after: this.copy };
  }
}
