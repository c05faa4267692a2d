/**
 * A story's text from a file: .txt (UTF-8, or Windows-1252 as older Word "Save as text" writes),
 * .md (marked's lexer: headings, paragraphs, lists) or .docx (mammoth, a maintained converter:
 * headings, paragraphs, lists, tables as paragraphs). The bytes are checked, not the name alone:
 * a .docx is a zip ("PK" header) and a text file has no NUL bytes. Out come rich-text blocks
 * for `appendRichText`, or the translation key of what is wrong.
 */
import mammoth from "mammoth";
import { marked, type Token, type Tokens } from "marked";
import type { RichTextInput } from "~/collab/rich-text";
import { LIMITS } from "~/domain/limits";
import { blocksLength, importKindOf, textToBlocks, type ImportKind } from "~/domain/stories";

export type ImportResult = { ok: true; kind: ImportKind; blocks: RichTextInput[] } | { ok: false; error: string };

const E = "stories.import";

/** Whether a form's file field holds a file at all (browsers send an empty part when none was chosen). */
export function chosenFile(value: FormDataEntryValue | null): File | null {
  return value instanceof File && (value.size > 0 || value.name !== "") ? value : null;
}

/** Reads a chosen file as story text. */
export async function readStoryFile(file: File): Promise<ImportResult> {
  if (file.size > LIMITS.storyImportBytes) return { ok: false, error: `${E}.tooLarge` };
  const kind = importKindOf(file.name);
  if (!kind) return { ok: false, error: `${E}.type` };
  if (file.size === 0) return { ok: false, error: `${E}.empty` };
  const bytes = new Uint8Array(await file.arrayBuffer());
  let blocks: RichTextInput[];
  if (kind === "docx") {
    // A .docx is a zip archive: anything else is not a Word document, whatever its name says.
    if (bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) return { ok: false, error: `${E}.notDocx` };
    try {
      const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
      blocks = htmlToBlocks(result.value);
    } catch {
      return { ok: false, error: `${E}.unreadable` };
    }
  } else {
    if (bytes.includes(0)) return { ok: false, error: `${E}.binary` };
    const text = decodeText(bytes);
    blocks = kind === "md" ? markdownToBlocks(text) : textToBlocks(text);
  }
  if (blocks.length === 0) return { ok: false, error: `${E}.empty` };
  if (blocksLength(blocks) > LIMITS.storyText) return { ok: false, error: "stories.validation.textTooLong" };
  return { ok: true, kind, blocks };
}

function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("windows-1252").decode(bytes);
  }
  return text.replace(/^\ufeff/, "");
}

/** One line of text: inner line breaks become spaces (a block is one line of the plain text). */
const line = (text: string) => text.replace(/\s*\n\s*/g, " ").trim();
const level = (depth: number): 2 | 3 => (depth <= 2 ? 2 : 3);

// ---- Markdown ----------------------------------------------------------------------------------

function inlineText(tokens: readonly Token[] | undefined): string {
  if (!tokens) return "";
  return tokens
    .map((t) => {
      if (t.type === "br") return " ";
      if (t.type === "image") return (t as Tokens.Image).text;
      if ("tokens" in t && Array.isArray(t.tokens) && t.tokens.length) return inlineText(t.tokens);
      if (t.type === "html") return (t as Tokens.HTML).text.replace(/<[^>]*>/g, "");
      return "text" in t && typeof t.text === "string" ? t.text : "";
    })
    .join("");
}

function listItems(list: Tokens.List): string[] {
  const out: string[] = [];
  for (const item of list.items) {
    const own = item.tokens.filter((t) => t.type !== "list");
    const text = line(own.map((t) => ("tokens" in t && t.tokens ? inlineText(t.tokens) : "text" in t ? String(t.text) : "")).join(" "));
    if (text) out.push(text);
    // Nested lists join their parent's list: the story editor keeps one level.
    for (const nested of item.tokens) if (nested.type === "list") out.push(...listItems(nested as Tokens.List));
  }
  return out;
}

