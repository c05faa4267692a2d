// Stage 2 from end to end on the server (SQLite and PostgreSQL, an in-process collab server), each
// step through the real route modules: a facilitator captures a story and marks its identifiers,
// records consent; two members code it; a member sends the excerpts to a board (an identifier
// marked afterwards is redacted on the board too); the notes are clustered; the cluster becomes an insight; the report and the CSV export quote it. Members and
// viewers never receive the hidden names. Then the storyteller withdraws: the story, its text, its
// excerpts and everything made from them leave every page, loader, board (and the board's
// storage), report and export, and only an audit tombstone remains.
import { providers } from "../setup/databases";
import { useAppServer } from "../setup/app-server";
import { context, csrfToken, get, outcome, sessionCookie } from "../setup/requests";
import { addMember, makeLocality, makeOrganisation, makeUser } from "../factories";
import { applyServerChange, readDocumentState } from "~/collab/backend.server";
import { addCluster, listNotes, moveNotesToCluster } from "~/collab/board";
import { boardDocName } from "~/collab/names";
import { docFromState } from "~/collab/rich-text";
import type { ReaderSegment } from "~/domain/redaction";
import * as storiesRoute from "~/routes/l.$localityId+/stories+/_index";
import * as newStoryRoute from "~/routes/l.$localityId+/stories+/new";
import * as storyRoute from "~/routes/l.$localityId+/stories+/$storyId._index";
import * as identifiersRoute from "~/routes/l.$localityId+/stories+/$storyId.identifiers";
import * as consentRoute from "~/routes/l.$localityId+/stories+/$storyId.consent";
import * as codeRoute from "~/routes/l.$localityId+/stories+/$storyId.code";
import * as codebookRoute from "~/routes/l.$localityId+/analysis+/_index";
import * as codeViewRoute from "~/routes/l.$localityId+/analysis+/codes.$codeId";
import * as countsRoute from "~/routes/l.$localityId+/analysis+/counts";
import * as codersRoute from "~/routes/l.$localityId+/analysis+/coders";
import * as disagreementsRoute from "~/routes/l.$localityId+/analysis+/disagreements";
import * as sendRoute from "~/routes/l.$localityId+/analysis+/send";
import * as insightsRoute from "~/routes/l.$localityId+/insights+/_index";
import * as newInsightRoute from "~/routes/l.$localityId+/insights+/new";
import * as insightRoute from "~/routes/l.$localityId+/insights+/$insightId._index";
import * as reportRoute from "~/routes/l.$localityId+/insights+/report";
import * as exportRoute from "~/routes/l.$localityId+/insights+/export";

/** What the storyteller said that identifies her: no member or viewer may ever receive it. */
const SECRETS = ["Fatima Begum", "Fatima", "Alder Road", "07700 900461"];
// (and "neighbour", marked after her excerpts were already on a board)
const TEXT = [
  "Fatima Begum told me she takes two buses from Alder Road to reach the clinic with the twins.",
  "When the second bus is late she misses the appointment and waits nine weeks for another one.",
  "Her neighbour sometimes drives her, but she does not like to ask twice. Call her on 07700 900461.",
].join("\n");
/** Words of the coded passages (not identifiers): present before withdrawal, gone everywhere after. */
const PASSAGE_WORDS = ["waits nine weeks", "does not like to ask twice"];

/** The coding page's text as a reader sees it: placeholders as one "□" each. */
const visible = (segments: readonly ReaderSegment[]) => segments.map((s) => (s.type === "text" ? s.text : "\u25a1")).join("");

function formPost(path: string, fields: Array<[string, string]>, cookie: string): Request {
  const body = new URLSearchParams([...fields, ["_csrf", csrfToken()]]);
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
  });
}

function multipartPost(path: string, fields: Record<string, string>, cookie: string): Request {
  const body = new FormData();
  for (const [k, v] of Object.entries({ ...fields, _csrf: csrfToken() })) body.append(k, v);
  return new Request(`http://localhost:3000${path}`, { method: "POST", body, headers: { Cookie: cookie } });
}

type Route = { loader?: (args: never) => Promise<unknown>; action?: (args: never) => Promise<unknown> };

