// A prototype as a record, the pure rules: the list's views and columns, who took part, money in
// pounds and pence, hours, the partner form's amount by pledge kind, and the other forms' limits.
import {
  aboutInput,
  changedFields,
  columnsByStatus,
  formatPounds,
  hoursFrom,
  listView,
  partnerInput,
  peopleTookPart,
  penceFromPounds,
  personInput,
  poundsFromPence,
  publicSummaryInput,
} from "~/domain/prototype-records";

describe("the prototypes list", () => {
  it("shows the board unless the table is asked for", () => {
    expect(listView(new URL("http://x/l/a/prototypes"))).toBe("board");
    expect(listView(new URL("http://x/l/a/prototypes?view=table"))).toBe("table");
    expect(listView(new URL("http://x/l/a/prototypes?view=<script>"))).toBe("board");
  });
  it("puts each prototype in its status's column, every status a column in order, unknown as planned", () => {
    const columns = columnsByStatus([
      { id: "a", status: "testing" },
      { id: "b", status: "adopted" },
      { id: "c", status: "testing" },
      { id: "d", status: "nonsense" },
    ]);
    expect(columns.map((c) => [c.status, c.prototypes.map((p) => p.id)])).toEqual([
      ["planned", ["d"]],
      ["testing", ["a", "c"]],
      ["adopted", ["b"]],
      ["adapted", []],
      ["stopped", []],
      ["scaled", []],
    ]);
  });
  it("counts each core-group person once plus the others counted", () => {
    expect(peopleTookPart(["p1", "p2", "p1", "p3"], [12, 3])).toBe(18);
    expect(peopleTookPart([], [])).toBe(0);
    expect(peopleTookPart(["p1"], [-4])).toBe(1);
  });
});

describe("money and hours", () => {
  it("reads pounds as pence", () => {
    expect(penceFromPounds("250")).toBe(25_000);
    expect(penceFromPounds("£12.5")).toBe(1250);
    expect(penceFromPounds(" £1,250.05 ")).toBe(125_005);
    expect(penceFromPounds("٢٥٠٫٥٠")).toBe(25_050);
    for (const bad of ["", "-5", "12.345", "1,25", "abc", "£", "12..5", "1e5", "<script>"]) expect(penceFromPounds(bad), bad).toBeNull();
  });
  it("shows pence as pounds", () => {
    expect(poundsFromPence(25_000)).toBe("250");
    expect(poundsFromPence(1250)).toBe("12.50");
    expect(formatPounds(125_005)).toBe("£1,250.05");
    expect(formatPounds(25_000)).toBe("£250");
  });
  it("reads whole hours", () => {
    expect(hoursFrom("12")).toBe(12);
    expect(hoursFrom("١٢")).toBe(12);
    expect(hoursFrom("1.5")).toBeNull();
    expect(hoursFrom("-1")).toBeNull();
  });
});

describe("the forms", () => {
  const partner = (over: Record<string, string>) =>
    partnerInput.safeParse({ name: "St Paul's", role: "deliver", pledgeKind: "money", pledge: "Crèche costs", amount: "", ...over });
  const errors = (r: ReturnType<typeof partner>) => (r.success ? {} : r.error.flatten().fieldErrors);

  it("stores money in pence and time or staff in hours; a room or something else has no amount", () => {
    expect(partner({ amount: "£250.50" })).toMatchObject({ success: true, data: { amount: 25_050 } });
    expect(partner({ pledgeKind: "time", amount: "6" })).toMatchObject({ success: true, data: { amount: 6 } });
    expect(partner({ pledgeKind: "staff", amount: "" })).toMatchObject({ success: true, data: { amount: null } });
    expect(partner({ pledgeKind: "room", amount: "" })).toMatchObject({ success: true, data: { amount: null } });
    expect(errors(partner({ pledgeKind: "room", amount: "3" }))).toEqual({ amount: ["prototypes.errors.noAmount"] });
    expect(errors(partner({ amount: "lots" }))).toEqual({ amount: ["prototypes.errors.money"] });
    expect(errors(partner({ amount: "1000000.01" }))).toEqual({ amount: ["prototypes.errors.money"] });
    expect(errors(partner({ pledgeKind: "time", amount: "2.5" }))).toEqual({ amount: ["prototypes.errors.hours"] });
    expect(errors(partner({ pledgeKind: "staff", amount: "10001" }))).toEqual({ amount: ["prototypes.errors.hours"] });
  });
  it("needs a partner's name, part, kind and pledge, within limits", () => {
    expect(errors(partner({ name: " ", pledge: "" }))).toMatchObject({ name: ["prototypes.errors.partnerName"], pledge: ["prototypes.errors.pledge"] });
    expect(errors(partner({ role: "owner", pledgeKind: "love" }))).toMatchObject({
      role: ["prototypes.errors.partnerRole"],
      pledgeKind: ["prototypes.errors.pledgeKind"],
    });
    expect(errors(partner({ name: "x".repeat(121), pledge: "y".repeat(301) }))).toMatchObject({
      name: ["prototypes.errors.partnerNameLong"],
      pledge: ["prototypes.errors.pledgeLong"],
    });
  });
  it("needs a person and a role", () => {
    expect(personInput.safeParse({ personId: "abc123", role: "use" }).success).toBe(true);
    expect(personInput.safeParse({ personId: "bad id!", role: "use" }).success).toBe(false);
    expect(personInput.safeParse({ personId: "abc123", role: "support" }).success).toBe(false);
  });
  it("needs a title; keeps what it is and for whom within limits; says which fields changed", () => {
    expect(aboutInput.safeParse({ title: " " }).success).toBe(false);
    expect(aboutInput.safeParse({ title: "T", summary: "s".repeat(2001) }).success).toBe(false);
    const before = { title: "A", summary: "", forWhom: "" };
    expect(changedFields(before, { title: "A", summary: "New", forWhom: "" })).toEqual(["summary"]);
    expect(publicSummaryInput.safeParse({ publicSummary: "p".repeat(2001) }).success).toBe(false);
    expect(publicSummaryInput.parse({})).toEqual({ publicSummary: "" });
  });
});
