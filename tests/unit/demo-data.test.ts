import { describe, it, expect } from "vitest";
import { DEMO_ACCOUNTS, DEMO_LANGUAGE_CODES, DEMO_LOCALITIES, DEMO_ORGANISATION, DEMO_PASSWORD, DEMO_PEOPLE, SECTORS } from "../../prisma/demo/people.ts";

const ALLOWED_SECTORS = new Set<string>(["resident", "parent", "young_person", "local_organisation", "public_service", "councillor", "other"]);
const ALLOWED_LANGUAGES = new Set<string>(DEMO_LANGUAGE_CODES);
const BCP47_SIMPLE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

describe("demo organisation and localities", () => {
  it("describes Birmingham with Longbridge and Sparkbrook", () => {
    expect(DEMO_ORGANISATION.slug).toBe("birmingham");
    expect(DEMO_LOCALITIES.map((l) => l.slug).sort()).toEqual(["longbridge", "sparkbrook"]);
    for (const locality of DEMO_LOCALITIES) {
      expect(locality.description.length).toBeGreaterThan(20);
      expect(locality.currentStage).toBeGreaterThanOrEqual(1);
      expect(locality.currentStage).toBeLessThanOrEqual(4);
    }
  });

  it("exports exactly the sector set of the schema", () => {
    expect(new Set(SECTORS)).toEqual(ALLOWED_SECTORS);
  });
});

describe.each(DEMO_LOCALITIES.map((l) => [l.slug] as const))("%s core group", (slug) => {
  const people = DEMO_PEOPLE[slug];

  it("has 28–32 people", () => {
    expect(people.length).toBeGreaterThanOrEqual(28);
    expect(people.length).toBeLessThanOrEqual(32);
  });

  it("spans at least 5 distinct sectors, all allowed", () => {
    const sectors = new Set(people.map((p) => p.sector));
    expect(sectors.size).toBeGreaterThanOrEqual(5);
    for (const sector of sectors) expect(ALLOWED_SECTORS.has(sector)).toBe(true);
  });

  it("has no duplicate names", () => {
    const names = people.map((p) => p.displayName);
    expect(new Set(names).size).toBe(names.length);
  });

  it("uses only allowed BCP 47 language codes", () => {
    for (const person of people) {
      const codes = person.languages.split(",");
      expect(codes.length).toBeGreaterThan(0);
      for (const code of codes) {
        expect(code, `${person.displayName}: "${person.languages}"`).toMatch(BCP47_SIMPLE);
        expect(ALLOWED_LANGUAGES.has(code), `${person.displayName}: ${code}`).toBe(true);
      }
    }
  });

  it("fills in every text field", () => {
    for (const person of people) {
      expect(person.displayName.trim()).not.toBe("");
      expect(person.roleTitle.trim()).not.toBe("");
      expect(person.brings.trim()).not.toBe("");
    }
  });
});

describe("Sparkbrook languages", () => {
  it("includes Arabic, Urdu, Somali and Bengali speakers", () => {
    const codes = new Set(DEMO_PEOPLE.sparkbrook.flatMap((p) => p.languages.split(",")));
    for (const code of ["ar", "ur", "so", "bn"]) expect(codes.has(code)).toBe(true);
    const arabic = DEMO_PEOPLE.sparkbrook.filter((p) => p.languages.split(",").includes("ar"));
    expect(arabic.length).toBeGreaterThanOrEqual(3);
  });
});

describe("demo accounts", () => {
  it("have unique emails", () => {
    const emails = DEMO_ACCOUNTS.map((a) => a.email.toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
  });

  it("share the documented demo password", () => {
    expect(DEMO_PASSWORD).toBe("coproduce-demo-2026");
  });

  it("link only to people who exist in the account's localities", () => {
    for (const account of DEMO_ACCOUNTS) {
      if (account.personName === undefined) continue;
      expect(account.memberships.length).toBeGreaterThan(0);
      for (const membership of account.memberships) {
        const names = DEMO_PEOPLE[membership.locality].map((p) => p.displayName);
        expect(names, `${account.email} -> ${account.personName}`).toContain(account.personName);
      }
    }
  });

  it("reference only known localities, once each, with valid roles", () => {
    const slugs = new Set(DEMO_LOCALITIES.map((l) => l.slug));
    for (const account of DEMO_ACCOUNTS) {
      const localities = account.memberships.map((m) => m.locality);
      expect(new Set(localities).size).toBe(localities.length);
      for (const m of account.memberships) {
        expect(slugs.has(m.locality)).toBe(true);
        expect(["facilitator", "member", "viewer"]).toContain(m.role);
      }
    }
  });

  it("include an organisation facilitator who facilitates every locality", () => {
    const facilitator = DEMO_ACCOUNTS.find((a) => a.email === "facilitator@coproduce.test");
    expect(facilitator?.orgFacilitator).toBe(true);
    for (const locality of DEMO_LOCALITIES) {
      expect(facilitator?.memberships).toContainEqual({ locality: locality.slug, role: "facilitator" });
    }
    const sparkbrookMember = DEMO_ACCOUNTS.find((a) => a.email === "member.sparkbrook@coproduce.test");
    expect(sparkbrookMember?.preferredLanguage).toBe("ar");
  });
});
