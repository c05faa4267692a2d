/**
 * The golden thread of an organisation (issue 21): purpose → vision → priorities → priority
 * outcomes (each with its measures), with design principles and big moves. Pure rules: the kinds,
 * their parents, the limits, what a form may say, and what changed between two versions.
 */
import { z } from "zod";

/** The thread page's forms (organisation facilitators). Here, not in a .server module: the page reads it in the browser too. */
export const THREAD_INTENTS = ["add", "edit", "move", "archive", "restore", "delete"] as const;
export type ThreadIntent = (typeof THREAD_INTENTS)[number];

export const THREAD_KINDS = ["purpose", "vision", "priority", "outcome", "outcome_measure", "principle", "big_move"] as const;
export type ThreadKind = (typeof THREAD_KINDS)[number];

/** Kinds of which an organisation has one at most. */
export const SINGLE_KINDS: readonly ThreadKind[] = ["purpose", "vision"];
/** The kind an item's parent must be (none: a top-level item). */
export const PARENT_KIND: Partial<Record<ThreadKind, ThreadKind>> = { outcome: "priority", outcome_measure: "outcome" };
/** Kinds a prototype, a challenge or a measure can be linked to. */
export const LINKABLE_KINDS = ["outcome", "principle"] as const;
export type LinkableKind = (typeof LINKABLE_KINDS)[number];

/** The OECD Observatory of Public Sector Innovation's four portfolio facets. */
export const FACETS = ["enhancement-oriented", "mission-oriented", "adaptive", "anticipatory"] as const;
export type Facet = (typeof FACETS)[number];
export function isFacet(x: unknown): x is Facet {
  return typeof x === "string" && (FACETS as readonly string[]).includes(x);
}

export const THREAD_LIMITS = { title: 300, body: 4000, reviewNote: 200, items: 400 } as const;

export function isThreadKind(x: unknown): x is ThreadKind {
  return typeof x === "string" && (THREAD_KINDS as readonly string[]).includes(x);
}

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("")])
  .optional()
  .transform((v) => v === "on" || v === "true");
const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** What an item's form says (added or edited). Text is kept as typed (trimmed); it is shown escaped. */
export const itemFieldsSchema = z.object({
  title: z
    .string({ required_error: "thread.errors.titleRequired" })
    .trim()
    .min(1, "thread.errors.titleRequired")
    .max(THREAD_LIMITS.title, "thread.errors.titleTooLong"),
  body: z.string().trim().max(THREAD_LIMITS.body, "thread.errors.bodyTooLong").default(""),
  underReview: checkbox,
  reviewNote: z.string().trim().max(THREAD_LIMITS.reviewNote, "thread.errors.noteTooLong").default(""),
  isExample: checkbox,
});
export type ItemFields = z.infer<typeof itemFieldsSchema>;

export const addItemSchema = itemFieldsSchema.extend({
  kind: z.enum(THREAD_KINDS),
  parentId: id.optional().or(z.literal("").transform(() => undefined)),
});
export const editItemSchema = itemFieldsSchema.extend({ itemId: id, revision: z.coerce.number().int().min(1) });
export const itemRefSchema = z.object({ itemId: id, revision: z.coerce.number().int().min(1) });
export const moveSchema = itemRefSchema.extend({ direction: z.enum(["up", "down"]) });

/** The fields a version's snapshot keeps of each item. */
export type SnapshotItem = {
  id: string;
  kind: ThreadKind;
  parentId: string | null;
  position: number;
  title: string;
  body: string;
  underReview: boolean;
  reviewNote: string;
  isExample: boolean;
  archived: boolean;
};

export type ThreadChange = {
  itemId: string;
  kind: ThreadKind;
  change: "added" | "edited" | "archived" | "restored" | "deleted" | "moved" | "review" | "unreview";
  title: string;
  /** The title before an edit that changed it. */
  before?: string;
};

/** What changed from one snapshot to the next (the version history's lines). */
export function diffSnapshots(before: readonly SnapshotItem[], after: readonly SnapshotItem[]): ThreadChange[] {
  const old = new Map(before.map((i) => [i.id, i]));
  const now = new Map(after.map((i) => [i.id, i]));
  const out: ThreadChange[] = [];
  for (const a of after) {
    const b = old.get(a.id);
    if (!b) {
      out.push({ itemId: a.id, kind: a.kind, change: "added", title: a.title });
      continue;
    }
    if (!b.archived && a.archived) out.push({ itemId: a.id, kind: a.kind, change: "archived", title: a.title });
    if (b.archived && !a.archived) out.push({ itemId: a.id, kind: a.kind, change: "restored", title: a.title });
    if (!b.underReview && a.underReview) out.push({ itemId: a.id, kind: a.kind, change: "review", title: a.title });
    if (b.underReview && !a.underReview) out.push({ itemId: a.id, kind: a.kind, change: "unreview", title: a.title });
    if (b.title !== a.title || b.body !== a.body || b.reviewNote !== a.reviewNote || b.isExample !== a.isExample)
      out.push({ itemId: a.id, kind: a.kind, change: "edited", title: a.title, ...(b.title !== a.title ? { before: b.title } : {}) });
    if (b.position !== a.position && b.parentId === a.parentId) out.push({ itemId: a.id, kind: a.kind, change: "moved", title: a.title });
  }
  for (const b of before) if (!now.has(b.id)) out.push({ itemId: b.id, kind: b.kind, change: "deleted", title: b.title });
  // A swap moves two items; say it once, for the one that was asked to move (first in the list is enough).
  const moved = out.filter((c) => c.change === "moved");
  return moved.length > 1 ? out.filter((c) => c.change !== "moved" || c === moved[0]) : out;
}

/**
 * Whether a link shows as made against an earlier version: the thread has moved on since, and the
 * item itself changed after the link was made (a link to an unchanged item is still current).
 */
export function linkIsOlder(link: { versionNumber: number }, item: { changedInVersion: number; archived: boolean }, currentVersion: number): boolean {
  return link.versionNumber < currentVersion && (item.changedInVersion > link.versionNumber || item.archived);
}

export type ThreadRefusal = "otherOrganisation" | "notLinkable" | "archived" | "already" | "stale" | "inUse" | "notFound" | "single" | "badParent" | "tooMany";

/** A link from a prototype, challenge or measure to an outcome or principle, as pages show it. */
export type ThreadLinkView = {
  linkId: string;
  itemId: string;
  itemKind: "outcome" | "principle";
  /** The item's wording now, and when the link was made. */
  title: string;
  titleAtLink: string;
  /** The thread version the link was made against, and the current one. */
  versionNumber: number;
  currentVersion: number;
  /** The item changed (or was archived) after the link was made. */
  older: boolean;
  archived: boolean;
  priorityId: string | null;
  priorityTitle: string | null;
};
