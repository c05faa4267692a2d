import {
  LEVEL_LINKS,
  moveStageInput,
  readStageMove,
  stage1Counts,
  stage2Counts,
  stage3Counts,
  stage4Counts,
  stageChecklist,
  stageMoveDetail,
  stagesLeftBehind,
  summarise,
  type InsightEvidenceFact,
  type StageCounts,
} from "~/domain/stage-checklist";
import type { ConnectednessTie } from "~/domain/connectedness";

const NOW = new Date("2026-06-01T12:00:00Z");
const tie = (a: string, b: string, status = "confirmed"): ConnectednessTie => ({
  personAId: a,
  personBId: b,
  status,
  since: "2026-03-01",
  createdAt: "2026-03-01",
  workshopId: null,
});
const itemsOf = (input: StageCounts) => Object.fromEntries(stageChecklist(input).map((i) => [i.key, i]));

describe("stage 1", () => {
  const people = [
    { id: "amal", sector: "parent" },
    { id: "cara", sector: "public_service" },
    { id: "dev", sector: "councillor" },
    { id: "finn", sector: "other" },
  ];

  it("counts the links between levels, people with no ties, and only endorsements of an agreed purpose", () => {
    const counts = stage1Counts({ people, ties: [tie("amal", "cara")], purposeAgreed: false, endorsements: 3, sessionsHeld: 0 });
    expect(counts).toEqual({ people: 4, isolated: 2, levelLinks: 1, crossLevelTies: 1, purposeAgreed: false, endorsements: 0, sessionsHeld: 0 });
  });

  it("a suggested tie links nobody, and a tie between two residents is not a link between levels", () => {
    const counts = stage1Counts({
      people: [...people, { id: "ben", sector: "resident" }],
      ties: [tie("amal", "dev", "suggested"), tie("amal", "ben")],
      purposeAgreed: true,
      endorsements: 2,
      sessionsHeld: 1,
    });
    expect(counts.levelLinks).toBe(0);
    expect(counts.isolated).toBe(3);
    expect(counts.endorsements).toBe(2);
  });

  it("is all done once the purpose is agreed and endorsed, the three levels are linked, nobody is alone and a session was held", () => {
    const ties = [tie("amal", "cara"), tie("amal", "dev"), tie("cara", "dev"), tie("finn", "amal")];
    const counts = stage1Counts({ people, ties, purposeAgreed: true, endorsements: 1, sessionsHeld: 2 });
    expect(counts.levelLinks).toBe(LEVEL_LINKS.length);
    const items = stageChecklist({ stage: 1, counts });
    expect(items.map((i) => [i.key, i.done])).toEqual([
      ["purposeAgreed", true],
      ["endorsed", true],
      ["levels", true],
      ["isolated", true],
      ["sessions", true],
    ]);
    expect(summarise(items)).toEqual({ done: 5, total: 5, open: [] });
  });

  it("each item flips on its own", () => {
    const base = { people: 4, isolated: 0, levelLinks: 3, crossLevelTies: 3, purposeAgreed: true, endorsements: 1, sessionsHeld: 1 };
    const open = (counts: typeof base) => summarise(stageChecklist({ stage: 1, counts })).open.map((i) => i.key);
    expect(open(base)).toEqual([]);
    expect(open({ ...base, purposeAgreed: false })).toEqual(["purposeAgreed", "endorsed"]);
    expect(open({ ...base, endorsements: 0 })).toEqual(["endorsed"]);
    expect(open({ ...base, levelLinks: 2 })).toEqual(["levels"]);
    expect(open({ ...base, isolated: 1 })).toEqual(["isolated"]);
    expect(open({ ...base, sessionsHeld: 0 })).toEqual(["sessions"]);
  });

  it("an empty group has everything to do, and is sent to add its people first", () => {
    const items = itemsOf({ stage: 1, counts: stage1Counts({ people: [], ties: [], purposeAgreed: false, endorsements: 0, sessionsHeld: 0 }) });
    expect(Object.values(items).every((i) => !i.done)).toBe(true);
    expect(items.isolated).toMatchObject({ count: 0, total: 0, path: "people" });
    expect(items.levels).toMatchObject({ count: 0, total: 3, path: "relationships" });
  });
});

