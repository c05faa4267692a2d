// What a receipt says as an idea moves: received, on the board, voted on (only when results are
// visible), being prototyped (by status or by a prototype record), shortlisted/parked notes,
// rejected with and without a reason, hidden, and merged (following the chain to the first idea
// that is not merged itself).
import { ideaProgress, receiptView, stepStates, type IdeaFacts } from "~/domain/idea-receipt";

const facts = (over: Partial<IdeaFacts> = {}): IdeaFacts => ({
  moderation: "pending",
  status: "new",
  rejectionReason: null,
  hasPrototype: false,
  dots: null,
  ...over,
});

describe("idea progress", () => {
  it("is received while pending", () => {
    expect(ideaProgress(facts())).toEqual({ kind: "progress", reached: "received", dots: null, shortlisted: false, parked: false });
  });
  it("is on the board once published, voted on with dots, and prototyping last", () => {
    expect(ideaProgress(facts({ moderation: "published", dots: 0 }))).toMatchObject({ reached: "onBoard", dots: null });
    expect(ideaProgress(facts({ moderation: "published", dots: null }))).toMatchObject({ reached: "onBoard", dots: null });
    expect(ideaProgress(facts({ moderation: "published", dots: 3 }))).toMatchObject({ reached: "votedOn", dots: 3 });
    expect(ideaProgress(facts({ moderation: "published", dots: 3, status: "prototyping" }))).toMatchObject({ reached: "prototyping", dots: 3 });
    expect(ideaProgress(facts({ moderation: "published", hasPrototype: true }))).toMatchObject({ reached: "prototyping" });
    expect(ideaProgress(facts({ moderation: "published", status: "shortlisted", dots: 1 }))).toMatchObject({
      reached: "votedOn",
      shortlisted: true,
      parked: false,
    });
    expect(ideaProgress(facts({ moderation: "published", status: "parked" }))).toMatchObject({ reached: "onBoard", parked: true });
  });
  it("says not taken forward with the reason, and under review when hidden", () => {
    expect(ideaProgress(facts({ moderation: "rejected", rejectionReason: " Off topic " }))).toEqual({ kind: "notTakenForward", reason: "Off topic" });
    expect(ideaProgress(facts({ moderation: "rejected", rejectionReason: "  " }))).toEqual({ kind: "notTakenForward", reason: null });
    expect(ideaProgress(facts({ moderation: "hidden", dots: 4 }))).toEqual({ kind: "underReview" });
  });
});

describe("receipt view", () => {
  it("is the idea's own progress when not merged", () => {
    expect(receiptView([facts({ moderation: "published", dots: 2 })])).toMatchObject({ kind: "progress", reached: "votedOn" });
  });
  it("follows merges to the first idea that is not merged", () => {
    const merged = facts({ moderation: "merged" });
    expect(receiptView([merged, facts({ moderation: "published", dots: 5 })])).toEqual({
      kind: "merged",
      into: { kind: "progress", reached: "votedOn", dots: 5, shortlisted: false, parked: false },
    });
    expect(receiptView([merged, merged, facts({ moderation: "rejected", rejectionReason: "Duplicate" })])).toEqual({
      kind: "merged",
      into: { kind: "notTakenForward", reason: "Duplicate" },
    });
    expect(receiptView([merged])).toEqual({ kind: "merged", into: null });
    expect(receiptView([])).toEqual({ kind: "underReview" });
  });
  it("marks steps done, current and upcoming", () => {
    expect(stepStates("votedOn")).toEqual([
      { step: "received", state: "done" },
      { step: "onBoard", state: "done" },
      { step: "votedOn", state: "current" },
      { step: "prototyping", state: "upcoming" },
    ]);
    expect(stepStates("received").map((s) => s.state)).toEqual(["current", "upcoming", "upcoming", "upcoming"]);
  });
});
