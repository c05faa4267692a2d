/**
 * People of a locality's core group (Stage 1): sectors, profile validation, who may see each
 * contact field, duplicate detection and the plan of a merge. Pure: no database access here.
 */
import { z } from "zod";
import { CONTACT_AUDIENCES, TIE_KINDS, type ContactAudience } from "./ties";

// The vocabularies live apart (person-fields.ts, no zod); they are part of this module's API too.
import { BRINGS_KINDS, PERSON_LANGUAGES, SECTORS, parseBringsKinds, parseLanguages } from "./person-fields";
export { BRINGS_KINDS, PERSON_LANGUAGES, SECTORS, parseBringsKinds, parseLanguages, type BringsKind, type Sector } from "./person-fields";

/** What any reader of a profile may see (contact details are filtered apart: visibleContact). */
export function profileFields(person: {
  id: string;
  displayName: string;
  sector: string;
  organisation: string;
  roleTitle: string;
  brings: string;
  bringsKinds: string;
  caresAbout: string;
  languages: string;
}) {
  return {
    id: person.id,
    displayName: person.displayName,
    sector: person.sector,
    organisation: person.organisation,
    roleTitle: person.roleTitle,
    brings: person.brings,
    bringsKinds: parseBringsKinds(person.bringsKinds),
    caresAbout: person.caresAbout,
    languages: parseLanguages(person.languages),
  };
}

export const LIMITS = {
  name: 120,
  organisation: 120,
  roleTitle: 120,
  brings: 1000,
  caresAbout: 1000,
  email: 254,
  phone: 30,
  howToReach: 500,
  note: 500,
} as const;

const V = "relationships.validation";

/** Optional free text: empty → "". */
const text = (max: number) =>
  z
    .string({ invalid_type_error: `${V}.text` })
    .trim()
    .max(max, { message: `${V}.tooLong` })
    .optional()
    .transform((v) => v ?? "");

/** One value or many (a group of checkboxes) → a list. */
const many = <T extends z.ZodTypeAny>(item: T) => z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item));

const audience = z.enum(CONTACT_AUDIENCES, { errorMap: () => ({ message: `${V}.audience` }) }).default("facilitators");

/** Digits of a phone number, with "+" or "00" for an international prefix; formats like "0121 496 0000" or "+44 (0)7700 900123". */
const PHONE = /^\+?[0-9][0-9 ().-]{4,28}$/;

export const personInput = z.object({
  displayName: z
    .string({ required_error: `${V}.nameRequired` })
    .trim()
    .min(1, { message: `${V}.nameRequired` })
    .max(LIMITS.name, { message: `${V}.tooLong` }),
  sector: z.enum(SECTORS, { errorMap: () => ({ message: `${V}.sector` }) }),
  organisation: text(LIMITS.organisation),
  roleTitle: text(LIMITS.roleTitle),
  brings: text(LIMITS.brings),
  bringsKinds: many(z.enum(BRINGS_KINDS, { errorMap: () => ({ message: `${V}.bringsKind` }) })),
  caresAbout: text(LIMITS.caresAbout),
  languages: many(z.enum(PERSON_LANGUAGES, { errorMap: () => ({ message: `${V}.language` }) })).pipe(
    z.array(z.string()).min(1, { message: `${V}.languagesRequired` }),
  ),
  email: z
    .string()
    .trim()
    .max(LIMITS.email, { message: `${V}.tooLong` })
    .email({ message: `${V}.email` })
    .optional()
    .transform((v) => v ?? ""),
  emailVisibility: audience,
  phone: z
    .string()
    .trim()
    .max(LIMITS.phone, { message: `${V}.tooLong` })
    .refine((v) => PHONE.test(v) && digitCount(v) >= 6 && digitCount(v) <= 15, { message: `${V}.phone` })
    .optional()
    .transform((v) => v ?? ""),
  phoneVisibility: audience,
  howToReach: text(LIMITS.howToReach),
  howToReachVisibility: audience,
});
export type PersonInput = z.output<typeof personInput>;

/** The add form: the profile, and whether to add it although it looks like someone already there. */
export const newPersonInput = personInput.extend({ mode: z.enum(["check", "anyway"]).default("check") });

/** Values to store (lists joined the way Person keeps them). */
export function personRecord(input: PersonInput) {
  const { bringsKinds, languages, ...rest } = input;
  return { ...rest, bringsKinds: [...new Set(bringsKinds)].join(","), languages: [...new Set(languages)].join(",") };
}

function digitCount(value: string): number {
  return value.replace(/\D/g, "").length;
}

// ---------------------------------------------------------------------------------------------
// Who sees contact details

export type Viewer = { role: "facilitator" | "member" | "viewer"; userId: string };

/** Whether a contact field with `audience` may be sent to `viewer` (the person themselves always sees their own). */
export function maySeeContact(audienceOfField: string, viewer: Viewer, personUserId: string | null): boolean {
  if (personUserId !== null && personUserId === viewer.userId) return true;
  if (viewer.role === "facilitator") return true;
  if (viewer.role === "member") return audienceOfField === "members" || audienceOfField === "everyone";
  return audienceOfField === "everyone";
}

