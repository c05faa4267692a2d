import {
  duplicateReasons,
  duplicatesOf,
  findDuplicatePairs,
  maySeeContact,
  mergeConflict,
  mergedFields,
  normaliseName,
  normalisePhone,
  personInput,
  personRecord,
  planTieMerge,
  samePhone,
  strongerTie,
  tieInput,
  visibleContact,
  type MergeablePerson,
} from "~/domain/people";

const valid = { displayName: "Karen Whitcombe", sector: "parent", languages: ["en"] };

describe("person input", () => {
  it("accepts a minimal profile and fills defaults", () => {
    const r = personInput.parse(valid);
    expect(r).toMatchObject({ displayName: "Karen Whitcombe", organisation: "", bringsKinds: [], emailVisibility: "facilitators", email: "", phone: "" });
    expect(personRecord(personInput.parse({ ...valid, bringsKinds: ["time", "skills", "time"], languages: ["en", "pl"] }))).toMatchObject({
      bringsKinds: "time,skills",
      languages: "en,pl",
    });
  });
  it("takes a single checkbox value as a list", () => {
    expect(personInput.parse({ ...valid, bringsKinds: "places", languages: "ar" })).toMatchObject({ bringsKinds: ["places"], languages: ["ar"] });
  });
  it("gives a clear message per field", () => {
    const r = personInput.safeParse({
      displayName: " ",
      sector: "mayor",
      languages: [],
      email: "not-an-email",
      phone: "call me",
      emailVisibility: "public",
      brings: "x".repeat(1001),
    });
    expect(r.success).toBe(false);
    const messages = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toEqual({
      displayName: "relationships.validation.nameRequired",
      sector: "relationships.validation.sector",
      languages: "relationships.validation.languagesRequired",
      email: "relationships.validation.email",
      phone: "relationships.validation.phone",
      emailVisibility: "relationships.validation.audience",
      brings: "relationships.validation.tooLong",
    });
  });
  it("accepts common phone formats and refuses nonsense", () => {
    for (const phone of ["0121 496 0000", "+44 (0)7700 900123", "07700-900-123", "+964 770 123 4567"])
      expect(personInput.safeParse({ ...valid, phone }).success, phone).toBe(true);
    for (const phone of ["12", "+44 abc 123", "1".repeat(16), "--------"]) expect(personInput.safeParse({ ...valid, phone }).success, phone).toBe(false);
  });
});

describe("duplicates", () => {
  it("normalises names, emails and phones", () => {
    expect(normaliseName("  José   O'Brien ")).toBe(normaliseName("jose o brien"));
    expect(normaliseName("هناء السيد")).toBe(normaliseName("هناء  السيد"));
    expect(normalisePhone("+44 (0)7700 900123")).toBe("447700900123");
    expect(samePhone("07700 900123", "+44 7700 900123")).toBe(true);
    expect(samePhone("0044 7700 900123", "+44-7700-900123")).toBe(true);
    expect(samePhone("07700 900123", "07700 900124")).toBe(false);
    expect(samePhone("", "")).toBe(false);
  });
  it("needs the same name AND the same email or phone", () => {
    const a = { displayName: "Hana Al-Sayed", email: "Hana@Example.org ", phone: "" };
    expect(duplicateReasons(a, { displayName: "hana al sayed", email: "hana@example.org", phone: "" })).toEqual(["email"]);
    expect(duplicateReasons(a, { displayName: "Hana Al-Sayed", email: "other@example.org", phone: "" })).toBeNull();
    expect(duplicateReasons(a, { displayName: "Hana Khalil", email: "hana@example.org", phone: "" })).toBeNull();
    expect(duplicateReasons({ ...a, email: "" }, { displayName: "Hana Al-Sayed", email: "", phone: "" })).toBeNull();
    expect(duplicateReasons({ ...a, phone: "07700 900123" }, { displayName: "HANA AL-SAYED", email: "hana@example.org", phone: "+447700900123" })).toEqual([
      "email",
      "phone",
    ]);
  });
  it("lists each pair once and skips the person being edited", () => {
    const people = [
      { id: "1", displayName: "Sam Lee", email: "sam@x.org", phone: "" },
      { id: "2", displayName: "sam lee", email: "SAM@x.org", phone: "" },
      { id: "3", displayName: "Sam Lee", email: "", phone: "0121 496 0000" },
      { id: "4", displayName: "Sam Lee", email: "", phone: "+44 121 496 0000" },
      { id: "5", displayName: "Kim Lee", email: "sam@x.org", phone: "" },
    ];
    expect(findDuplicatePairs(people).map((p) => [p.a.id, p.b.id, p.reasons])).toEqual([
      ["1", "2", ["email"]],
      ["3", "4", ["phone"]],
    ]);
    expect(duplicatesOf({ id: "1", displayName: "Sam Lee", email: "sam@x.org", phone: "" }, people).map((d) => d.person.id)).toEqual(["2"]);
  });
});