function markdownBlocks(tokens: readonly Token[]): RichTextInput[] {
  const out: RichTextInput[] = [];
  const paragraph = (text: string) => {
    const l = line(text);
    if (l) out.push({ type: "paragraph", text: l });
  };
  for (const t of tokens) {
    switch (t.type) {
      case "heading": {
        const text = line(inlineText((t as Tokens.Heading).tokens));
        if (text) out.push({ type: "heading", level: level((t as Tokens.Heading).depth), text });
        break;
      }
      case "paragraph":
      case "text":
        paragraph(inlineText((t as Tokens.Paragraph).tokens) || (t as Tokens.Text).text);
        break;
      case "list": {
        const items = listItems(t as Tokens.List);
        if (items.length) out.push({ type: (t as Tokens.List).ordered ? "orderedList" : "bulletList", items });
        break;
      }
      case "blockquote":
        out.push(...markdownBlocks((t as Tokens.Blockquote).tokens));
        break;
      case "code":
        for (const l of (t as Tokens.Code).text.split("\n")) paragraph(l);
        break;
      case "table": {
        const table = t as Tokens.Table;
        for (const row of [table.header, ...table.rows]) paragraph(row.map((cell) => inlineText(cell.tokens)).join(" | "));
        break;
      }
      case "html":
        paragraph((t as Tokens.HTML).text.replace(/<[^>]*>/g, " "));
        break;
      default:
        break;
    }
  }
  return out;
}

export function markdownToBlocks(text: string): RichTextInput[] {
  return markdownBlocks(marked.lexer(text));
}

// ---- Word (mammoth's HTML) -----------------------------------------------------------------------

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * mammoth's HTML (flat and well formed: p, h1–h6, ul/ol/li, table/tr/td, inline strong/em/a)
 * as blocks. Nested lists join their outer list; table cells become paragraphs.
 */
export function htmlToBlocks(html: string): RichTextInput[] {
  const out: RichTextInput[] = [];
  const lists: Array<{ type: "bulletList" | "orderedList"; items: string[] }> = [];
  let current: { tag: string; text: string } | null = null;
  const flush = () => {
    if (!current) return;
    const text = line(decodeEntities(current.text));
    const { tag } = current;
    current = null;
    if (!text) return;
    if (tag === "li" && lists.length) lists[0]!.items.push(text);
    else if (/^h[1-6]$/.test(tag)) out.push({ type: "heading", level: level(Number(tag[1])), text });
    else out.push({ type: "paragraph", text });
  };
  for (const m of html.matchAll(/<(\/?)([a-zA-Z0-9]+)[^>]*>|([^<]+)/g)) {
    const [, closing, rawTag, text] = m;
    if (text !== undefined) {
      if (current) current.text += text;
      else if (text.trim()) current = { tag: "p", text };
      continue;
    }
    const tag = rawTag!.toLowerCase();
    if (tag === "br") {
      if (current) current.text += " ";
      continue;
    }
    if (tag === "ul" || tag === "ol") {
      flush();
      if (!closing) lists.push({ type: tag === "ol" ? "orderedList" : "bulletList", items: [] });
      else {
        const list = lists.pop();
        if (list && lists.length === 0 && list.items.length) out.push(list);
      }
      continue;
    }
    if (tag === "p" || tag === "li" || tag === "td" || tag === "th" || /^h[1-6]$/.test(tag)) {
      // A paragraph inside a list item belongs to the item.
      if (!closing) {
        if (tag === "p" && current?.tag === "li") continue;
        flush();
        current = { tag: tag === "td" || tag === "th" ? "p" : tag, text: "" };
      } else if (!(tag === "p" && current?.tag === "li")) flush();
    }
  }
  flush();
  while (lists.length) {
    const list = lists.shift()!;
    if (list.items.length) out.push(list);
  }
  return out;
}
