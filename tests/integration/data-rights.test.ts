/// <reference types="vite/client" />
// People's data rights on the server (SQLite and PostgreSQL, an in-process collab server), through
// the real route modules: an organisation facilitator exports everything held about a member, is
// refused erasing a locality's last facilitator (nothing changes), then erases the member. After
// that the member's name is in no page loader of the localities they were in (every route module
// under l.$localityId+, walked with real ids), no board as stored (log and snapshot, raw and
// decoded), no saved document version, no activity-log entry and no report or CSV export — while
// what they wrote stays, as "a former member".
import { providers } from "../setup/databases";
import { useAppServer } from "../setup/app-server";
import { context, csrfToken, get, outcome, sessionCookie } from "../setup/requests";
import { addMember, makeLocality, makeOrganisation, makeUser } from "../factories";
import { makeChallenge } from "../factories/challenges";
import { applyServerChange, readDocumentState } from "~/collab/backend.server";
import { addNote, listNotes } from "~/collab/board";
import { boardDocName, draftDocName, richTextDocName } from "~/collab/names";
import { addComment, appendRichText, docFromState, listComments } from "~/collab/rich-text";
import { recordAudit } from "~/data/audit.server";
import { FORMER_MEMBER } from "~/domain/data-rights";
import { exportOrganisation } from "~/data/transfer/export-organisation.server";
import * as peopleRoute from "~/routes/orgs+/$orgSlug.people._index";
import * as personRoute from "~/routes/orgs+/$orgSlug.people.$userId._index";
import * as exportJsonRoute from "~/routes/orgs+/$orgSlug.people.$userId.export[.]json";
import * as exportPageRoute from "~/routes/orgs+/$orgSlug.people.$userId.export";
import * as Y from "yjs";

type Loader = (args: unknown) => Promise<unknown>;
type RouteModule = { loader?: Loader };

// Every route module of a locality, to walk their loaders (live event streams excepted: they never end).
const LOCALITY_ROUTES = import.meta.glob<RouteModule>("../../app/routes/l.$localityId+/**/*.tsx", { eager: true });

const NAME = "Zainab Quraishi";
const EMAIL = "zainab.quraishi@example.test";
const PHONE = "07700 900123";
/** Everything that identifies her: none of it may be left anywhere after erasure. */
const TRACES = [NAME, "Quraishi", EMAIL, PHONE];

function formPost(path: string, fields: Array<[string, string]>, cookie: string): Request {
  const body = new URLSearchParams([...fields, ["_csrf", csrfToken()]]);
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
  });
}

/** A route path as the glob names it → its params (`$name` segments). */
function paramNames(file: string): string[] {
  return [...file.matchAll(/\$([A-Za-z]+)/g)].map((m) => m[1]!);
}

