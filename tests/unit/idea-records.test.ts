// Ideas as records, the pure rules: status changes (allowed and forbidden), promotion only from
// shortlisted, who may remove a translation or a comment or report, automatic titles, the
// language guessed for a note and the direction of a text, the forms as conform parses them,
// the list's filters, and the board → records plan (create, follow text, keep hand-written
// titles, skip empty and linked notes, delete-or-detach when a note goes, relink after a restore).
import { parseWithZod } from "@conform-to/zod";
import { IDEA_STATUSES, type IdeaStatus } from "~/domain/ideas";
import { LIMITS } from "~/domain/limits";
import {
  AUTO_TITLE_LENGTH,
  STATUS_CHANGES,
  canChangeStatus,
  canPromote,
  commentInput,
  guessLanguage,
  ideaDetailsInput,
  listFilters,
  mayDeleteComment,
  mayRemoveTranslation,
  mayReport,
  reportInput,
  statusInput,
  textDirection,
  titleFromText,
  translationInput,
} from "~/domain/idea-records";
import { isMemberIdeaNote, planBoardIdeaSync, planIsEmpty, type BoardIdeaFacts, type BoardNoteFacts } from "~/domain/board-ideas";

const form = (entries: Array<[string, string]>) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

describe("idea status", () => {
  it("allows exactly these changes from the status form", () => {
    const allowed: string[] = [];
    for (const from of IDEA_STATUSES) for (const to of IDEA_STATUSES) if (canChangeStatus(from, to)) allowed.push(`${from}→${to}`);
    expect(allowed.sort()).toEqual(
      ["new→shortlisted", "new→parked", "shortlisted→new", "shortlisted→parked", "parked→new", "parked→shortlisted", "prototyping→parked"].sort(),
    );
  });
  it("never reaches prototyping through the status form, and never stays put", () => {
    for (const from of IDEA_STATUSES) {
      expect(canChangeStatus(from, "prototyping")).toBe(false);
      expect(canChangeStatus(from, from)).toBe(false);
      expect(STATUS_CHANGES[from].every((to) => canChangeStatus(from, to))).toBe(true);
    }
  });
  it("promotes only a shortlisted idea", () => {
    expect(IDEA_STATUSES.filter((s: IdeaStatus) => canPromote(s))).toEqual(["shortlisted"]);
  });
});

describe("who may do what", () => {
  it("removes a translation: its translator (a member) or a facilitator, not a viewer", () => {
    expect(mayRemoveTranslation("member", "u1", { translatorId: "u1" })).toBe(true);
    expect(mayRemoveTranslation("member", "u2", { translatorId: "u1" })).toBe(false);
    expect(mayRemoveTranslation("facilitator", "u2", { translatorId: "u1" })).toBe(true);
    expect(mayRemoveTranslation("viewer", "u1", { translatorId: "u1" })).toBe(false);
  });
  it("deletes a comment: its author or a facilitator", () => {
    expect(mayDeleteComment("member", "u1", { authorId: "u1" })).toBe(true);
    expect(mayDeleteComment("member", "u2", { authorId: "u1" })).toBe(false);
    expect(mayDeleteComment("facilitator", "u2", { authorId: null })).toBe(true);
    expect(mayDeleteComment("viewer", "u1", { authorId: "u1" })).toBe(false);
  });
  it("reports others' published ideas only", () => {
    expect(mayReport("member", "u1", { createdById: "u2", moderation: "published" })).toBe(true);
    expect(mayReport("member", "u1", { createdById: null, moderation: "published" })).toBe(true);
    expect(mayReport("member", "u1", { createdById: "u1", moderation: "published" })).toBe(false);
    expect(mayReport("member", "u1", { createdById: "u2", moderation: "hidden" })).toBe(false);
    expect(mayReport("viewer", "u1", { createdById: "u2", moderation: "published" })).toBe(false);
  });
});

