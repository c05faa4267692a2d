/**
 * People's data rights, as an organisation facilitator exercises them for one person:
 *
 * - the export: everything held about them, from the tables and from the collaborative
 *   documents (their board notes, their unrevealed drafts, their comments on shared documents),
 *   as sections a data officer and the person can read (JSON, or the printable page);
 * - the erasure: refused while they are a locality's last facilitator (nothing changes). Otherwise
 *   their name leaves the boards and documents through the collaboration server (then each changed
 *   document is compacted, so the stored log and snapshot no longer hold it), the documents' saved
 *   versions, their drafts (erased), and then the records (app/data/data-rights.server.ts).
 *
 * Both are written to the activity log with counts, never the personal data itself.
 */
import type * as Y from "yjs";
import { applyServerChange, compactDocument, eraseDocument, readDocumentState } from "~/collab/backend.server";
import { listNotes, setNoteAuthorName } from "~/collab/board";
import { refreshProjection } from "~/collab/projector.server";
import { boardDocName, richTextDocName } from "~/collab/names";
import { docFromState, listComments, setCommentAuthorName } from "~/collab/rich-text";
import * as Yjs from "yjs";
import type { Db } from "~/data/db.server";
import { storedDocumentNames } from "~/data/boards.server";
import {
  boardsOf,
  documentsOf,
  eraseAccountRecords,
  facilitatedLocalities,
  findOrganisationAccount,
  identityOf,
  listOrganisationAccounts,
  localitiesOfAccount,
  readHeldRecords,
  recordExport,
  replaceVersionState,
  versionStatesOf,
} from "~/data/data-rights.server";
import { FORMER_MEMBER, lastFacilitatorOf, namesToScrub } from "~/domain/data-rights";
import { notFound } from "~/http/http-errors.server";
import { redactForReaders, storyIdentifiers, storyText } from "~/use-cases/read-story.server";
import { normaliseIdentifier } from "~/domain/redaction";

type Org = { id: string; slug: string; name: string };

export async function loadAccounts(db: Db, organisation: Org, query: string) {
  const accounts = await listOrganisationAccounts(db, organisation.id, query);
  return accounts.map((a) => ({
    id: a.id,
    name: a.name,
    email: a.email,
    organisationFacilitator: a.organisations.length > 0,
    localities: a.memberships.map((m) => ({ name: m.locality.name, role: m.role })),
  }));
}

async function requireAccount(db: Db, organisation: Org, rawUserId: string | undefined) {
  if (!rawUserId || !/^[A-Za-z0-9_-]{1,64}$/.test(rawUserId)) throw notFound();
  const account = await findOrganisationAccount(db, organisation.id, rawUserId);
  if (!account) throw notFound();
  return account;
}

/** The person's page: who they are, where, and whether they may be erased. */
export async function loadPersonRights(db: Db, organisation: Org, rawUserId: string | undefined, actorId: string) {
  const account = await requireAccount(db, organisation, rawUserId);
  const [localities, facilitated] = await Promise.all([localitiesOfAccount(db, account.id), facilitatedLocalities(db, account.id)]);
  return {
    account: { id: account.id, name: account.name, email: account.email },
    localities,
    lastFacilitatorOf: lastFacilitatorOf(account.id, facilitated).map((l) => ({ id: l.id, name: l.name })),
    isSelf: account.id === actorId,
  };
}

type Row = Record<string, string | number | boolean | null>;
export type ExportSection = { key: string; items: Row[] };
export type PersonExport = { title: string; exportedAt: string; organisation: string; person: { name: string; email: string }; sections: ExportSection[] };

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Notes and comments of theirs kept in the collaborative documents of these localities. */
async function documentContributions(db: Db, userId: string, localityIds: string[]) {
  const notes: Row[] = [];
  const drafts: Row[] = [];
  const comments: Row[] = [];
  const localityName = new Map<string, string>();
  for (const l of await db.locality.findMany({ where: { id: { in: localityIds } }, select: { id: true, name: true } })) localityName.set(l.id, l.name);
  for (const board of await boardsOf(db, localityIds)) {
    const doc = docFromState(await readDocumentState(boardDocName(board.localityId, board.id)));
    for (const n of listNotes(doc))
      if (n.authorId === userId)
        notes.push({
          locality: localityName.get(board.localityId) ?? "",
          board: board.title,
          text: n.text,
          writtenAt: n.createdAt ? new Date(n.createdAt).toISOString() : null,
        });
    doc.destroy();
    for (const name of await storedDocumentNames(db, `locality:${board.localityId}:draft:${board.id}:`)) {
      if (!name.endsWith(`:${userId}`)) continue;
      const draft = docFromState(await readDocumentState(name));
      for (const n of listNotes(draft)) drafts.push({ locality: localityName.get(board.localityId) ?? "", board: board.title, text: n.text });
      draft.destroy();
    }
  }
  for (const document of await documentsOf(db, localityIds)) {
    if (document.kind === "story") continue; // a story's text is read below, through its storyteller
    const doc = docFromState(await readDocumentState(richTextDocName(document.localityId, document.id)));
    for (const c of listComments(doc))
      if (c.authorId === userId)
        comments.push({
          locality: localityName.get(document.localityId) ?? "",
          document: document.title,
          text: c.text,
          writtenAt: c.createdAt ? new Date(c.createdAt).toISOString() : null,
        });
    doc.destroy();
  }
  return { notes, drafts, comments };
}

