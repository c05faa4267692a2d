// The challenge rules: what a closing date means (end of that UK day), the forms' schemas
// (closing date ahead, at least one known language, question length), the link's state, board
// titles, the public link, and which insight questions are not opened yet.
import { parseWithZod } from "@conform-to/zod";
import {
  boardTitleFor,
  challengeSettingsInput,
  closingDateValue,
  closingFromForm,
  closingMoment,
  formatLanguages,
  linkState,
  openChallengeInput,
  publicLink,
  unopenedQuestions,
} from "~/domain/challenges";
import { LIMITS } from "~/domain/limits";

function form(entries: Array<[string, string]>): FormData {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

const NOW = new Date("2026-03-10T12:00:00Z");
const now = () => NOW;

describe("closing dates", () => {
  it("a date means the end of that day in UK time (GMT in winter, BST in summer)", () => {
    expect(closingMoment("2026-01-14")!.toISOString()).toBe("2026-01-14T23:59:59.999Z");
    expect(closingMoment("2026-07-14")!.toISOString()).toBe("2026-07-14T22:59:59.999Z");
  });
  it("rejects what is not a calendar date", () => {
    for (const bad of ["2026-02-30", "2026-13-01", "14/03/2026", "tomorrow", "", "2026-3-1", "1999-12-31"]) expect(closingMoment(bad), bad).toBeNull();
  });
  it("shows a stored moment as its UK date, and nothing for none", () => {
    expect(closingDateValue(closingMoment("2026-07-14"))).toBe("2026-07-14");
    expect(closingDateValue(closingMoment("2026-12-31")!.toISOString())).toBe("2026-12-31");
    expect(closingDateValue(null)).toBe("");
    expect(closingFromForm(undefined)).toBeNull();
    expect(closingFromForm("2026-03-11")?.toISOString()).toBe("2026-03-11T23:59:59.999Z");
  });
});

describe("the open-challenge form", () => {
  const schema = openChallengeInput(now);
  it("takes a question, an optional closing date ahead, and languages", () => {
    const s = parseWithZod(
      form([
        ["question", "  How might we help new parents meet?  "],
        ["closesOn", "2026-03-10"],
        ["languages", "ar"],
        ["languages", "en"],
      ]),
      { schema },
    );
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    expect(s.value).toEqual({ question: "How might we help new parents meet?", closesOn: "2026-03-10", languages: ["ar", "en"] });
    expect(formatLanguages(s.value.languages)).toBe("en,ar");
  });
  it("today is fine (it closes tonight); yesterday is not; no date at all is fine", () => {
    const past = parseWithZod(
      form([
        ["question", "Q?"],
        ["closesOn", "2026-03-09"],
        ["languages", "en"],
      ]),
      { schema },
    );
    expect(past.status === "error" && past.error?.closesOn).toEqual(["challenges.errors.closesOnPast"]);
    const none = parseWithZod(
      form([
        ["question", "Q?"],
        ["closesOn", ""],
        ["languages", "en"],
      ]),
      { schema },
    );
    expect(none.status === "success" && none.value.closesOn).toBeFalsy();
    const bad = parseWithZod(
      form([
        ["question", "Q?"],
        ["closesOn", "2026-02-30"],
        ["languages", "en"],
      ]),
      { schema },
    );
    expect(bad.status === "error" && bad.error?.closesOn).toEqual(["challenges.errors.closesOnInvalid"]);
  });
  it("needs a question within the limit and at least one known language", () => {
    const empty = parseWithZod(form([["question", "   "]]), { schema });
    expect(empty.status === "error" && empty.error).toMatchObject({
      question: ["challenges.errors.questionRequired"],
      languages: ["challenges.errors.languagesNone"],
    });
    const long = parseWithZod(
      form([
        ["question", "x".repeat(LIMITS.challengeQuestion + 1)],
        ["languages", "en"],
      ]),
      { schema },
    );
    expect(long.status === "error" && long.error?.question).toEqual(["challenges.errors.questionLong"]);
    const unknown = parseWithZod(
      form([
        ["question", "Q?"],
        ["languages", "fr"],
      ]),
      { schema },
    );
    expect(unknown.status).toBe("error");
    const exact = parseWithZod(
      form([
        ["question", "x".repeat(LIMITS.challengeQuestion)],
        ["languages", "en"],
      ]),
      { schema },
    );
    expect(exact.status).toBe("success");
  });
  it("the settings form has the same rules without a question", () => {
    const s = parseWithZod(
      form([
        ["closesOn", "2026-04-01"],
        ["languages", "ar"],
      ]),
      { schema: challengeSettingsInput(now) },
    );
    expect(s.status === "success" && s.value).toEqual({ closesOn: "2026-04-01", languages: ["ar"] });
    const none = parseWithZod(form([["closesOn", "2026-04-01"]]), { schema: challengeSettingsInput(now) });
    expect(none.status === "error" && none.error?.languages).toEqual(["challenges.errors.languagesNone"]);
  });
});

describe("the link's state", () => {
  it("open, closed by hand, or past its closing date", () => {
    expect(linkState({ linkOpen: true, closesAt: null }, NOW)).toBe("open");
    expect(linkState({ linkOpen: true, closesAt: new Date("2026-03-10T12:00:01Z") }, NOW)).toBe("open");
    expect(linkState({ linkOpen: true, closesAt: new Date("2026-03-10T12:00:00Z") }, NOW)).toBe("expired");
    expect(linkState({ linkOpen: true, closesAt: "2026-03-01T00:00:00Z" }, NOW)).toBe("expired");
    expect(linkState({ linkOpen: false, closesAt: null }, NOW)).toBe("closed");
    expect(linkState({ linkOpen: false, closesAt: "2026-03-01T00:00:00Z" }, NOW)).toBe("closed");
  });
});

describe("titles, links and questions", () => {
  it("a long question becomes a board title within the limit", () => {
    expect(boardTitleFor("  How might   we help?  ")).toBe("How might we help?");
    const title = boardTitleFor("How might we ".repeat(30));
    expect(title.length).toBeLessThanOrEqual(LIMITS.boardTitle);
    expect(title.endsWith("…")).toBe(true);
  });
  it("the public link is absolute, from the origin", () => {
    expect(publicLink("https://coproduce.example/", "ab3cd4ef")).toBe("https://coproduce.example/i/ab3cd4ef");
    expect(publicLink("http://localhost:3000", "ab3cd4ef")).toBe("http://localhost:3000/i/ab3cd4ef");
  });
  it("lists the questions not opened yet, in order", () => {
    const qs = [{ id: "q1" }, { id: "q2" }, { id: "q3" }];
    expect(unopenedQuestions(qs, ["q2", null]).map((q) => q.id)).toEqual(["q1", "q3"]);
    expect(unopenedQuestions(qs, [])).toEqual(qs);
  });
});
