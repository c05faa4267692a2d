import { levelOf, levelPairKey, measureConnectedness, type ConnectednessTie } from "~/domain/connectedness";

const people = [
  { id: "amal", sector: "parent" },
  { id: "ben", sector: "resident" },
  { id: "cara", sector: "public_service" },
  { id: "dev", sector: "councillor" },
  { id: "eve", sector: "local_organisation" },
  { id: "finn", sector: "other" },
];

function tie(a: string, b: string, since: string, extra: Partial<ConnectednessTie> = {}): ConnectednessTie {
  return { personAId: a, personBId: b, status: "confirmed", since, createdAt: since, workshopId: null, ...extra };
}

describe("levelOf", () => {
  it("maps sectors to the three levels of the local system", () => {
    expect(levelOf("resident")).toBe("resident");
    expect(levelOf("parent")).toBe("resident");
    expect(levelOf("young_person")).toBe("resident");
    expect(levelOf("local_organisation")).toBe("professional");
    expect(levelOf("public_service")).toBe("professional");
    expect(levelOf("councillor")).toBe("politician");
    expect(levelOf("other")).toBe("other");
    expect(levelOf("nonsense")).toBe("other");
  });
  it("names an unordered level pair the same way in both orders", () => {
    expect(levelPairKey("professional", "resident")).toBe("resident–professional");
    expect(levelPairKey("resident", "professional")).toBe("resident–professional");
    expect(levelPairKey("politician", "politician")).toBe("politician–politician");
  });
});

describe("measureConnectedness", () => {
  it("counts an empty group", () => {
    const m = measureConnectedness([], []);
    expect(m).toMatchObject({ people: 0, sectors: 0, ties: 0, crossSectorTies: 0, crossLevelTies: 0, isolated: [], growth: [] });
  });

  it("counts people, sectors, ties across sectors and levels", () => {
    const m = measureConnectedness(people, [
      tie("amal", "ben", "2026-01-10"), // parent–resident: same level, other sector
      tie("amal", "cara", "2026-01-20"), // resident–professional
      tie("cara", "eve", "2026-03-02"), // public service–local organisation: same level
      tie("dev", "cara", "2026-03-15", { workshopId: "w1" }), // politician–professional
    ]);
    expect(m.people).toBe(6);
    expect(m.sectors).toBe(6);
    expect(m.sectorList).toEqual(["councillor", "local_organisation", "other", "parent", "public_service", "resident"]);
    expect(m.ties).toBe(4);
    expect(m.crossSectorTies).toBe(4);
    expect(m.crossLevelTies).toBe(2);
    expect(m.levelPairs).toEqual({ "resident–resident": 1, "resident–professional": 1, "professional–professional": 1, "professional–politician": 1 });
    expect(m.isolated).toEqual(["finn"]);
    expect(m.tiesPerPerson).toMatchObject({ amal: 2, cara: 3, finn: 0 });
    expect(m.tiesPerWorkshop).toEqual({ w1: 1 });
  });

  it("counts a tie within one sector as neither across sectors nor levels", () => {
    const m = measureConnectedness(
      [
        { id: "a", sector: "parent" },
        { id: "b", sector: "parent" },
      ],
      [tie("a", "b", "2026-02-01")],
    );
    expect(m).toMatchObject({ ties: 1, crossSectorTies: 0, crossLevelTies: 0, sectors: 1, isolated: [] });
  });

  it("never counts suggested ties, ties to unknown people, self ties or a pair twice", () => {
    const m = measureConnectedness(people, [
      tie("amal", "ben", "2026-01-10", { status: "suggested", workshopId: "w1" }),
      tie("amal", "ghost", "2026-01-10"),
      tie("amal", "amal", "2026-01-10"),
      tie("cara", "dev", "2026-01-10"),
      tie("dev", "cara", "2026-02-10"),
    ]);
    expect(m.ties).toBe(1);
    expect(m.tiesPerWorkshop).toEqual({});
    expect(m.isolated).toEqual(["amal", "ben", "eve", "finn"]);
  });

  it("counts new ties per session", () => {
    const m = measureConnectedness(people, [
      tie("amal", "ben", "2026-01-10", { workshopId: "w1" }),
      tie("amal", "cara", "2026-01-10", { workshopId: "w1" }),
      tie("dev", "eve", "2026-02-10", { workshopId: "w2" }),
      tie("ben", "cara", "2026-02-10"),
    ]);
    expect(m.tiesPerWorkshop).toEqual({ w1: 2, w2: 1 });
  });

  it("grows cumulatively by month of since, sorted, with empty months between", () => {
    const m = measureConnectedness(people, [
      tie("cara", "eve", new Date("2026-04-03T10:00:00Z").toISOString()),
      tie("amal", "ben", "2026-01-31T23:00:00Z"),
      tie("amal", "cara", "2026-01-05"),
      tie("dev", "eve", "2026-02-28"),
    ]);
    expect(m.growth).toEqual([
      { month: "2026-01", added: 2, total: 2 },
      { month: "2026-02", added: 1, total: 3 },
      { month: "2026-03", added: 0, total: 3 },
      { month: "2026-04", added: 1, total: 4 },
    ]);
  });

  it("accepts Date objects and crosses a year boundary", () => {
    const m = measureConnectedness(people, [
      { personAId: "amal", personBId: "ben", status: "confirmed", since: new Date("2025-12-15"), createdAt: new Date(), workshopId: null },
      { personAId: "amal", personBId: "dev", status: "confirmed", since: new Date("2026-01-15"), createdAt: new Date(), workshopId: null },
    ]);
    expect(m.growth.map((g) => g.month)).toEqual(["2025-12", "2026-01"]);
    expect(m.growth.at(-1)!.total).toBe(2);
    expect(m.levelPairs).toEqual({ "resident–resident": 1, "resident–politician": 1 });
  });
});

describe("demo ties", async () => {
  const { DEMO_TIES } = await import("../../prisma/demo/ties");
  const { DEMO_PEOPLE, DEMO_CONTACTS } = await import("../../prisma/demo/people");
  it.each(["longbridge", "sparkbrook"] as const)("%s: ties between its own people, across sectors and levels, one person without ties", (slug) => {
    const names = new Set(DEMO_PEOPLE[slug].map((p) => p.displayName));
    for (const t of DEMO_TIES[slug]) {
      expect(names.has(t.a) && names.has(t.b), `${t.a} – ${t.b}`).toBe(true);
      expect(t.a).not.toBe(t.b);
      if (t.introducedBy) expect(names.has(t.introducedBy)).toBe(true);
    }
    for (const name of Object.keys(DEMO_CONTACTS[slug])) expect(names.has(name), name).toBe(true);
    const people = DEMO_PEOPLE[slug].map((p) => ({ id: p.displayName, sector: p.sector }));
    const m = measureConnectedness(
      people,
      DEMO_TIES[slug].map((t) => ({ personAId: t.a, personBId: t.b, status: "confirmed", since: t.since, createdAt: t.since, workshopId: null })),
    );
    expect(m.ties).toBe(DEMO_TIES[slug].length); // no pair twice
    expect(m.isolated).toHaveLength(1);
    expect(m.crossLevelTies).toBeGreaterThan(5);
    expect(Object.keys(m.levelPairs)).toEqual(expect.arrayContaining(["resident–professional", "professional–politician"]));
  });
});
