import fs from "node:fs";
import path from "node:path";
import { messages } from "~/i18n/locales";

const { en, ar } = messages;

type Tree = { [key: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function keys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();
}
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  return new Map(Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [[`${prefix}${k}`, v]] : [...flatten(v, `${prefix}${k}.`)])));
}
const enFlat = flatten(en);
const arFlat = flatten(ar);
function lookup(tree: Tree, key: string): string | undefined {
  return (tree === en ? enFlat : arFlat).get(key);
}

describe("locales", () => {
  const enKeys = new Set(keys(en).map((k) => k.replace(PLURAL, "")));
  const arKeys = new Set(keys(ar).map((k) => k.replace(PLURAL, "")));

  it("Arabic has every English key", () => {
    expect([...enKeys].filter((k) => !arKeys.has(k))).toEqual([]);
  });
  it("English has every Arabic key", () => {
    expect([...arKeys].filter((k) => !enKeys.has(k))).toEqual([]);
  });
  it("Arabic keeps the placeholders of non-plural strings", () => {
    const mismatched = keys(en)
      .filter((k) => !PLURAL.test(k))
      .filter((k) => JSON.stringify(placeholders(lookup(en, k)!)) !== JSON.stringify(placeholders(lookup(ar, k) ?? "")));
    expect(mismatched).toEqual([]);
  });
  it("Arabic has all six plural forms where English has plurals", () => {
    const plurals = new Set(
      keys(en)
        .filter((k) => PLURAL.test(k))
        .map((k) => k.replace(PLURAL, "")),
    );
    for (const base of plurals) {
      for (const form of ["zero", "one", "two", "few", "many", "other"]) expect(lookup(ar, `${base}_${form}`), `${base}_${form}`).toBeTypeOf("string");
    }
  });
  it("every translation key used in the code exists in English", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory() && e.name !== "generated") walk(full);
        else if (/\.(tsx?|ts)$/.test(e.name)) files.push(full);
      }
    };
    walk(path.resolve(import.meta.dirname, "../../app"));
    const used = new Set<string>();
    for (const f of files) {
      const text = fs.readFileSync(f, "utf8");
      for (const m of text.matchAll(/\bt\("([a-zA-Z]+\.[a-zA-Z0-9_.]+)"/g)) used.add(m[1]!);
      for (const m of text.matchAll(/"(validation\.[a-zA-Z]+)"/g)) used.add(m[1]!);
      // Keys handed to the UI as form errors or messages.
      for (const m of text.matchAll(/(?:formErrors: \[|\w+: \[|message: |joinError: )"([a-zA-Z]+\.[a-zA-Z.]+)"/g)) used.add(m[1]!);
    }
    const missing = [...used].filter((k) => !enKeys.has(k) && lookup(en, k) === undefined);
    expect(missing).toEqual([]);
  });
});

/** Every audit action the code records (`action: "…"` in app/), for the activity log's labels. */
function recordedAuditActions(): string[] {
  const files = fs.readdirSync("app", { recursive: true, encoding: "utf8" }).filter((f) => /\.tsx?$/.test(f) && !f.startsWith("generated"));
  const actions = new Set<string>();
  for (const f of files) {
    const src = fs.readFileSync(path.join("app", f), "utf8");
    if (!src.includes("recordAudit")) continue;
    // `action: "a.b"` or `action: cond ? "a.b" : "a.c"`, up to the next field.
    for (const m of src.matchAll(/action: ([^\n]*?)(?:, [a-zA-Z]+:|\n)/g)) for (const k of m[1]!.matchAll(/"([a-z]+(?:\.[a-z_]+)+)"/g)) actions.add(k[1]!);
  }
  return [...actions];
}

describe("dynamic keys have translations", async () => {
  const { SECTORS } = await import("~/domain/people");
  const { STAGES } = await import("~/domain/stages");
  const { LOCALITY_ROLES } = await import("~/domain/access/policy");
  const { DEMO_LANGUAGE_CODES } = await import("../../prisma/demo/people");
  const needed = [
    ...SECTORS.map((s) => `sectors.${s}`),
    ...STAGES.flatMap((s) => ["name", "summary", "next", "holds"].map((f) => `stages.${s.key}.${f}`)),
    ...STAGES.flatMap((s) => s.tools.map((tool) => tool.label)),
    ...LOCALITY_ROLES.map((r) => `roles.${r}`),
    ...DEMO_LANGUAGE_CODES.map((c) => `languageNames.${c}`),
    ...["done", "current", "upcoming"].map((s) => `locality.status.${s}`),
    ...["valid", "revoked", "expired", "used"].map((s) => `members.inviteState.${s}`),
    ...["400", "403", "404", "413", "429", "500"].flatMap((c) => [`errors.${c}.title`, `errors.${c}.body`]),
    ...recordedAuditActions().map((a) => `audit.actions.${a}`),
  ];
  it("finds the audit actions in the code", () => expect(recordedAuditActions()).toContain("board.lock"));
  it.each(["en", "ar"] as const)("in %s", (lang) => {
    const flat = lang === "en" ? enFlat : arFlat;
    expect(needed.filter((k) => !flat.has(k))).toEqual([]);
  });
});
