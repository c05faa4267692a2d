/**
 * The locality's common purpose (Stage 1): one shared document of kind "purpose" holds the
 * purpose statement and the group agreements; a facilitator marks one of its named versions
 * as the agreed purpose; members endorse that version. When a newer version is agreed, the
 * count starts again and earlier endorsers are asked to endorse the new text (their earlier
 * endorsements stay, as history). Pure: the data layer reads rows and calls these functions.
 */
import { z } from "zod";
import type { RichBlock, RichInline, RichTextInput } from "~/collab/rich-text";

/** How many characters of the agreed purpose the locality home shows. */
export const PURPOSE_EXCERPT_LENGTH = 300;

const id = z
  .string({ required_error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "purpose.errors.version");

/** "Mark this version as the agreed purpose": which named version. */
export const agreeInput = z.object({ versionId: id });

/** "Endorse": the version the person read (it must still be the agreed one). */
export const endorseInput = z.object({ versionId: id });

export type EndorsementRow = { userId: string; userName: string; versionId: string; createdAt: Date | string };

/** Where one person stands with the agreed purpose. */
export type MyEndorsement =
  /** Nothing has been agreed yet: there is nothing to endorse. */
  | { state: "nothing-agreed" }
  /** They endorsed the agreed version (at). */
  | { state: "endorsed"; at: string }
  /** They endorsed only an earlier version (most recently at): the purpose changed since. */
  | { state: "changed"; earlierAt: string }
  /** They have not endorsed any version. */
  | { state: "not-endorsed" };

function iso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

function time(value: Date | string): number {
  return (value instanceof Date ? value : new Date(value)).getTime();
}

/** One person's endorsement state, given the agreed version and that person's endorsements (any versions). */
export function endorsementFor(agreedVersionId: string | null, mine: Array<Pick<EndorsementRow, "versionId" | "createdAt">>): MyEndorsement {
  if (!agreedVersionId) return { state: "nothing-agreed" };
  const current = mine.find((e) => e.versionId === agreedVersionId);
  if (current) return { state: "endorsed", at: iso(current.createdAt) };
  const earlier = [...mine].sort((a, b) => time(b.createdAt) - time(a.createdAt))[0];
  return earlier ? { state: "changed", earlierAt: iso(earlier.createdAt) } : { state: "not-endorsed" };
}

export type Endorser = { userId: string; name: string; at: string };
export type EarlierEndorser = Endorser & { versionId: string };

/**
 * The endorsements of a locality as the purpose page lists them: who endorsed the agreed
 * version (oldest first), and who endorsed only an earlier version (their latest such
 * endorsement, newest first). With nothing agreed, everyone who ever endorsed is "earlier".
 */
export function summariseEndorsements(agreedVersionId: string | null, rows: EndorsementRow[]): { current: Endorser[]; earlier: EarlierEndorser[] } {
  const current = rows
    .filter((r) => agreedVersionId !== null && r.versionId === agreedVersionId)
    .sort((a, b) => time(a.createdAt) - time(b.createdAt) || a.userName.localeCompare(b.userName))
    .map((r) => ({ userId: r.userId, name: r.userName, at: iso(r.createdAt) }));
  const endorsedNow = new Set(current.map((c) => c.userId));
  const latestEarlier = new Map<string, EndorsementRow>();
  for (const r of rows) {
    if (endorsedNow.has(r.userId) || r.versionId === agreedVersionId) continue;
    const seen = latestEarlier.get(r.userId);
    if (!seen || time(r.createdAt) > time(seen.createdAt)) latestEarlier.set(r.userId, r);
  }
  const earlier = [...latestEarlier.values()]
    .sort((a, b) => time(b.createdAt) - time(a.createdAt) || a.userName.localeCompare(b.userName))
    .map((r) => ({ userId: r.userId, name: r.userName, at: iso(r.createdAt), versionId: r.versionId }));
  return { current, earlier };
}

function inlineText(content: RichInline[]): string {
  return content.map((c) => (c.type === "text" ? c.text : " ")).join("");
}

/**
 * The words of a purpose for a summary: its paragraphs, quotes and list items in order,
 * without its headings ("Our purpose" says nothing on the home page), one block per line.
 */
export function summaryText(blocks: RichBlock[], depth = 0): string {
  if (depth > 32) return "";
  const lines: string[] = [];
  for (const b of blocks) {
    if (b.type === "paragraph") lines.push(inlineText(b.content));
    else if (b.type === "codeBlock") lines.push(b.text);
    else if (b.type === "blockquote") lines.push(summaryText(b.content, depth + 1));
    else if (b.type === "bulletList" || b.type === "orderedList") for (const item of b.items) lines.push(summaryText(item, depth + 1));
  }
  return lines
    .map((l) => l.trim())
    .filter(Boolean)
    .join("\n");
}

/**
 * The start of a text for a summary: whitespace runs collapsed (one line per block becomes
 * " "), cut at a word boundary before `max` characters, with "…" when anything was cut.
 */
export function excerpt(text: string, max = PURPOSE_EXCERPT_LENGTH): { text: string; truncated: boolean } {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return { text: flat, truncated: false };
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  const head = (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.\-–—]+$/u, "");
  return { text: `${head}…`, truncated: true };
}

/** The starter text of a new purpose document: headings and prompts in the starter's language. */
export function purposeStarter(t: (key: string) => string): RichTextInput[] {
  return [
    { type: "heading", level: 2, text: t("purpose.starter.purposeHeading") },
    { type: "paragraph", text: t("purpose.starter.purposePrompt") },
    { type: "heading", level: 2, text: t("purpose.starter.agreementsHeading") },
    { type: "bulletList", items: [t("purpose.starter.agreement1"), t("purpose.starter.agreement2"), t("purpose.starter.agreement3")] },
  ];
}