describe("contact visibility", () => {
  const person = {
    id: "p",
    userId: "u-self",
    displayName: "P",
    email: "p@x.org",
    emailVisibility: "facilitators",
    phone: "0121",
    phoneVisibility: "members",
    howToReach: "At the café",
    howToReachVisibility: "everyone",
  };
  it("sends each field only to its audience", () => {
    expect(maySeeContact("facilitators", { role: "facilitator", userId: "f" }, null)).toBe(true);
    expect(maySeeContact("facilitators", { role: "member", userId: "m" }, null)).toBe(false);
    expect(maySeeContact("members", { role: "member", userId: "m" }, null)).toBe(true);
    expect(maySeeContact("members", { role: "viewer", userId: "v" }, null)).toBe(false);
    expect(maySeeContact("everyone", { role: "viewer", userId: "v" }, null)).toBe(true);
    expect(maySeeContact("facilitators", { role: "viewer", userId: "u-self" }, "u-self")).toBe(true);
    expect(maySeeContact("bogus", { role: "member", userId: "m" }, null)).toBe(false);
  });
  it("removes hidden values and their audiences from the profile", () => {
    const member = visibleContact(person, { role: "member", userId: "m" });
    expect(member.contact).toEqual({ email: null, phone: { value: "0121", audience: "members" }, howToReach: { value: "At the café", audience: "everyone" } });
    expect(JSON.stringify(member)).not.toContain("p@x.org");
    expect(JSON.stringify(member)).not.toContain("emailVisibility");
    expect(visibleContact(person, { role: "viewer", userId: "v" }).contact).toMatchObject({ email: null, phone: null });
    expect(visibleContact(person, { role: "viewer", userId: "u-self" }).contact.email).toEqual({ value: "p@x.org", audience: "facilitators" });
  });
});

