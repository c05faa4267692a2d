import { LOCALITY_ACTIONS, type LOCALITY_ROLES, assignableRoles, can, canInOrganisation, strongerRole } from "~/domain/access/policy";

describe("role × action policy", () => {
  const expected: Record<string, Record<(typeof LOCALITY_ROLES)[number] | "none", boolean>> = {
    "locality.view": { none: false, viewer: true, member: true, facilitator: true },
    "people.view": { none: false, viewer: true, member: true, facilitator: true },
    "stage.view": { none: false, viewer: true, member: true, facilitator: true },
    "stage.set": { none: false, viewer: false, member: false, facilitator: true },
    "members.view": { none: false, viewer: false, member: false, facilitator: true },
    "members.manage": { none: false, viewer: false, member: false, facilitator: true },
    "invites.manage": { none: false, viewer: false, member: false, facilitator: true },
    "audit.view": { none: false, viewer: false, member: false, facilitator: true },
    "documents.view": { none: false, viewer: true, member: true, facilitator: true },
    "documents.edit": { none: false, viewer: false, member: true, facilitator: true },
    "documents.create": { none: false, viewer: false, member: true, facilitator: true },
    "boards.facilitate": { none: false, viewer: false, member: false, facilitator: true },
    "people.editSelf": { none: false, viewer: false, member: true, facilitator: true },
    "people.manage": { none: false, viewer: false, member: false, facilitator: true },
    "ties.record": { none: false, viewer: false, member: true, facilitator: true },
    "ties.manage": { none: false, viewer: false, member: false, facilitator: true },
    "workshops.view": { none: false, viewer: true, member: true, facilitator: true },
    "workshops.manage": { none: false, viewer: false, member: false, facilitator: true },
    "purpose.endorse": { none: false, viewer: false, member: true, facilitator: true },
    "purpose.agree": { none: false, viewer: false, member: false, facilitator: true },
    "stories.view": { none: false, viewer: true, member: true, facilitator: true },
    "stories.manage": { none: false, viewer: false, member: false, facilitator: true },
    "stories.unredacted": { none: false, viewer: false, member: false, facilitator: true },
    "stories.code": { none: false, viewer: false, member: true, facilitator: true },
    "codes.manage": { none: false, viewer: false, member: false, facilitator: true },
    "insights.view": { none: false, viewer: true, member: true, facilitator: true },
    "insights.edit": { none: false, viewer: false, member: true, facilitator: true },
    "reports.export": { none: false, viewer: false, member: false, facilitator: true },
    "ideas.view": { none: false, viewer: true, member: true, facilitator: true },
    "ideas.contribute": { none: false, viewer: false, member: true, facilitator: true },
    "challenges.manage": { none: false, viewer: false, member: false, facilitator: true },
    "ideas.moderate": { none: false, viewer: false, member: false, facilitator: true },
    "ideas.shortlist": { none: false, viewer: false, member: false, facilitator: true },
    "prototypes.view": { none: false, viewer: true, member: true, facilitator: true },
    "prototypes.edit": { none: false, viewer: false, member: true, facilitator: true },
    "prototypes.decide": { none: false, viewer: false, member: false, facilitator: true },
    "thread.view": { none: false, viewer: true, member: true, facilitator: true },
    "thread.link": { none: false, viewer: false, member: false, facilitator: true },
    "portfolio.view": { none: false, viewer: false, member: false, facilitator: true },
    "exchange.view": { none: false, viewer: true, member: true, facilitator: true },
    "exchange.comment": { none: false, viewer: false, member: true, facilitator: true },
    "exchange.share": { none: false, viewer: false, member: false, facilitator: true },
    "exchange.try": { none: false, viewer: false, member: false, facilitator: true },
    "reflections.write": { none: false, viewer: false, member: true, facilitator: true },
  };

  it("covers every action in the table", () => {
    expect(Object.keys(expected).sort()).toEqual(Object.keys(LOCALITY_ACTIONS).sort());
  });

  for (const [action, byRole] of Object.entries(expected)) {
    for (const [role, allowed] of Object.entries(byRole)) {
      it(`${role} ${allowed ? "may" : "may not"} ${action}`, () => {
        expect(can(role === "none" ? null : (role as (typeof LOCALITY_ROLES)[number]), action as keyof typeof LOCALITY_ACTIONS)).toBe(allowed);
      });
    }
  }

  it("an organisation facilitator outranks a locality membership", () => {
    expect(strongerRole("viewer", "facilitator")).toBe("facilitator");
    expect(strongerRole("member", null)).toBe("member");
    expect(strongerRole(null, null)).toBeNull();
  });

  it("only organisation facilitators view the organisation or create localities", () => {
    expect(canInOrganisation("facilitator", "locality.create")).toBe(true);
    expect(canInOrganisation(null, "organisation.view")).toBe(false);
  });

  it("only facilitators hand out roles", () => {
    expect(assignableRoles("facilitator")).toEqual(["viewer", "member", "facilitator"]);
    expect(assignableRoles("member")).toEqual([]);
  });
});
