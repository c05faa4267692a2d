// The feedback rules on their own: the cycle's languages, the facilitator's question slots, the
// link's state, a visitor's answers, sentence decisions and the counts.
import {
  acceptsFeedback,
  answeredQuestionErrors,
  approvedSentence,
  feedbackLanguages,
  feedbackLinkState,
  maySentenceDecide,
  parseAnswers,
  parseQuestionSlots,
  peopleByLanguage,
  promptIn,
  readPrompts,
  tallyAnswers,
  FEEDBACK_LIMITS,
} from "~/domain/feedback";

describe("feedback rules", () => {
  it("reads the cycle's interface languages, English when none", () => {
    expect(feedbackLanguages("en,ar")).toEqual(["en", "ar"]);
    expect(feedbackLanguages(" ar , ur, ar")).toEqual(["ar"]);
    expect(feedbackLanguages("ur,so")).toEqual(["en"]);
    expect(feedbackLanguages("")).toEqual(["en"]);
  });

  it("reads prompts and picks one in the page's language, else the first there is", () => {
    expect(readPrompts('{"en":"Hi","ar":"مرحبا","x":3}')).toEqual({ en: "Hi", ar: "مرحبا" });
    expect(readPrompts("not json")).toEqual({});
    expect(readPrompts("[1]")).toEqual({});
    expect(promptIn({ en: "Hi", ar: "مرحبا" }, "ar", ["en", "ar"])).toBe("مرحبا");
    expect(promptIn({ en: "Hi" }, "ar", ["en", "ar"])).toBe("Hi");
  });

  it("parses the question slots: blank slots skipped, every language required, one question at least", () => {
    const slot = (kind: string, en: string, ar: string, id = "") => ({ id, kind, prompts: { en, ar } });
    expect(parseQuestionSlots([slot("faces", "", ""), slot("yesno", " ", ""), slot("faces", "", "")], ["en", "ar"])).toEqual({
      ok: false,
      errors: { form: "feedback.errors.noQuestions" },
    });
    const parsed = parseQuestionSlots(
      [slot("faces", " How  was it? ", "كيف كان؟", "q-1"), slot("yesno", "", ""), slot("sentence", "Why?", "لماذا؟", "bad id!")],
      ["en", "ar"],
    );
    expect(parsed).toEqual({
      ok: true,
      questions: [
        { id: "q-1", kind: "faces", prompts: { en: "How was it?", ar: "كيف كان؟" } },
        { id: null, kind: "sentence", prompts: { en: "Why?", ar: "لماذا؟" } },
      ],
    });
    expect(
      parseQuestionSlots([slot("stars", "a", ""), slot("faces", "x".repeat(FEEDBACK_LIMITS.prompt + 1), "ب"), slot("faces", "\u0000", "ج")], ["en", "ar"]),
    ).toEqual({
      ok: false,
      errors: {
        "q1-ar": "feedback.errors.promptRequired",
        "q1-kind": "feedback.errors.kindUnknown",
        "q2-en": "feedback.errors.promptLong",
        "q3-en": "feedback.errors.promptBinary",
      },
    });
  });

  it("keeps answered questions and their kinds", () => {
    const stored = [
      { id: "a", kind: "faces", answers: 3, position: 1 },
      { id: "b", kind: "yesno", answers: 0, position: 2 },
    ];
    const draft = (id: string | null, kind: "faces" | "yesno" | "sentence") => ({ id, kind, prompts: { en: "x" } });
    expect(answeredQuestionErrors([draft("a", "faces")], stored)).toEqual({});
    expect(answeredQuestionErrors([draft(null, "faces"), draft("a", "yesno")], stored)).toEqual({ "q2-kind": "feedback.errors.answeredKind" });
    expect(answeredQuestionErrors([draft("b", "sentence")], stored)).toEqual({ form: "feedback.errors.answeredRemoved" });
  });

  it("says whether the link takes answers: open, and no decision", () => {
    expect(feedbackLinkState({ feedbackCode: null, feedbackOpen: false, decision: null })).toBe("none");
    expect(feedbackLinkState({ feedbackCode: "abcdefgh", feedbackOpen: true, decision: null })).toBe("open");
    expect(feedbackLinkState({ feedbackCode: "abcdefgh", feedbackOpen: false, decision: null })).toBe("closed");
    expect(feedbackLinkState({ feedbackCode: "abcdefgh", feedbackOpen: true, decision: "stop" })).toBe("ended");
    expect(acceptsFeedback({ feedbackCode: "abcdefgh", feedbackOpen: true, decision: "stop" })).toBe(false);
    expect(acceptsFeedback({ feedbackCode: "abcdefgh", feedbackOpen: true, decision: null })).toBe(true);
  });

  it("parses a visitor's answers: faces 1–5, yes/no, a sentence; nothing at all is refused", () => {
    const questions = [
      { id: "f", kind: "faces" },
      { id: "y", kind: "yesno" },
      { id: "s", kind: "sentence" },
    ];
    expect(parseAnswers({ f: "", y: "", s: "  \r\n " }, questions)).toEqual({ ok: false, errors: {}, empty: true });
    expect(parseAnswers({ f: "5", y: "no", s: " Line one\r\nline two " }, questions)).toEqual({
      ok: true,
      answers: [
        { questionId: "f", face: 5, yes: null, text: null },
        { questionId: "y", face: null, yes: false, text: null },
        { questionId: "s", face: null, yes: null, text: "Line one\nline two" },
      ],
    });
    expect(parseAnswers({ f: "0", y: "Yes", s: "s".repeat(FEEDBACK_LIMITS.sentence + 1) }, questions)).toEqual({
      ok: false,
      errors: { f: "face", y: "yesno", s: "tooLong" },
      empty: false,
    });
    expect(parseAnswers({ f: "5.0", s: "\uFFFD" }, questions)).toMatchObject({ errors: { f: "face", s: "binary" } });
  });

  it("decides sentences: approve from pending, reject from pending or published; an edit must stay text", () => {
    expect(maySentenceDecide("approve", "pending")).toBe(true);
    expect(maySentenceDecide("approve", "published")).toBe(false);
    expect(maySentenceDecide("reject", "published")).toBe(true);
    expect(maySentenceDecide("reject", "rejected")).toBe(false);
    expect(approvedSentence("As sent", " As sent ")).toEqual({ ok: true, text: "As sent", edited: false });
    expect(approvedSentence("Amina was kind", "She was kind")).toEqual({ ok: true, text: "She was kind", edited: true });
    expect(approvedSentence("x", " ")).toEqual({ ok: false, error: "feedback.errors.sentenceRequired" });
  });

  it("counts published answers by question and language, and sentences waiting apart", () => {
    const tallies = tallyAnswers(
      [
        { id: "f", kind: "faces" },
        { id: "y", kind: "yesno" },
        { id: "s", kind: "sentence" },
      ],
      [
        { questionId: "f", language: "en", face: 5, yes: null, moderation: "published", count: 2 },
        { questionId: "f", language: "ar", face: 2, yes: null, moderation: "published", count: 1 },
        { questionId: "y", language: "ar", face: null, yes: true, moderation: "published", count: 3 },
        { questionId: "s", language: "ar", face: null, yes: null, moderation: "pending", count: 4 },
        { questionId: "s", language: "en", face: null, yes: null, moderation: "published", count: 1 },
        { questionId: "s", language: "en", face: null, yes: null, moderation: "rejected", count: 2 },
      ],
      ["en", "ar"],
    );
    expect(tallies[0]!.faces).toEqual({ byLanguage: { en: [0, 0, 0, 0, 2], ar: [0, 1, 0, 0, 0] }, total: [0, 1, 0, 0, 2], mean: 4 });
    expect(tallies[1]!.yesno).toEqual({ byLanguage: { en: { yes: 0, no: 0 }, ar: { yes: 3, no: 0 } }, total: { yes: 3, no: 0 } });
    expect(tallies[2]).toMatchObject({ faces: null, yesno: null, published: { byLanguage: { en: 1, ar: 0 }, total: 1 }, pending: 4, rejected: 2 });
    expect(peopleByLanguage([{ language: "ar" }, { language: "ar" }, { language: "en" }], ["en", "ar"])).toEqual({ byLanguage: { en: 1, ar: 2 }, total: 3 });
  });
});
