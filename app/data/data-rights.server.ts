/**
 * People's data rights, the records: everything the tables hold about one account (for an
 * export), and its erasure (the account and profiles go; what they contributed stays, with
 * FORMER_MEMBER where their name was; the activity log keeps actions, not names).
 */
import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import { FORMER_MEMBER, mentionsAny, scrubDetail, type FacilitatedLocality } from "~/domain/data-rights";

/** People with an account in an organisation: members of one of its localities, or its own facilitators. */
export async function listOrganisationAccounts(db: Db, organisationId: string, query = "") {
  const q = query.trim();
  const users = await db.user.findMany({
    where: {
      OR: [{ memberships: { some: { locality: { organisationId } } } }, { organisations: { some: { organisationId } } }],
      ...(q ? { AND: [{ OR: [{ name: { contains: q } }, { email: { contains: q.toLowerCase() } }] }] } : {}),
    },
    select: {
      id: true,
      name: true,
      email: true,
      memberships: { where: { locality: { organisationId } }, select: { role: true, locality: { select: { name: true } } } },
      organisations: { where: { organisationId }, select: { role: true } },
    },
    orderBy: { name: "asc" },
    take: 500,
  });
  return users;
}

/** One account of the organisation (null when it is not in it: ids never reveal other organisations' people). */
export function findOrganisationAccount(db: Db, organisationId: string, userId: string) {
  return db.user.findFirst({
    where: {
      id: userId,
      OR: [{ memberships: { some: { locality: { organisationId } } } }, { organisations: { some: { organisationId } } }],
    },
    select: { id: true, name: true, email: true, preferredLanguage: true, createdAt: true },
  });
}

