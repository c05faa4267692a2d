import { CLUSTER_SIZE, NOTE_SIZE, isFromPublicLink, resultsVisible, type BoardSnapshot, type NoteColour } from "~/collab/board";
import { isCovered, isDraft } from "./shown";

/** Note colours, shared by the canvas CSS (board.css) and the exported image. */
export const COLOUR_HEX: Record<NoteColour, string> = {
  yellow: "#fff3a3",
  pink: "#ffd1e3",
  green: "#c9f2c7",
  blue: "#cfe5ff",
  orange: "#ffd8a8",
  purple: "#e4d4ff",
};

/** A CSV cell (RFC 4180), with formula-looking text neutralised against CSV injection. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export type CsvHeadings = {
  note: string;
  cluster: string;
  votes: string;
  author: string;
  colour: string;
  created: string;
  /** A last column, only while silent brainstorming leaves notes hidden or in this person's draft: who sees the note. */
  shownTo?: string;
};

/**
 * Notes with their cluster and dots, one row each, as CSV with a UTF-8 byte-order mark (so
 * Excel reads Arabic correctly) and CRLF line ends. Authors are left out while hidden, and
 * votes while an open vote hides its results. Other people's notes hidden by silent
 * brainstorming (placeholders, see shown.ts) are rows with `hidden` for text and no author or
 * votes, `hiddenUntil` in the last column: an export shows no more than the screen. This
 * person's own draft notes are rows marked `draft` in the last column. Approved ideas from the public link name `publicLink` as
 * their author.
 */
export function boardCsv(
  board: BoardSnapshot,
  headings: CsvHeadings,
  options: { anonymous: string; hidden?: string; publicLink?: string; draft?: string; hiddenUntil?: string },
): string {
  const clusters = new Map(board.clusters.map((c) => [c.id, c]));
  const showVotes = resultsVisible(board.settings.voting);
  const clusterRank = (id: string | null) => (id ? board.clusters.findIndex((c) => c.id === id) : board.clusters.length);
  const notes = [...board.notes].sort((a, b) => clusterRank(a.clusterId) - clusterRank(b.clusterId));
  // "Shown to": only when some note is not the board's for everyone (hidden, or in this person's draft).
  const shownTo = headings.shownTo !== undefined && notes.some((n) => isCovered(n) || isDraft(n));
  const rows: (string | number)[][] = [
    [headings.note, headings.cluster, headings.votes, headings.author, headings.colour, headings.created, ...(shownTo ? [headings.shownTo!] : [])],
  ];
  for (const n of notes) {
    const covered = isCovered(n);
    rows.push([
      covered ? (options.hidden ?? "") : n.text,
      n.clusterId ? (clusters.get(n.clusterId)?.name ?? "") : "",
      showVotes && !covered ? (board.totals.get(n.id) ?? 0) : "",
      covered
        ? ""
        : isFromPublicLink(n) && options.publicLink
          ? options.publicLink
          : board.settings.hideAuthors
            ? options.anonymous
            : (n.authorName ?? options.anonymous),
      covered ? "" : n.colour,
      n.createdAt ? new Date(n.createdAt).toISOString() : "",
      ...(shownTo ? [covered ? (options.hiddenUntil ?? "") : isDraft(n) ? (options.draft ?? "") : ""] : []),
    ]);
  }
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

/** Text for SVG: characters XML 1.0 does not allow (e.g. pasted control characters) are dropped, markup escaped. */
function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** Breaks note text into at most `max` lines of about `width` characters. */
function wrap(text: string, width: number, max: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = "";
    for (const word of paragraph.split(/\s+/)) {
      if (!word) continue;
      if (`${line} ${word}`.trim().length > width && line) {
        lines.push(line);
        line = word;
      } else line = `${line} ${word}`.trim();
      while (line.length > width) {
        lines.push(line.slice(0, width));
        line = line.slice(width);
      }
    }
    lines.push(line);
  }
  if (lines.length > max) return [...lines.slice(0, max - 1), `${lines[max - 1]!.slice(0, width - 1)}…`];
  return lines;
}

