// The exchange's pure rules (app/domain/exchange.ts): which quotes may travel, how a recipe is
// shaped without names, the list's search and filters, what a "try it here" draft carries, the
// forms' input and who may remove a comment.
import {
  commentInput,
  draftFromRecipe,
  droppedQuotes,
  insightRecipe,
  involvedGroups,
  listFilters,
  matchesQuery,
  mayRemoveComment,
  prototypeRecipe,
  quoteFate,
  shareInput,
  shareState,
  type EvidenceRowFacts,
  type RecipeCycleFacts,
} from "~/domain/exchange";
import { PROTOTYPE_LIMITS } from "~/domain/prototype-records";

const evidence = (id: string, scope: string | null, opts: { withdrawn?: boolean; removed?: boolean } = {}): EvidenceRowFacts => ({
  id: `ev-${id}`,
  excerptId: opts.removed || opts.withdrawn ? null : `ex-${id}`,
  storyId: `st-${id}`,
  story: { withdrawnAt: opts.withdrawn ? new Date() : null, storytellerPseudonym: `Parent ${id}` },
  excerpt: opts.removed || opts.withdrawn ? null : { id: `ex-${id}`, story: { consent: scope ? { scope } : null } },
});

describe("which quotes may travel", () => {
  it("only other_localities consent, not withdrawn, excerpt still there", () => {
    expect(quoteFate(evidence("a", "other_localities"))).toBe("shown");
    expect(quoteFate(evidence("b", "quotes"))).toBe("consent");
    expect(quoteFate(evidence("c", "core_group"))).toBe("consent");
    expect(quoteFate(evidence("d", "other_localities", { withdrawn: true }))).toBe("withdrawn");
    expect(quoteFate(evidence("e", null))).toBe("withdrawn");
    expect(quoteFate(evidence("f", "other_localities", { removed: true }))).toBe("removed");
    expect(quoteFate(evidence("g", "something-else"))).toBe("consent");
  });
  it("counts what is left out once per excerpt, and why", () => {
    const rows = [
      evidence("a", "other_localities"),
      evidence("b", "quotes"),
      evidence("b", "quotes"),
      evidence("c", "core_group"),
      evidence("d", "x", { withdrawn: true }),
      evidence("f", "quotes", { removed: true }),
    ];
    expect(droppedQuotes(rows)).toEqual({ consent: 2, withdrawn: 1 });
  });
});

describe("a prototype's recipe", () => {
  const cycle = (n: number, over: Partial<RecipeCycleFacts> = {}): RecipeCycleFacts => ({
    id: `c${n}`,
    number: n,
    believe: "b",
    willResult: "w",
    knowWhen: "k",
    method: "pilot",
    startsOn: new Date("2026-03-01T00:00:00Z"),
    endsOn: null,
    languages: "en, ar",
    learned: "l",
    decision: null,
    decisionReason: null,
    decidedAt: null,
    costPence: null,
    peopleReached: null,
    participants: [],
    counts: [],
    ...over,
  });
  const recipe = prototypeRecipe(
    {
      id: "p",
      title: "Walking bus",
      summary: "s",
      forWhom: "f",
      status: "nonsense",
      publicSummary: "",
      people: [
        { role: "deliver", person: { sector: "public_service" } },
        { role: "use", person: { sector: "parent" } },
        { role: "use", person: { sector: "parent" } },
      ],
      partners: [
        { id: "x", name: "Church", role: "support", pledgeKind: "money", pledge: "Tea", amount: 1000 },
        { id: "y", name: "School", role: "deliver", pledgeKind: "time", pledge: "Hall", amount: 4 },
      ],
    },
    [
      cycle(2, {
        costPence: 6000,
        peopleReached: 30,
        participants: [{ role: "use", person: { id: "p1", sector: "parent" } }],
        counts: [{ label: "kids", count: 5 }],
      }),
      cycle(1, { costPence: 4000, peopleReached: 10, participants: [{ role: "use", person: { id: "p1", sector: "parent" } }] }),
    ],
  );
  it("counts people by role and sector, never names them", () => {
    expect(recipe.involved).toEqual([
      { role: "use", sector: "parent", count: 2 },
      { role: "deliver", sector: "public_service", count: 1 },
    ]);
    expect(JSON.stringify(recipe)).not.toContain("displayName");
  });
  it("orders cycles, splits languages, totals cost, reach, pledges and who took part", () => {
    expect(recipe.cycles.map((c) => c.number)).toEqual([1, 2]);
    expect(recipe.cycles[0]!.languages).toEqual(["en", "ar"]);
    expect(recipe.cost).toEqual({ costPence: 10000, peopleReached: 40, costPerPerson: 250 });
    expect(recipe.pledgedPence).toBe(1000);
    expect(recipe.peopleTookPart).toBe(6);
    expect(recipe.status).toBe("planned");
    expect(recipe.partners[0]).not.toHaveProperty("id");
  });
  it("groups helper sorts use before deliver, then by count", () => {
    expect(
      involvedGroups([
        { role: "deliver", sector: "a" },
        { role: "use", sector: "b" },
        { role: "use", sector: "c" },
        { role: "use", sector: "c" },
      ]),
    ).toEqual([
      { role: "use", sector: "c", count: 2 },
      { role: "use", sector: "b", count: 1 },
      { role: "deliver", sector: "a", count: 1 },
    ]);
  });
});

