import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { redact, redactedString, sliceRedaction, toOriginalRange, toRedactedRange, type Identifier, type IdentifierKind } from "~/domain/redaction";

const label = (kind: IdentifierKind, n: number) => `[${kind} ${n}]`;
const PLACEHOLDER = "\uFFFC";

/** What a reader receives: the text pieces, with one marker character per placeholder. */
function visible(text: string, identifiers: Identifier[]): string {
  return redact(text, identifiers)
    .segments.map((s) => (s.type === "text" ? s.text : PLACEHOLDER))
    .join("");
}

// An independent leak check (no regular expressions, no code shared with the module): does the
// identifier occur in `text` as whole words, any case, with any run of spaces or tabs between
// its words, possibly after an Arabic proclitic?
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{M}\p{N}_]/u.test(c);
const PROCLITICS = ["", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "لال", "كال", "لل"];
function occursAsWords(text: string, identifier: string): boolean {
  const target = identifier.replace(/\s+/g, " ").trim().toLowerCase();
  if (!target) return false;
  const lower = text.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    // Match target at i, letting one space in the target stand for a run of spaces or tabs.
    let j = i;
    let k = 0;
    while (k < target.length && j < lower.length) {
      if (target[k] === " ") {
        if (lower[j] !== " " && lower[j] !== "\t") break;
        while (lower[j] === " " || lower[j] === "\t") j++;
        k++;
      } else if (lower[j] === target[k]) {
        j++;
        k++;
      } else break;
    }
    if (k < target.length) continue;
    const endOk = !isWordChar(target[target.length - 1]) || !isWordChar(lower[j]);
    const startOk =
      !isWordChar(target[0]) || PROCLITICS.some((p) => lower.slice(i - p.length, i) === p && i - p.length >= 0 && !isWordChar(lower[i - p.length - 1]));
    if (endOk && startOk) return true;
  }
  return false;
}

const WORDS = [
  "Fatima",
  "Ali",
  "Alison",
  "Al-Sayed",
  "Hana Al-Sayed",
  "Sparkbrook",
  "Longbridge Lane",
  "mum",
  "school",
  "فاطمة",
  "علي",
  "المدرسة",
  "B11 4AA",
  "07700 900123",
  "amina@example.org",
  "the",
  "nursery",
];
const GLUE = [" ", "  ", ", ", ".\n", "'s ", "\t", "و", "ال", "-", "(", ")", ""];
const caseOf = (w: string, how: number) => (how === 0 ? w : how === 1 ? w.toUpperCase() : w.toLowerCase());

const storyArb = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.integer({ min: 0, max: 2 }), fc.constantFrom(...GLUE)), { maxLength: 40 })
  .map((parts) => parts.map(([w, how, glue]) => caseOf(w, how) + glue).join(""));
const identifiersArb = fc.uniqueArray(
  fc.record({ text: fc.constantFrom(...WORDS), kind: fc.constantFrom<IdentifierKind>("name", "place", "contact", "other") }),
  { selector: (i) => i.text, minLength: 1, maxLength: 6 },
);

describe("redaction", () => {
  it("never lets a marked identifier through, whatever the text (property)", () => {
    fc.assert(
      fc.property(storyArb, identifiersArb, (text, identifiers) => {
        const out = visible(text, identifiers);
        for (const identifier of identifiers) expect(occursAsWords(out, identifier.text), `${identifier.text} in ${JSON.stringify(out)}`).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps every unmarked character and position (property)", () => {
    fc.assert(
      fc.property(storyArb, identifiersArb, (text, identifiers) => {
        const r = redact(text, identifiers);
        for (const s of r.segments) {
          if (s.type === "text") expect(text.slice(s.start, s.start + s.text.length)).toBe(s.text);
          else expect(s.end).toBeGreaterThan(s.start);
        }
        const covered = r.segments.reduce((n, s) => n + (s.type === "text" ? s.text.length : s.end - s.start), 0);
        expect(covered).toBe(text.length);
      }),
      { numRuns: 500 },
    );
  });

  it("maps a reader's selection to the original text and back (property)", () => {
    fc.assert(
      fc.property(storyArb, identifiersArb, fc.nat(), fc.nat(), (text, identifiers, x, y) => {
        const r = redact(text, identifiers);
        const a = r.rLength ? x % (r.rLength + 1) : 0;
        const b = r.rLength ? y % (r.rLength + 1) : 0;
        const original = toOriginalRange(r, a, b);
        expect(toRedactedRange(r, original.start, original.end)).toEqual({ rStart: Math.min(a, b), rEnd: Math.max(a, b) });
        // What a reader selected never cuts a hidden identifier in half.
        for (const s of r.segments) {
          if (s.type !== "placeholder") continue;
          expect(original.start > s.start && original.start < s.end).toBe(false);
          expect(original.end > s.start && original.end < s.end).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("numbers identifiers per kind in the order they were marked, the same everywhere", () => {
    const identifiers: Identifier[] = [
      { text: "Fatima", kind: "name" },
      { text: "Sparkbrook", kind: "place" },
      { text: "Ali", kind: "name" },
    ];
    const text = "Fatima took ALI to Sparkbrook; fatima's sister met Alison.";
    expect(redactedString(redact(text, identifiers), label)).toBe("[name 1] took [name 2] to [place 1]; [name 1]'s sister met Alison.");
  });

  it("finds a name after an Arabic proclitic, and keeps the proclitic", () => {
    const out = redactedString(
      redact("ذهبت وفاطمة إلى المدرسة مع علي", [
        { text: "فاطمة", kind: "name" },
        { text: "علي", kind: "name" },
      ]),
      label,
    );
    expect(out).toBe("ذهبت و[name 1] إلى المدرسة مع [name 2]");
  });

  it("matches a two-word identifier across any spaces but never across a line break", () => {
    const identifiers: Identifier[] = [{ text: "Longbridge  Lane", kind: "place" }];
    expect(redactedString(redact("on Longbridge \t Lane today", identifiers), label)).toBe("on [place 1] today");
    expect(redactedString(redact("on Longbridge\nLane today", identifiers), label)).toBe("on Longbridge\nLane today");
  });

  it("merges overlapping identifiers into one placeholder", () => {
    const r = redact("Ask Fatima Begum now", [
      { text: "Fatima Begum", kind: "name" },
      { text: "Begum", kind: "name" },
      { text: "Fatima", kind: "name" },
    ]);
    expect(redactedString(r, label)).toBe("Ask [name 1] now");
  });

  it("slices a redacted range without revealing what a placeholder hides", () => {
    const r = redact("Ask Fatima now", [{ text: "Fatima", kind: "name" }]);
    const slice = sliceRedaction(r, 2, 7);
    expect(slice.map((s) => (s.type === "text" ? s.text : "#"))).toEqual(["k ", "#", " n"]);
    // An excerpt that a facilitator started inside the name still shows the whole placeholder.
    expect(toRedactedRange(r, 6, 14)).toEqual({ rStart: 4, rEnd: 9 });
  });
});