/** Every locality the account is part of: memberships, profiles, and every locality of organisations it facilitates. */
export async function localitiesOfAccount(db: Db, userId: string): Promise<Array<{ id: string; name: string }>> {
  return db.locality.findMany({
    where: {
      OR: [{ memberships: { some: { userId } } }, { people: { some: { userId } } }, { organisation: { members: { some: { userId, role: "facilitator" } } } }],
    },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

/** The localities this account facilitates, each with all its facilitators (its own and its organisation's). */
export async function facilitatedLocalities(db: Db, userId: string): Promise<FacilitatedLocality[]> {
  const localities = await db.locality.findMany({
    where: {
      OR: [{ memberships: { some: { userId, role: "facilitator" } } }, { organisation: { members: { some: { userId, role: "facilitator" } } } }],
    },
    select: {
      id: true,
      name: true,
      memberships: { where: { role: "facilitator" }, select: { userId: true } },
      organisation: { select: { members: { where: { role: "facilitator" }, select: { userId: true } } } },
    },
  });
  return localities.map((l) => ({
    id: l.id,
    name: l.name,
    facilitatorIds: [...new Set([...l.memberships.map((m) => m.userId), ...l.organisation.members.map((m) => m.userId)])],
  }));
}

/** Everything the tables hold about an account, read for an export. */
export async function readHeldRecords(db: Db, userId: string) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, name: true, email: true, preferredLanguage: true, createdAt: true, updatedAt: true },
  });
  const people = await db.person.findMany({
    where: { userId },
    include: { locality: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  });
  const personIds = people.map((p) => p.id);
  const contacts = [user.email, ...people.flatMap((p) => [p.email, p.phone])].map((s) => s.trim()).filter((s) => s.length >= 5);
  const names = [user.name, ...people.map((p) => p.displayName)].map((s) => s.trim()).filter((s) => s.length >= 3);
  const [
    sessions,
    memberships,
    organisations,
    ties,
    attendance,
    ideaComments,
    translations,
    ideasWritten,
    phoneIdeas,
    reports,
    excerpts,
    endorsements,
    ratings,
    identities,
    versionsSaved,
    audit,
    reflections,
    exchangeComments,
  ] = await Promise.all([
    db.session.findMany({ where: { userId }, select: { createdAt: true, lastSeenAt: true, expiresAt: true, userAgent: true }, orderBy: { createdAt: "asc" } }),
    db.membership.findMany({ where: { userId }, select: { role: true, createdAt: true, locality: { select: { name: true } } } }),
    db.organisationMember.findMany({ where: { userId }, select: { role: true, createdAt: true, organisation: { select: { name: true } } } }),
    db.tie.findMany({
      where: { OR: [{ personAId: { in: personIds } }, { personBId: { in: personIds } }] },
      include: {
        personA: { select: { id: true, displayName: true } },
        personB: { select: { id: true, displayName: true } },
        locality: { select: { name: true } },
      },
      orderBy: { createdAt: "asc" },
    }),
    db.attendance.findMany({
      where: { personId: { in: personIds } },
      select: { createdAt: true, workshop: { select: { title: true, startsAt: true, place: true, locality: { select: { name: true } } } } },
    }),
    db.ideaComment.findMany({
      where: { authorId: userId },
      select: { body: true, createdAt: true, idea: { select: { title: true, locality: { select: { name: true } } } } },
    }),
    db.ideaTranslation.findMany({
      where: { translatorId: userId },
      select: { language: true, text: true, createdAt: true, idea: { select: { title: true } } },
    }),
    db.idea.findMany({
      where: { createdById: userId },
      select: { title: true, text: true, source: true, moderation: true, status: true, createdAt: true, locality: { select: { name: true } } },
    }),
    contacts.length + names.length === 0
      ? Promise.resolve([])
      : db.idea.findMany({
          where: { source: "phone", OR: [{ contributorContact: { in: contacts } }, { contributorName: { in: names } }] },
          select: {
            title: true,
            text: true,
            language: true,
            contributorName: true,
            contributorContact: true,
            moderation: true,
            createdAt: true,
            locality: { select: { name: true } },
            challenge: { select: { question: true } },
          },
        }),
    db.ideaReport.findMany({ where: { reporterId: userId }, select: { reason: true, createdAt: true, idea: { select: { title: true } } } }),
    db.excerpt.findMany({
      where: { coderId: userId },
      select: {
        quote: true,
        comment: true,
        createdAt: true,
        storyId: true,
        story: { select: { title: true, storytellerPseudonym: true, locality: { select: { name: true } } } },
        codes: { select: { code: { select: { name: true } } } },
      },
      orderBy: { createdAt: "asc" },
    }),
    db.purposeEndorsement.findMany({
      where: { userId },
      select: { createdAt: true, version: { select: { name: true } }, locality: { select: { name: true } } },
    }),
    db.confidenceRating.findMany({
      where: { userId },
      select: { moment: true, rating: true, createdAt: true, cycle: { select: { number: true, prototype: { select: { title: true } } } } },
    }),
    db.storytellerIdentity.findMany({
      where: { OR: [{ personId: { in: personIds } }, ...(names.length ? [{ realName: { in: names } }] : [])] },
      select: {
        realName: true,
        contact: true,
        story: {
          select: {
            id: true,
            localityId: true,
            documentId: true,
            title: true,
            storytellerPseudonym: true,
            occurredOn: true,
            place: true,
            language: true,
            method: true,
            withdrawnAt: true,
            consent: { select: { givenBy: true, givenAt: true, method: true, infoSheetVersion: true, scope: true } },
            locality: { select: { name: true } },
          },
        },
      },
    }),
    db.documentVersion.findMany({ where: { createdById: userId }, select: { name: true, createdAt: true, document: { select: { title: true } } } }),
    db.auditEntry.findMany({
      where: { OR: [{ actorId: userId }, { targetId: { in: [userId, ...personIds] } }] },
      select: { action: true, targetType: true, targetId: true, detail: true, createdAt: true, actorId: true, locality: { select: { name: true } } },
      orderBy: { createdAt: "asc" },
      take: 5000,
    }),
    // Their reflective log (private or shared): theirs to see in full.
    db.reflection.findMany({
      where: { authorId: userId },
      select: {
        body: true,
        theme: true,
        sharedAt: true,
        createdAt: true,
        updatedAt: true,
        workshop: { select: { title: true } },
        locality: { select: { name: true } },
      },
      orderBy: { createdAt: "asc" },
    }),
    // Comments in the organisation's exchange (a removed one keeps no text).
    db.exchangeComment.findMany({
      where: { authorId: userId },
      select: {
        body: true,
        removedAt: true,
        createdAt: true,
        share: {
          select: { kind: true, locality: { select: { name: true } }, prototype: { select: { title: true } }, insight: { select: { statement: true } } },
        },
      },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return {
    user,
    people,
    sessions,
    memberships,
    organisations,
    ties,
    attendance,
    ideaComments,
    translations,
    ideasWritten,
    phoneIdeas,
    reports,
    excerpts,
    endorsements,
    ratings,
    identities,
    versionsSaved,
    audit,
    reflections,
    exchangeComments,
  };
}
export type HeldRecords = Awaited<ReturnType<typeof readHeldRecords>>;

/** The shared documents (any kind) of these localities, with their saved versions' ids. */
export function documentsOf(db: Db, localityIds: readonly string[]) {
  return db.sharedDocument.findMany({ where: { localityId: { in: [...localityIds] } }, select: { id: true, localityId: true, title: true, kind: true } });
}

export function versionStatesOf(db: Db, documentId: string) {
  return db.documentVersion.findMany({ where: { documentId }, select: { id: true, state: true } });
}

export async function replaceVersionState(db: Db, versionId: string, state: Uint8Array): Promise<void> {
  await db.documentVersion.update({ where: { id: versionId }, data: { state } });
}

/** The boards of these localities, archived ones too. */
export function boardsOf(db: Db, localityIds: readonly string[]) {
  return db.board.findMany({ where: { localityId: { in: [...localityIds] } }, select: { id: true, localityId: true, title: true } });
}

/** The account's names and contact details as stored (what erasure takes out of free text). */
export async function identityOf(db: Db, userId: string) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, email: true } });
  const people = await db.person.findMany({ where: { userId }, select: { id: true, displayName: true, email: true, phone: true } });
  return { user, people };
}

