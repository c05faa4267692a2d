// Synthesis rules: evidence counting (withdrawn sources, one storyteller behind several stories),
// insight and send validation as conform parses forms, the consent rule for quotes, where sent
// notes go, note text, quotes redacted from the story's own redaction, question id planning,
// who may delete, and CSV cells of the export (formula-looking text neutralised).
import { parseWithZod } from "@conform-to/zod";
import { csvCell } from "~/components/board/export";
import { NOTE_SIZE } from "~/collab/board";
import {
  countEvidence,
  excerptNoteText,
  gridBelow,
  insightInput,
  mayDeleteInsight,
  noteColourFor,
  planQuestions,
  questionDrafts,
  quotesAllowed,
  redactedQuote,
  sendInput,
  storytellerKey,
} from "~/domain/insights";
import { redact, redactText, type Identifier } from "~/domain/redaction";
import { insightRows } from "~/routes/l.$localityId+/insights+/insight-report.server";
import { CONTENT_LIMITS } from "~/collab/limits";

const form = (entries: Array<[string, string]>) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};
const label = (kind: string, n: number) => `[${kind} ${n}]`;

describe("countEvidence", () => {
  it("counts excerpts, stories and distinct storytellers; withdrawn rows only as withdrawn, deleted excerpts not at all", () => {
    expect(
      countEvidence([
        { excerptId: "e1", storyId: "s1", withdrawn: false, pseudonym: "Parent A" },
        { excerptId: "e2", storyId: "s1", withdrawn: false, pseudonym: "Parent A" },
        // The same storyteller told a second story (pseudonyms compare without case or extra spaces).
        { excerptId: "e3", storyId: "s2", withdrawn: false, pseudonym: " parent  a" },
        { excerptId: "e4", storyId: "s3", withdrawn: false, pseudonym: "Grandparent B" },
        // An excerpt deleted at withdrawal (SetNull), and a row of a withdrawn story.
        { excerptId: null, storyId: "s4", withdrawn: true, pseudonym: "" },
        { excerptId: "e9", storyId: "s5", withdrawn: true, pseudonym: "Parent C" },
        // An excerpt a coder deleted from a story that is still there: it counts for nothing.
        { excerptId: null, storyId: "s3", withdrawn: false, pseudonym: "Grandparent B" },
      ]),
    ).toEqual({ excerpts: 4, stories: 3, storytellers: 2, withdrawn: 2 });
  });
  it("counts an excerpt listed twice once, and nothing for no evidence", () => {
    expect(
      countEvidence([
        { excerptId: "e1", storyId: "s1", withdrawn: false, pseudonym: "A" },
        { excerptId: "e1", storyId: "s1", withdrawn: false, pseudonym: "A" },
      ]),
    ).toEqual({ excerpts: 1, stories: 1, storytellers: 1, withdrawn: 0 });
    expect(countEvidence([])).toEqual({ excerpts: 0, stories: 0, storytellers: 0, withdrawn: 0 });
  });
  it("normalises pseudonyms for comparison only", () => {
    expect(storytellerKey("  Parent\u00a0A ")).toBe("parent a");
    expect(storytellerKey("أم ١")).toBe("أم ١");
  });
});

describe("insight input", () => {
  const valid: Array<[string, string]> = [
    ["statement", "We learned that parents feel judged at the school gate."],
    ["questions[0]", "How might we make the gate a friendlier place?"],
    ["questions[1]", ""],
    ["questions[2]", "How might we help parents meet each other?"],
    ["questionIds[0]", "q1"],
    ["confidence", "medium"],
    ["evidence", "e1"],
  ];
  it("accepts a statement, questions (blanks dropped, ids kept), a confidence and one or many excerpts", () => {
    const one = parseWithZod(form(valid), { schema: insightInput });
    expect(one.status).toBe("success");
    if (one.status !== "success") return;
    expect(one.value.evidence).toEqual(["e1"]);
    expect(questionDrafts(one.value)).toEqual([
      { id: "q1", text: "How might we make the gate a friendlier place?" },
      { id: null, text: "How might we help parents meet each other?" },
    ]);
    const many = parseWithZod(form([...valid, ["evidence", "e2"]]), { schema: insightInput });
    expect(many.status === "success" && many.value.evidence).toEqual(["e1", "e2"]);
  });
  it("needs a statement, at least one question, a confidence and evidence, each with its own message", () => {
    const empty = parseWithZod(
      form([
        ["statement", " "],
        ["questions[0]", ""],
        ["confidence", "certain"],
      ]),
      { schema: insightInput },
    );
    expect(empty.status).toBe("error");
    expect(empty.reply().error).toEqual({
      statement: ["insights.errors.statement"],
      "questions[0]": ["insights.errors.question"],
      confidence: ["insights.errors.confidence"],
      evidence: ["insights.errors.noEvidence"],
    });
  });
  it("refuses statements and questions over their limits, and more than five questions", () => {
    const long = parseWithZod(
      form([
        ["statement", "x".repeat(501)],
        ["questions[0]", "y".repeat(301)],
        ["confidence", "low"],
        ["evidence", "e1"],
      ]),
      { schema: insightInput },
    );
    expect(long.reply().error).toEqual({ statement: ["insights.errors.statementLong"], "questions[0]": ["insights.errors.questionLong"] });
    const six = parseWithZod(
      form([
        ["statement", "We learned"],
        ...Array.from({ length: 6 }, (_, i): [string, string] => [`questions[${i}]`, `Q${i}`]),
        ["confidence", "low"],
        ["evidence", "e1"],
      ]),
      { schema: insightInput },
    );
    expect(six.reply().error).toEqual({ questions: ["insights.errors.tooManyQuestions"] });
  });
  it("refuses evidence ids that are not ids", () => {
    const bad = parseWithZod(
      form([
        ["statement", "We learned"],
        ["questions[0]", "Q"],
        ["confidence", "high"],
        ["evidence", "../x"],
      ]),
      { schema: insightInput },
    );
    expect(bad.reply().error).toEqual({ "evidence[0]": ["insights.errors.unknown"] });
  });
});

