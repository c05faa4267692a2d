import { parseWithZod } from "@conform-to/zod";
import { pairKey } from "~/domain/ties";
import {
  commonLanguages,
  confirmSides,
  exerciseBoardInput,
  exerciseBoardTitle,
  joinLanguages,
  matchesFilter,
  parseSessionDateTime,
  sidesFor,
  suggestTies,
  toSessionDateTimeInput,
  WORKSHOP_LIMITS,
  workshopInput,
  workshopRecord,
} from "~/domain/workshops";

function form(fields: Record<string, string | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) fd.append(k, item);
  return fd;
}

describe("suggestTies", () => {
  it("suggests every pair of attendees once, smaller id first", () => {
    expect(suggestTies(["c", "a", "b"], new Set())).toEqual([
      { personAId: "a", personBId: "b" },
      { personAId: "a", personBId: "c" },
      { personAId: "b", personBId: "c" },
    ]);
  });
  it("never suggests a pair already tied, whichever order the tie was keyed in", () => {
    const existing = new Set([pairKey("c", "a"), pairKey("b", "d")]);
    const pairs = suggestTies(["a", "b", "c", "d"], existing);
    expect(pairs.map((p) => pairKey(p.personAId, p.personBId))).toEqual([pairKey("a", "b"), pairKey("a", "d"), pairKey("b", "c"), pairKey("c", "d")]);
    expect(pairs.some((p) => existing.has(pairKey(p.personAId, p.personBId)))).toBe(false);
  });
  it("never suggests a tie to oneself, even when an id is repeated", () => {
    expect(suggestTies(["a", "a"], new Set())).toEqual([]);
    const pairs = suggestTies(["a", "b", "a", "b"], new Set());
    expect(pairs).toEqual([{ personAId: "a", personBId: "b" }]);
    expect(pairs.every((p) => p.personAId !== p.personBId)).toBe(true);
  });
  it("suggests nothing for fewer than two people, or when all are tied", () => {
    expect(suggestTies([], new Set())).toEqual([]);
    expect(suggestTies(["a"], new Set())).toEqual([]);
    expect(suggestTies(["a", "b"], new Set([pairKey("a", "b")]))).toEqual([]);
  });
  it("is idempotent once its own suggestions exist: n(n-1)/2 first, then none", () => {
    const people = Array.from({ length: 12 }, (_, i) => `p${String(i).padStart(2, "0")}`);
    const first = suggestTies(people, new Set());
    expect(first).toHaveLength((12 * 11) / 2);
    expect(suggestTies(people, new Set(first.map((p) => pairKey(p.personAId, p.personBId))))).toEqual([]);
  });
});

describe("confirming a suggested tie", () => {
  const tie = { personAId: "a", personBId: "b", confirmedByA: false, confirmedByB: false };
  it("stays suggested until both sides confirm", () => {
    const one = confirmSides(tie, ["a"]);
    expect(one).toEqual({ confirmedByA: true, confirmedByB: false, status: "suggested" });
    expect(confirmSides({ ...tie, ...one }, ["b"])).toEqual({ confirmedByA: true, confirmedByB: true, status: "confirmed" });
    expect(confirmSides(tie, ["a", "b"]).status).toBe("confirmed");
  });
  it("never unconfirms a side and ignores no sides", () => {
    expect(confirmSides({ ...tie, confirmedByA: true }, [])).toEqual({ confirmedByA: true, confirmedByB: false, status: "suggested" });
  });
  it("finds the sides that belong to a person's records", () => {
    expect(sidesFor(tie, ["b"])).toEqual(["b"]);
    expect(sidesFor(tie, ["a", "b"])).toEqual(["a", "b"]);
    expect(sidesFor(tie, ["x"])).toEqual([]);
  });
});

describe("session dates (UK time)", () => {
  it("reads a winter time as GMT and a summer time as BST", () => {
    expect(parseSessionDateTime("2026-01-15T18:30")?.toISOString()).toBe("2026-01-15T18:30:00.000Z");
    expect(parseSessionDateTime("2026-07-15T18:30")?.toISOString()).toBe("2026-07-15T17:30:00.000Z");
  });
  it("round-trips to the input's value", () => {
    for (const v of ["2026-01-15T18:30", "2026-07-15T09:05", "2026-03-29T03:00", "2026-10-25T00:30"]) {
      expect(toSessionDateTimeInput(parseSessionDateTime(v)!)).toBe(v);
    }
  });
  it("refuses what is not a real date and time", () => {
    for (const v of [
      "",
      "tomorrow",
      "2026-02-30T10:00",
      "2026-13-01T10:00",
      "2026-01-01T24:00",
      "2026-01-01T10:60",
      "1999-12-31T10:00",
      "2101-01-01T10:00",
      "2026-01-01",
      "٢٠٢٦-٠١-٠١T10:00",
    ]) {
      expect(parseSessionDateTime(v), v).toBeNull();
    }
  });
});