export type ErasureInput = {
  userId: string;
  actorId: string;
  /** Names and contact details to take out of stored text (namesToScrub). */
  names: string[];
  /** The localities the person was in: each gets a `person.erase` entry. */
  localityIds: string[];
  /** What went from collaborative documents (counts only), for the entries. */
  documents: { notes: number; comments: number; versions: number; drafts: number };
};

/**
 * Erases an account in one transaction: contributions lose the name (FORMER_MEMBER), stories'
 * real identities of this person go, phone ideas they sent lose the contact details, their
 * invitations go, every activity-log entry's detail loses the names, then the profiles (with
 * their ties, attendance and roles), the sessions and the account. Records `person.erase` in
 * each locality they were in, with counts only. Returns the counts.
 */
export async function eraseAccountRecords(db: Db, input: ErasureInput) {
  const { userId, names } = input;
  return db.$transaction(
    async (tx) => {
      const people = await tx.person.findMany({ where: { userId }, select: { id: true } });
      const personIds = people.map((p) => p.id);
      const exact = names;
      const comments = await tx.ideaComment.updateMany({ where: { authorId: userId }, data: { authorId: null, authorName: FORMER_MEMBER } });
      // The exchange: their comments stay, by "a former member"; shares and copies forget who made them.
      const exchangeComments = await tx.exchangeComment.updateMany({ where: { authorId: userId }, data: { authorId: null } });
      await tx.exchangeShare.updateMany({ where: { sharedById: userId }, data: { sharedById: null } });
      await tx.exchangeShare.updateMany({ where: { revokedById: userId }, data: { revokedById: null } });
      await tx.exchangeCopy.updateMany({ where: { createdById: userId }, data: { createdById: null } });
      await tx.ideaComment.updateMany({ where: { authorName: { in: exact } }, data: { authorName: FORMER_MEMBER } });
      await tx.ideaTranslation.updateMany({ where: { translatorId: userId }, data: { translatorId: null, translatorName: FORMER_MEMBER } });
      await tx.ideaTranslation.updateMany({ where: { translatorName: { in: exact } }, data: { translatorName: FORMER_MEMBER } });
      const identities = await tx.storytellerIdentity.deleteMany({ where: { OR: [{ personId: { in: personIds } }, { realName: { in: exact } }] } });
      await tx.story.updateMany({ where: { interviewer: { in: exact } }, data: { interviewer: FORMER_MEMBER } });
      await tx.storyConsent.updateMany({ where: { givenBy: { in: exact } }, data: { givenBy: FORMER_MEMBER } });
      const contacts = await tx.idea.updateMany({
        where: { OR: [{ contributorName: { in: exact } }, { contributorContact: { in: exact } }] },
        data: { contributorName: null, contributorContact: null },
      });
      await tx.tie.updateMany({ where: { introducedById: { in: personIds } }, data: { introducedById: null } });
      const invites = await tx.invite.deleteMany({ where: { createdById: userId } });
      // Their reflective log goes whole, shared entries too (it is theirs, not the group's).
      const reflections = await tx.reflection.deleteMany({ where: { authorId: userId } });
      // Notes on invitations for them ("for Layla") and workshop notes that name them.
      for (const invite of await tx.invite.findMany({ where: { note: { not: "" } }, select: { id: true, note: true } })) {
        if (mentionsAny(invite.note, names)) await tx.invite.update({ where: { id: invite.id }, data: { note: FORMER_MEMBER } });
      }
      // The activity log keeps the action and the record's id; the names leave its details.
      let auditScrubbed = 0;
      const pageSize = 1000;
      for (let skip = 0; ; skip += pageSize) {
        const page = await tx.auditEntry.findMany({ select: { id: true, detail: true }, orderBy: { id: "asc" }, skip, take: pageSize });
        for (const entry of page) {
          const scrubbed = scrubDetail(entry.detail, names);
          if (scrubbed !== entry.detail) {
            await tx.auditEntry.update({ where: { id: entry.id }, data: { detail: scrubbed } });
            auditScrubbed++;
          }
        }
        if (page.length < pageSize) break;
      }
      const profiles = await tx.person.deleteMany({ where: { userId } });
      const sessions = await tx.session.deleteMany({ where: { userId } });
      await tx.user.delete({ where: { id: userId } });
      const summary = {
        profiles: profiles.count,
        sessions: sessions.count,
        ideaComments: comments.count,
        exchangeComments: exchangeComments.count,
        storytellerIdentities: identities.count,
        phoneContacts: contacts.count,
        invitations: invites.count,
        reflections: reflections.count,
        auditEntriesScrubbed: auditScrubbed,
        ...input.documents,
      };
      for (const localityId of input.localityIds) {
        await recordAudit(tx, { localityId, actorId: input.actorId, action: "person.erase", targetType: "user", targetId: userId, detail: summary });
      }
      return summary;
    },
    { timeout: 60_000, maxWait: 20_000 },
  );
}

/** Records that an export was made (who, whose, how many records: no content). */
export async function recordExport(db: Db, input: { actorId: string; userId: string; localityIds: string[]; format: "json" | "html"; records: number }) {
  for (const localityId of input.localityIds) {
    await recordAudit(db, {
      localityId,
      actorId: input.actorId,
      action: "person.export",
      targetType: "user",
      targetId: input.userId,
      detail: { format: input.format, records: input.records },
    });
  }
}