/** A profile's contact details, each with its audience. */
export type ContactDetails = {
  email: string;
  emailVisibility: string;
  phone: string;
  phoneVisibility: string;
  howToReach: string;
  howToReachVisibility: string;
};
type ContactFields = ContactDetails & { userId: string | null };

/**
 * A profile as it may be sent to `viewer`: contact fields they may not see are removed (null),
 * and so are their audiences (which would hint at what exists).
 */
export function visibleContact<P extends ContactFields>(person: P, viewer: Viewer) {
  const { email, emailVisibility, phone, phoneVisibility, howToReach, howToReachVisibility, ...rest } = person;
  const field = (value: string, aud: string) =>
    maySeeContact(aud, viewer, person.userId) && value
      ? { value, audience: (CONTACT_AUDIENCES as readonly string[]).includes(aud) ? (aud as ContactAudience) : "facilitators" }
      : null;
  return {
    ...rest,
    contact: { email: field(email, emailVisibility), phone: field(phone, phoneVisibility), howToReach: field(howToReach, howToReachVisibility) },
  };
}

// ---------------------------------------------------------------------------------------------
// Duplicates

/** A name as compared for duplicates: case, accents, spaces and punctuation do not count. */
export function normaliseName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase("en")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Digits only, an international "00" prefix read as "+"; national numbers lose their leading 0. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\(0\)/g, "").replace(/\D/g, "");
  return digits.replace(/^00/, "").replace(/^0+/, "");
}

/** Two phone numbers are the same when their digits match, allowing a country code on one side only. */
export function samePhone(one: string, other: string): boolean {
  const a = normalisePhone(one);
  const b = normalisePhone(other);
  if (a.length < 6 || b.length < 6) return false;
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 9 && long.length - short.length <= 3 && long.endsWith(short);
}

export type DuplicateCandidate = { id: string; displayName: string; email: string; phone: string };
export type DuplicateReason = "email" | "phone";

/** Why `one` and `other` look like the same person (same name and same email or phone), or null. */
export function duplicateReasons(one: Omit<DuplicateCandidate, "id">, other: Omit<DuplicateCandidate, "id">): DuplicateReason[] | null {
  if (!one.displayName.trim() || normaliseName(one.displayName) !== normaliseName(other.displayName)) return null;
  const reasons: DuplicateReason[] = [];
  if (one.email.trim() && normaliseEmail(one.email) === normaliseEmail(other.email)) reasons.push("email");
  if (one.phone.trim() && other.phone.trim() && samePhone(one.phone, other.phone)) reasons.push("phone");
  return reasons.length ? reasons : null;
}

/** The people already there that `candidate` duplicates. */
export function duplicatesOf<P extends DuplicateCandidate>(candidate: Omit<DuplicateCandidate, "id"> & { id?: string }, people: P[]) {
  return people
    .filter((p) => p.id !== candidate.id)
    .flatMap((p) => {
      const reasons = duplicateReasons(candidate, p);
      return reasons ? [{ person: p, reasons }] : [];
    });
}

/** Every pair of people that look like the same person, each pair once (earlier in the list first). */
export function findDuplicatePairs<P extends DuplicateCandidate>(people: P[]) {
  const pairs: { a: P; b: P; reasons: DuplicateReason[] }[] = [];
  const byName = new Map<string, P[]>();
  for (const p of people) {
    const key = normaliseName(p.displayName);
    if (!key) continue;
    byName.set(key, [...(byName.get(key) ?? []), p]);
  }
  for (const group of byName.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const reasons = duplicateReasons(group[i]!, group[j]!);
        if (reasons) pairs.push({ a: group[i]!, b: group[j]!, reasons });
      }
    }
  }
  return pairs;
}

// ---------------------------------------------------------------------------------------------
// Merging two people

export type MergeablePerson = {
  id: string;
  userId: string | null;
  organisation: string;
  roleTitle: string;
  brings: string;
  bringsKinds: string;
  caresAbout: string;
  languages: string;
  email: string;
  emailVisibility: string;
  phone: string;
  phoneVisibility: string;
  howToReach: string;
  howToReachVisibility: string;
};

/** The kept person's fields after a merge: what they lack is taken from the other; lists are joined. */
export function mergedFields(kept: MergeablePerson, other: MergeablePerson) {
  const fill = (a: string, b: string) => (a.trim() ? a : b);
  const union = (a: string, b: string) => [...new Set([...parseLanguages(a), ...parseLanguages(b)])].join(",");
  const contact = (value: "email" | "phone" | "howToReach") => {
    const vis = `${value}Visibility` as const;
    return kept[value].trim() ? { [value]: kept[value], [vis]: kept[vis] } : { [value]: other[value], [vis]: other[vis] };
  };
  return {
    userId: kept.userId ?? other.userId,
    organisation: fill(kept.organisation, other.organisation),
    roleTitle: fill(kept.roleTitle, other.roleTitle),
    brings: fill(kept.brings, other.brings),
    bringsKinds: union(kept.bringsKinds, other.bringsKinds),
    caresAbout: fill(kept.caresAbout, other.caresAbout),
    languages: union(kept.languages, other.languages),
    ...(contact("email") as { email: string; emailVisibility: string }),
    ...(contact("phone") as { phone: string; phoneVisibility: string }),
    ...(contact("howToReach") as { howToReach: string; howToReachVisibility: string }),
  };
}