describe("titles, languages and direction", () => {
  it("makes a title of the first words, on one line, cut at a word", () => {
    expect(titleFromText("  A walking bus\nto school  ")).toBe("A walking bus to school");
    const long = "Parents could take turns walking the children to school together in the mornings so that nobody walks alone and everyone meets";
    const title = titleFromText(long);
    expect(title.length).toBeLessThanOrEqual(AUTO_TITLE_LENGTH + 1);
    expect(title.length).toBeLessThanOrEqual(LIMITS.ideaTitle);
    expect(title.endsWith("…")).toBe(true);
    expect(long.startsWith(title.slice(0, -1))).toBe(true);
    expect(long[title.length - 1]).toBe(" "); // cut where a word ended
    expect(titleFromText("x".repeat(300)).length).toBe(AUTO_TITLE_LENGTH + 1);
  });
  it("guesses the language of a note among the challenge's languages", () => {
    expect(guessLanguage("مجموعة للأمهات الجدد في المركز", ["en", "ar"])).toBe("ar");
    expect(guessLanguage("A group for new mums", ["en", "ar"])).toBe("en");
    expect(guessLanguage("A group مجموعة للأمهات الجدد", ["en", "ar"])).toBe("ar");
    expect(guessLanguage("مجموعة للأمهات", ["en"])).toBe("en"); // Arabic not offered: the first language
    expect(guessLanguage("1234 !!", ["ar", "en"])).toBe("ar");
    expect(guessLanguage("", [])).toBe("en");
  });
  it("gives each language its direction", () => {
    expect(textDirection("ar")).toBe("rtl");
    expect(textDirection("ur")).toBe("rtl");
    expect(textDirection("en")).toBe("ltr");
    expect(textDirection("pl")).toBe("ltr");
    expect(textDirection("ku")).toBe("auto");
  });
});

describe("forms", () => {
  it("details: a title is required and limited; fields are limited; insights are ids", () => {
    const ok = parseWithZod(
      form([
        ["title", " Walking bus "],
        ["description", "Every morning"],
        ["insights", "abc123"],
        ["insights", "def456"],
      ]),
      { schema: ideaDetailsInput },
    );
    expect(ok.status).toBe("success");
    if (ok.status === "success")
      expect(ok.value).toEqual({ title: "Walking bus", description: "Every morning", whoWouldUse: "", whoCouldDeliver: "", insights: ["abc123", "def456"] });
    const empty = parseWithZod(form([["title", "  "]]), { schema: ideaDetailsInput });
    expect(empty.reply().error).toEqual({ title: ["ideas.errors.title"] });
    const long = parseWithZod(
      form([
        ["title", "t".repeat(LIMITS.ideaTitle + 1)],
        ["whoWouldUse", "w".repeat(LIMITS.ideaField + 1)],
        ["insights", "no spaces allowed"],
      ]),
      { schema: ideaDetailsInput },
    );
    expect(long.reply().error).toEqual({ title: ["ideas.errors.titleLong"], whoWouldUse: ["ideas.errors.fieldLong"], "insights[0]": ["ideas.errors.unknown"] });
  });
  it("translation: a known language and a text within the note limit", () => {
    expect(
      parseWithZod(
        form([
          ["language", "en"],
          ["text", "A walking bus"],
        ]),
        { schema: translationInput },
      ).status,
    ).toBe("success");
    expect(
      parseWithZod(
        form([
          ["language", "xx"],
          ["text", ""],
        ]),
        { schema: translationInput },
      ).reply().error,
    ).toEqual({ language: ["ideas.errors.language"], text: ["ideas.errors.translation"] });
    expect(
      parseWithZod(
        form([
          ["language", "ar"],
          ["text", "ن".repeat(LIMITS.ideaText + 1)],
        ]),
        { schema: translationInput },
      ).reply().error,
    ).toEqual({ text: ["ideas.errors.translationLong"] });
  });
  it("comment, report reason and status", () => {
    expect(parseWithZod(form([["body", " "]]), { schema: commentInput }).reply().error).toEqual({ body: ["ideas.errors.comment"] });
    expect(parseWithZod(form([["body", "c".repeat(LIMITS.ideaComment + 1)]]), { schema: commentInput }).reply().error).toEqual({
      body: ["ideas.errors.commentLong"],
    });
    expect(parseWithZod(form([]), { schema: reportInput }).status).toBe("success");
    expect(parseWithZod(form([["reason", "r".repeat(LIMITS.reportReason + 1)]]), { schema: reportInput }).reply().error).toEqual({
      reason: ["ideas.errors.reasonLong"],
    });
    expect(parseWithZod(form([["status", "done"]]), { schema: statusInput }).reply().error).toEqual({ status: ["ideas.errors.status"] });
  });
  it("reads the list's filters leniently", () => {
    expect(listFilters(new URL("http://x/l/a/ideas?challenge=c1&status=shortlisted"))).toEqual({ challengeId: "c1", status: "shortlisted" });
    expect(listFilters(new URL("http://x/l/a/ideas?challenge=a%20b&status=done"))).toEqual({ challengeId: null, status: null });
  });
});