describe("send input", () => {
  it("needs at least one excerpt and a target: an existing board, or a title for a new one", () => {
    expect(
      parseWithZod(
        form([
          ["target", "new"],
          ["title", "Analysis board"],
        ]),
        { schema: sendInput },
      ).reply().error,
    ).toEqual({ excerpts: ["insights.errors.noExcerpts"] });
    expect(
      parseWithZod(
        form([
          ["excerpts", "e1"],
          ["target", "existing"],
        ]),
        { schema: sendInput },
      ).reply().error,
    ).toEqual({ boardId: ["insights.errors.board"] });
    expect(
      parseWithZod(
        form([
          ["excerpts", "e1"],
          ["target", "new"],
          ["title", " "],
        ]),
        { schema: sendInput },
      ).reply().error,
    ).toEqual({ title: ["insights.errors.title"] });
    const ok = parseWithZod(
      form([
        ["excerpts", "e1"],
        ["excerpts", "e2"],
        ["target", "existing"],
        ["boardId", "b1"],
      ]),
      { schema: sendInput },
    );
    expect(ok.status === "success" && ok.value).toEqual({ excerpts: ["e1", "e2"], target: "existing", boardId: "b1", colour: "byCode" });
  });
});

describe("consent rule for quotes", () => {
  it("quotes only stories whose consent covers anonymised quotes or sharing with other localities", () => {
    expect(quotesAllowed("quotes")).toBe(true);
    expect(quotesAllowed("other_localities")).toBe(true);
    expect(quotesAllowed("core_group")).toBe(false);
    expect(quotesAllowed(null)).toBe(false);
    expect(quotesAllowed("QUOTES")).toBe(false);
  });
});

describe("notes sent to a board", () => {
  it("go in a grid below the lowest note, so nothing is covered", () => {
    expect(gridBelow([], 2)).toEqual([
      { x: 40, y: 40 },
      { x: 40 + NOTE_SIZE.width + 20, y: 40 },
    ]);
    const spots = gridBelow([{ y: 100 }, { y: 500 }], 7, 6);
    const top = 500 + NOTE_SIZE.height + 60;
    expect(spots[0]).toEqual({ x: 40, y: top });
    expect(spots[6]).toEqual({ x: 40, y: top + NOTE_SIZE.height + 20 });
  });
  it("are coloured by the first code in codebook order, or one chosen colour", () => {
    expect(noteColourFor("byCode", ["c3", "c2"], ["c1", "c2", "c3"])).toBe("pink");
    expect(noteColourFor("byCode", [], ["c1"])).toBe("yellow");
    expect(noteColourFor("byCode", ["c7"], ["c1", "c2", "c3", "c4", "c5", "c6", "c7"])).toBe("yellow");
    expect(noteColourFor("blue", ["c1"], ["c1"])).toBe("blue");
  });
  it("say the quote then who told it, shortened to fit a note", () => {
    expect(excerptNoteText("We walk [Name 1] to school.", "Parent A", CONTENT_LIMITS.noteText)).toBe("We walk [Name 1] to school. — Parent A");
    const long = excerptNoteText("w".repeat(600), "Parent A", CONTENT_LIMITS.noteText);
    expect(long.length).toBe(CONTENT_LIMITS.noteText);
    expect(long.endsWith("… — Parent A")).toBe(true);
  });
});