describe("stage 2", () => {
  const fact = (insightId: string, excerptId: string | null, storyId: string, pseudonym: string, withdrawn = false): InsightEvidenceFact => ({
    insightId,
    excerptId,
    storyId,
    pseudonym,
    withdrawn,
  });

  it("counts stories with consent, coded ones among them, and the storytellers behind each insight", () => {
    const counts = stage2Counts({
      stories: [
        { consented: true, excerpts: 2 },
        { consented: true, excerpts: 0 },
        { consented: false, excerpts: 1 },
      ],
      insightIds: ["i1", "i2", "i3"],
      evidence: [
        fact("i1", "e1", "s1", "Parent A"),
        fact("i1", "e2", "s2", "parent  a "),
        fact("i2", "e3", "s1", "Parent A"),
        fact("i2", "e4", "s3", "Parent B"),
        fact("i3", null, "s4", "Parent C", true),
        fact("elsewhere", "e9", "s9", "Parent Z"),
      ],
    });
    expect(counts).toEqual({
      stories: 3,
      consented: 2,
      coded: 1,
      insights: 3,
      insightsWithEvidence: 2,
      // "Parent A" and "parent  a " are one storyteller; a withdrawn story counts for no one.
      insightsWithVoices: 1,
      storytellers: 2,
    });
    const items = itemsOf({ stage: 2, counts });
    expect(items.consent).toMatchObject({ done: false, count: 2, total: 3 });
    expect(items.coded).toMatchObject({ done: false, count: 1, total: 2 });
    expect(items.insights).toMatchObject({ done: false, count: 2, total: 3 });
    expect(items.voices).toMatchObject({ done: false, count: 2 });
  });

  it("is done when every story has consent and is coded, and every insight stands on two storytellers", () => {
    const counts = stage2Counts({
      stories: [
        { consented: true, excerpts: 1 },
        { consented: true, excerpts: 3 },
      ],
      insightIds: ["i1"],
      evidence: [fact("i1", "e1", "s1", "Parent A"), fact("i1", "e2", "s2", "Parent B")],
    });
    expect(summarise(stageChecklist({ stage: 2, counts })).open).toEqual([]);
  });

  it("nothing gathered is nothing done", () => {
    const counts = stage2Counts({ stories: [], insightIds: [], evidence: [] });
    expect(summarise(stageChecklist({ stage: 2, counts }))).toMatchObject({ done: 0, total: 4 });
  });
});

describe("stage 3", () => {
  it("counts challenges whose link takes ideas now, published phone ideas and the shortlist", () => {
    const counts = stage3Counts({
      challenges: [
        { linkOpen: true, closesAt: null },
        { linkOpen: true, closesAt: new Date("2026-05-31T00:00:00Z") },
        { linkOpen: false, closesAt: null },
        { linkOpen: true, closesAt: "2026-07-01T00:00:00Z" },
      ],
      ideas: [
        { source: "phone", status: "new", count: 4 },
        { source: "board", status: "new", count: 10 },
        { source: "board", status: "shortlisted", count: 2 },
        { source: "phone", status: "prototyping", count: 1 },
      ],
      now: NOW,
    });
    expect(counts).toEqual({ challenges: 4, challengesOpen: 2, ideas: 17, phoneIdeas: 5, shortlisted: 2, prototyping: 1 });
    const items = itemsOf({ stage: 3, counts });
    expect(items.challenges).toMatchObject({ done: true, count: 2, total: 4 });
    expect(items.phoneIdeas).toMatchObject({ done: true, count: 5, total: 17 });
    expect(items.shortlist).toMatchObject({ done: true, count: 3, path: "ideas?status=shortlisted" });
  });

  it("with no phone idea and no shortlist those items stay open", () => {
    const counts = stage3Counts({ challenges: [{ linkOpen: true, closesAt: null }], ideas: [{ source: "board", status: "new", count: 3 }], now: NOW });
    expect(
      summarise(stageChecklist({ stage: 3, counts }))
        .open.map((i) => i.key)
        .sort(),
    ).toEqual(["phoneIdeas", "shortlist"]);
  });
});