describe("merging people", () => {
  const base: MergeablePerson = {
    id: "k",
    userId: null,
    organisation: "",
    roleTitle: "Parent",
    brings: "",
    bringsKinds: "time",
    caresAbout: "",
    languages: "en",
    email: "",
    emailVisibility: "facilitators",
    phone: "0121",
    phoneVisibility: "members",
    howToReach: "",
    howToReachVisibility: "facilitators",
  };
  it("fills what the kept person lacks and joins lists", () => {
    const other = {
      ...base,
      id: "r",
      userId: "u1",
      organisation: "School",
      roleTitle: "Governor",
      bringsKinds: "skills,time",
      languages: "ar,en",
      email: "a@x.org",
      emailVisibility: "everyone",
      phone: "999999",
      phoneVisibility: "everyone",
    };
    expect(mergedFields(base, other)).toMatchObject({
      userId: "u1",
      organisation: "School",
      roleTitle: "Parent",
      bringsKinds: "time,skills",
      languages: "en,ar",
      email: "a@x.org",
      emailVisibility: "everyone",
      phone: "0121",
      phoneVisibility: "members",
    });
    expect(mergeConflict({ ...base, userId: "u1" }, { ...base, userId: "u2" })).toBe("accounts");
    expect(mergeConflict({ ...base, userId: "u1" }, other)).toBeNull();
  });
  const d = (s: string) => new Date(s);
  it("moves ties, keeps the stronger of a shared one and drops the tie between the two", () => {
    const ties = [
      { id: "t-kr", personAId: "k", personBId: "r", strength: 3, status: "confirmed", since: d("2026-01-01") },
      { id: "t-kx", personAId: "k", personBId: "x", strength: 1, status: "confirmed", since: d("2026-01-01") },
      { id: "t-rx", personAId: "r", personBId: "x", strength: 3, status: "confirmed", since: d("2026-02-01") },
      { id: "t-ay", personAId: "a", personBId: "r", strength: 2, status: "confirmed", since: d("2026-02-01") },
      { id: "t-kz", personAId: "k", personBId: "z", strength: 2, status: "confirmed", since: d("2026-01-01") },
      { id: "t-rz", personAId: "r", personBId: "z", strength: 2, status: "suggested", since: d("2025-01-01") },
    ];
    const plan = planTieMerge("k", "r", ties);
    expect(plan.remove.sort()).toEqual(["t-kr", "t-kx", "t-rz"]);
    expect(plan.move).toEqual([
      { id: "t-rx", personAId: "k", personBId: "x", swapped: false },
      { id: "t-ay", personAId: "a", personBId: "k", swapped: false },
    ]);
    // "a" < "k" but "r" > "z"? the other end changes side when the order flips.
    expect(planTieMerge("z", "b", [{ id: "t", personAId: "a", personBId: "b", strength: 1, status: "confirmed", since: d("2026-01-01") }]).move).toEqual([
      { id: "t", personAId: "a", personBId: "z", swapped: false },
    ]);
    expect(planTieMerge("a", "c", [{ id: "t", personAId: "b", personBId: "c", strength: 1, status: "confirmed", since: d("2026-01-01") }]).move).toEqual([
      { id: "t", personAId: "a", personBId: "b", swapped: true },
    ]);
  });
  it("prefers confirmed, then stronger, then older ties", () => {
    const t = (id: string, strength: number, status: string, since: string) => ({ id, personAId: "a", personBId: "b", strength, status, since: d(since) });
    expect(strongerTie(t("1", 3, "suggested", "2026-01-01"), t("2", 1, "confirmed", "2026-01-01")).id).toBe("2");
    expect(strongerTie(t("1", 1, "confirmed", "2026-01-01"), t("2", 2, "confirmed", "2026-03-01")).id).toBe("2");
    expect(strongerTie(t("1", 2, "confirmed", "2026-03-01"), t("2", 2, "confirmed", "2026-01-01")).id).toBe("2");
  });
});

describe("tie input", () => {
  const ok = { otherPersonId: "abc123", kind: "works_with", strength: "2", since: "2026-03-01" };
  it("parses a tie", () => {
    expect(tieInput.parse(ok)).toMatchObject({
      strength: 2,
      since: new Date("2026-03-01T00:00:00Z"),
      introducedById: null,
      workshopId: null,
      mode: "create",
      note: "",
    });
  });
  it("needs the introducer or the session for those kinds", () => {
    const r = tieInput.safeParse({ ...ok, kind: "introduced_by" });
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["introducedById", "relationships.validation.introducedBy"]]);
    expect(tieInput.safeParse({ ...ok, kind: "met_at_session" }).error?.issues[0]?.path).toEqual(["workshopId"]);
    expect(tieInput.parse({ ...ok, kind: "met_at_session", workshopId: "w1" }).workshopId).toBe("w1");
    expect(tieInput.parse({ ...ok, introducedById: "p9" }).introducedById).toBeNull();
  });
  it("refuses bad values with clear messages", () => {
    const r = tieInput.safeParse({ otherPersonId: "../x", kind: "enemies", strength: "9", since: "2999-01-01", note: "x".repeat(501) });
    expect(Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]))).toEqual({
      otherPersonId: "relationships.validation.otherPerson",
      kind: "relationships.validation.kind",
      strength: "relationships.validation.strength",
      since: "relationships.validation.sinceFuture",
      note: "relationships.validation.tooLong",
    });
    expect(tieInput.safeParse({ ...ok, since: "01/03/2026" }).error?.issues[0]?.message).toBe("relationships.validation.since");
    expect(tieInput.safeParse({ ...ok, since: undefined }).error?.issues[0]?.message).toBe("relationships.validation.sinceRequired");
  });
});