describe.each(await providers())("people's data rights on %s", (provider) => {
  const t = useAppServer(provider);

  it("exports what is held, refuses the last facilitator, and erasure leaves the name nowhere", async () => {
    const db = t.db;
    const org = await makeOrganisation(db);
    const loc = await makeLocality(db, org.id, "Sparkbrook rights");
    const officer = await makeUser(db, { name: "Olivia Officer" });
    await db.organisationMember.create({ data: { organisationId: org.id, userId: officer.id, role: "facilitator" } });
    const member = await makeUser(db, { name: NAME, email: EMAIL });
    const other = await makeUser(db, { name: "Hana Odeh" });
    await addMember(db, loc.id, member.id, "member");
    await addMember(db, loc.id, other.id, "member");
    const officerCookie = await sessionCookie(officer.id);
    const memberCookie = await sessionCookie(member.id);
    const otherCookie = await sessionCookie(other.id);

    // Her profile, a tie, a session she attended.
    const person = await db.person.create({
      data: { localityId: loc.id, userId: member.id, displayName: NAME, sector: "parent", email: EMAIL, phone: PHONE, brings: "Arabic and English" },
    });
    const friend = await db.person.create({ data: { localityId: loc.id, userId: other.id, displayName: "Hana Odeh", sector: "resident" } });
    const [a, b] = [person.id, friend.id].sort();
    await db.tie.create({ data: { localityId: loc.id, personAId: a!, personBId: b!, kind: "friends", since: new Date("2025-01-01") } });
    const workshop = await db.workshop.create({ data: { localityId: loc.id, title: "First session", startsAt: new Date("2026-01-10T10:00:00Z") } });
    await db.attendance.create({ data: { workshopId: workshop.id, personId: person.id } });

    // A board with her note (and another's), a shared document with her comment and a saved version.
    const board = await db.board.create({ data: { localityId: loc.id, title: "Ideas wall", createdById: officer.id } });
    const boardName = boardDocName(loc.id, board.id);
    await applyServerChange(boardName, (doc) => {
      addNote(doc, { id: "n-hers", text: "Buses after six", authorId: member.id, authorName: NAME });
      addNote(doc, { id: "n-other", text: "A crèche at the library", authorId: other.id, authorName: "Hana Odeh" });
    });
    await applyServerChange(draftDocName(loc.id, board.id, member.id), (doc) => {
      addNote(doc, { id: "d-hers", text: "Draft thought", authorId: member.id, authorName: NAME });
    });
    const document = await db.sharedDocument.create({ data: { localityId: loc.id, title: "Plan", kind: "document", createdById: officer.id } });
    const documentName = richTextDocName(loc.id, document.id);
    await applyServerChange(documentName, (doc) => {
      appendRichText(doc, [{ type: "paragraph", text: "Our plan for the summer." }]);
      addComment(doc, { id: "c-hers", text: "Add the mosque hall", authorId: member.id, authorName: NAME });
    });
    const version = await db.documentVersion.create({
      data: { documentId: document.id, name: "First draft", state: await readDocumentState(documentName), createdById: member.id },
    });

    // A challenge: her idea comment and translation; a phone idea she sent with her contact.
    const challenge = await makeChallenge(db, { localityId: loc.id, actorId: officer.id });
    const idea = await db.idea.create({
      data: {
        localityId: loc.id,
        challengeId: challenge.id,
        source: "board",
        moderation: "published",
        title: "Walking bus",
        text: "A walking bus to school",
        createdById: other.id,
      },
    });
    await db.ideaComment.create({ data: { ideaId: idea.id, authorId: member.id, authorName: NAME, body: "Yes, on Tuesdays" } });
    await db.ideaTranslation.create({ data: { ideaId: idea.id, language: "ar", text: "حافلة مشي", translatorId: member.id, translatorName: NAME } });
    await db.idea.create({
      data: {
        localityId: loc.id,
        challengeId: challenge.id,
        source: "phone",
        title: "Play street",
        text: "Close the road on Sundays",
        contributorName: NAME,
        contributorContact: EMAIL,
      },
    });

    // A story she told (the identity links her profile), an excerpt she coded of another story.
    const told = await db.story.create({
      data: {
        localityId: loc.id,
        title: "Mornings",
        storytellerPseudonym: "Parent C",
        occurredOn: new Date("2026-02-01"),
        method: "interview",
        interviewer: "Olivia Officer",
      },
    });
    await db.storytellerIdentity.create({ data: { storyId: told.id, realName: NAME, contact: PHONE, personId: person.id } });
    await db.storyConsent.create({
      data: { storyId: told.id, givenBy: NAME, givenAt: new Date("2026-02-01"), method: "signed_form", infoSheetVersion: "v2", scope: "quotes" },
    });
    const coded = await db.story.create({
      data: { localityId: loc.id, title: "Evenings", storytellerPseudonym: "Parent D", occurredOn: new Date("2026-02-02"), method: "interview" },
    });
    await db.storyIdentifier.create({ data: { storyId: coded.id, text: "Rashid", kind: "name" } });
    await db.excerpt.create({
      data: { localityId: loc.id, storyId: coded.id, start: 0, end: 30, quote: "Rashid walks the children home", coderId: member.id, comment: "safety" },
    });

    // Prototype rating; purpose endorsement; activity-log entries that name her.
    const prototype = await db.prototype.create({ data: { localityId: loc.id, title: "Walking bus pilot" } });
    const cycle = await db.testCycle.create({
      data: { prototypeId: prototype.id, localityId: loc.id, number: 1, believe: "a", willResult: "b", knowWhen: "c", method: "pilot" },
    });
    await db.confidenceRating.create({ data: { cycleId: cycle.id, userId: member.id, moment: "before", rating: 4 } });
    const purpose = await db.sharedDocument.create({ data: { localityId: loc.id, title: "Purpose", kind: "purpose" } });
    const agreed = await db.documentVersion.create({ data: { documentId: purpose.id, name: "Agreed", state: new Uint8Array([0, 0]) } });
    await db.purposeEndorsement.create({ data: { localityId: loc.id, versionId: agreed.id, userId: member.id } });
    // Her reflective log: one entry private, one shared with the group.
    await db.reflection.create({ data: { localityId: loc.id, authorId: member.id, workshopId: workshop.id, theme: 10, body: "I learned to listen first" } });
    await db.reflection.create({ data: { localityId: loc.id, authorId: member.id, body: "The bus matters most", sharedAt: new Date("2026-02-03T10:00:00Z") } });
    await recordAudit(db, {
      localityId: loc.id,
      actorId: officer.id,
      action: "person.create",
      targetType: "person",
      targetId: person.id,
      detail: { displayName: NAME, note: `added ${NAME}` },
    });
    await recordAudit(db, { localityId: loc.id, actorId: member.id, action: "tie.create", targetType: "tie", targetId: "x", detail: { with: "Hana Odeh" } });

    const base = `/orgs/${org.slug}/people`;
    const call = (route: { loader?: unknown; action?: unknown }, kind: "loader" | "action", request: Request, params: Record<string, string>) =>
      outcome(() => (route[kind] as Loader)({ request, params: { orgSlug: org.slug, ...params }, context: context() }));

    // --- Only organisation facilitators: a member of the locality gets 404 on every new route.
    for (const [route, path, params] of [
      [peopleRoute, base, {}],
      [personRoute, `${base}/${member.id}`, { userId: member.id }],
      [exportJsonRoute, `${base}/${member.id}/export.json`, { userId: member.id }],
      [exportPageRoute, `${base}/${member.id}/export`, { userId: member.id }],
    ] as const) {
      expect((await call(route, "loader", get(path, otherCookie), params)).status, path).toBe(404);
    }
    expect(
      (
        await call(
          personRoute,
          "action",
          formPost(
            `${base}/${member.id}`,
            [
              ["intent", "erase"],
              ["confirmName", NAME],
            ],
            otherCookie,
          ),
          { userId: member.id },
        )
      ).status,
    ).toBe(404);

    // --- The list finds her.
    const list = await call(peopleRoute, "loader", get(`${base}?q=zainab`, officerCookie), {});
    expect(JSON.stringify(list.data)).toContain(NAME);

    // --- The export holds what it should, section by section.
    const response = (await (exportJsonRoute.loader as Loader)({
      request: get(`${base}/${member.id}/export.json`, officerCookie),
      params: { orgSlug: org.slug, userId: member.id },
      context: context(),
    })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="personal-data-/);
    const file = (await response.json()) as { sections: Array<{ key: string; items: Array<Record<string, unknown>> }> };
    const section = (key: string) => file.sections.find((s) => s.key === key)?.items ?? [];
    expect(section("account")).toEqual([expect.objectContaining({ name: NAME, email: EMAIL })]);
    expect(section("profiles")).toEqual([expect.objectContaining({ displayName: NAME, phone: PHONE, brings: "Arabic and English" })]);
    expect(section("ties")).toEqual([expect.objectContaining({ with: "Hana Odeh", kind: "friends" })]);
    expect(section("attendance")).toEqual([expect.objectContaining({ session: "First session" })]);
    expect(section("boardNotes")).toEqual([expect.objectContaining({ board: "Ideas wall", text: "Buses after six" })]);
    expect(section("drafts")).toEqual([expect.objectContaining({ text: "Draft thought" })]);
    expect(section("documentComments")).toEqual([expect.objectContaining({ document: "Plan", text: "Add the mosque hall" })]);
    expect(section("ideaComments")).toEqual([expect.objectContaining({ comment: "Yes, on Tuesdays" })]);
    expect(section("ideaTranslations")).toEqual([expect.objectContaining({ text: "حافلة مشي" })]);
    expect(section("ideasSentWithContact")).toEqual([expect.objectContaining({ title: "Play street", contact: EMAIL })]);
    // The excerpt is quoted as members read it: another person's marked name is replaced.
    expect(section("excerptsCoded")).toHaveLength(1);
    expect(String(section("excerptsCoded")[0]!.quote)).not.toContain("Rashid");
    expect(String(section("excerptsCoded")[0]!.quote)).toContain("walks the children home");
    expect(section("storiesTold")).toEqual([expect.objectContaining({ pseudonym: "Parent C", realName: NAME, contact: PHONE, consentScope: "quotes" })]);
    expect(section("endorsements")).toEqual([expect.objectContaining({ purposeVersion: "Agreed" })]);
    expect(section("confidenceRatings")).toEqual([expect.objectContaining({ prototype: "Walking bus pilot", rating: 4 })]);
    expect(section("reflections")).toHaveLength(2);
    expect(section("reflections")).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: "I learned to listen first", session: "First session", themeCard: 10, shared: false }),
        expect.objectContaining({ text: "The bus matters most", shared: true, sharedAt: "2026-02-03T10:00:00.000Z" }),
      ]),
    );
    expect(
      section("activityLog")
        .map((e) => e.action)
        .sort(),
    ).toEqual(["person.create", "tie.create"]);
    // The export is in the activity log, without its content.
    const exported = await db.auditEntry.findFirstOrThrow({ where: { action: "person.export", targetId: member.id } });
    for (const trace of TRACES) expect(exported.detail).not.toContain(trace);
    // The printable page carries the same sections.
    const page = await call(exportPageRoute, "loader", get(`${base}/${member.id}/export`, officerCookie), { userId: member.id });
    expect(JSON.stringify(page.data)).toContain("Buses after six");

    // --- The walker: every locality page loader, as the facilitator and as a member.
    const ids: Record<string, string> = {
      localityId: loc.id,
      boardId: board.id,
      documentId: document.id,
      versionId: version.id,
      challengeId: challenge.id,
      ideaId: idea.id,
      storyId: told.id,
      personId: friend.id,
      workshopId: workshop.id,
      prototypeId: prototype.id,
      cycleId: cycle.id,
      stageKey: "relationships",
    };
    const walk = async (cookie: string) => {
      const seen: Array<{ file: string; status: number; body: string }> = [];
      for (const [file, mod] of Object.entries(LOCALITY_ROUTES)) {
        if (!mod.loader || /events\.tsx$|collab-token\.tsx$/.test(file)) continue;
        const names = paramNames(file.slice(file.indexOf("routes/")));
        if (names.some((n) => !(n in ids))) continue;
        const path = file
          .slice(file.indexOf("l.$localityId+"))
          .replace(/\.tsx$/, "")
          .replace(/\$([A-Za-z]+)/g, (_m, n: string) => ids[n]!);
        const params = Object.fromEntries(names.map((n) => [n, ids[n]!]));
        let status = 0;
        let body = "";
        try {
          const result = await (mod.loader as Loader)({ request: get(`/${path}`, cookie), params, context: context() });
          if (result instanceof Response) {
            status = result.status;
            body = /text|json|csv|svg/.test(result.headers.get("Content-Type") ?? "") ? await result.text() : "";
          } else {
            status = 200;
            body = JSON.stringify(result);
          }
        } catch (thrown) {
          if (!(thrown instanceof Response)) throw thrown;
          status = thrown.status;
        }
        seen.push({ file, status, body });
      }
      return seen;
    };
    const before = await walk(officerCookie);
    const servedBefore = before.filter((p) => p.status === 200);
    expect(servedBefore.length).toBeGreaterThan(25);
    // Before erasure her name is on several pages (so the check after it can fail).
    expect(servedBefore.filter((p) => p.body.includes(NAME)).length).toBeGreaterThan(2);

    // --- Refused: the last facilitator of a locality (in another organisation, with no other facilitator).
    const lone = await makeUser(db, { name: "Lone Facilitator" });
    await addMember(db, loc.id, lone.id, "member");
    const org2 = await makeOrganisation(db);
    const far = await makeLocality(db, org2.id, "Far Away");
    await addMember(db, far.id, lone.id, "facilitator");
    const refused = await call(
      personRoute,
      "action",
      formPost(
        `${base}/${lone.id}`,
        [
          ["intent", "erase"],
          ["confirmName", "Lone Facilitator"],
        ],
        officerCookie,
      ),
      { userId: lone.id },
    );
    expect(refused.status).toBe(409);
    expect(refused.data).toEqual({ error: "lastFacilitator", localities: ["Far Away"] });
    expect(await db.user.count({ where: { id: lone.id } })).toBe(1);
    expect(await db.auditEntry.count({ where: { action: "person.erase" } })).toBe(0);

    // --- A wrong confirmation erases nothing; nor does erasing oneself.
    const mismatch = await call(
      personRoute,
      "action",
      formPost(
        `${base}/${member.id}`,
        [
          ["intent", "erase"],
          ["confirmName", "Zainab"],
        ],
        officerCookie,
      ),
      { userId: member.id },
    );
    expect(mismatch.status).toBe(400);
    expect(await db.user.count({ where: { id: member.id } })).toBe(1);
    const self = await call(
      personRoute,
      "action",
      formPost(
        `${base}/${officer.id}`,
        [
          ["intent", "erase"],
          ["confirmName", "Olivia Officer"],
        ],
        officerCookie,
      ),
      { userId: officer.id },
    );
    expect(self.status).toBe(409);

    // --- Erase her (typed in another case, with extra spaces: still her name).
    const erased = await call(
      personRoute,
      "action",
      formPost(
        `${base}/${member.id}`,
        [
          ["intent", "erase"],
          ["confirmName", "  zainab   QURAISHI "],
        ],
        officerCookie,
      ),
      { userId: member.id },
    );
    expect(erased.status).toBe(302);
    expect(erased.location).toBe(`${base}?erased=1`);

    // The account, profile, ties, attendance and sessions are gone; her session no longer works.
    expect(await db.user.count({ where: { id: member.id } })).toBe(0);
    expect(await db.person.count({ where: { id: person.id } })).toBe(0);
    expect(await db.tie.count({ where: { localityId: loc.id } })).toBe(0);
    expect(await db.attendance.count({ where: { workshopId: workshop.id } })).toBe(0);
    expect(await db.session.count({ where: { userId: member.id } })).toBe(0);
    // Her reflective log went whole, the shared entry too.
    expect(await db.reflection.count({ where: { localityId: loc.id } })).toBe(0);
    expect(
      (await outcome(() => (peopleRoute.loader as Loader)({ request: get(base, memberCookie), params: { orgSlug: org.slug }, context: context() }))).status,
    ).toBe(302);

    // Her contributions stay, as "a former member".
    const notes = listNotes(docFromState(await readDocumentState(boardName)));
    expect(notes.find((n) => n.id === "n-hers")).toMatchObject({ text: "Buses after six", authorName: FORMER_MEMBER });
    expect(notes.find((n) => n.id === "n-other")).toMatchObject({ authorName: "Hana Odeh" });
    expect(listComments(docFromState(await readDocumentState(documentName)))).toEqual([
      expect.objectContaining({ text: "Add the mosque hall", authorName: FORMER_MEMBER }),
    ]);
    expect(await db.ideaComment.findMany({ where: { ideaId: idea.id }, select: { body: true, authorName: true } })).toEqual([
      { body: "Yes, on Tuesdays", authorName: FORMER_MEMBER },
    ]);
    expect(await db.excerpt.count({ where: { storyId: coded.id } })).toBe(1);
    expect(await db.confidenceRating.count({ where: { cycleId: cycle.id } })).toBe(1);
    // Her draft (never revealed) went.
    expect(await db.collabUpdate.count({ where: { docName: draftDocName(loc.id, board.id, member.id) } })).toBe(0);

    // No page loader holds anything of her, for the facilitator or a member.
    for (const cookie of [officerCookie, otherCookie]) {
      const after = await walk(cookie);
      expect(after.filter((p) => p.status === 200).length).toBeGreaterThan(15);
      for (const p of after) for (const trace of TRACES) expect(p.body.includes(trace), `${p.file} holds ${trace}`).toBe(false);
    }
    // Nor does the organisation's list of people.
    const listAfter = JSON.stringify((await call(peopleRoute, "loader", get(base, officerCookie), {})).data);
    for (const trace of TRACES) expect(listAfter).not.toContain(trace);

    // The boards and documents as stored: every log row and snapshot, raw and decoded.
    const stored = [
      ...(await db.collabUpdate.findMany({ select: { docName: true, data: true } })),
      ...(await db.collabSnapshot.findMany({ select: { docName: true, data: true } })),
    ];
    expect(stored.length).toBeGreaterThan(0);
    for (const row of stored) {
      const bytes = Buffer.from(row.data);
      for (const trace of TRACES) expect(bytes.includes(Buffer.from(trace)), `${row.docName} stores ${trace}`).toBe(false);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, row.data);
      const decoded = JSON.stringify(doc.toJSON());
      doc.destroy();
      for (const trace of TRACES) expect(decoded, row.docName).not.toContain(trace);
    }
    // Saved versions of documents.
    for (const v of await db.documentVersion.findMany({ select: { name: true, state: true } })) {
      for (const trace of TRACES) expect(Buffer.from(v.state).includes(Buffer.from(trace)), `version ${v.name}`).toBe(false);
    }
    // Every table's rows (the activity log among them): no trace.
    const everything = JSON.stringify(
      await Promise.all([
        db.auditEntry.findMany(),
        db.idea.findMany({ select: { contributorName: true, contributorContact: true, title: true } }),
        db.ideaComment.findMany(),
        db.ideaTranslation.findMany(),
        db.story.findMany(),
        db.storytellerIdentity.findMany(),
        db.storyConsent.findMany(),
        db.person.findMany(),
        db.boardNoteProjection.findMany(),
        db.invite.findMany(),
      ]),
    );
    for (const trace of TRACES) expect(everything, trace).not.toContain(trace);
    // The organisation's export (npm run export): neither its records nor its documents' states hold her.
    const orgExport = await exportOrganisation(db, { slug: org.slug, provider });
    const exportedText = JSON.stringify({ ...orgExport, documents: [] });
    for (const trace of TRACES) expect(exportedText, `the export's records hold ${trace}`).not.toContain(trace);
    expect(orgExport.documents.length).toBeGreaterThan(0);
    for (const exportedDoc of orgExport.documents)
      for (const trace of TRACES)
        expect(Buffer.from(exportedDoc.state, "base64").includes(Buffer.from(trace)), `the export's ${exportedDoc.name} holds ${trace}`).toBe(false);
    // The activity log keeps the actions: the entry about adding her is still there, and the erasure is recorded without her data.
    expect(await db.auditEntry.count({ where: { action: "person.create", targetId: person.id } })).toBe(1);
    const erasure = await db.auditEntry.findFirstOrThrow({ where: { action: "person.erase", targetId: member.id, localityId: loc.id } });
    expect(JSON.parse(erasure.detail)).toMatchObject({ profiles: 1, notes: 1, comments: 1, versions: 1, drafts: 1, reflections: 2 });
    // The story she told stays under its pseudonym; her real identity went with her.
    expect(await db.storytellerIdentity.count({ where: { storyId: told.id } })).toBe(0);
    expect(await db.story.count({ where: { id: told.id, storytellerPseudonym: "Parent C" } })).toBe(1);
  });
});