describe("board → idea records", () => {
  const note = (id: string, text: string, extra: Partial<BoardNoteFacts> = {}): BoardNoteFacts => ({ id, text, authorId: "u1", link: null, ...extra });
  const idea = (id: string, noteId: string, text: string, extra: Partial<BoardIdeaFacts> = {}): BoardIdeaFacts => ({
    id,
    noteId,
    text,
    title: titleFromText(text),
    language: "en",
    moderation: "published",
    translationLanguages: [],
    ...extra,
  });

  it("makes a record of each member's note with text; not of empty or linked idea notes", () => {
    expect(isMemberIdeaNote(note("n1", "  "))).toBe(false);
    expect(isMemberIdeaNote(note("n1", "x", { link: { type: "idea", id: "i1" } }))).toBe(false);
    expect(isMemberIdeaNote(note("n1", "x", { link: { type: "insight", id: "i1" } }))).toBe(true);
    expect(isMemberIdeaNote(note("bad id", "x"))).toBe(false);
    const plan = planBoardIdeaSync(
      [
        note("n1", " A walking bus "),
        note("n2", ""),
        note("n3", "مجموعة للأمهات", { authorId: "u2" }),
        note("idea-p1", "From a phone", { authorId: null, link: { type: "idea", id: "p1" } }),
      ],
      [],
      ["en", "ar"],
    );
    expect(plan.create).toEqual([
      { noteId: "n1", title: "A walking bus", text: "A walking bus", language: "en", createdById: "u1" },
      { noteId: "n3", title: "مجموعة للأمهات", text: "مجموعة للأمهات", language: "ar", createdById: "u2" },
    ]);
    expect(plan.update).toEqual([]);
    expect(plan.gone).toEqual([]);
  });

  it("does nothing when the records already follow the board (idempotent)", () => {
    const plan = planBoardIdeaSync([note("n1", "A walking bus")], [idea("i1", "n1", "A walking bus")], ["en"]);
    expect(planIsEmpty(plan)).toBe(true);
  });

  it("follows a note's text; an automatic title follows, a hand-written one stays", () => {
    const plan = planBoardIdeaSync(
      [note("n1", "A walking bus on Fridays"), note("n2", "Coffee morning at the library")],
      [idea("i1", "n1", "A walking bus"), idea("i2", "n2", "Coffee morning", { title: "Library coffee club" })],
      ["en", "ar"],
    );
    expect(plan.update).toEqual([
      { id: "i1", noteId: "n1", title: "A walking bus on Fridays", text: "A walking bus on Fridays", language: "en" },
      { id: "i2", noteId: "n2", title: "Library coffee club", text: "Coffee morning at the library", language: "en" },
    ]);
  });

  it("keeps the original's language when a translation is already in the guessed one", () => {
    const plan = planBoardIdeaSync(
      [note("n1", "مجموعة للأمهات الجدد")],
      [idea("i1", "n1", "Mums group", { language: "en", translationLanguages: ["ar"] })],
      ["en", "ar"],
    );
    expect(plan.update[0]!.language).toBe("en");
  });

  it("leaves an idea whose note is being retyped (empty for a moment) alone", () => {
    expect(planIsEmpty(planBoardIdeaSync([note("n1", "")], [idea("i1", "n1", "A walking bus")], ["en"]))).toBe(true);
  });

  it("only follows published ideas: a hidden one's note is neither updated nor mourned", () => {
    const plan = planBoardIdeaSync(
      [note("n1", "changed")],
      [idea("i1", "n1", "A walking bus", { moderation: "hidden" }), idea("i2", "n2", "gone", { moderation: "hidden" })],
      ["en"],
    );
    expect(planIsEmpty(plan)).toBe(true);
  });

  it("marks a record whose note left the board as gone, or relinks it to the note that shows it after a restore", () => {
    const plan = planBoardIdeaSync(
      [note("idea-i2", "Restored", { authorId: null, link: { type: "idea", id: "i2" } })],
      [idea("i1", "n1", "Removed"), idea("i2", "n2", "Restored")],
      ["en"],
    );
    expect(plan.gone).toEqual([{ id: "i1", noteId: "n1" }]);
    expect(plan.relink).toEqual([{ id: "i2", noteId: "idea-i2" }]);
    expect(plan.create).toEqual([]);
  });
});