/**
 * Everything held about a person, in sections. Quotes they coded are shown as members see them
 * (other people's identifiers replaced); a story they told is shown with every identifier
 * replaced but their own name and contact.
 */
export async function buildPersonExport(
  db: Db,
  organisation: Org,
  rawUserId: string | undefined,
  actor: { id: string },
  format: "json" | "html",
  language: string,
): Promise<PersonExport> {
  const account = await requireAccount(db, organisation, rawUserId);
  const held = await readHeldRecords(db, account.id);
  const localities = await localitiesOfAccount(db, account.id);
  const localityIds = localities.map((l) => l.id);
  const fromDocuments = await documentContributions(db, account.id, localityIds);
  const own = new Set(
    [held.user.name, held.user.email, ...held.people.flatMap((p) => [p.displayName, p.email, p.phone])].filter(Boolean).map(normaliseIdentifier),
  );

  const excerpts: Row[] = [];
  for (const e of held.excerpts) {
    const identifiers = await storyIdentifiers(db, e.storyId);
    excerpts.push({
      locality: e.story.locality.name,
      story: redactForReaders(e.story.title, identifiers, language),
      quote: redactForReaders(e.quote, identifiers, language),
      comment: redactForReaders(e.comment, identifiers, language),
      codes: e.codes.map((c) => c.code.name).join(", "),
      codedAt: iso(e.createdAt),
    });
  }
  const stories: Row[] = [];
  for (const i of held.identities) {
    const s = i.story;
    let text = "";
    if (!s.withdrawnAt && s.documentId) {
      const read = await storyText(db, { id: s.id, localityId: s.localityId, documentId: s.documentId });
      text = redactForReaders(
        read.text,
        read.identifiers.filter((x) => !own.has(normaliseIdentifier(x.text)) && normaliseIdentifier(x.text) !== normaliseIdentifier(i.realName)),
        language,
      );
    }
    stories.push({
      locality: s.locality.name,
      title: s.title,
      pseudonym: s.storytellerPseudonym,
      realName: i.realName,
      contact: i.contact,
      toldOn: iso(s.occurredOn),
      place: s.place,
      language: s.language,
      method: s.method,
      withdrawn: iso(s.withdrawnAt),
      consentGivenBy: s.consent?.givenBy ?? null,
      consentGivenAt: iso(s.consent?.givenAt),
      consentScope: s.consent?.scope ?? null,
      consentMethod: s.consent?.method ?? null,
      informationSheet: s.consent?.infoSheetVersion ?? null,
      text,
    });
  }

  const sections: ExportSection[] = [
    {
      key: "account",
      items: [
        {
          name: held.user.name,
          email: held.user.email,
          language: held.user.preferredLanguage,
          created: iso(held.user.createdAt),
          updated: iso(held.user.updatedAt),
        },
      ],
    },
    {
      key: "memberships",
      items: [
        ...held.organisations.map((o) => ({ organisation: o.organisation.name, locality: null, role: o.role, since: iso(o.createdAt) })),
        ...held.memberships.map((m) => ({ organisation: null, locality: m.locality.name, role: m.role, since: iso(m.createdAt) })),
      ],
    },
    {
      key: "sessions",
      items: held.sessions.map((s) => ({ signedIn: iso(s.createdAt), lastSeen: iso(s.lastSeenAt), expires: iso(s.expiresAt), browser: s.userAgent })),
    },
    {
      key: "profiles",
      items: held.people.map((p) => ({
        locality: p.locality.name,
        displayName: p.displayName,
        sector: p.sector,
        organisation: p.organisation,
        roleTitle: p.roleTitle,
        brings: p.brings,
        bringsKinds: p.bringsKinds,
        caresAbout: p.caresAbout,
        languages: p.languages,
        email: p.email,
        emailVisibility: p.emailVisibility,
        phone: p.phone,
        phoneVisibility: p.phoneVisibility,
        howToReach: p.howToReach,
        howToReachVisibility: p.howToReachVisibility,
        publicServantRoles: p.servantRoles,
        created: iso(p.createdAt),
        updated: iso(p.updatedAt),
      })),
    },
    {
      key: "ties",
      items: held.ties.map((t) => {
        const mine = held.people.some((p) => p.id === t.personAId);
        return {
          locality: t.locality.name,
          with: mine ? t.personB.displayName : t.personA.displayName,
          kind: t.kind,
          strength: t.strength,
          since: iso(t.since),
          note: t.note,
          status: t.status,
        };
      }),
    },
    {
      key: "attendance",
      items: held.attendance.map((a) => ({
        locality: a.workshop.locality.name,
        session: a.workshop.title,
        startsAt: iso(a.workshop.startsAt),
        place: a.workshop.place,
      })),
    },
    { key: "boardNotes", items: fromDocuments.notes },
    { key: "drafts", items: fromDocuments.drafts },
    { key: "documentComments", items: fromDocuments.comments },
    { key: "documentVersions", items: held.versionsSaved.map((v) => ({ document: v.document.title, version: v.name, savedAt: iso(v.createdAt) })) },
    {
      key: "ideaComments",
      items: held.ideaComments.map((c) => ({ locality: c.idea.locality.name, idea: c.idea.title, comment: c.body, writtenAt: iso(c.createdAt) })),
    },
    {
      key: "exchangeComments",
      items: held.exchangeComments.map((c) => ({
        sharedBy: c.share.locality.name,
        share: c.share.prototype?.title ?? c.share.insight?.statement ?? c.share.kind,
        comment: c.body,
        removed: c.removedAt !== null,
        writtenAt: iso(c.createdAt),
      })),
    },
    {
      key: "ideaTranslations",
      items: held.translations.map((tr) => ({ idea: tr.idea.title, language: tr.language, text: tr.text, writtenAt: iso(tr.createdAt) })),
    },
    {
      key: "ideasWritten",
      items: held.ideasWritten.map((i) => ({
        locality: i.locality.name,
        title: i.title,
        text: i.text,
        status: i.status,
        moderation: i.moderation,
        createdAt: iso(i.createdAt),
      })),
    },
    {
      key: "ideasSentWithContact",
      items: held.phoneIdeas.map((i) => ({
        locality: i.locality.name,
        challenge: i.challenge.question,
        title: i.title,
        text: i.text,
        language: i.language,
        name: i.contributorName,
        contact: i.contributorContact,
        moderation: i.moderation,
        sentAt: iso(i.createdAt),
      })),
    },
    { key: "ideaReports", items: held.reports.map((r) => ({ idea: r.idea.title, reason: r.reason, reportedAt: iso(r.createdAt) })) },
    { key: "excerptsCoded", items: excerpts },
    { key: "storiesTold", items: stories },
    { key: "endorsements", items: held.endorsements.map((e) => ({ locality: e.locality.name, purposeVersion: e.version.name, endorsedAt: iso(e.createdAt) })) },
    {
      key: "confidenceRatings",
      items: held.ratings.map((r) => ({
        prototype: r.cycle.prototype.title,
        cycle: r.cycle.number,
        moment: r.moment,
        rating: r.rating,
        ratedAt: iso(r.createdAt),
      })),
    },
    {
      key: "reflections",
      items: held.reflections.map((r) => ({
        locality: r.locality.name,
        session: r.workshop?.title ?? null,
        themeCard: r.theme,
        text: r.body,
        shared: r.sharedAt !== null,
        sharedAt: r.sharedAt ? iso(r.sharedAt) : null,
        writtenAt: iso(r.createdAt),
        updatedAt: iso(r.updatedAt),
      })),
    },
    {
      key: "activityLog",
      items: held.audit.map((a) => ({
        when: iso(a.createdAt),
        locality: a.locality?.name ?? null,
        byThem: a.actorId === account.id,
        action: a.action,
        recordType: a.targetType,
        recordId: a.targetId,
        detail: a.detail,
      })),
    },
  ];
  const records = sections.reduce((sum, s) => sum + s.items.length, 0);
  await recordExport(db, { actorId: actor.id, userId: account.id, localityIds, format, records });
  return {
    title: `Data held about ${held.user.name}`,
    exportedAt: new Date().toISOString(),
    organisation: organisation.name,
    person: { name: held.user.name, email: held.user.email },
    sections,
  };
}

