/**
 * The shared rich-text document's shape — the only module that knows how its Yjs structure is
 * named and laid out. The browser editor (Tiptap + Collaboration), the version views and the
 * projections all read and write rich text through it.
 *
 *   body: Y.XmlFragment   Tiptap/ProseMirror nodes as Y.XmlElement (nodeName = node type:
 *                         paragraph, heading {level}, bulletList, orderedList, listItem,
 *                         blockquote, hardBreak, horizontalRule, codeBlock), text as
 *                         Y.XmlText whose formatting attributes are the marks (bold, italic,
 *                         strike, code, underline, link {href}).
 *
 * Everything read from a stored document is treated as untrusted: element names outside the
 * list above are flattened to their text, and link targets are kept only for http, https and
 * mailto. Rendering is done by React from the typed tree below (never as raw HTML).
 */
import * as Y from "yjs";
import { CONTENT_LIMITS } from "./limits";

/** The name of the Y.XmlFragment that holds a shared document's body. */
export const RICH_TEXT_FIELD = "body";

/** Heading levels offered in documents (the page's own title is the h1). */
export const HEADING_LEVELS = [2, 3] as const;
export type HeadingLevel = (typeof HEADING_LEVELS)[number];

/** Schemes a link may use. Everything else (javascript:, data:, vbscript:, file:, …) is refused. */
export const LINK_PROTOCOLS = ["http", "https", "mailto"] as const;

export function richTextFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(RICH_TEXT_FIELD);
}

// ---- links ---------------------------------------------------------------------------------