describe("redactedQuote", () => {
  const identifiers: Identifier[] = [
    { text: "Amira Khan", kind: "name" },
    { text: "Alder Road", kind: "place" },
  ];
  const text = "I'm Amira Khan and I live on Alder Road.\nKhan is my married name.";
  const story = { text, redaction: redact(text, identifiers) };
  const fallback = (quote: string) => redactText(quote, identifiers, label);
  it("slices the story's redaction, so an identifier cut by the quote's edge is still hidden", () => {
    const start = text.indexOf("Khan and");
    const quote = text.slice(start, text.indexOf("Road.") + 5);
    expect(quote).toBe("Khan and I live on Alder Road.");
    const out = redactedQuote(story, { start, end: start + quote.length, quote, anchored: true }, label, fallback);
    expect(out).toBe("[name 1] and I live on [place 1].");
    expect(out).not.toContain("Khan");
    // Redacting the quote alone would have left the surname visible:
    expect(fallback(quote)).toContain("Khan");
  });
  it("redacts the quote itself when the excerpt lost its place in the text", () => {
    const quote = "Amira Khan said so";
    expect(redactedQuote(story, { start: 0, end: 18, quote, anchored: false }, label, fallback)).toBe("[name 1] said so");
    expect(redactedQuote(story, { start: 0, end: 18, quote, anchored: true }, label, fallback)).toBe("[name 1] said so");
  });
});

describe("planQuestions", () => {
  const existing = [
    { id: "q1", text: "How might we A?", position: 0 },
    { id: "q2", text: "How might we B?", position: 1 },
    { id: "q3", text: "How might we C?", position: 2 },
  ];
  it("keeps ids of questions still there (edited or not), adds new ones, removes the rest", () => {
    expect(
      planQuestions(existing, [
        { id: "q2", text: "How might we B, better?" },
        { id: null, text: "How might we D?" },
        { id: "q1", text: "How might we A?" },
      ]),
    ).toEqual({
      keep: [
        { id: "q2", text: "How might we B, better?", position: 0 },
        { id: "q1", text: "How might we A?", position: 2 },
      ],
      create: [{ text: "How might we D?", position: 1 }],
      remove: ["q3"],
    });
  });
  it("treats a foreign or repeated id as a new question", () => {
    expect(
      planQuestions(existing, [
        { id: "other", text: "X" },
        { id: "q1", text: "Y" },
        { id: "q1", text: "Z" },
      ]),
    ).toEqual({
      keep: [{ id: "q1", text: "Y", position: 1 }],
      create: [
        { text: "X", position: 0 },
        { text: "Z", position: 2 },
      ],
      remove: ["q2", "q3"],
    });
  });
});

describe("mayDeleteInsight", () => {
  it("lets facilitators and the author delete; not other members or viewers", () => {
    expect(mayDeleteInsight("facilitator", "u1", { createdById: "u2" })).toBe(true);
    expect(mayDeleteInsight("member", "u1", { createdById: "u1" })).toBe(true);
    expect(mayDeleteInsight("member", "u1", { createdById: "u2" })).toBe(false);
    expect(mayDeleteInsight("member", "u1", { createdById: null })).toBe(false);
    expect(mayDeleteInsight("viewer", "u1", { createdById: "u1" })).toBe(false);
  });
});

describe("the CSV export's rows", () => {
  const t = (key: string) => key.split(".").pop()!;
  const insight = {
    id: "i1",
    statement: '=HYPERLINK("http://evil")',
    confidence: "high" as const,
    questions: [
      { id: "q1", text: "How might we A?" },
      { id: "q2", text: "@SUM(1)" },
    ],
    counts: { excerpts: 2, stories: 2, storytellers: 1, withdrawn: 1 },
    createdAt: "",
    updatedAt: "",
  };
  it("has one row per excerpt, a quote only where consent allows, and an insight without evidence once", () => {
    const rows = insightRows(
      [
        {
          ...insight,
          evidence: [
            { id: "e1", storyTitle: "Mornings", pseudonym: "Parent A", codes: ["Isolation", "Trust"], quote: "We walk [Name 1] to school." },
            { id: "e2", storyTitle: "Evenings", pseudonym: "Parent A", codes: [], quote: null },
          ],
        },
        { ...insight, id: "i2", statement: "We learned that B", evidence: [] },
      ],
      t,
    );
    expect(rows).toEqual([
      ["insight", "questions", "confidence", "storiesWithdrawn", "story", "storyteller", "codes", "quote"],
      [insight.statement, "How might we A?\n@SUM(1)", "high", "1", "Mornings", "Parent A", "Isolation; Trust", "We walk [Name 1] to school."],
      [insight.statement, "How might we A?\n@SUM(1)", "high", "1", "Evenings", "Parent A", "", "quoteNotShared"],
      ["We learned that B", "How might we A?\n@SUM(1)", "high", "1", "", "", "", ""],
    ]);
  });
  it("neutralises formula-looking cells and quotes cells with commas, quotes or line breaks", () => {
    expect(csvCell(insight.statement)).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell("@SUM(1)")).toBe("'@SUM(1)");
    expect(csvCell("How might we A?\n@SUM(1)")).toBe(`"How might we A?\n@SUM(1)"`);
    expect(csvCell("-1")).toBe("'-1");
  });
});