/** Two people linked to two different accounts cannot be merged (which account would it be?). */
export function mergeConflict(kept: MergeablePerson, other: MergeablePerson): "accounts" | null {
  return kept.userId && other.userId && kept.userId !== other.userId ? "accounts" : null;
}

export type MergeableTie = { id: string; personAId: string; personBId: string; strength: number; status: string; since: Date };

/** Which of two ties of the same pair to keep: confirmed over suggested, then stronger, then older. */
export function strongerTie<T extends MergeableTie>(one: T, other: T): T {
  if (one.status !== other.status) return one.status === "confirmed" ? one : other;
  if (one.strength !== other.strength) return one.strength > other.strength ? one : other;
  return one.since.getTime() <= other.since.getTime() ? one : other;
}

/**
 * What happens to ties when `removedId` is merged into `keptId`: the removed person's ties move
 * to the kept person; a tie both had becomes one (the stronger kept); a tie between the two goes.
 */
export function planTieMerge<T extends MergeableTie>(keptId: string, removedId: string, ties: T[]) {
  const remove = new Set<string>();
  /** `swapped`: the ends changed sides, so the per-end confirmations swap too. */
  const move: { id: string; personAId: string; personBId: string; swapped: boolean }[] = [];
  const moved = (t: T, otherEnd: string) => {
    const [a, b] = keptId < otherEnd ? [keptId, otherEnd] : [otherEnd, keptId];
    return { id: t.id, personAId: a, personBId: b, swapped: (t.personAId === otherEnd) !== (a === otherEnd) };
  };
  const keptByOther = new Map<string, T>();
  for (const t of ties) {
    const ends = [t.personAId, t.personBId];
    if (ends.includes(keptId) && !ends.includes(removedId)) keptByOther.set(t.personAId === keptId ? t.personBId : t.personAId, t);
  }
  for (const t of ties) {
    const ends = [t.personAId, t.personBId];
    if (!ends.includes(removedId)) continue;
    if (ends.includes(keptId)) {
      remove.add(t.id);
      continue;
    }
    const otherEnd = t.personAId === removedId ? t.personBId : t.personAId;
    const existing = keptByOther.get(otherEnd);
    if (!existing) {
      move.push(moved(t, otherEnd));
      continue;
    }
    const winner = strongerTie(existing, t);
    if (winner === existing) remove.add(t.id);
    else {
      remove.add(existing.id);
      move.push(moved(t, otherEnd));
    }
  }
  return { remove: [...remove], move };
}

// ---------------------------------------------------------------------------------------------
// Recording a tie (from a profile: this person and another)

const dateOnly = z
  .string({ required_error: `${V}.sinceRequired` })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: `${V}.since` })
  .transform((v) => new Date(`${v}T00:00:00Z`))
  .refine((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1900, { message: `${V}.since` })
  .refine((d) => d.getTime() <= Date.now() + 36 * 3600_000, { message: `${V}.sinceFuture` });

const id = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

export const tieInput = z
  .object({
    otherPersonId: z
      .string({ required_error: `${V}.otherPerson` })
      .trim()
      .min(1, { message: `${V}.otherPerson` })
      .max(64, { message: `${V}.otherPerson` })
      .regex(/^[A-Za-z0-9_-]+$/, { message: `${V}.otherPerson` }),
    kind: z.enum(TIE_KINDS, { errorMap: () => ({ message: `${V}.kind` }) }),
    strength: z.enum(["1", "2", "3"], { errorMap: () => ({ message: `${V}.strength` }) }).transform(Number),
    since: dateOnly,
    note: text(LIMITS.note),
    introducedById: id.optional(),
    workshopId: id.optional(),
    mode: z.enum(["create", "update"]).default("create"),
  })
  .superRefine((value, ctx) => {
    if (value.kind === "introduced_by" && !value.introducedById) ctx.addIssue({ code: "custom", path: ["introducedById"], message: `${V}.introducedBy` });
    if (value.kind === "met_at_session" && !value.workshopId) ctx.addIssue({ code: "custom", path: ["workshopId"], message: `${V}.workshop` });
  })
  .transform((value) => ({
    ...value,
    introducedById: value.kind === "introduced_by" ? (value.introducedById ?? null) : null,
    workshopId: value.workshopId ?? null,
  }));
export type TieInput = z.output<typeof tieInput>;

/** Today as YYYY-MM-DD (a default for "since"). */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
