// The phone idea form's rules: what is read from the form (honeypot, submission key, language),
// validation of empty / oversized / binary text and contact fields, the photo error names, the
// title from the first words, and each spam signal on and off.
import { LIMITS } from "~/domain/limits";
import {
  FAST_SECONDS,
  comparableText,
  ideaTitle,
  looksBinary,
  parseSubmission,
  photoErrorOf,
  readSubmissionForm,
  spamSignals,
  type SpamFacts,
} from "~/domain/idea-submission";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};
const values = (over: Partial<{ text: string; language: string; name: string; contact: string }> = {}) => ({
  text: "A walking bus to school",
  language: "en",
  name: "",
  contact: "",
  ...over,
});

describe("reading the form", () => {
  it("takes the fields as typed, a valid key, and notices the honeypot", () => {
    const read = readSubmissionForm(
      form({ text: "  Idea  ", language: "ur", name: "Amina", contact: "07700 900000", submissionKey: "abcdefghijklmnop_-12", website: "", stamp: "1.x" }),
      "en",
    );
    expect(read).toEqual({
      text: "  Idea  ",
      language: "ur",
      name: "Amina",
      contact: "07700 900000",
      submissionKey: "abcdefghijklmnop_-12",
      honeypot: false,
      stamp: "1.x",
    });
    expect(readSubmissionForm(form({ website: "http://spam" }), "ar").honeypot).toBe(true);
  });
  it("ignores a malformed key and an unknown language (the page's language instead)", () => {
    const read = readSubmissionForm(form({ submissionKey: "short", language: "xx" }), "ar");
    expect(read.submissionKey).toBeNull();
    expect(read.language).toBe("ar");
    expect(readSubmissionForm(form({ submissionKey: "x".repeat(65) }), "de").submissionKey).toBeNull();
    expect(readSubmissionForm(form({}), "de").language).toBe("en");
    const withFile = new FormData();
    withFile.append("text", new File(["x"], "a.txt"));
    expect(readSubmissionForm(withFile, "en").text).toBe("");
  });
});

describe("validation", () => {
  it("accepts a plain idea, trims it and keeps line breaks as \\n", () => {
    expect(parseSubmission(values({ text: "  First line\r\nSecond  ", name: "  Amina   K ", contact: "" }))).toEqual({
      ok: true,
      idea: { text: "First line\nSecond", language: "en", name: "Amina K", contact: null },
    });
  });
  it("names an empty, an oversized and a binary text", () => {
    expect(parseSubmission(values({ text: "   \n " }))).toEqual({ ok: false, errors: { text: "required" } });
    expect(parseSubmission(values({ text: "a".repeat(LIMITS.ideaText) })).ok).toBe(true);
    expect(parseSubmission(values({ text: "a".repeat(LIMITS.ideaText + 1) }))).toEqual({ ok: false, errors: { text: "tooLong" } });
    expect(parseSubmission(values({ text: "PK\u0003\u0004\u0000\u0000binary" }))).toEqual({ ok: false, errors: { text: "binary" } });
    expect(parseSubmission(values({ text: "bad utf8 \uFFFD here" }))).toEqual({ ok: false, errors: { text: "binary" } });
  });
  it("names every bad field at once, including name and contact", () => {
    const parsed = parseSubmission(values({ text: "", name: "n".repeat(LIMITS.contributorName + 1), contact: "x\u0007", language: "zz" }));
    expect(parsed).toEqual({ ok: false, errors: { text: "required", name: "tooLong", contact: "binary", language: "required" } });
  });
  it("takes Arabic, emoji and tabs as text, not as binary", () => {
    expect(looksBinary("فكرة: حافلة مشي إلى المدرسة 🚶‍♀️\tمعًا")).toBe(false);
    expect(looksBinary("lone \uD83D surrogate")).toBe(true);
    expect(looksBinary("lone \uDE00 low")).toBe(true);
  });
  it("maps encodePhoto's error keys to the form's", () => {
    expect(photoErrorOf("stories.photos.errors.notImage")).toBe("notImage");
    expect(photoErrorOf("stories.photos.errors.tooLarge")).toBe("tooLarge");
    expect(photoErrorOf("stories.photos.errors.type")).toBe("photoType");
    expect(photoErrorOf("stories.photos.errors.missing")).toBe("notImage");
  });
});

describe("title", () => {
  it("is the text itself when short, on one line", () => {
    expect(ideaTitle("A walking\nbus")).toBe("A walking bus");
  });
  it("cuts at a word boundary with an ellipsis, within the limit", () => {
    const text = "word ".repeat(60).trim();
    const title = ideaTitle(text);
    expect(title.length).toBeLessThanOrEqual(LIMITS.ideaTitle);
    expect(title.endsWith("word…")).toBe(true);
    const unbroken = "x".repeat(300);
    expect(ideaTitle(unbroken)).toBe(`${"x".repeat(LIMITS.ideaTitle - 1)}…`);
  });
});

describe("spam signals", () => {
  const calm: SpamFacts = {
    text: "Could the centre run a stay and play on Saturdays?",
    sameTextBefore: 0,
    recentFromDevice: 0,
    recentFromAddress: 0,
    secondsSincePage: 40,
  };
  it("raises none for an ordinary idea", () => {
    expect(spamSignals(calm)).toEqual([]);
  });
  it("raises each signal on its own", () => {
    expect(spamSignals({ ...calm, text: "Visit https://cheap.example now" })).toEqual(["links"]);
    expect(spamSignals({ ...calm, text: "see www.example.test" })).toEqual(["links"]);
    expect(spamSignals({ ...calm, text: "go to bestdeals.ru today" })).toEqual(["links"]);
    expect(spamSignals({ ...calm, sameTextBefore: 1 })).toEqual(["repeated"]);
    expect(spamSignals({ ...calm, recentFromDevice: 2 })).toEqual(["burst"]);
    expect(spamSignals({ ...calm, recentFromDevice: 1 })).toEqual([]);
    expect(spamSignals({ ...calm, recentFromAddress: 9 })).toEqual(["burst"]);
    expect(spamSignals({ ...calm, recentFromAddress: 8 })).toEqual([]);
    expect(spamSignals({ ...calm, text: "PLEASE FIX THE BUS STOP NOW" })).toEqual(["shouting"]);
    expect(spamSignals({ ...calm, text: "NHS and GP should talk" })).toEqual([]);
    expect(spamSignals({ ...calm, secondsSincePage: FAST_SECONDS - 1 })).toEqual(["fast"]);
    expect(spamSignals({ ...calm, secondsSincePage: null })).toEqual(["fast"]);
    expect(spamSignals({ ...calm, text: "!!! 123 ???" })).toEqual(["noLetters"]);
  });
  it("does not call Arabic (no capitals) shouting, and finds letters in it", () => {
    expect(spamSignals({ ...calm, text: "نحتاج إلى مكان آمن يلعب فيه الأطفال بعد المدرسة" })).toEqual([]);
  });
  it("compares texts ignoring case, spacing and punctuation", () => {
    expect(comparableText("A  walking BUS!")).toBe(comparableText("a walking bus"));
    expect(comparableText("a walking bus")).not.toBe(comparableText("a walking train"));
  });
});
