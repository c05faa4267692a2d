import { inviteState, createInviteSchema, inviteTokenParam } from "~/domain/invites";
import { leavesNoFacilitator, slugify, setStageSchema } from "~/domain/localities";
import { signUpSchema } from "~/domain/accounts";
import { stageStatus } from "~/domain/stages";
import { allowedOrigin } from "~/http/origin.server";

describe("invite state", () => {
  const now = new Date("2026-11-23T12:00:00Z");
  const base = { revokedAt: null, expiresAt: new Date("2026-11-30T00:00:00Z"), singleUse: true, uses: 0 };
  it("is valid until used, expired or revoked", () => {
    expect(inviteState(base, now)).toBe("valid");
    expect(inviteState({ ...base, uses: 1 }, now)).toBe("used");
    expect(inviteState({ ...base, singleUse: false, uses: 9 }, now)).toBe("valid");
    expect(inviteState({ ...base, expiresAt: now }, now)).toBe("expired");
    expect(inviteState({ ...base, revokedAt: now, uses: 1 }, now)).toBe("revoked");
  });
  it("validates invite forms and tokens", () => {
    expect(createInviteSchema.safeParse({ intent: "create-invite", role: "member", usage: "single", days: "7" }).success).toBe(true);
    expect(createInviteSchema.safeParse({ intent: "create-invite", role: "owner", usage: "single", days: "7" }).success).toBe(false);
    expect(createInviteSchema.safeParse({ intent: "create-invite", role: "member", usage: "single", days: "31" }).success).toBe(false);
    expect(inviteTokenParam.safeParse("a".repeat(43)).success).toBe(true);
    expect(inviteTokenParam.safeParse("../../etc/passwd").success).toBe(false);
  });
});

describe("localities", () => {
  it("slugifies place names, with a fallback for non-Latin names", () => {
    expect(slugify("Kings Heath & Moseley")).toBe("kings-heath-moseley");
    expect(slugify("Śląsk")).toBe("slask");
    expect(slugify("سباركبروك")).toBe("locality");
  });
  it("never leaves a locality without a facilitator", () => {
    const members = [
      { id: "a", role: "facilitator" },
      { id: "b", role: "member" },
    ];
    expect(leavesNoFacilitator(members, { membershipId: "a", newRole: "member" })).toBe(true);
    expect(leavesNoFacilitator(members, { membershipId: "a", newRole: null })).toBe(true);
    expect(leavesNoFacilitator(members, { membershipId: "b", newRole: "facilitator" })).toBe(false);
    expect(leavesNoFacilitator(members, { membershipId: "b", newRole: null })).toBe(false);
  });
  it("accepts only the four stages", () => {
    expect(setStageSchema.safeParse({ intent: "set-stage", stage: "3" }).success).toBe(true);
    expect(setStageSchema.safeParse({ intent: "set-stage", stage: "5" }).success).toBe(false);
    expect(stageStatus(1, 2)).toBe("done");
    expect(stageStatus(2, 2)).toBe("current");
    expect(stageStatus(4, 2)).toBe("upcoming");
  });
});

describe("sign-up validation", () => {
  it("returns i18n keys for each bad field", () => {
    const result = signUpSchema.safeParse({ intent: "create-account", name: " ", email: "nope", password: "short", preferredLanguage: "fr" });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]));
    expect(messages).toEqual({
      name: "validation.required",
      email: "validation.email",
      password: "validation.passwordShort",
      preferredLanguage: "validation.language",
    });
  });
  it("normalises email case", () => {
    const result = signUpSchema.parse({
      intent: "create-account",
      name: "Ann",
      email: " Ann@Example.ORG ",
      password: "long enough pass",
      preferredLanguage: "ar",
    });
    expect(result.email).toBe("ann@example.org");
  });
});

describe("origin check", () => {
  it("accepts only our own origin or a configured one", () => {
    expect(allowedOrigin("http://localhost:3000", "http://localhost:3000", [])).toBe(true);
    expect(allowedOrigin("https://evil.example", "http://localhost:3000", [])).toBe(false);
    expect(allowedOrigin("null", "http://localhost:3000", [])).toBe(false);
    expect(allowedOrigin("not a url", "http://localhost:3000", [])).toBe(false);
    expect(allowedOrigin("https://app.example.org", "http://10.0.0.2:3000", ["https://app.example.org"])).toBe(true);
    expect(allowedOrigin("http://localhost:3000", "http://", [])).toBe(false);
  });
});
