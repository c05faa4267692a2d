import { describe, expect, it } from "vitest";
import {
  agreementByCode,
  anchorFor,
  coderSummary,
  countsByCodeAndStory,
  disagreements,
  highlightLines,
  highlightRuns,
  paragraphsOf,
  pickedRange,
  reanchor,
  unionQuote,
  type CodedExcerpt,
} from "~/domain/coding";
import { readerSegments, redact, toOriginalRange, type IdentifierKind } from "~/domain/redaction";

const label = (kind: IdentifierKind, n: number) => `[${kind} ${n}]`;
const segmentsOf = (text: string, ids: Array<{ text: string; kind: IdentifierKind }> = []) => readerSegments(redact(text, ids).segments);

describe("highlight runs", () => {
  it("cuts at every boundary and lists the excerpts covering each run, overlaps included", () => {
    const runs = highlightRuns(20, [
      { id: "a", rStart: 2, rEnd: 10 },
      { id: "b", rStart: 5, rEnd: 15 },
      { id: "c", rStart: 5, rEnd: 10 },
    ]);
    expect(runs).toEqual([
      { rStart: 0, rEnd: 2, ids: [] },
      { rStart: 2, rEnd: 5, ids: ["a"] },
      { rStart: 5, rEnd: 10, ids: ["a", "b", "c"] },
      { rStart: 10, rEnd: 15, ids: ["b"] },
      { rStart: 15, rEnd: 20, ids: [] },
    ]);
  });

  it("ignores empty ranges and clamps ranges past the end", () => {
    expect(
      highlightRuns(6, [
        { id: "x", rStart: 3, rEnd: 3 },
        { id: "y", rStart: 4, rEnd: 99 },
      ]),
    ).toEqual([
      { rStart: 0, rEnd: 4, ids: [] },
      { rStart: 4, rEnd: 6, ids: ["y"] },
    ]);
  });

  it("splits lines at paragraph breaks and keeps placeholders whole with their offsets", () => {
    // "Hi Amira.\nBye" → "Hi ", [name 1], ".", "\n", "Bye": redacted offsets 0..2, 3, 4, 5, 6..8.
    const segments = segmentsOf("Hi Amira.\nBye", [{ text: "Amira", kind: "name" }]);
    const lines = highlightLines(segments, [
      { id: "a", rStart: 1, rEnd: 4 },
      { id: "b", rStart: 3, rEnd: 8 },
    ]);
    expect(lines).toEqual([
      [
        { type: "text", text: "H", r: 0, ids: [] },
        { type: "text", text: "i ", r: 1, ids: ["a"] },
        { type: "placeholder", kind: "name", n: 1, r: 3, ids: ["a", "b"] },
        { type: "text", text: ".", r: 4, ids: ["b"] },
      ],
      [
        { type: "text", text: "By", r: 6, ids: ["b"] },
        { type: "text", text: "e", r: 8, ids: [] },
      ],
    ]);
  });
});

