// The portfolio's pure parts: the threshold's form (1–26 weeks), the stage progress by month and its
// chart (right to left in Arabic), grouping by priority, the facet balance, confidence trails, and
// who sees which localities (policy.ts portfolioScope).
import { portfolioScope } from "~/domain/access/policy";
import {
  PROGRESS_MONTHS_MAX,
  confidenceTrail,
  evidenceTrend,
  facetBalance,
  groupByPriority,
  portfolioRow,
  stageChart,
  stageProgress,
  stalledWeeksOf,
  thresholdInput,
} from "~/domain/portfolio";

const now = new Date("2026-06-15T12:00:00Z");

describe("the stalled threshold", () => {
  it.each([
    ["1", 1],
    ["26", 26],
    [" 6 ", 6],
    ["١٢", 12],
  ])("accepts %j", (raw, weeks) => {
    expect(thresholdInput.parse({ stalledAfterWeeks: raw })).toEqual({ stalledAfterWeeks: weeks });
  });
  it.each(["0", "27", "52", "365", "-1", "2.5", "six", "", "1e1"])("refuses %j", (raw) => {
    const parsed = thresholdInput.safeParse({ stalledAfterWeeks: raw });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe("portfolio.errors.weeks");
  });
  it("reads a stored value back, the default when it is out of range", () => {
    expect([stalledWeeksOf(8), stalledWeeksOf(0), stalledWeeksOf(40), stalledWeeksOf(null)]).toEqual([8, 6, 6, 6]);
  });
});

describe("progress through the four stages", () => {
  const dates = {
    relationships: ["2026-03-02T10:00:00Z", "2026-03-20T10:00:00Z", "2026-05-01T10:00:00Z"],
    stories: ["2026-04-10T10:00:00Z"],
    ideas: [],
    prototypes: ["2026-06-01T10:00:00Z"],
  };
  it("counts each stage's records by the end of each month, from the first month to now's", () => {
    expect(stageProgress(dates, now)).toEqual({
      months: ["2026-03", "2026-04", "2026-05", "2026-06"],
      series: [
        { stage: "relationships", counts: [2, 2, 3, 3] },
        { stage: "stories", counts: [0, 1, 1, 1] },
        { stage: "ideas", counts: [0, 0, 0, 0] },
        { stage: "prototypes", counts: [0, 0, 0, 1] },
      ],
    });
    expect(stageProgress({ relationships: [], stories: [], ideas: [], prototypes: [] }, now)).toEqual({ months: [], series: [] });
  });
  it("keeps the last 24 months, the first holding everything before", () => {
    const p = stageProgress({ ...dates, relationships: ["2020-01-05T00:00:00Z", ...dates.relationships] }, now);
    expect(p.months.length).toBe(PROGRESS_MONTHS_MAX);
    expect(p.months[0]).toBe("2024-07");
    expect(p.series[0]!.counts[0]).toBe(1);
    expect(p.series[0]!.counts.at(-1)).toBe(4);
  });
  it("draws months left to right, or right to left in Arabic", () => {
    const p = stageProgress(dates, now);
    const ltr = stageChart(p, { rtl: false }).lines[0]!.dots.map((d) => d.x);
    const rtl = stageChart(p, { rtl: true }).lines[0]!.dots.map((d) => d.x);
    expect(ltr).toEqual([...ltr].sort((a, b) => a - b));
    expect(rtl).toEqual([...rtl].sort((a, b) => b - a));
    const chart = stageChart(p, { rtl: false });
    // Higher counts sit higher (smaller y); the top tick covers the largest count.
    expect(chart.lines[0]!.dots[2]!.y).toBeLessThan(chart.lines[0]!.dots[0]!.y);
    expect(chart.yTicks.at(-1)!.value).toBeGreaterThanOrEqual(3);
  });
});

describe("priorities, facets and confidence", () => {
  const row = (id: string, facet: string | null, priorityIds: string[]) =>
    portfolioRow(
      {
        id,
        localityId: "L",
        title: id,
        createdAt: now,
        facet,
        cycles: [],
        outcomes: priorityIds.map((p) => ({ id: `o-${p}`, title: `Outcome of ${p}`, priorityId: p, priorityTitle: p, older: false, archived: false })),
      },
      6,
      now,
    );
  it("puts a prototype under each priority it serves, then the unlinked; an archived priority only while in use", () => {
    const rows = [row("a", "adaptive", ["P1"]), row("b", null, ["P1", "P2"]), row("c", "nonsense", [])];
    const groups = groupByPriority(
      [
        { id: "P1", title: "One", archived: false },
        { id: "P2", title: "Two", archived: false },
        { id: "P3", title: "Old", archived: true },
      ],
      rows,
    );
    expect(groups.map((g) => [g.priority?.id ?? null, g.rows.map((r) => r.id)])).toEqual([
      ["P1", ["a", "b"]],
      ["P2", ["b"]],
      [null, ["c"]],
    ]);
    expect(facetBalance(rows)).toEqual({ "enhancement-oriented": 0, "mission-oriented": 0, adaptive: 1, anticipatory: 0, none: 2 });
  });
  it("follows confidence cycle by cycle and says where evidence is building", () => {
    const cycle = (number: number, before: number[], after: number[]) => ({
      number,
      believe: "b",
      willResult: "w",
      knowWhen: "k",
      ratings: [...before.map((rating) => ({ moment: "before", rating })), ...after.map((rating) => ({ moment: "after", rating }))],
    });
    const trail = confidenceTrail([cycle(2, [3], [2]), cycle(1, [2, 2], [4, 3])]);
    expect(trail.map((s) => [s.number, s.before, s.after, s.change])).toEqual([
      [1, 2, 3.5, "rose"],
      [2, 3, 2, "fell"],
    ]);
    expect(evidenceTrend(trail)).toBe("flat");
    expect(evidenceTrend(confidenceTrail([cycle(1, [2], [4])]))).toBe("building");
    expect(evidenceTrend(confidenceTrail([cycle(1, [4], [1])]))).toBe("weakening");
    expect(evidenceTrend(confidenceTrail([cycle(1, [4], [])]))).toBe(null);
  });
});

describe("who sees which localities in the portfolio", () => {
  it("an organisation facilitator: all; a locality's facilitator: theirs; members and viewers: none", () => {
    expect(portfolioScope("facilitator", [])).toEqual({ all: true });
    expect(
      portfolioScope(null, [
        { localityId: "b", role: "facilitator" },
        { localityId: "a", role: "facilitator" },
        { localityId: "c", role: "member" },
      ]),
    ).toEqual({ all: false, localityIds: ["a", "b"] });
    expect(
      portfolioScope(null, [
        { localityId: "c", role: "member" },
        { localityId: "d", role: "viewer" },
      ]),
    ).toBeNull();
    expect(portfolioScope(null, [{ localityId: "e", role: "owner" }])).toBeNull();
  });
});