describe("an insight's recipe", () => {
  it("counts live evidence, withdrawn apart", () => {
    const r = insightRecipe({
      statement: "We learned",
      confidence: "odd",
      questions: [{ text: "How might we?" }],
      evidence: [
        evidence("a", "quotes"),
        evidence("b", "other_localities"),
        evidence("c", "x", { withdrawn: true }),
        evidence("d", "quotes", { removed: true }),
      ],
    });
    expect(r).toEqual({
      statement: "We learned",
      confidence: "medium",
      questions: ["How might we?"],
      evidence: { excerpts: 2, stories: 2, storytellers: 2, withdrawn: 1 },
    });
  });
});

describe("the list", () => {
  it("reads filters from the address, ignoring what it does not know", () => {
    expect(listFilters(new URL("http://x/e?q=%20bus%20&kind=insight&locality=abc"))).toEqual({ q: "bus", kind: "insight", localityId: "abc" });
    expect(listFilters(new URL("http://x/e?kind=story&locality=%3Cscript%3E"))).toEqual({ q: "", kind: null, localityId: null });
    expect(listFilters(new URL(`http://x/e?q=${"a".repeat(500)}`)).q).toHaveLength(200);
  });
  it("finds every word, in any case, accents ignored", () => {
    expect(matchesQuery(["Peer mentors", "for new parents"], "PEER parents")).toBe(true);
    expect(matchesQuery(["Café on Tuesdays"], "cafe")).toBe(true);
    expect(matchesQuery(["Peer mentors"], "peer bus")).toBe(false);
    expect(matchesQuery(["anything"], "   ")).toBe(true);
    expect(matchesQuery(["مرشدون من الأهل"], "الأهل")).toBe(true);
  });
});

describe("try it here", () => {
  it("a prototype's draft keeps the 'tried from' line whole, the recipe giving way", () => {
    const base = prototypeRecipe(
      { id: "p", title: "T".repeat(300), summary: "S".repeat(3000), forWhom: "F", status: "adopted", publicSummary: "", people: [], partners: [] },
      [],
    );
    const draft = draftFromRecipe({ kind: "prototype", prototype: base }, "Tried from Longbridge: /orgs/b/exchange/1");
    expect(draft.title.length).toBeLessThanOrEqual(PROTOTYPE_LIMITS.title);
    expect(draft.summary.length).toBeLessThanOrEqual(PROTOTYPE_LIMITS.summary);
    expect(draft.summary.endsWith("Tried from Longbridge: /orgs/b/exchange/1")).toBe(true);
    expect(draft.forWhom).toBe("F");
    const empty = draftFromRecipe({ kind: "prototype", prototype: { ...base, summary: "" } }, "Tried from X");
    expect(empty.summary).toBe("Tried from X");
  });
  it("an insight becomes a draft titled by its statement, its questions as what it is", () => {
    const draft = draftFromRecipe(
      {
        kind: "insight",
        insight: {
          statement: "We learned",
          confidence: "high",
          questions: ["How might we A?", "How might we B?"],
          evidence: { excerpts: 0, stories: 0, storytellers: 0, withdrawn: 0 },
        },
      },
      "Tried from Y",
    );
    expect(draft).toEqual({ title: "We learned", summary: "We learned\nHow might we A?\nHow might we B?\n\nTried from Y", forWhom: "" });
  });
});

describe("forms and rules", () => {
  it("share input: intent, kind, id, note length", () => {
    expect(shareInput.safeParse({ intent: "share", kind: "prototype", itemId: "abc", note: " hi " }).data).toEqual({
      intent: "share",
      kind: "prototype",
      itemId: "abc",
      note: "hi",
    });
    expect(shareInput.safeParse({ intent: "share", kind: "story", itemId: "abc" }).success).toBe(false);
    expect(shareInput.safeParse({ intent: "share", kind: "prototype", itemId: "a/b" }).success).toBe(false);
    expect(shareInput.safeParse({ intent: "share", kind: "prototype", itemId: "a", note: "n".repeat(1001) }).error?.issues[0]?.message).toBe("noteLong");
    expect(shareInput.safeParse({ intent: "revoke", kind: "insight", itemId: "a" }).success).toBe(true);
  });
  it("comment input: not empty, not too long, script kept as typed", () => {
    expect(commentInput.safeParse({ body: "  " }).error?.issues[0]?.message).toBe("exchange.errors.commentEmpty");
    expect(commentInput.safeParse({ body: "x".repeat(2001) }).error?.issues[0]?.message).toBe("exchange.errors.commentLong");
    expect(commentInput.safeParse({ body: "<script>x</script>" }).data?.body).toBe("<script>x</script>");
  });
  it("who removes a comment: its author or an organisation facilitator, once", () => {
    expect(mayRemoveComment({ authorId: "u", removedAt: null }, "u", false)).toBe(true);
    expect(mayRemoveComment({ authorId: "u", removedAt: null }, "v", false)).toBe(false);
    expect(mayRemoveComment({ authorId: null, removedAt: null }, "v", true)).toBe(true);
    expect(mayRemoveComment({ authorId: null, removedAt: null }, "v", false)).toBe(false);
    expect(mayRemoveComment({ authorId: "u", removedAt: new Date() }, "u", true)).toBe(false);
  });
  it("share state", () => {
    expect(shareState(null)).toBe("none");
    expect(shareState({ revokedAt: null })).toBe("shared");
    expect(shareState({ revokedAt: new Date() })).toBe("revoked");
  });
});
