// Moderation's rules: which decision may be taken from which state and where it leads, what may
// be merged into what, the forms' schemas, what an approval publishes, and every spam signal
// having a plain explanation in both languages.
import { parseWithZod } from "@conform-to/zod";
import { messages } from "~/i18n/locales";
import { MODERATION_STATES, SPAM_SIGNALS } from "~/domain/ideas";
import { LIMITS } from "~/domain/limits";
import {
  allowedFrom,
  approveInput,
  approvedText,
  editInput,
  isOnBoard,
  mayDecide,
  mayMergeInto,
  mergeInput,
  MODERATION_DECISIONS,
  rejectInput,
  spamSignalKey,
  stateAfter,
} from "~/domain/moderation";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

describe("transitions", () => {
  it("allows exactly these decisions from these states", () => {
    const table = Object.fromEntries(MODERATION_DECISIONS.map((d) => [d, MODERATION_STATES.filter((s) => mayDecide(d, s))]));
    expect(table).toEqual({
      approve: ["pending"],
      merge: ["pending"],
      reject: ["pending", "hidden"],
      edit: ["published"],
      restore: ["hidden"],
    });
    for (const d of MODERATION_DECISIONS) expect(allowedFrom(d)).toEqual(table[d]);
  });
  it("leads to these states; only published ideas are on the board", () => {
    expect(MODERATION_DECISIONS.map((d) => [d, stateAfter(d)])).toEqual([
      ["approve", "published"],
      ["merge", "merged"],
      ["reject", "rejected"],
      ["edit", "published"],
      ["restore", "published"],
    ]);
    expect(MODERATION_STATES.filter(isOnBoard)).toEqual(["published"]);
  });
  it("nothing may be decided on a rejected or merged idea, nor on an unknown state", () => {
    for (const d of MODERATION_DECISIONS) {
      expect(mayDecide(d, "rejected")).toBe(false);
      expect(mayDecide(d, "merged")).toBe(false);
      expect(mayDecide(d, "PENDING")).toBe(false);
    }
  });
});

describe("merging", () => {
  const dup = { id: "a", challengeId: "c1" };
  it("into another pending or published idea of the same challenge only", () => {
    expect(mayMergeInto(dup, { id: "b", challengeId: "c1", moderation: "published" })).toBe(true);
    expect(mayMergeInto(dup, { id: "b", challengeId: "c1", moderation: "pending" })).toBe(true);
    expect(mayMergeInto(dup, { id: "a", challengeId: "c1", moderation: "pending" })).toBe(false);
    expect(mayMergeInto(dup, { id: "b", challengeId: "c2", moderation: "published" })).toBe(false);
    for (const s of ["rejected", "merged", "hidden"]) expect(mayMergeInto(dup, { id: "b", challengeId: "c1", moderation: s })).toBe(false);
  });
});

describe("the decision forms", () => {
  it("rejecting needs a reason within the limit", () => {
    const none = parseWithZod(form({ ideaId: "i1", reason: "  " }), { schema: rejectInput });
    expect(none.status === "error" && none.error?.reason).toEqual(["challenges.errors.reasonRequired"]);
    const long = parseWithZod(form({ ideaId: "i1", reason: "x".repeat(LIMITS.rejectionReason + 1) }), { schema: rejectInput });
    expect(long.status === "error" && long.error?.reason).toEqual(["challenges.errors.reasonLong"]);
    const ok = parseWithZod(form({ ideaId: "i1", reason: " Off topic. " }), { schema: rejectInput });
    expect(ok.status === "success" && ok.value).toEqual({ ideaId: "i1", reason: "Off topic." });
  });
  it("approving and editing need a text within a note's length", () => {
    for (const schema of [approveInput, editInput]) {
      expect(parseWithZod(form({ ideaId: "i1", text: "" }), { schema }).status).toBe("error");
      const long = parseWithZod(form({ ideaId: "i1", text: "x".repeat(LIMITS.ideaText + 1) }), { schema });
      expect(long.status === "error" && long.error?.text).toEqual(["challenges.errors.textLong"]);
      expect(parseWithZod(form({ ideaId: "i1", text: "x".repeat(LIMITS.ideaText) }), { schema }).status).toBe("success");
    }
  });
  it("ids must look like ids", () => {
    expect(parseWithZod(form({ ideaId: "../etc", reason: "r" }), { schema: rejectInput }).status).toBe("error");
    const merge = parseWithZod(form({ ideaId: "i1", intoId: "not an id" }), { schema: mergeInput });
    expect(merge.status === "error" && merge.error?.intoId).toEqual(["challenges.errors.mergeTarget"]);
  });
  it("an approval publishes the text as sent unless it was changed", () => {
    expect(approvedText("Call Amira on 0770", "Call Amira on 0770")).toEqual({ text: "Call Amira on 0770", edited: false });
    expect(approvedText("Call Amira on 0770", "  Call Amira on 0770 \n")).toEqual({ text: "Call Amira on 0770", edited: false });
    expect(approvedText("Call Amira on 0770", "Call the organiser")).toEqual({ text: "Call the organiser", edited: true });
  });
});

describe("spam signals", () => {
  it("each has a plain explanation in English and Arabic", () => {
    const lookup = (tree: unknown, key: string) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
    for (const signal of SPAM_SIGNALS) {
      const key = spamSignalKey(signal);
      expect(key).toBe(`challenges.spam.${signal}`);
      expect(lookup(messages.en, key), `${key} en`).toMatch(/\w{3}/);
      expect(lookup(messages.ar, key), `${key} ar`).toMatch(/[\u0600-\u06FF]{3}/);
    }
  });
});