describe("the session form", () => {
  it("accepts a full session and stores languages comma separated", () => {
    const s = parseWithZod(
      form({
        title: " Hopes and fears ",
        startsAt: "2026-05-05T10:00",
        place: "Library",
        agenda: "Welcome",
        languages: ["en", "ar", "en"],
        interpreting: "Arabic–English",
      }),
      { schema: workshopInput },
    );
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    const record = workshopRecord(s.value);
    expect(record).toMatchObject({ title: "Hopes and fears", place: "Library", languages: "en,ar", interpreting: "Arabic–English" });
    expect(record.startsAt.toISOString()).toBe("2026-05-05T09:00:00.000Z");
  });
  it("accepts one language or none", () => {
    const one = parseWithZod(form({ title: "x", startsAt: "2026-05-05T10:00", languages: "ar" }), { schema: workshopInput });
    expect(one.status === "success" && one.value.languages).toEqual(["ar"]);
    const none = parseWithZod(form({ title: "x", startsAt: "2026-05-05T10:00" }), { schema: workshopInput });
    expect(none.status === "success" && none.value.languages).toEqual([]);
  });
  it("gives a message per field and keeps what was typed", () => {
    const long = "x".repeat(WORKSHOP_LIMITS.place + 1);
    const s = parseWithZod(form({ title: "  ", startsAt: "30/02/2026", place: long, languages: ["en", "<script>"] }), { schema: workshopInput });
    expect(s.status).toBe("error");
    const reply = s.reply();
    expect(reply.error).toMatchObject({
      title: ["validation.required"],
      startsAt: ["workshops.errors.date"],
      place: ["validation.tooLong"],
    });
    expect(Object.keys(reply.error ?? {}).some((k) => k.startsWith("languages"))).toBe(true);
    expect(reply.initialValue).toMatchObject({ startsAt: "30/02/2026", place: long });
  });
  it("refuses an absurdly long title, agenda and date", () => {
    const s = parseWithZod(
      form({ title: "t".repeat(WORKSHOP_LIMITS.title + 1), startsAt: "2026-05-05T10:00".repeat(10), agenda: "a".repeat(WORKSHOP_LIMITS.agenda + 1) }),
      { schema: workshopInput },
    );
    expect(s.status === "error" && s.reply().error).toMatchObject({
      title: ["validation.tooLong"],
      agenda: ["validation.tooLong"],
      startsAt: ["workshops.errors.date"],
    });
  });
});

describe("exercise boards", () => {
  const name = (e: string) => ({ hopes_fears: "Hopes and fears", strong_round_here: "What's strong round here" })[e]!;
  it("names the board after the exercise, or the facilitator's own title", () => {
    const a = parseWithZod(form({ exercise: "hopes_fears" }), { schema: exerciseBoardInput });
    expect(a.status === "success" && exerciseBoardTitle(a.value, name)).toBe("Hopes and fears");
    const b = parseWithZod(form({ exercise: "custom", customTitle: " Dreams for the park " }), { schema: exerciseBoardInput });
    expect(b.status === "success" && exerciseBoardTitle(b.value, name)).toBe("Dreams for the park");
  });
  it("asks for a title for another exercise, and refuses unknown exercises", () => {
    const a = parseWithZod(form({ exercise: "custom", customTitle: "" }), { schema: exerciseBoardInput });
    expect(a.status === "error" && a.reply().error).toMatchObject({ customTitle: ["workshops.errors.customTitle"] });
    const b = parseWithZod(form({ exercise: "drop table" }), { schema: exerciseBoardInput });
    expect(b.status === "error" && b.reply().error).toMatchObject({ exercise: ["workshops.errors.exercise"] });
  });
});

describe("languages and filters", () => {
  it("offers the locality's languages, most spoken first, English and Arabic always", () => {
    expect(commonLanguages(["en,ur", "ur,pa", "ur", "pl"])).toEqual(["ur", "en", "pa", "pl", "ar"]);
    expect(commonLanguages([])).toEqual(["en", "ar"]);
    expect(commonLanguages(["ar,ar,en"])).toEqual(["en", "ar"]);
  });
  it("joins codes once each, in order", () => {
    expect(joinLanguages(["ar", " en", "ar", ""])).toBe("ar,en");
  });
  it("matches names ignoring case and accents", () => {
    expect(matchesFilter("Agnieszka Nowicka", "now")).toBe(true);
    expect(matchesFilter("Zoë Ellis", "zoe")).toBe(true);
    expect(matchesFilter("ليلى منصور", "ليلى")).toBe(true);
    expect(matchesFilter("Karen", "  ")).toBe(true);
    expect(matchesFilter("Karen", "tom")).toBe(false);
  });
});
