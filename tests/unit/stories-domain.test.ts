// Stories as records: capture/consent input, the default pseudonym, what consent allows in plain
// words, typed text as paragraphs, file kinds.
import {
  blocksLength,
  captureInput,
  identifierInput,
  redactable,
  consentAllows,
  consentInput,
  dateField,
  importKindOf,
  nextPseudonym,
  scopeIncludes,
  scopeSentences,
  textToBlocks,
  withdrawInput,
} from "~/domain/stories";
import { LIMITS } from "~/domain/limits";
import { messages } from "~/i18n/locales";

const valid = { title: "Mornings", storytellerPseudonym: "Storyteller A", occurredOn: "2026-09-17", language: "ar", method: "interview" };

describe("capture input", () => {
  it("accepts a story without text, identity or place, and fills the optional fields with empty values", () => {
    expect(captureInput.parse(valid)).toEqual({ ...valid, interviewer: "", place: "", realName: "", contact: "", personId: null, text: "" });
  });
  it("says which field is wrong, with the keys the form shows", () => {
    const result = captureInput.safeParse({
      title: " ",
      storytellerPseudonym: "",
      occurredOn: "31/02/2026",
      language: "xx",
      method: "podcast",
      personId: "../x",
    });
    expect(result.success).toBe(false);
    expect(result.error!.flatten().fieldErrors).toEqual({
      title: ["validation.required"],
      storytellerPseudonym: ["validation.required"],
      occurredOn: ["stories.validation.date"],
      language: ["validation.language"],
      method: ["stories.validation.method"],
      personId: ["stories.validation.person"],
    });
  });
  it("refuses impossible and future dates", () => {
    for (const occurredOn of ["2026-02-30", "2999-01-01", "1850-01-01", "2026-9-1"])
      expect(captureInput.safeParse({ ...valid, occurredOn }).success, occurredOn).toBe(false);
  });
  it("limits the text to LIMITS.storyText characters, after Windows line ends become one", () => {
    expect(captureInput.safeParse({ ...valid, text: "x".repeat(LIMITS.storyText) }).success).toBe(true);
    expect(captureInput.safeParse({ ...valid, text: "x".repeat(LIMITS.storyText + 1) }).error!.flatten().fieldErrors.text).toEqual([
      "stories.validation.textTooLong",
    ]);
    expect(captureInput.parse({ ...valid, text: "a\r\nb" }).text).toBe("a\nb");
  });
  it("withdrawal needs the box ticked", () => {
    expect(withdrawInput.safeParse({}).error!.flatten().fieldErrors).toEqual({ understood: ["stories.validation.understood"] });
    expect(withdrawInput.parse({ understood: "yes" })).toEqual({ understood: "yes" });
  });
});

describe("consent", () => {
  it("requires who, when, how, which information sheet and what scope", () => {
    expect(consentInput.safeParse({}).error!.flatten().fieldErrors).toEqual({
      givenBy: ["validation.required"],
      givenAt: ["validation.required"],
      method: ["stories.validation.consentMethod"],
      infoSheetVersion: ["validation.required"],
      scope: ["stories.validation.scope"],
    });
  });
  it("scopes are cumulative: each includes the ones before it", () => {
    expect(scopeIncludes("core_group")).toEqual(["core_group"]);
    expect(scopeIncludes("quotes")).toEqual(["core_group", "quotes"]);
    expect(scopeIncludes("other_localities")).toEqual(["core_group", "quotes", "other_localities"]);
    expect(scopeIncludes("everything")).toEqual([]);
    expect(consentAllows("quotes", "quotes")).toBe(true);
    expect(consentAllows("core_group", "quotes")).toBe(false);
    expect(consentAllows(null, "core_group")).toBe(false);
  });
  it("says each scope in plain words, in English and Arabic", () => {
    const words = (lang: "en" | "ar", key: string) => key.split(".").reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], messages[lang]);
    expect(scopeSentences("quotes").map((k) => words("en", k))).toEqual([
      "The core group may read and analyse it, with names and places hidden.",
      "Short anonymised quotes may appear in reports.",
    ]);
    for (const key of scopeSentences("other_localities")) expect(words("ar", key)).toMatch(/[\u0600-\u06ff]/);
  });
});

describe("pseudonyms", () => {
  const en = (letter: string) => `Storyteller ${letter}`;
  const ar = (letter: string) => `راوٍ ${letter}`;
  it("takes the next free letter, whatever the case of those used", () => {
    expect(nextPseudonym([], en, "en")).toBe("Storyteller A");
    expect(nextPseudonym(["storyteller a", "Storyteller C"], en, "en")).toBe("Storyteller B");
  });
  it("uses the Arabic alphabet in Arabic", () => {
    expect(nextPseudonym([], ar, "ar")).toBe("راوٍ أ");
    expect(nextPseudonym(["راوٍ أ"], ar, "ar")).toBe("راوٍ ب");
  });
  it("numbers the letters once the alphabet is used up", () => {
    const used = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("").map(en);
    expect(nextPseudonym(used, en, "en")).toBe("Storyteller A2");
  });
});

describe("text", () => {
  it("makes one paragraph per non-empty line, as the story's plain text reads back", () => {
    expect(textToBlocks("First\r\n\r\n  Second  \n\t\nThird")).toEqual([
      { type: "paragraph", text: "First" },
      { type: "paragraph", text: "  Second" },
      { type: "paragraph", text: "Third" },
    ]);
    expect(textToBlocks(" \n ")).toEqual([]);
  });
  it("counts blocks' length as plain text (one line per block or list item)", () => {
    expect(
      blocksLength([
        { type: "heading", level: 2, text: "Ab" },
        { type: "bulletList", items: ["c", "de"] },
      ]),
    ).toBe("Ab\nc\nde".length);
    expect(blocksLength([])).toBe(0);
  });
  it("knows the file kinds by their ending", () => {
    expect(["a.TXT", "b.md", "c.docx", "d.doc", "e.pdf", "docx"].map(importKindOf)).toEqual(["txt", "md", "docx", null, null, null]);
  });
  it("writes dates as a date field holds them", () => {
    expect(dateField(new Date("2026-09-17T00:00:00Z"))).toBe("2026-09-17");
    expect(dateField("2026-09-17T00:00:00.000Z")).toBe("2026-09-17");
  });
});

describe("identifiers", () => {
  it("accepts what redaction can hide, and says so for what it cannot", () => {
    expect(identifierInput.parse({ text: " Karen ", kind: "name" })).toEqual({ text: "Karen", kind: "name" });
    expect(identifierInput.safeParse({ text: "", kind: "planet" }).error!.flatten().fieldErrors).toEqual({
      text: ["validation.required"],
      kind: ["stories.validation.kind"],
    });
    for (const text of ["O'Brien", "Hana Al-Sayed", "Dr. Fenwick (GP)", "+44 7700 900123", "سميرة"]) expect(redactable(text), text).toBe(true);
  });
});