describe("stage 4", () => {
  const cycle = (startsOn: string | null, endsOn: string | null, decision: string | null = null) => ({ startsOn, endsOn, decision });

  it("counts prototypes with a cycle and the decisions due, as the portfolio defines them", () => {
    const counts = stage4Counts({
      prototypes: [
        { cycles: 2, undecided: [cycle("2026-04-01", "2026-05-01")] },
        { cycles: 1, undecided: [cycle("2026-05-01", "2026-07-01")] },
        { cycles: 1, undecided: [cycle("2026-07-01", "2026-05-01")] },
        { cycles: 0, undecided: [] },
      ],
      now: NOW,
    });
    // Due: started, ended and undecided. Running (end not come) and not yet started are not.
    expect(counts).toEqual({ prototypes: 4, prototypesWithCycles: 3, cycles: 4, decisionsDue: 1 });
    const items = itemsOf({ stage: 4, counts });
    expect(items.prototypes).toMatchObject({ done: true, count: 4 });
    expect(items.tested).toMatchObject({ done: false, count: 3, total: 4 });
    expect(items.decisions).toMatchObject({ done: false, count: 1 });
  });

  it("a decision due on the very moment the cycle ends", () => {
    const at = (endsOn: string) => stage4Counts({ prototypes: [{ cycles: 1, undecided: [cycle("2026-05-01", endsOn)] }], now: NOW }).decisionsDue;
    expect(at("2026-06-01T12:00:00Z")).toBe(1);
    expect(at("2026-06-01T12:00:01Z")).toBe(0);
  });

  it("no cycle yet leaves the decisions item open; none due once cycles exist closes it", () => {
    const none = stage4Counts({ prototypes: [], now: NOW });
    expect(summarise(stageChecklist({ stage: 4, counts: none })).done).toBe(0);
    expect(itemsOf({ stage: 4, counts: none }).prototypes!.path).toBe("ideas?status=shortlisted");
    const decided = stage4Counts({ prototypes: [{ cycles: 1, undecided: [] }], now: NOW });
    expect(summarise(stageChecklist({ stage: 4, counts: decided }))).toMatchObject({ done: 3, total: 3 });
  });
});

describe("moving the group on", () => {
  it("leaves behind the stages from the current one to the one before the target", () => {
    expect(stagesLeftBehind(1, 2)).toEqual([1]);
    expect(stagesLeftBehind(1, 4)).toEqual([1, 2, 3]);
    expect(stagesLeftBehind(2, 2)).toEqual([]);
    expect(stagesLeftBehind(3, 1)).toEqual([]);
  });

  it("logs numbers only, and reads them back (older entries give null)", () => {
    const detail = stageMoveDetail({ from: 1, to: 2, open: 3 });
    expect(detail).toEqual({ stage: 1, to: 2, open: 3 });
    expect(readStageMove(JSON.stringify(detail))).toEqual({ from: 1, to: 2, open: 3 });
    expect(readStageMove(JSON.stringify({ stage: 2 }))).toBeNull();
    expect(readStageMove("not json")).toBeNull();
    expect(readStageMove(JSON.stringify({ stage: 9, to: 2, open: 1 }))).toBeNull();
  });

  it("the form takes confirm=1 and nothing else", () => {
    expect(moveStageInput.safeParse({ intent: "set-stage", stage: "2" }).success).toBe(true);
    expect(moveStageInput.safeParse({ intent: "set-stage", stage: "2", confirm: "1" }).data).toEqual({ intent: "set-stage", stage: 2, confirm: "1" });
    expect(moveStageInput.safeParse({ intent: "set-stage", stage: "2", confirm: "yes" }).success).toBe(false);
    expect(moveStageInput.safeParse({ intent: "set-stage", stage: "5" }).success).toBe(false);
  });
});