describe.each(await providers())("stage 2 from capture to insight, and withdrawal, on %s", (provider) => {
  const t = useAppServer(provider);

  it("captures, redacts, codes, clusters and turns into an insight; withdrawal leaves nothing behind but a tombstone", async () => {
    const org = await makeOrganisation(t.db);
    const loc = await makeLocality(t.db, org.id, "Sparkbrook flow");
    const facilitator = await makeUser(t.db, { name: "Amira Haddad" });
    const member = await makeUser(t.db, { name: "Layla Mansour" });
    const member2 = await makeUser(t.db, { name: "Hana Odeh" });
    const viewer = await makeUser(t.db, { name: "Tom Ashworth" });
    await addMember(t.db, loc.id, facilitator.id, "facilitator");
    await addMember(t.db, loc.id, member.id, "member");
    await addMember(t.db, loc.id, member2.id, "member");
    await addMember(t.db, loc.id, viewer.id, "viewer");
    const cookie = {
      facilitator: await sessionCookie(facilitator.id),
      member: await sessionCookie(member.id),
      member2: await sessionCookie(member2.id),
      viewer: await sessionCookie(viewer.id),
    };
    const base = `/l/${loc.id}`;
    const load = async (route: Route, path: string, who: string, params: Record<string, string> = {}) =>
      outcome(() =>
        (route.loader as (a: unknown) => Promise<unknown>)({ request: get(path, who), params: { localityId: loc.id, ...params }, context: context() }),
      );
    const act = (route: Route, path: string, who: string, fields: Array<[string, string]>, params: Record<string, string> = {}) =>
      outcome(() =>
        (route.action as (a: unknown) => Promise<unknown>)({
          request: formPost(path, fields, who),
          params: { localityId: loc.id, ...params },
          context: context(),
        }),
      );
    const csv = async () => {
      const response = (await exportRoute.loader({
        request: get(`${base}/insights/export`, cookie.facilitator),
        params: { localityId: loc.id },
        context: context(),
      })) as Response;
      expect(response.status).toBe(200);
      return response.text();
    };

    // 1. Capture, mark identifiers, record consent (facilitator).
    const captured = await outcome(() =>
      newStoryRoute.action({
        request: multipartPost(
          `${base}/stories/new`,
          {
            title: "Fatima and two buses to the clinic",
            storytellerPseudonym: "Parent A",
            occurredOn: "2026-10-02",
            language: "en",
            method: "interview",
            realName: "Fatima Begum",
            text: TEXT,
          },
          cookie.facilitator,
        ),
        params: { localityId: loc.id },
        context: context(),
      }),
    );
    expect(captured.status).toBe(303);
    const storyId = /\/stories\/([A-Za-z0-9_-]+)\?created=1$/.exec(captured.location ?? "")![1]!;
    const story = `${base}/stories/${storyId}`;
    const storyParams = { storyId };
    for (const [text, kind] of [
      ["Fatima Begum", "name"],
      ["Fatima", "name"],
      ["Alder Road", "place"],
      ["07700 900461", "contact"],
    ]) {
      expect(
        (
          await act(
            identifiersRoute,
            `${story}/identifiers`,
            cookie.facilitator,
            [
              ["intent", "add"],
              ["text", text!],
              ["kind", kind!],
            ],
            storyParams,
          )
        ).status,
      ).toBe(200);
    }
    expect((await load(storyRoute, story, cookie.member, storyParams)).status).toBe(403); // no consent yet
    const consent: Array<[string, string]> = [
      ["intent", "consent"],
      ["givenBy", "Fatima Begum"],
      ["givenAt", "2026-10-02"],
      ["method", "verbal_recorded"],
      ["infoSheetVersion", "v3"],
      ["scope", "quotes"],
    ];
    expect((await act(consentRoute, `${story}/consent`, cookie.facilitator, consent, storyParams)).status).toBe(200);

    // 2. Two members code it, in redacted offsets; one adds a code, the other uses it.
    type CodingData = { segments: ReaderSegment[]; codes: Array<{ id: string; name: string }> };
    const coding = async (who: string) => (await load(codeRoute, `${story}/code`, who, storyParams)).data as CodingData;
    const first = await coding(cookie.member);
    const rangeOf = (phrase: string) => {
      const at = visible(first.segments).indexOf(phrase);
      expect(at, phrase).toBeGreaterThanOrEqual(0);
      return [String(at), String(at + phrase.length)];
    };
    const [aStart, aEnd] = rangeOf("she misses the appointment and waits nine weeks for another one.");
    const coded = await act(
      codeRoute,
      `${story}/code`,
      cookie.member,
      [
        ["intent", "create"],
        ["rStart", aStart!],
        ["rEnd", aEnd!],
        ["newCode", "Getting to appointments"],
      ],
      storyParams,
    );
    expect(coded).toMatchObject({ status: 200, data: { ok: true } });
    const codeId = (await coding(cookie.member2)).codes.find((c) => c.name === "Getting to appointments")!.id;
    const [bStart, bEnd] = rangeOf("Her neighbour sometimes drives her, but she does not like to ask twice.");
    expect(
      (
        await act(
          codeRoute,
          `${story}/code`,
          cookie.member2,
          [
            ["intent", "create"],
            ["rStart", bStart!],
            ["rEnd", bEnd!],
            ["codeIds", codeId],
          ],
          storyParams,
        )
      ).status,
    ).toBe(200);
    const excerptIds = (await t.db.excerpt.findMany({ where: { storyId }, select: { id: true } })).map((e) => e.id);
    expect(excerptIds).toHaveLength(2);

    // 3. Send both to a new analysis board; cluster them there.
    const sent = await act(sendRoute, `${base}/analysis/send`, cookie.member, [
      ...excerptIds.map((id): [string, string] => ["excerpts", id]),
      ["target", "new"],
      ["title", "Clinic journeys"],
    ]);
    expect(sent.status).toBe(303);
    const boardId = /\/boards\/([A-Za-z0-9_-]+)$/.exec(sent.location ?? "")![1]!;
    const boardDoc = boardDocName(loc.id, boardId);
    const boardNotes = async () => listNotes(docFromState(await readDocumentState(boardDoc)));
    expect((await boardNotes()).map((n) => n.link?.id).sort()).toEqual([...excerptIds].sort());
    const storedBoard = async () => Buffer.concat((await t.store.load(boardDoc)).updates.map((u) => Buffer.from(u)));
    expect((await boardNotes()).map((n) => n.text).join("\n")).toContain("Her neighbour sometimes drives her");

    // An identifier marked after the notes were made: the notes are redacted again, in storage too.
    expect(
      (
        await act(
          identifiersRoute,
          `${story}/identifiers`,
          cookie.facilitator,
          [
            ["intent", "add"],
            ["text", "neighbour"],
            ["kind", "other"],
          ],
          storyParams,
        )
      ).status,
    ).toBe(200);
    const redone = (await boardNotes()).map((n) => n.text).join("\n");
    expect(redone).not.toContain("neighbour");
    expect(redone).toContain("sometimes drives her, but she does not like to ask twice");
    expect((await storedBoard()).includes(Buffer.from("Her neighbour"))).toBe(false);

    await applyServerChange(boardDoc, (doc) => {
      const cluster = addCluster(doc, { id: "cluster-clinic", name: "Getting there" });
      moveNotesToCluster(
        doc,
        listNotes(doc).map((n) => n.id),
        cluster,
      );
    });

    // 4. The cluster becomes an insight.
    type NewData = { evidence?: Array<{ id: string }>; cluster?: { evidence: Array<{ id: string }> } | null };
    const fromCluster = (await load(newInsightRoute, `${base}/insights/new?board=${boardId}&cluster=cluster-clinic`, cookie.member)).data as NewData;
    const evidence = JSON.stringify(fromCluster);
    for (const id of excerptIds) expect(evidence).toContain(id);
    const created = await act(newInsightRoute, `${base}/insights/new`, cookie.member, [
      ["statement", "We learned that missing one bus can cost a family months of waiting for care."],
      ["questions[0]", "How might we get families to the clinic when the bus fails?"],
      ["confidence", "medium"],
      ["boardId", boardId],
      ["clusterId", "cluster-clinic"],
      ...excerptIds.map((id): [string, string] => ["evidence", id]),
    ]);
    expect(created.status).toBe(303);
    const insightId = /\/insights\/([A-Za-z0-9_-]+)\?saved=1$/.exec(created.location ?? "")![1]!;
    const insight = `${base}/insights/${insightId}`;

    // Everything a member or viewer may load, and the exports: redacted, and the passages are there.
    const readerPages = async (who: string) => {
      const pages: Array<[Route, string, Record<string, string>?]> = [
        [storiesRoute, `${base}/stories`],
        [codebookRoute, `${base}/analysis`],
        [codeViewRoute, `${base}/analysis/codes/${codeId}`, { codeId }],
        [countsRoute, `${base}/analysis/counts`],
        [codersRoute, `${base}/analysis/coders`],
        [disagreementsRoute, `${base}/analysis/disagreements`],
        [insightsRoute, `${base}/insights`],
        [insightRoute, insight, { insightId }],
        [reportRoute, `${base}/insights/report`],
      ];
      const out: string[] = [];
      for (const [route, path, params] of pages) {
        const res = await load(route, path, who, params);
        expect(res.status, path).toBe(200);
        out.push(JSON.stringify(res.data));
      }
      return out.join("\n");
    };
    const storyPages = async (who: string) => [await load(storyRoute, story, who, storyParams), await load(codeRoute, `${story}/code`, who, storyParams)];
    for (const who of [cookie.member, cookie.viewer]) {
      const received = (await readerPages(who)) + JSON.stringify((await storyPages(who)).map((r) => r.data));
      for (const secret of SECRETS) expect(received, secret).not.toContain(secret);
      for (const words of [...PASSAGE_WORDS, "and two buses to the clinic"]) expect(received, words).toContain(words); // the title, redacted
    }
    const sendPage = JSON.stringify((await load(sendRoute, `${base}/analysis/send`, cookie.member)).data);
    for (const words of PASSAGE_WORDS) expect(sendPage).toContain(words);
    for (const secret of SECRETS) expect(sendPage).not.toContain(secret);
    const notesText = (await boardNotes()).map((n) => n.text).join("\n");
    for (const secret of SECRETS) expect(notesText).not.toContain(secret);
    expect(notesText).toContain("waits nine weeks");
    const before = await csv();
    expect(before).toContain("waits nine weeks"); // consent covers quotes in reports
    for (const secret of SECRETS) expect(before).not.toContain(secret);
    expect(JSON.stringify((await load(insightRoute, insight, cookie.member, { insightId })).data)).toContain('"excerpts":2');

    // 5. Withdrawal (on the consent page): a member cannot; a facilitator can.
    expect(
      (
        await act(
          consentRoute,
          `${story}/consent`,
          cookie.member,
          [
            ["intent", "withdraw"],
            ["understood", "yes"],
          ],
          storyParams,
        )
      ).status,
    ).toBe(403);
    const withdrawn = await act(
      consentRoute,
      `${story}/consent`,
      cookie.facilitator,
      [
        ["intent", "withdraw"],
        ["understood", "yes"],
      ],
      storyParams,
    );
    expect(withdrawn.status).toBe(303);

    // The story answers 404 everywhere; nothing of it is left in any page, for anyone.
    for (const who of [cookie.facilitator, cookie.member, cookie.viewer]) {
      for (const res of await storyPages(who)) expect(res.status).toBe(404);
      const received = await readerPages(who);
      for (const text of [...SECRETS, ...PASSAGE_WORDS, "two buses to the clinic", "Parent A"]) expect(received, text).not.toContain(text);
    }
    const sendAfter = JSON.stringify((await load(sendRoute, `${base}/analysis/send`, cookie.member)).data);
    for (const words of PASSAGE_WORDS) expect(sendAfter).not.toContain(words);
    const after = await csv();
    for (const text of [...SECRETS, ...PASSAGE_WORDS, "Parent A"]) expect(after, text).not.toContain(text);

    // The insight stays, saying its sources were withdrawn.
    const insightAfter = JSON.stringify((await load(insightRoute, insight, cookie.member, { insightId })).data);
    expect(insightAfter).toContain("We learned that missing one bus");
    expect(insightAfter).toContain('"excerpts":0');
    expect(insightAfter).toContain("withdrawn");

    // The board: the notes are gone, from the document and from what is stored.
    expect(await boardNotes()).toEqual([]);
    const stored = await storedBoard();
    for (const words of PASSAGE_WORDS) expect(stored.includes(Buffer.from(words)), words).toBe(false);

    // The records: the text document, excerpts, identity, consent and identifiers are gone.
    const row = await t.db.story.findUniqueOrThrow({
      where: { id: storyId },
      include: { identity: true, consent: true, identifiers: true, excerpts: true, photos: true },
    });
    expect(row).toMatchObject({
      title: "",
      storytellerPseudonym: "",
      documentId: null,
      identity: null,
      consent: null,
      identifiers: [],
      excerpts: [],
      photos: [],
    });
    expect(row.withdrawnAt).toBeInstanceOf(Date);
    expect(await t.db.sharedDocument.count({ where: { localityId: loc.id, kind: "story" } })).toBe(0);
    expect(await t.db.collabUpdate.count({ where: { docName: { contains: ":doc:" } } })).toBe(0);
    expect(await t.db.collabSnapshot.count({ where: { docName: { contains: ":doc:" } } })).toBe(0);

    // The audit log keeps a tombstone that says what happened, with nothing of the story in it.
    const tombstone = await t.db.auditEntry.findFirstOrThrow({ where: { localityId: loc.id, action: "story.withdraw", targetId: storyId } });
    for (const text of [...SECRETS, ...PASSAGE_WORDS, "two buses"]) expect(tombstone.detail).not.toContain(text);
    const log = JSON.stringify(await t.db.auditEntry.findMany({ where: { localityId: loc.id } }));
    for (const secret of SECRETS) expect(log, secret).not.toContain(secret);
  });
});
