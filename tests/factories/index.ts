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
