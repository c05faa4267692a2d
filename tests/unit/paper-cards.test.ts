import {
  PAPER_LIMITS,
  blankCardCount,
  boardRoomFor,
  boardTakesCards,
  cardNoteId,
  intoSheets,
  noteLinkPath,
  parseBatch,
  parseCardText,
  parseClusterChoice,
  parseNoteParam,
} from "~/domain/paper-cards";

describe("paper cards", () => {
  it("a pasted list: one note per line, trimmed, blank lines left out, spaces inside a line folded", () => {
    expect(parseBatch("  one  \r\n\r\n\ttwo\t\n   \nthree   four\n")).toEqual({ ok: true, notes: ["one", "two", "three four"] });
    expect(parseBatch("\n \n\t")).toEqual({ ok: false, error: { kind: "empty" } });
    expect(parseBatch("")).toEqual({ ok: false, error: { kind: "empty" } });
  });

  it("a list over a limit is refused whole, naming the line as pasted", () => {
    expect(parseBatch(`a\n\n${"x".repeat(501)}`)).toEqual({ ok: false, error: { kind: "tooLong", line: 3, max: 500 } });
    expect(parseBatch(`${"x".repeat(500)}`)).toEqual({ ok: true, notes: ["x".repeat(500)] });
    expect(parseBatch("fine\nnot\u0007text")).toEqual({ ok: false, error: { kind: "binary", line: 2 } });
    const many = Array.from({ length: PAPER_LIMITS.batchNotes + 1 }, (_, i) => `n${i}`);
    expect(parseBatch(many.join("\n"))).toEqual({ ok: false, error: { kind: "tooMany", count: PAPER_LIMITS.batchNotes + 1, max: PAPER_LIMITS.batchNotes } });
    expect(parseBatch(many.slice(1).join("\n\n"))).toMatchObject({ ok: true });
  });

  it("script and Arabic are text like any other", () => {
    expect(parseBatch("<img src=x onerror=alert(1)>\nفكرة جديدة")).toEqual({ ok: true, notes: ["<img src=x onerror=alert(1)>", "فكرة جديدة"] });
  });

  it("the cluster: none, an existing one by id, or a new one that must be named", () => {
    expect(parseClusterChoice("", "ignored")).toEqual({ ok: true, choice: { kind: "none" } });
    expect(parseClusterChoice("abc_1", "")).toEqual({ ok: true, choice: { kind: "existing", id: "abc_1" } });
    expect(parseClusterChoice("new", "  Streets  ")).toEqual({ ok: true, choice: { kind: "new", name: "Streets" } });
    expect(parseClusterChoice("new", "   ")).toEqual({ ok: false, error: { kind: "clusterRequired" } });
    expect(parseClusterChoice("new", "c".repeat(121))).toEqual({ ok: false, error: { kind: "clusterName", max: 120 } });
    expect(parseClusterChoice("../etc", "")).toEqual({ ok: true, choice: { kind: "none" } });
  });

  it("the board's limit counts what is there and what comes", () => {
    expect(boardRoomFor(PAPER_LIMITS.boardNotes - 2, 2)).toBeNull();
    expect(boardRoomFor(PAPER_LIMITS.boardNotes - 2, 3)).toEqual({
      kind: "boardFull",
      onBoard: PAPER_LIMITS.boardNotes - 2,
      adding: 3,
      max: PAPER_LIMITS.boardNotes,
    });
  });

  it("a phone card's text: trimmed, required, at most a note's length, text only", () => {
    expect(parseCardText("  a bench \r\n by the stop ")).toEqual({ ok: true, text: "a bench \n by the stop" });
    expect(parseCardText(" \n ")).toEqual({ ok: false, error: "required" });
    expect(parseCardText("y".repeat(501))).toEqual({ ok: false, error: "tooLong" });
    expect(parseCardText("a\u0000")).toEqual({ ok: false, error: "binary" });
  });

  it("sheets of eight; blank card counts within bounds", () => {
    expect(intoSheets([1, 2, 3, 4, 5, 6, 7, 8, 9]).map((s) => s.length)).toEqual([8, 1]);
    expect(intoSheets([])).toEqual([]);
    expect(blankCardCount("16")).toBe(16);
    expect(blankCardCount("0")).toBe(PAPER_LIMITS.blankCardsDefault);
    expect(blankCardCount("100000")).toBe(PAPER_LIMITS.blankCardsDefault);
    expect(blankCardCount("999")).toBe(PAPER_LIMITS.blankCardsMax);
    expect(blankCardCount("-3")).toBe(PAPER_LIMITS.blankCardsDefault);
    expect(blankCardCount(null)).toBe(PAPER_LIMITS.blankCardsDefault);
  });

  it("links and ids", () => {
    expect(noteLinkPath("loc", "b1", "card-x")).toBe("/l/loc/boards/b1?note=card-x");
    expect(cardNoteId("abc")).toBe("card-abc");
    expect(parseNoteParam("card-abc_1")).toBe("card-abc_1");
    expect(parseNoteParam("../x")).toBeNull();
    expect(parseNoteParam(null)).toBeNull();
    expect(boardTakesCards({ locked: false, archivedAt: null })).toBe("open");
    expect(boardTakesCards({ locked: true, archivedAt: null })).toBe("locked");
    expect(boardTakesCards({ locked: false, archivedAt: new Date() })).toBe("archived");
  });
});
