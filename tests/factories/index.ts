import crypto from "node:crypto";
import { hash } from "@node-rs/argon2";
import type { Db } from "~/data/db.server";
import type { LocalityRole } from "~/domain/access/policy";

/** The password of every fixture user (argon2id with cheap parameters, to keep tests fast). */
export const PASSWORD = "correct horse battery";
let fixtureHash: Promise<string> | undefined;

export async function makeUser(db: Db, overrides: { email?: string; name?: string; preferredLanguage?: string } = {}) {
  fixtureHash ??= hash(PASSWORD, { memoryCost: 1024, timeCost: 1, parallelism: 1 });
  const n = crypto.randomBytes(4).toString("hex");
  return db.user.create({
    data: {
      email: overrides.email ?? `user-${n}@example.test`,
      name: overrides.name ?? `User ${n}`,
      passwordHash: await fixtureHash,
      preferredLanguage: overrides.preferredLanguage ?? "en",
    },
  });
}

export async function makeOrganisation(db: Db) {
  const n = crypto.randomBytes(4).toString("hex");
  return db.organisation.create({ data: { slug: `org-${n}`, name: `Organisation ${n}` } });
}

export async function makeLocality(db: Db, organisationId: string, name = "Test Locality") {
  const n = crypto.randomBytes(4).toString("hex");
  return db.locality.create({ data: { organisationId, name, slug: `loc-${n}` } });
}

export async function addMember(db: Db, localityId: string, userId: string, role: LocalityRole) {
  return db.membership.create({ data: { localityId, userId, role } });
}

export type GroupNames = { locality: string; facilitator: string; member: string; member2: string; viewer: string; outsider: string };

/**
 * A locality with a facilitator, two members and a viewer, and another locality of the same
 * organisation whose facilitator is the "outsider" here; everyone signed in (`cookies`).
 */
export async function makeGroup(db: Db, names: GroupNames) {
  const { sessionCookie } = await import("../setup/requests");
  const org = await makeOrganisation(db);
  const loc = await makeLocality(db, org.id, names.locality);
  const other = await makeLocality(db, org.id, "Elsewhere");
  const [facilitator, member, member2, viewer, outsider] = await Promise.all(
    [names.facilitator, names.member, names.member2, names.viewer, names.outsider].map((name) => makeUser(db, { name })),
  );
  await addMember(db, loc.id, facilitator!.id, "facilitator");
  await addMember(db, loc.id, member!.id, "member");
  await addMember(db, loc.id, member2!.id, "member");
  await addMember(db, loc.id, viewer!.id, "viewer");
  await addMember(db, other.id, outsider!.id, "facilitator");
  const cookies = {
    facilitator: await sessionCookie(facilitator!.id),
    member: await sessionCookie(member!.id),
    member2: await sessionCookie(member2!.id),
    viewer: await sessionCookie(viewer!.id),
    outsider: await sessionCookie(outsider!.id),
  };
  return { org, loc, other, facilitator: facilitator!, member: member!, member2: member2!, viewer: viewer!, outsider: outsider!, cookies };
}