describe("paragraph and sentence picker", () => {
  it("finds paragraphs and sentences in redacted offsets, with previews using the placeholder labels", () => {
    const text = "First one. Second, with Amira! Third?\n\nNew paragraph here";
    const segments = segmentsOf(text, [{ text: "Amira", kind: "name" }]);
    const paragraphs = paragraphsOf(segments, label);
    expect(paragraphs.map((p) => p.sentences.map((s) => s.preview))).toEqual([["First one.", "Second, with [name 1]!", "Third?"], ["New paragraph here"]]);
    // Redacted: "First one. Second, with ⌂! Third?\n\nNew paragraph here" (⌂ = one offset).
    expect(paragraphs[0]!.sentences.map((s) => [s.rStart, s.rEnd])).toEqual([
      [0, 10],
      [11, 26],
      [27, 33],
    ]);
    expect(paragraphs[1]).toMatchObject({ rStart: 35, rEnd: 53 });
    // From sentence 2 to 3 of paragraph 1, mapped back to original text, includes the hidden name.
    const range = pickedRange(paragraphs, "0:1", "0:2")!;
    const original = toOriginalRange(redact(text, [{ text: "Amira", kind: "name" }]), range.rStart, range.rEnd);
    expect(text.slice(original.start, original.end)).toBe("Second, with Amira! Third?");
  });

  it("splits Arabic at ؟ and full stops but not at the Arabic comma ،", () => {
    const text = "كيف حالك يا ليلى؟ أنا بخير، والحمد لله. شكرًا";
    const segments = segmentsOf(text, [{ text: "ليلى", kind: "name" }]);
    const [p] = paragraphsOf(segments, (_k, n) => `[اسم ${n}]`);
    expect(p!.sentences.map((s) => s.preview)).toEqual(["كيف حالك يا [اسم 1]؟", "أنا بخير، والحمد لله.", "شكرًا"]);
    const range = pickedRange(paragraphsOf(segments, label), "0:0", "0:0")!;
    const original = toOriginalRange(redact(text, [{ text: "ليلى", kind: "name" }]), range.rStart, range.rEnd);
    expect(text.slice(original.start, original.end)).toBe("كيف حالك يا ليلى؟");
  });

  it("does not end a sentence inside a number or an abbreviation without a space", () => {
    const [p] = paragraphsOf(segmentsOf("It cost 3.50 a week. Then more."), label);
    expect(p!.sentences.map((s) => s.preview)).toEqual(["It cost 3.50 a week.", "Then more."]);
  });

  it("refuses a range that ends before it starts or names a sentence that does not exist", () => {
    const paragraphs = paragraphsOf(segmentsOf("One. Two.\nThree."), label);
    expect(pickedRange(paragraphs, "0:1", "0:0")).toBeNull();
    expect(pickedRange(paragraphs, "0:0", "5:0")).toBeNull();
    expect(pickedRange(paragraphs, "zero", "0:0")).toBeNull();
    expect(pickedRange(paragraphs, "0:1", "1:0")).toEqual({ rStart: 5, rEnd: 16 });
  });
});

describe("re-anchoring", () => {
  const text = "We met at the centre. The centre was closed. Later the centre opened again.";
  const at = text.indexOf("The centre was closed");
  const anchor = anchorFor(text, at, at + "The centre was closed".length);

  it("keeps an excerpt whose slice still matches", () => {
    expect(reanchor(text, anchor)).toEqual({ anchored: true, start: anchor.start, end: anchor.end });
  });

  it("follows the quote when text was inserted before it", () => {
    const edited = `Introduction added. ${text}`;
    expect(reanchor(edited, anchor)).toEqual({ anchored: true, start: at + 20, end: anchor.end + 20 });
  });

  it("takes the occurrence closest to the old start, context breaking ties", () => {
    const short = anchorFor(text, text.indexOf("centre", 30), text.indexOf("centre", 30) + 6); // "the centre opened"
    const edited = text.replace("We met", "We met up");
    const found = reanchor(edited, short);
    expect(found).toEqual({ anchored: true, start: text.indexOf("centre", 30) + 3, end: text.indexOf("centre", 30) + 9 });
    // Equidistant occurrences: the one whose context matches wins.
    const twin = "centre AA centre"; // occurrences at 0 and 10, both 5 from the old start
    expect(reanchor(twin, { start: 5, end: 11, quote: "centre", prefix: "AA ", suffix: "" })).toEqual({ anchored: true, start: 10, end: 16 });
    expect(reanchor(twin, { start: 5, end: 11, quote: "centre", prefix: "", suffix: " AA" })).toEqual({ anchored: true, start: 0, end: 6 });
  });

  it("marks an excerpt whose quote is gone as not anchored", () => {
    expect(reanchor(text.replace("was closed", "had shut"), anchor)).toEqual({ anchored: false });
    expect(reanchor("", anchor)).toEqual({ anchored: false });
  });

  it("keeps 32 characters of context each side", () => {
    const long = `${"a".repeat(50)}QUOTE${"b".repeat(50)}`;
    expect(anchorFor(long, 50, 55)).toEqual({ start: 50, end: 55, quote: "QUOTE", prefix: "a".repeat(32), suffix: "b".repeat(32) });
  });
});