/** The board as an SVG image, drawn from the document's data (not from the screen). */
export function boardSvg(
  board: BoardSnapshot,
  options: { title: string; dir: "ltr" | "rtl"; votesLabel: (n: number) => string; draftLabel?: string },
): { svg: string; width: number; height: number } {
  const pad = 40;
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const c of board.clusters) {
    minX = Math.min(minX, c.x);
    minY = Math.min(minY, c.y);
    maxX = Math.max(maxX, c.x + CLUSTER_SIZE.width);
    maxY = Math.max(maxY, c.y + CLUSTER_SIZE.height);
  }
  for (const n of board.notes) {
    minX = Math.min(minX, n.x);
    minY = Math.min(minY, n.y);
    maxX = Math.max(maxX, n.x + NOTE_SIZE.width);
    maxY = Math.max(maxY, n.y + NOTE_SIZE.height);
  }
  if (!Number.isFinite(minX)) {
    minX = 0;
    minY = 0;
    maxX = 400;
    maxY = 200;
  }
  const top = 56;
  const width = Math.ceil(maxX - minX + pad * 2);
  const height = Math.ceil(maxY - minY + pad * 2 + top);
  const ox = pad - minX;
  const oy = pad + top - minY;
  const showVotes = resultsVisible(board.settings.voting);
  const anchor = options.dir === "rtl" ? "end" : "start";
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" direction="${options.dir}" font-family="system-ui, 'Segoe UI', Tahoma, Arial, sans-serif">`,
    `<rect width="100%" height="100%" fill="#f4f6f3"/>`,
    `<text x="${options.dir === "rtl" ? width - pad : pad}" y="40" font-size="24" font-weight="700" fill="#1b1f24" text-anchor="${anchor}">${xml(options.title)}</text>`,
  ];
  for (const c of board.clusters) {
    const x = c.x + ox,
      y = c.y + oy;
    parts.push(
      `<g><rect x="${x}" y="${y}" width="${CLUSTER_SIZE.width}" height="${CLUSTER_SIZE.height}" rx="12" fill="#ffffff" stroke="#6b7480" stroke-width="2" stroke-dasharray="8 6"/>`,
    );
    parts.push(
      `<text x="${options.dir === "rtl" ? x + CLUSTER_SIZE.width - 16 : x + 16}" y="${y + 30}" font-size="18" font-weight="700" fill="#1b1f24" text-anchor="${anchor}">${xml(c.name)}</text></g>`,
    );
  }
  for (const n of board.notes) {
    const x = n.x + ox,
      y = n.y + oy;
    if (isCovered(n)) {
      // Someone else's note hidden by silent brainstorming: a blank grey card, as on the screen.
      parts.push(
        `<rect x="${x}" y="${y}" width="${NOTE_SIZE.width}" height="${NOTE_SIZE.height}" rx="6" fill="#d9dde1" stroke="#6b7480" stroke-dasharray="4 3"/>`,
      );
      continue;
    }
    const lines = wrap(n.text, 20, 5);
    const tx = options.dir === "rtl" ? x + NOTE_SIZE.width - 10 : x + 10;
    // This person's own draft note (silent brainstorming): dashed, and labelled.
    const dashed = isDraft(n) ? ` stroke-width="2" stroke-dasharray="6 4"` : "";
    parts.push(
      `<g><rect x="${x}" y="${y}" width="${NOTE_SIZE.width}" height="${NOTE_SIZE.height}" rx="6" fill="${COLOUR_HEX[n.colour]}" stroke="#6b7480"${dashed}/>`,
    );
    parts.push(
      `<text font-size="13" fill="#1b1f24" text-anchor="${anchor}">${lines.map((l, i) => `<tspan x="${tx}" y="${y + 22 + i * 17}">${xml(l)}</tspan>`).join("")}</text>`,
    );
    if (isDraft(n) && options.draftLabel)
      parts.push(
        `<text x="${tx}" y="${y + NOTE_SIZE.height - 10}" font-size="12" font-weight="700" fill="#3d444c" text-anchor="${anchor}">${xml(options.draftLabel)}</text>`,
      );
    const votes = board.totals.get(n.id) ?? 0;
    if (showVotes && votes > 0)
      parts.push(
        `<text x="${tx}" y="${y + NOTE_SIZE.height - 10}" font-size="12" font-weight="700" fill="#07513a" text-anchor="${anchor}">${xml(options.votesLabel(votes))}</text>`,
      );
    parts.push(`</g>`);
  }
  parts.push(`</svg>`);
  return { svg: parts.join(""), width, height };
}

/** Saves a blob as a file through a temporary link. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Renders an SVG into a PNG (through an image and a canvas), at most 8192 px on a side. */
export async function svgToPng(svg: string, width: number, height: number): Promise<Blob> {
  const scale = Math.min(2, 8192 / Math.max(width, height));
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.decoding = "async";
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext("2d")!;
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}