export type ErasureOutcome = { status: "erased" } | { status: "last-facilitator"; localities: string[] } | { status: "self" };

/** A Yjs state with the erased person's name taken out of its comments (a saved version). */
function scrubVersionState(state: Uint8Array, userId: string, names: ReadonlySet<string>): Uint8Array | null {
  const doc = new Yjs.Doc();
  Yjs.applyUpdate(doc, state);
  let changed = 0;
  doc.transact(() => {
    for (const c of listComments(doc))
      if (c.authorId === userId || (c.authorName && names.has(c.authorName))) changed += setCommentAuthorName(doc, c.id, FORMER_MEMBER) ? 1 : 0;
  });
  const out = changed ? Yjs.encodeStateAsUpdate(doc) : null;
  doc.destroy();
  return out;
}

/**
 * Erases a person. `confirmed` says whether the facilitator typed their name (checked by the
 * route). Refused for oneself and for a locality's last facilitator: nothing changes.
 */
export async function erasePerson(db: Db, organisation: Org, rawUserId: string | undefined, actor: { id: string }): Promise<ErasureOutcome> {
  const account = await requireAccount(db, organisation, rawUserId);
  if (account.id === actor.id) return { status: "self" };
  const last = lastFacilitatorOf(account.id, await facilitatedLocalities(db, account.id));
  if (last.length > 0) return { status: "last-facilitator", localities: last.map((l) => l.name) };

  const identity = await identityOf(db, account.id);
  const names = namesToScrub([identity.user.name, identity.user.email, ...identity.people.flatMap((p) => [p.displayName, p.email, p.phone])]);
  const exactNames = new Set(names);
  const authored = (id: string | null, name: string | null) => id === account.id || (name !== null && exactNames.has(name));
  const localities = await localitiesOfAccount(db, account.id);
  const localityIds = localities.map((l) => l.id);
  const counts = { notes: 0, comments: 0, versions: 0, drafts: 0 };

  // 1. Boards: their notes keep their text and lose the name; the stored history follows.
  for (const board of await boardsOf(db, localityIds)) {
    const docName = boardDocName(board.localityId, board.id);
    const stored = docFromState(await readDocumentState(docName));
    const any = listNotes(stored).some((n) => authored(n.authorId, n.authorName));
    stored.destroy();
    if (any) {
      let here = 0;
      await applyServerChange(docName, (live: Y.Doc) => {
        for (const n of listNotes(live))
          if (authored(n.authorId, n.authorName) && n.authorName !== FORMER_MEMBER) {
            setNoteAuthorName(live, n.id, FORMER_MEMBER);
            here++;
          }
      });
      await compactDocument(docName);
      // The read model follows now (not a moment later): exports and dashboards read it.
      const after = docFromState(await readDocumentState(docName));
      await refreshProjection(db, docName, after);
      after.destroy();
      counts.notes += here;
    }
    // Their unrevealed drafts are theirs alone: they go.
    for (const name of await storedDocumentNames(db, `locality:${board.localityId}:draft:${board.id}:`)) {
      if (!name.endsWith(`:${account.id}`)) continue;
      await eraseDocument(name);
      counts.drafts++;
    }
  }
  // 2. Shared documents (stories' texts too): comments lose the name; so do saved versions.
  for (const document of await documentsOf(db, localityIds)) {
    const docName = richTextDocName(document.localityId, document.id);
    const stored = docFromState(await readDocumentState(docName));
    const any = listComments(stored).some((c) => authored(c.authorId, c.authorName) && c.authorName !== FORMER_MEMBER);
    stored.destroy();
    if (any) {
      let here = 0;
      await applyServerChange(docName, (live: Y.Doc) => {
        for (const c of listComments(live))
          if (authored(c.authorId, c.authorName) && c.authorName !== FORMER_MEMBER && setCommentAuthorName(live, c.id, FORMER_MEMBER)) here++;
      });
      await compactDocument(docName);
      counts.comments += here;
    }
    for (const version of await versionStatesOf(db, document.id)) {
      const scrubbed = scrubVersionState(version.state, account.id, exactNames);
      if (scrubbed) {
        await replaceVersionState(db, version.id, scrubbed);
        counts.versions++;
      }
    }
  }
  // 3. The records, in one transaction.
  await eraseAccountRecords(db, { userId: account.id, actorId: actor.id, names, localityIds, documents: counts });
  return { status: "erased" };
}