describe("analysis figures", () => {
  const ex = (id: string, coderId: string | null, start: number, end: number, codeIds: string[], storyId = "s1", anchored = true): CodedExcerpt => ({
    id,
    coderId,
    storyId,
    start,
    end,
    codeIds,
    anchored,
  });
  const excerpts = [
    ex("a1", "ann", 0, 20, ["trust", "cost"]),
    ex("b1", "bob", 10, 30, ["trust"]), // overlaps a1: cost only by ann
    ex("b2", "bob", 40, 50, ["travel"]), // overlaps nothing of ann
    ex("a2", "ann", 45, 60, ["travel"]), // overlaps b2, same codes: agreement
    ex("a3", "ann", 12, 18, ["isolation"]), // overlaps a1 (same coder: ignored) and b1
    ex("c1", "cat", 0, 5, ["cost"], "s2"),
    ex("lost", "bob", 0, 20, ["cost"], "s1", false), // not anchored: never overlaps
  ];

  it("finds overlapping excerpts by different coders whose codes differ, with what each side alone applied", () => {
    const found = disagreements(excerpts).map((d) => ({ a: d.a.id, b: d.b.id, onlyA: d.onlyA, onlyB: d.onlyB, shared: d.shared, start: d.start, end: d.end }));
    expect(found).toEqual([
      { a: "a1", b: "b1", onlyA: ["cost"], onlyB: [], shared: ["trust"], start: 0, end: 30 },
      { a: "b1", b: "a3", onlyA: ["trust"], onlyB: ["isolation"], shared: [], start: 10, end: 30 },
    ]);
  });

  it("computes agreement per code over overlapping pairs by different coders", () => {
    expect(Object.fromEntries(agreementByCode(excerpts))).toEqual({
      trust: { both: 1, either: 2 },
      cost: { both: 0, either: 1 },
      isolation: { both: 0, either: 1 },
      travel: { both: 1, either: 1 },
    });
  });

  it("counts per code and story, and per coder", () => {
    const counts = countsByCodeAndStory(excerpts);
    expect(Object.fromEntries([...counts].map(([code, row]) => [code, Object.fromEntries(row)]))).toEqual({
      trust: { s1: 2 },
      cost: { s1: 2, s2: 1 },
      travel: { s1: 2 },
      isolation: { s1: 1 },
    });
    expect(Object.fromEntries(coderSummary([...excerpts, ex("gone", null, 0, 1, ["cost"])]))).toEqual({
      ann: { excerpts: 3, stories: 1, codeIds: ["cost", "isolation", "travel", "trust"] },
      bob: { excerpts: 3, stories: 1, codeIds: ["cost", "travel", "trust"] },
      cat: { excerpts: 1, stories: 1, codeIds: ["cost"] },
    });
  });

  it("shrinking lists are fine: no excerpts, no figures", () => {
    expect(disagreements([])).toEqual([]);
    expect(agreementByCode([]).size).toBe(0);
    expect(coderSummary([]).size).toBe(0);
  });

  it("joins two overlapping quotes into the passage they cover", () => {
    const text = "the quick brown fox jumps";
    expect(unionQuote(anchorFor(text, 4, 15), anchorFor(text, 10, 19))).toBe("quick brown fox");
    expect(unionQuote(anchorFor(text, 10, 19), anchorFor(text, 4, 15))).toBe("quick brown fox");
    expect(unionQuote(anchorFor(text, 0, 25), anchorFor(text, 4, 9))).toBe(text);
    expect(unionQuote({ start: 0, end: 5, quote: "abcde", prefix: "", suffix: "" }, { start: 3, end: 6, quote: "xyz", prefix: "", suffix: "" })).toBeNull();
  });
});
