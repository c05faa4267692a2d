// What a receipt says as an idea moves: received, on the board, voted on (only when results are
// visible), being prototyped (by status or by a prototype record), shortlisted/parked notes,
// rejected with and without a reason, hidden, and merged (following the chain to the first idea
// that is not merged itself).
import { ideaProgress, prototypeProgress, receiptView, stepStates, type IdeaFacts, type PrototypeFacts } from "~/domain/idea-receipt";

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
      { step: "tested", state: "upcoming" },
      { step: "decided", state: "upcoming" },
    ]);
    expect(stepStates("received").map((s) => s.state)).toEqual(["current", "upcoming", "upcoming", "upcoming", "upcoming", "upcoming"]);
    expect(stepStates("decided").map((s) => s.state)).toEqual(["done", "done", "done", "done", "done", "current"]);
  });
});

describe("the prototype an idea became", () => {
  const proto = (over: Partial<PrototypeFacts> = {}): PrototypeFacts => ({ status: "planned", publicSummary: "", latestDecision: null, ...over });
  const promoted = (prototype: PrototypeFacts) => facts({ moderation: "published", status: "prototyping", hasPrototype: true, dots: 2, prototype });

  it("is being tried out while planned or testing, with nothing learned yet", () => {
    expect(ideaProgress(promoted(proto()))).toMatchObject({
      reached: "prototyping",
      dots: 2,
      prototype: { outcome: null, summary: null, reason: null, again: false },
    });
    expect(ideaProgress(promoted(proto({ status: "testing" })))).toMatchObject({ reached: "prototyping" });
  });
  it("is tested once a facilitator wrote what was learned", () => {
    expect(ideaProgress(promoted(proto({ status: "testing", publicSummary: "  Parents came back.  " })))).toMatchObject({
      reached: "tested",
      prototype: { summary: "Parents came back.", outcome: null },
    });
  });
  it("ends adopted, adapted, scaled or stopped with the latest decision's reason", () => {
    for (const [status, decision] of [
      ["adopted", "continue"],
      ["adapted", "adapt"],
      ["scaled", "scale"],
      ["stopped", "stop"],
    ] as const) {
      expect(ideaProgress(promoted(proto({ status, publicSummary: "Learned", latestDecision: { decision, reason: " Too few came " } })))).toMatchObject({
        reached: "decided",
        prototype: { outcome: status, summary: "Learned", reason: "Too few came", again: false },
      });
    }
    expect(ideaProgress(promoted(proto({ status: "stopped", latestDecision: { decision: "stop", reason: null } })))).toMatchObject({
      reached: "decided",
      prototype: { outcome: "stopped", reason: null },
    });
  });
  it("after an adapt, a new cycle running means it is being tried out again", () => {
    expect(ideaProgress(promoted(proto({ status: "testing", latestDecision: { decision: "adapt", reason: "Add a crèche" } })))).toMatchObject({
      reached: "tested",
      prototype: { outcome: null, reason: null, again: true },
    });
  });
  it("without its facts (or no prototype row), stays at being tried out", () => {
    expect(ideaProgress(facts({ moderation: "published", status: "prototyping", hasPrototype: true }))).toEqual({
      kind: "progress",
      reached: "prototyping",
      dots: null,
      shortlisted: false,
      parked: false,
    });
    expect(prototypeProgress(proto({ status: "adopted" }))).toEqual({ outcome: null, summary: null, reason: null, again: false });
  });
  it("follows a merge into an idea that became a prototype", () => {
    expect(
      receiptView([facts({ moderation: "merged" }), promoted(proto({ status: "scaled", latestDecision: { decision: "scale", reason: "Works" } }))]),
    ).toMatchObject({
      kind: "merged",
      into: { reached: "decided", prototype: { outcome: "scaled" } },
    });
  });
});
