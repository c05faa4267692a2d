/** Signed-in browsers: rows keyed by the SHA-256 of the cookie's random id (app/auth/session.server.ts). */
import type { Db } from "./db.server";

export function createSessionRecord(db: Db, data: { id: string; userId: string; expiresAt: Date; userAgent: string | null }) {
  return db.session.create({ data });
}

/** A session with what the app needs of its user. */
export function findSessionWithUser(db: Db, id: string) {
  return db.session.findUnique({ where: { id }, include: { user: { select: { id: true, email: true, name: true, preferredLanguage: true } } } });
}

export async function touchSessionRecord(db: Db, id: string, lastSeenAt: Date): Promise<void> {
  await db.session.update({ where: { id }, data: { lastSeenAt } });
}

export async function deleteSessionRecord(db: Db, id: string): Promise<void> {
  await db.session.deleteMany({ where: { id } });
}

/** Ends every session of a user (sign out everywhere). */
export async function deleteSessionsOf(db: Db, userId: string): Promise<void> {
  await db.session.deleteMany({ where: { userId } });
}
