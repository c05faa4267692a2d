import * as Y from "yjs";
import {
  addCluster,
  addNote,
  openVoting,
  placeDot,
  placeNoteInCluster,
  readBoard,
  setHideAuthors,
  setLocked,
  closeVoting,
  startTimer,
  pauseTimer,
  renameCluster,
  removeNote,
} from "~/collab/board";
import { boardCsv, boardSvg, csvCell } from "~/components/board/export";
import { summariseChanges } from "~/components/board/announce";

const headings = { note: "Note", cluster: "Cluster", votes: "Dots", author: "Author", colour: "Colour", created: "Created" };

function sample() {
  const doc = new Y.Doc();
  addCluster(doc, { id: "c1", name: "الانتماء", x: 0, y: 0 });
  addNote(doc, { id: "n1", text: '=HYPERLINK("http://evil")', authorId: "u1", authorName: "Amira", now: Date.UTC(2026, 0, 1) });
  addNote(doc, { id: "n2", text: 'He said "hi",\nthen left', authorId: "u2", authorName: "Karen", now: Date.UTC(2026, 0, 2) });
  addNote(doc, { id: "n3", text: "<script>alert(1)</script> & more", authorId: null, authorName: null, now: Date.UTC(2026, 0, 3) });
  placeNoteInCluster(doc, "n2", "c1");
  openVoting(doc, 3, false);
  placeDot(doc, "u1", "n2");
  placeDot(doc, "u2", "n2");
  return doc;
}

describe("CSV export", () => {
  it("neutralises formulas and quotes per RFC 4180", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+44 7700")).toBe("'+44 7700");
    expect(csvCell("-5")).toBe("'-5");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "x"')).toBe('"say ""x"""');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell(-5)).toBe("-5"); // numbers we write ourselves stay numbers
    expect(csvCell(null)).toBe("");
  });

  it("writes a BOM, CRLF rows, clusters first, votes and authors", () => {
    const csv = boardCsv(readBoard(sample()), headings, { anonymous: "anonymous" });
    expect(csv.startsWith("\uFEFFNote,Cluster,Dots,Author,Colour,Created\r\n")).toBe(true);
    const rows = csv.slice(1).trimEnd().split("\r\n");
    expect(rows[1]).toBe('"He said ""hi"",\nthen left",الانتماء,2,Karen,yellow,2026-01-02T00:00:00.000Z'.replace("\n", "\n"));
    expect(rows[2]).toBe(`"'=HYPERLINK(""http://evil"")",,0,Amira,yellow,2026-01-01T00:00:00.000Z`);
    expect(rows[3]).toContain(",anonymous,");
  });

  it("leaves out hidden authors and hidden results", () => {
    const doc = sample();
    setHideAuthors(doc, true);
    openVoting(doc, 3, true);
    const csv = boardCsv(readBoard(doc), headings, { anonymous: "anonymous" });
    expect(csv).not.toContain("Karen");
    expect(csv).not.toContain("Amira");
    expect(csv.split("\r\n")[1]).toContain("الانتماء,,anonymous");
  });
});

describe("SVG export", () => {
  it("escapes note text and draws every note and cluster", () => {
    const { svg, width, height } = boardSvg(readBoard(sample()), { title: "Board <1>", dir: "rtl", votesLabel: (n) => `Dots: ${n}` });
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;alert(1)&lt;/sc");
    expect(svg).toContain("ript&gt; &amp; more");
    expect(svg).toContain("Board &lt;1&gt;");
    expect(svg).toContain("Dots: 2");
    expect(svg.match(/<rect /g)).toHaveLength(1 + 1 + 3);
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
    expect(new DOMParserLike(svg).ok).toBe(true);
  });

  it("drops characters XML does not allow, so pasted control characters cannot break the image", () => {
    const doc = new Y.Doc();
    addCluster(doc, { id: "c1", name: "Bell\u0007 and form feed\u000c" });
    addNote(doc, { id: "n1", text: "nul\u0000 here\u000b, tab\tand newline\nkept", authorId: null, authorName: "A\u0001" });
    const { svg } = boardSvg(readBoard(doc), { title: "T\u001f", dir: "ltr", votesLabel: (n) => `Dots: ${n}` });
    expect(svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(svg).toContain("Bell and form feed");
    expect(svg).toContain("nul here");
  });
});

/** A well-formedness check without a DOM: every opened tag is closed in order. */
class DOMParserLike {
  ok: boolean;
  constructor(xml: string) {
    const stack: string[] = [];
    let ok = true;
    for (const m of xml.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
      if (m[3]) continue;
      if (m[1]) ok = ok && stack.pop() === m[2];
      else stack.push(m[2]!);
    }
    this.ok = ok && stack.length === 0;
  }
}

describe("announcements of other people's changes", () => {
  it("summarise additions, moves, votes and settings", () => {
    const doc = sample();
    const before = readBoard(doc);
    addNote(doc, { id: "n4", text: "new", authorId: "u3", authorName: "Layla" });
    placeNoteInCluster(doc, "n1", "c1");
    renameCluster(doc, "c1", "Belonging");
    closeVoting(doc);
    setLocked(doc, true);
    startTimer(doc, { durationMs: 120_000, now: 1 });
    const keys = summariseChanges(before, readBoard(doc), { anonymous: "Someone" });
    expect(keys).toEqual([
      { key: "noteAddedBy", values: { name: "Layla" } },
      { key: "noteMovedTo", values: { cluster: "Belonging" } },
      { key: "clusterRenamed", values: { name: "Belonging" } },
      { key: "votingClosed" },
      { key: "locked" },
      { key: "timerStarted", values: { minutes: 2 } },
    ]);
  });

  it("stay short when many notes change, and respect hidden authors", () => {
    const doc = sample();
    setHideAuthors(doc, true);
    const before = readBoard(doc);
    addNote(doc, { id: "a", text: "a", authorId: "u", authorName: "Visible Name" });
    expect(summariseChanges(before, readBoard(doc), { anonymous: "Someone" })).toEqual([{ key: "noteAddedBy", values: { name: "Someone" } }]);
    const mid = readBoard(doc);
    for (const id of ["n1", "n2", "n3"]) removeNote(doc, id);
    addNote(doc, { id: "b", text: "b", authorId: null, authorName: null });
    addNote(doc, { id: "c", text: "c", authorId: null, authorName: null });
    pauseTimer(doc, 5);
    expect(summariseChanges(mid, readBoard(doc), { anonymous: "Someone" })).toEqual([
      { key: "notesAdded", values: { count: 2 } },
      { key: "notesRemoved", values: { count: 3 } },
      { key: "votesCleared" },
    ]);
  });
});