/** Characters that are invisible or that browsers drop from URLs (controls, tabs, newlines, zero-width, bidi controls). */
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
// eslint-disable-next-line no-control-regex
const HIDDEN_ALL = /[\u0000-\u0020\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * An href as a browser would read its scheme: the URL standard strips leading and trailing
 * controls and spaces and removes tabs and newlines anywhere, so "java\tscript:" and
 * " javascript:" are javascript: URLs. We also drop invisible format characters.
 */
export function normaliseHref(href: string): string {
  return href.replace(HIDDEN_ALL, "");
}

/**
 * Whether an href may be stored or rendered: an absolute http(s) URL with a host, or a
 * mailto: address. Relative and protocol-relative URLs, every other scheme, and hrefs with
 * hidden characters (which could disguise a scheme) are refused.
 */
export function isSafeHref(href: unknown): boolean {
  if (typeof href !== "string" || href.length === 0 || href.length > 2048) return false;
  const value = href.trim();
  if (HIDDEN.test(value)) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (!scheme || !(LINK_PROTOCOLS as readonly string[]).includes(scheme)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const protocol = url.protocol.slice(0, -1);
  if (!(LINK_PROTOCOLS as readonly string[]).includes(protocol)) return false;
  if (protocol === "mailto") return /^mailto:[^@\s]+@[^@\s]+/i.test(value) || url.search.length > 1;
  return url.hostname.length > 0 && /^https?:\/\/[^/\\]/i.test(value);
}

/**
 * What a person typed in the link field, as an href: "example.org/x" becomes
 * "https://example.org/x", "name@example.org" becomes a mailto: link. Null when unsafe.
 */
export function hrefFromInput(input: string): string | null {
  const value = input.trim();
  if (!value) return null;
  if (isSafeHref(value)) return value;
  if (/^[a-z][a-z0-9+.-]*:/i.test(normaliseHref(value))) return null; // some other scheme
  if (/^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/.test(value)) return isSafeHref(`mailto:${value}`) ? `mailto:${value}` : null;
  const guess = `https://${value.replace(/^\/+/, "")}`;
  return isSafeHref(guess) && /^https:\/\/[^/?#]+\.[^/?#]+/.test(guess) ? guess : null;
}

// ---- reading a stored document ---------------------------------------------------------------

export type RichMark = "bold" | "italic" | "strike" | "code" | "underline";
const MARKS: readonly RichMark[] = ["bold", "italic", "strike", "code", "underline"];

export type RichInline = { type: "text"; text: string; marks: RichMark[]; href: string | null } | { type: "hardBreak" };

export type RichBlock =
  | { type: "paragraph"; content: RichInline[] }
  | { type: "heading"; level: HeadingLevel; content: RichInline[] }
  | { type: "blockquote"; content: RichBlock[] }
  | { type: "bulletList" | "orderedList"; items: RichBlock[][] }
  | { type: "codeBlock"; text: string }
  | { type: "horizontalRule" };

type YNode = Y.XmlElement | Y.XmlText | Y.XmlHook;

/** The mark name behind a formatting attribute (y-tiptap hashes overlapping marks: "name--hash"). */
function markName(key: string): string {
  return key.replace(/--[a-zA-Z0-9+/=]{8}$/, "");
}

function inlineOf(text: Y.XmlText): RichInline[] {
  const out: RichInline[] = [];
  for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
    if (typeof op.insert !== "string") continue;
    const marks: RichMark[] = [];
    let href: string | null = null;
    for (const [key, value] of Object.entries(op.attributes ?? {})) {
      const name = markName(key);
      if ((MARKS as readonly string[]).includes(name) && !marks.includes(name as RichMark)) marks.push(name as RichMark);
      if (name === "link" && value && typeof value === "object") {
        const candidate = (value as { href?: unknown }).href;
        if (typeof candidate === "string" && isSafeHref(candidate)) href = candidate.trim();
      }
    }
    out.push({ type: "text", text: op.insert, marks, href });
  }
  return out;
}

/** Inline content of a textblock: its text runs and hard breaks; anything else flattens to text. */
function inlineChildren(el: Y.XmlElement | Y.XmlFragment): RichInline[] {
  const out: RichInline[] = [];
  for (const child of el.toArray() as YNode[]) {
    if (child instanceof Y.XmlText) out.push(...inlineOf(child));
    else if (child instanceof Y.XmlElement) {
      if (child.nodeName === "hardBreak") out.push({ type: "hardBreak" });
      else out.push(...inlineChildren(child));
    }
  }
  return out;
}

function textOfInline(content: RichInline[]): string {
  return content.map((c) => (c.type === "text" ? c.text : "\n")).join("");
}

function blocksOf(parent: Y.XmlElement | Y.XmlFragment, depth = 0): RichBlock[] {
  const out: RichBlock[] = [];
  // Depth bound: a hostile document cannot make rendering recurse without end.
  if (depth > 32) return out;
  for (const child of parent.toArray() as YNode[]) {
    if (child instanceof Y.XmlText) {
      out.push({ type: "paragraph", content: inlineOf(child) });
      continue;
    }
    if (!(child instanceof Y.XmlElement)) continue;
    switch (child.nodeName) {
      case "paragraph":
        out.push({ type: "paragraph", content: inlineChildren(child) });
        break;
      case "heading": {
        const raw = Number(child.getAttribute("level"));
        const level: HeadingLevel = raw >= 3 ? 3 : 2;
        out.push({ type: "heading", level, content: inlineChildren(child) });
        break;
      }
      case "blockquote":
        out.push({ type: "blockquote", content: blocksOf(child, depth + 1) });
        break;
      case "bulletList":
      case "orderedList": {
        const items = (child.toArray() as YNode[]).map((item) => (item instanceof Y.XmlElement ? blocksOf(item, depth + 1) : []));
        out.push({ type: child.nodeName, items });
        break;
      }
      case "codeBlock":
        out.push({ type: "codeBlock", text: textOfInline(inlineChildren(child)) });
        break;
      case "horizontalRule":
        out.push({ type: "horizontalRule" });
        break;
      case "listItem":
        out.push(...blocksOf(child, depth + 1));
        break;
      default: {
        // Unknown element: keep its words, drop its meaning.
        const inner = blocksOf(child, depth + 1);
        if (inner.length) out.push(...inner);
        else out.push({ type: "paragraph", content: inlineChildren(child) });
      }
    }
  }
  return out;
}

/** A shared document's body as a typed tree (untrusted content made safe to render). */
export function readRichText(doc: Y.Doc): RichBlock[] {
  return blocksOf(richTextFragment(doc));
}

function blockText(block: RichBlock): string[] {
  switch (block.type) {
    case "paragraph":
    case "heading":
      return [textOfInline(block.content)];
    case "codeBlock":
      return [block.text];
    case "horizontalRule":
      return [];
    case "blockquote":
      return block.content.flatMap(blockText);
    case "bulletList":
    case "orderedList":
      return block.items.flatMap((item) => item.flatMap(blockText));
  }
}

/** The body as plain text, one line per block (for search, exports and summaries). */
export function plainText(doc: Y.Doc): string {
  return readRichText(doc).flatMap(blockText).join("\n");
}

/** The document's headings in order (an outline for navigation and projections). */
export function headings(doc: Y.Doc): Array<{ level: HeadingLevel; text: string }> {
  const out: Array<{ level: HeadingLevel; text: string }> = [];
  const walk = (blocks: RichBlock[]) => {
    for (const b of blocks) {
      if (b.type === "heading") out.push({ level: b.level, text: textOfInline(b.content) });
      else if (b.type === "blockquote") walk(b.content);
      else if (b.type === "bulletList" || b.type === "orderedList") b.items.forEach(walk);
    }
  };
  walk(readRichText(doc));
  return out;
}

/** Decodes a stored document state (one merged update) into a fresh Y.Doc. */
export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

// ---- versions ----------------------------------------------------------------------------------

/**
 * Restores a version: replaces the live body's content with a copy of the version's body, in
 * one transaction. It is a new change on top of the live history (nothing is rewound, so
 * every earlier state can still be saved or restored), and every open editor receives it.
 * Returns whether anything changed.
 */
export function restoreRichText(live: Y.Doc, versionState: Uint8Array): boolean {
  const version = docFromState(versionState);
  try {
    const source = richTextFragment(version);
    const target = richTextFragment(live);
    const copies = (source.toArray() as YNode[]).map((n) => n.clone());
    let changed = false;
    live.transact(() => {
      if (target.length > 0) {
        target.delete(0, target.length);
        changed = true;
      }
      if (copies.length > 0) {
        target.insert(0, copies as Array<Y.XmlElement | Y.XmlText>);
        changed = true;
      }
    });
    return changed;
  } finally {
    version.destroy();
  }
}

/** The name of the automatic version saved before a restore, within the version-name limit. */
export function beforeRestoreName(template: (name: string) => string, versionName: string, maxLength: number): string {
  const full = template(versionName);
  if (full.length <= maxLength) return full;
  const overflow = full.length - maxLength + 1;
  return template(`${versionName.slice(0, Math.max(1, versionName.length - overflow))}…`).slice(0, maxLength);
}

// ---- comments ----------------------------------------------------------------------------------

/**
 *   comments: Y.Map<commentId, Y.Map>   text, authorId, authorName, createdAt, resolved
 *
 * A comment is anchored by the mark "comment" {commentId} on the text it is about (so the
 * anchor moves with edits, like the text). Resolving removes the anchor and keeps the comment.
 */
export const COMMENTS_FIELD = "comments";

export type DocumentComment = { id: string; text: string; authorId: string | null; authorName: string | null; createdAt: number; resolved: boolean };

export function commentsOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(COMMENTS_FIELD);
}

export function addComment(doc: Y.Doc, input: { id: string; text: string; authorId: string | null; authorName: string | null; now?: number }): void {
  const text = input.text.trim().slice(0, CONTENT_LIMITS.commentText);
  if (!text || !/^[A-Za-z0-9_-]{1,64}$/.test(input.id)) throw new Error("invalid comment");
  doc.transact(() => {
    const comment = new Y.Map<unknown>();
    comment.set("text", text);
    comment.set("authorId", input.authorId);
    comment.set("authorName", input.authorName);
    comment.set("createdAt", input.now ?? Date.now());
    comment.set("resolved", false);
    commentsOf(doc).set(input.id, comment);
  });
}

export function setCommentResolved(doc: Y.Doc, id: string, resolved: boolean): boolean {
  const comment = commentsOf(doc).get(id);
  if (!(comment instanceof Y.Map)) return false;
  comment.set("resolved", resolved);
  return true;
}

/** Rewrites a comment's author name (a person's erasure; only the server does this). */
export function setCommentAuthorName(doc: Y.Doc, id: string, authorName: string | null): boolean {
  const comment = commentsOf(doc).get(id);
  if (!(comment instanceof Y.Map)) return false;
  comment.set("authorName", authorName);
  return true;
}

/** The comments, oldest first; whatever a client stored is read defensively. */
export function listComments(doc: Y.Doc): DocumentComment[] {
  const out: DocumentComment[] = [];
  for (const [id, value] of commentsOf(doc).entries()) {
    if (!(value instanceof Y.Map)) continue;
    const text = value.get("text");
    const authorId = value.get("authorId");
    const authorName = value.get("authorName");
    const createdAt = value.get("createdAt");
    out.push({
      id,
      text: typeof text === "string" ? text.slice(0, CONTENT_LIMITS.commentText) : "",
      authorId: typeof authorId === "string" ? authorId : null,
      authorName: typeof authorName === "string" ? authorName.slice(0, 100) : null,
      createdAt: typeof createdAt === "number" && Number.isFinite(createdAt) ? createdAt : 0,
      resolved: value.get("resolved") === true,
    });
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** The text each open comment is anchored to, by comment id (from the body's "comment" marks). */
export function commentAnchors(doc: Y.Doc): Map<string, string> {
  const anchors = new Map<string, string>();
  const walk = (node: Y.XmlElement | Y.XmlFragment, depth: number) => {
    if (depth > 32) return;
    for (const child of node.toArray() as YNode[]) {
      if (child instanceof Y.XmlText) {
        for (const op of child.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
          if (typeof op.insert !== "string") continue;
          for (const [key, value] of Object.entries(op.attributes ?? {})) {
            if (markName(key) !== "comment" || !value || typeof value !== "object") continue;
            const id = (value as { commentId?: unknown }).commentId;
            if (typeof id === "string") anchors.set(id, (anchors.get(id) ?? "") + op.insert);
          }
        }
      } else if (child instanceof Y.XmlElement) walk(child, depth + 1);
    }
  };
  walk(richTextFragment(doc), 0);
  return anchors;
}

// ---- writing (server-side edits, demo data) -------------------------------------------------------

/** Plain blocks to write into a body (no marks): what a starter text or demo content needs. */
export type RichTextInput =
  | { type: "heading"; level: HeadingLevel; text: string }
  | { type: "paragraph"; text: string }
  | { type: "bulletList" | "orderedList"; items: string[] };

function paragraphElement(text: string): Y.XmlElement {
  const p = new Y.XmlElement("paragraph");
  if (text) {
    const t = new Y.XmlText();
    t.insert(0, text);
    p.insert(0, [t]);
  }
  return p;
}

function elementOf(block: RichTextInput): Y.XmlElement {
  switch (block.type) {
    case "paragraph":
      return paragraphElement(block.text);
    case "heading": {
      const h = new Y.XmlElement("heading");
      // The editor stores node attributes as they are: the level is a number.
      h.setAttribute("level", block.level as unknown as string);
      if (block.text) {
        const t = new Y.XmlText();
        t.insert(0, block.text);
        h.insert(0, [t]);
      }
      return h;
    }
    case "bulletList":
    case "orderedList": {
      const list = new Y.XmlElement(block.type);
      if (block.type === "orderedList") list.setAttribute("start", 1 as unknown as string);
      list.insert(
        0,
        block.items.map((text) => {
          const item = new Y.XmlElement("listItem");
          item.insert(0, [paragraphElement(text)]);
          return item;
        }),
      );
      return list;
    }
  }
}

/**
 * Appends blocks to a document's body in one transaction, laid out exactly as the editor
 * stores them (so the editor, the version views and the projections read them like typing).
 */
export function appendRichText(doc: Y.Doc, blocks: RichTextInput[]): void {
  if (blocks.length === 0) return;
  const body = richTextFragment(doc);
  doc.transact(() => {
    body.insert(body.length, blocks.map(elementOf));
  });
}
