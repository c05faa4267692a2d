// Stories end to end on the server (SQLite and PostgreSQL, an in-process collab server): capture
// with typed text and from .txt/.md/.docx files (and bad files refused, everything typed kept),
// identifiers and suggestions, consent, what members and viewers receive (never the original
// text, a real name, an identifier or who gave consent — checked on the loaders' JSON), the
// facilitator's original view (audited), photos re-encoded without EXIF/GPS, and withdrawal
// removing excerpts, board notes, the stored Yjs data and everything personal.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import * as Y from "yjs";
import { providers } from "../setup/databases";
import { useAppServer } from "../setup/app-server";
import { BASE, context, csrfToken, get, outcome, post, sessionCookie } from "../setup/requests";
import { addMember, makeLocality, makeOrganisation, makeUser } from "../factories";
import { applyServerChange, readDocumentState } from "~/collab/backend.server";
import { addNote, listNotes } from "~/collab/board";
import { boardDocName, richTextDocName } from "~/collab/names";
import { docFromState, plainText } from "~/collab/rich-text";
import { createBoard } from "~/data/boards.server";
import { LIMITS } from "~/domain/limits";
import * as listRoute from "~/routes/l.$localityId+/stories+/_index";
import * as newRoute from "~/routes/l.$localityId+/stories+/new";
import * as storyRoute from "~/routes/l.$localityId+/stories+/$storyId._index";
import * as editRoute from "~/routes/l.$localityId+/stories+/$storyId.edit";
import * as consentRoute from "~/routes/l.$localityId+/stories+/$storyId.consent";
import * as identifiersRoute from "~/routes/l.$localityId+/stories+/$storyId.identifiers";
import * as textRoute from "~/routes/l.$localityId+/stories+/$storyId.text";
import * as photosRoute from "~/routes/l.$localityId+/stories+/$storyId.photos";
import * as photoRoute from "~/routes/l.$localityId+/stories+/$storyId.photos.$photoId";

type StoryPage = Awaited<ReturnType<typeof storyRoute.loader>>;
type ListPage = Awaited<ReturnType<typeof listRoute.loader>>;
type Reply = { status?: string; initialValue?: Record<string, unknown>; error?: Record<string, string[] | null> };

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/stories");

/** A multipart POST, as a browser sends a form with a file field. */
function postMultipart(pathname: string, fields: Record<string, string>, files: Record<string, File>, cookie: string): Request {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  for (const [k, f] of Object.entries(files)) body.append(k, f);
  body.append("_csrf", csrfToken());
  return new Request(`${BASE}${pathname}`, { method: "POST", body, headers: { Cookie: cookie } });
}

const TEXT = [
  "Karen told me the 47 bus no longer stops on Coleman Close before half eight.",
  "Ring her on 0121 496 0000 or write to karen.w@example.org, 14 Ladypool Road, B11 1AA.",
  "Her son Jayden goes to the children's centre.",
].join("\n");

const meta = {
  title: "Mornings after the bus changed",
  storytellerPseudonym: "Storyteller A",
  interviewer: "Helen",
  occurredOn: "2026-09-17",
  place: "Children's centre",
  language: "en",
  method: "interview",
  realName: "Karen Whitcombe",
  contact: "0121 496 0000",
};

describe.each(await providers())("stories on %s", (provider) => {
  const t = useAppServer(provider);

  async function setup() {
    const org = await makeOrganisation(t.db);
    const loc = await makeLocality(t.db, org.id, "Longbridge stories");
    const other = await makeLocality(t.db, org.id, "Elsewhere");
    const [facilitator, member, viewer, outsider] = await Promise.all([
      makeUser(t.db, { name: "Amira" }),
      makeUser(t.db, { name: "Darren" }),
      makeUser(t.db, { name: "Tom" }),
      makeUser(t.db, { name: "Out" }),
    ]);
    await addMember(t.db, loc.id, facilitator.id, "facilitator");
    await addMember(t.db, other.id, facilitator.id, "facilitator");
    await addMember(t.db, loc.id, member.id, "member");
    await addMember(t.db, loc.id, viewer.id, "viewer");
    await t.db.person.create({ data: { localityId: loc.id, displayName: "Karen Whitcombe", sector: "parent" } });
    const cookies = {
      facilitator: await sessionCookie(facilitator.id),
      member: await sessionCookie(member.id),
      viewer: await sessionCookie(viewer.id),
      outsider: await sessionCookie(outsider.id),
    };
    const base = `/l/${loc.id}/stories`;
    const capture = (fields: Record<string, string>, files: Record<string, File> = {}, cookie = cookies.facilitator) =>
      outcome(() => newRoute.action({ request: postMultipart(`${base}/new`, fields, files, cookie), params: { localityId: loc.id }, context: context() }));
    const storyIdOf = (location: string | null | undefined) => /\/stories\/([A-Za-z0-9_-]+)\?created=1$/.exec(location ?? "")?.[1] ?? "";
    const page = (cookie: string, storyId: string, query = "") =>
      outcome(() => storyRoute.loader({ request: get(`${base}/${storyId}${query}`, cookie), params: { localityId: loc.id, storyId }, context: context() }));
    const list = async (cookie: string) =>
      (await outcome(() => listRoute.loader({ request: get(base, cookie), params: { localityId: loc.id }, context: context() }))).data as ListPage;
    const act = (
      route: { action: (a: never) => Promise<unknown> },
      suffix: string,
      storyId: string,
      fields: Record<string, string>,
      cookie = cookies.facilitator,
    ) =>
      outcome(() =>
        route.action({
          request: post(`${base}/${storyId}/${suffix}`, { ...fields, _csrf: csrfToken() }, cookie),
          params: { localityId: loc.id, storyId },
          context: context(),
        } as never),
      );
    const consent = (storyId: string) =>
      act(consentRoute, "consent", storyId, {
        intent: "consent",
        givenBy: "Karen Whitcombe",
        givenAt: "2026-09-17",
        method: "signed_form",
        infoSheetVersion: "v2",
        scope: "quotes",
      });
    return { loc, other, facilitator, member, cookies, base, capture, storyIdOf, page, list, act, consent };
  }

  it("captures a story, suggests and marks identifiers, records consent, and gives members and viewers only the redacted text", async () => {
    const s = await setup();
    // Members and viewers cannot capture.
    expect((await s.capture({ ...meta, text: TEXT }, {}, s.cookies.member)).status).toBe(403);
    expect((await s.capture({ ...meta, text: TEXT }, {}, s.cookies.outsider)).status).toBe(404);

    const created = await s.capture({ ...meta, text: TEXT });
    expect(created.status).toBe(303);
    const storyId = s.storyIdOf(created.location);
    const row = await t.db.story.findUniqueOrThrow({ where: { id: storyId }, include: { identity: true, document: true, consent: true } });
    expect(row).toMatchObject({ title: meta.title, storytellerPseudonym: "Storyteller A", method: "interview", language: "en", consent: null });
    expect(row.identity).toMatchObject({ realName: "Karen Whitcombe", contact: "0121 496 0000" });
    expect(row.document).toMatchObject({ kind: "story", localityId: s.loc.id, title: "Story text" });
    const docName = richTextDocName(s.loc.id, row.documentId!);
    expect(plainText(docFromState(await readDocumentState(docName)))).toBe(TEXT);

    // Without consent: not in the members' list, 403 for them; marked for facilitators.
    expect((await s.list(s.cookies.member)).stories).toEqual([]);
    expect((await s.list(s.cookies.facilitator)).stories).toMatchObject([{ id: storyId, hasConsent: false }]);
    expect((await s.page(s.cookies.member, storyId)).status).toBe(403);
    expect((await s.page(s.cookies.viewer, storyId)).status).toBe(403);

    // Suggestions: the person's name and its parts, the phone, email, address and postcode.
    const ids = await outcome(() =>
      identifiersRoute.loader({
        request: get(`${s.base}/${storyId}/identifiers`, s.cookies.facilitator),
        params: { localityId: s.loc.id, storyId },
        context: context(),
      }),
    );
    const suggested = (ids.data as Awaited<ReturnType<typeof identifiersRoute.loader>>).suggestions.map((x) => `${x.kind}:${x.text}`);
    expect(suggested).toEqual(
      expect.arrayContaining([
        "name:Karen",
        "place:Coleman Close",
        "contact:0121 496 0000",
        "contact:karen.w@example.org",
        "place:14 Ladypool Road",
        "place:B11 1AA",
      ]),
    );
    expect((await s.act(identifiersRoute, "identifiers", storyId, { intent: "add", text: "", kind: "name" })).status).toBe(400);
    expect((await s.act(identifiersRoute, "identifiers", storyId, { intent: "add", text: "Jayden", kind: "name" }, s.cookies.member)).status).toBe(403);
    expect(await s.act(identifiersRoute, "identifiers", storyId, { intent: "add", text: "Jayden", kind: "name" })).toMatchObject({
      status: 200,
      data: { added: 1 },
    });
    expect(await s.act(identifiersRoute, "identifiers", storyId, { intent: "add", text: "  jayden ", kind: "name" })).toMatchObject({
      status: 200,
      data: { added: 0 },
    });
    const all = await s.act(identifiersRoute, "identifiers", storyId, { intent: "mark-all" });
    expect((all.data as { added: number }).added).toBe(suggested.length);
    const marked = await t.db.storyIdentifier.findMany({ where: { storyId }, orderBy: { createdAt: "asc" } });
    expect(marked[0]).toMatchObject({ text: "Jayden", kind: "name" });
    expect(await t.db.auditEntry.count({ where: { action: "story.identifier.add", targetId: storyId } })).toBe(marked.length);
    // The audit entries say what kind, never the text.
    const audits = await t.db.auditEntry.findMany({ where: { targetId: storyId } });
    expect(audits.map((a) => a.detail).join(" ")).not.toMatch(/Karen|Jayden|Ladypool|0121/);

    // Consent: every field required; then the story opens for members.
    const bad = await s.act(consentRoute, "consent", storyId, {
      intent: "consent",
      givenBy: "",
      givenAt: "2999-01-01",
      method: "telepathy",
      infoSheetVersion: "",
      scope: "",
    });
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.data as { reply: Reply }).reply.error ?? {}).sort()).toEqual(["givenAt", "givenBy", "infoSheetVersion", "method", "scope"]);
    expect((await s.consent(storyId)).status).toBe(200);
    expect(await t.db.storyConsent.findUniqueOrThrow({ where: { storyId } })).toMatchObject({
      givenBy: "Karen Whitcombe",
      method: "signed_form",
      scope: "quotes",
    });

    for (const who of ["member", "viewer"] as const) {
      const res = await s.page(s.cookies[who], storyId);
      expect(res.status).toBe(200);
      const json = JSON.stringify(res.data);
      for (const secret of ["Karen", "Whitcombe", "Jayden", "Coleman", "0121 496 0000", "karen.w@example.org", "Ladypool", "B11 1AA"])
        expect(json, `${who}: ${secret}`).not.toContain(secret);
      const data = res.data as StoryPage;
      expect(data.original).toBeNull();
      expect(data.consent).toEqual({ givenAt: "2026-09-17", method: "signed_form", allows: ["core_group", "quotes"] });
      expect(data.redacted.filter((x) => x.type === "placeholder").map((x) => (x.type === "placeholder" ? `${x.kind}${x.n}` : ""))).toContain("name1");
      expect(json).toContain("the 47 bus no longer stops on");
      expect(data.may).toEqual({ manage: false, code: who === "member" });
      expect(JSON.stringify(await s.list(s.cookies[who]))).not.toContain("Karen");
    }

    // Facilitators: redacted by default; the original (and the identity) on request, audited.
    const plain = await s.page(s.cookies.facilitator, storyId);
    expect(JSON.stringify(plain.data)).not.toContain("Whitcombe");
    expect(await t.db.auditEntry.count({ where: { action: "story.original.view", targetId: storyId } })).toBe(0);
    const original = (await s.page(s.cookies.facilitator, storyId, "?view=original")).data as StoryPage;
    expect(original.original?.identity).toEqual({ realName: "Karen Whitcombe", contact: "0121 496 0000" });
    expect(original.original?.segments.map((x) => x.text).join("")).toBe(TEXT);
    expect(await t.db.auditEntry.count({ where: { action: "story.original.view", targetId: storyId } })).toBe(1);
    // Asking for the original as a member changes nothing.
    expect(JSON.stringify((await s.page(s.cookies.member, storyId, "?view=original")).data)).not.toContain("Whitcombe");

    // The facilitator pages are theirs alone; ids of other localities or nonsense are not found.
    for (const route of [editRoute, consentRoute, identifiersRoute, textRoute, photosRoute]) {
      const load = (cookie: string, id: string, localityId = s.loc.id) =>
        outcome(() => route.loader({ request: get(`/l/${localityId}/stories/${id}`, cookie), params: { localityId, storyId: id }, context: context() }));
      expect((await load(s.cookies.member, storyId)).status).toBe(403);
      expect((await load(s.cookies.viewer, storyId)).status).toBe(403);
      expect((await load(s.cookies.outsider, storyId)).status).toBe(404);
      expect((await load(s.cookies.facilitator, storyId, s.other.id)).status).toBe(404);
      expect((await load(s.cookies.facilitator, "../../x")).status).toBe(404);
      expect((await load(s.cookies.facilitator, storyId)).status).toBe(200);
    }

    // Edit: details and identity; the identity's change is its own audit entry.
    const edited = await s.act(editRoute, "edit", storyId, { ...meta, title: "Mornings", realName: "Karen W.", contact: "", personId: "" });
    expect(edited.status).toBe(303);
    expect(await t.db.story.findUniqueOrThrow({ where: { id: storyId }, include: { identity: true } })).toMatchObject({
      title: "Mornings",
      identity: { realName: "Karen W.", contact: "" },
    });
    expect(await t.db.auditEntry.count({ where: { action: "story.identity.update", targetId: storyId } })).toBe(1);
    const badEdit = await s.act(editRoute, "edit", storyId, { ...meta, title: "", occurredOn: "17/09/2026" });
    expect(badEdit.status).toBe(400);
    expect((badEdit.data as { reply: Reply }).reply).toMatchObject({
      initialValue: { interviewer: "Helen" },
      error: { title: ["validation.required"], occurredOn: ["stories.validation.date"] },
    });
  });

  it("imports .txt, .md and .docx, and refuses bad files with a message beside the field, keeping what was typed", async () => {
    const s = await setup();
    const text = async (location: string | null | undefined) => {
      const story = await t.db.story.findUniqueOrThrow({ where: { id: s.storyIdOf(location) } });
      return plainText(docFromState(await readDocumentState(richTextDocName(s.loc.id, story.documentId!))));
    };
    const txt = await s.capture({ ...meta, text: "" }, { file: new File(["\ufeffFirst line\r\n\r\nSecond line\r\n"], "notes.txt", { type: "text/plain" }) });
    expect(txt.status).toBe(303);
    expect(await text(txt.location)).toBe("First line\nSecond line");
    // Windows-1252 text (older Word "Save as text"): "café" survives.
    const latin = await s.capture({ ...meta, text: "" }, { file: new File([new Uint8Array([0x63, 0x61, 0x66, 0xe9])], "old.txt") });
    expect(await text(latin.location)).toBe("café");

    const md = await s.capture({ ...meta, text: "" }, { file: new File(["# Visit\n\nWe met at **the centre**.\n\n- bus\n- rain\n"], "visit.md") });
    expect(await text(md.location)).toBe("Visit\nWe met at the centre.\nbus\nrain");

    const docx = await s.capture({ ...meta, text: "" }, { file: new File([fs.readFileSync(path.join(FIXTURES, "interview.docx"))], "interview.docx") });
    expect(docx.status).toBe(303);
    expect(await text(docx.location)).toBe(
      [
        "Interview at the children's centre",
        "Karen said the bus & the rain make every morning hard.",
        "قالت سميرة إن المدرسة ترسل الرسائل بالإنجليزية فقط.",
        "Bold words stay in one paragraph.",
      ].join("\n"),
    );
    expect(await t.db.auditEntry.count({ where: { action: "story.import", localityId: s.loc.id } })).toBe(4);

    // Saving without text is allowed (e.g. to record consent first).
    const empty = await s.capture({ ...meta, text: "" });
    expect(empty.status).toBe(303);
    expect(await text(empty.location)).toBe("");

    const before = await t.db.story.count({ where: { localityId: s.loc.id } });
    const refused = async (files: Record<string, File>, fields: Record<string, string> = { ...meta, text: "" }) => {
      const res = await s.capture(fields, files);
      expect(res.status).toBe(400);
      const reply = (res.data as { reply: Reply }).reply;
      expect(reply.initialValue).toMatchObject({ title: meta.title, realName: "Karen Whitcombe" });
      return reply.error ?? {};
    };
    expect((await refused({ file: new File([new Uint8Array(LIMITS.storyImportBytes + 1)], "big.txt") })).file).toEqual([
      "stories.import.tooLarge",
      "stories.import.chooseAgain",
    ]);
    expect((await refused({ file: new File(["%PDF-1.4"], "story.pdf") })).file).toEqual(["stories.import.type", "stories.import.chooseAgain"]);
    expect((await refused({ file: new File(["just text"], "story.docx") })).file).toEqual(["stories.import.notDocx", "stories.import.chooseAgain"]);
    expect((await refused({ file: new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5])], "broken.docx") })).file).toEqual([
      "stories.import.unreadable",
      "stories.import.chooseAgain",
    ]);
    expect((await refused({ file: new File([new Uint8Array([0x68, 0x69, 0x00, 0x01])], "photo.txt") })).file).toEqual([
      "stories.import.binary",
      "stories.import.chooseAgain",
    ]);
    expect((await refused({ file: new File(["text"], "a.txt") }, { ...meta, text: "typed as well" })).file).toEqual(["stories.import.both"]);
    // A typed text over the limit, and a missing title with a file chosen: the file must be chosen again.
    const long = await refused({}, { ...meta, text: "x".repeat(LIMITS.storyText + 1) });
    expect(long.text).toEqual(["stories.validation.textTooLong"]);
    const noTitle = await s.capture({ ...meta, title: "", text: "" }, { file: new File(["ok"], "a.txt") });
    expect((noTitle.data as { reply: Reply }).reply.error).toMatchObject({ title: ["validation.required"], file: ["stories.import.chooseAgain"] });
    expect(await t.db.story.count({ where: { localityId: s.loc.id } })).toBe(before);

    // Replacing the text from a file (the text page): confirmation and a file required.
    const storyId = s.storyIdOf(txt.location);
    const replace = (fields: Record<string, string>, files: Record<string, File>) =>
      outcome(() =>
        textRoute.action({
          request: postMultipart(`${s.base}/${storyId}/text`, fields, files, s.cookies.facilitator),
          params: { localityId: s.loc.id, storyId },
          context: context(),
        }),
      );
    const unconfirmed = await replace({}, { file: new File(["New"], "new.txt") });
    expect((unconfirmed.data as { reply: Reply }).reply.error).toMatchObject({
      confirm: ["stories.textPage.confirmReplace"],
      file: ["stories.import.chooseAgain"],
    });
    expect(await replace({ confirm: "yes" }, { file: new File(["New text\nSecond"], "new.txt") })).toMatchObject({ status: 200, data: { replaced: true } });
    expect(await text(txt.location)).toBe("New text\nSecond");
  });

  it("re-encodes photos without EXIF or GPS, refuses what is not a photo, and serves them behind the story's gate", async () => {
    const s = await setup();
    const created = await s.capture({ ...meta, text: TEXT });
    const storyId = s.storyIdOf(created.location);
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 30, b: 30 } } })
      .jpeg()
      .withExif({
        IFD0: { Make: "PhoneCo", Copyright: "Family photo" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "52/1 24/1 0/1", GPSLongitudeRef: "W", GPSLongitude: "1/1 58/1 0/1" },
      })
      .toBuffer();
    // The test photo really carries EXIF with a GPS block (tag 0x8825 points to it) and a camera make.
    const exif = (await sharp(jpeg).metadata()).exif!;
    const bigEndian = exif.includes(Buffer.from("MM\0*"));
    expect(exif.includes(Buffer.from(bigEndian ? [0x88, 0x25] : [0x25, 0x88]))).toBe(true);
    expect(exif.includes(Buffer.from("PhoneCo"))).toBe(true);
    const upload = (fields: Record<string, string>, files: Record<string, File>, cookie = s.cookies.facilitator) =>
      outcome(() =>
        photosRoute.action({
          request: postMultipart(`${s.base}/${storyId}/photos`, { intent: "add", ...fields }, files, cookie),
          params: { localityId: s.loc.id, storyId },
          context: context(),
        }),
      );

    expect((await upload({ alt: "A red door" }, { photo: new File([jpeg], "door.jpg") }, s.cookies.member)).status).toBe(403);
    expect(await upload({ alt: "A red door" }, { photo: new File([jpeg], "door.jpg", { type: "image/jpeg" }) })).toMatchObject({
      status: 200,
      data: { done: true },
    });
    const stored = await t.db.storyPhoto.findFirstOrThrow({ where: { storyId } });
    expect(stored).toMatchObject({ mime: "image/jpeg", width: 40, height: 30, alt: "A red door" });
    const storedMeta = await sharp(Buffer.from(stored.data)).metadata();
    expect(storedMeta.exif).toBeUndefined();
    expect(Buffer.from(stored.data).includes(Buffer.from("PhoneCo"))).toBe(false);
    expect(Buffer.from(stored.data).includes(Buffer.from("Exif\0\0"))).toBe(false);

    const errorsOf = async (fields: Record<string, string>, files: Record<string, File>) => {
      const res = await upload(fields, files);
      expect(res.status).toBe(400);
      return (res.data as { reply: Reply }).reply.error ?? {};
    };
    expect((await errorsOf({ alt: "Not a photo" }, { photo: new File(["<svg/>"], "x.jpg") })).photo).toEqual([
      "stories.photos.errors.notImage",
      "stories.photos.errors.chooseAgain",
    ]);
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: "blue" } })
      .gif()
      .toBuffer();
    expect((await errorsOf({ alt: "A gif" }, { photo: new File([gif], "x.gif") })).photo).toEqual([
      "stories.photos.errors.type",
      "stories.photos.errors.chooseAgain",
    ]);
    expect((await errorsOf({ alt: "Big" }, { photo: new File([new Uint8Array(LIMITS.photoBytes + 1)], "big.jpg") })).photo).toEqual([
      "stories.photos.errors.tooLarge",
      "stories.photos.errors.chooseAgain",
    ]);
    expect(await errorsOf({ alt: "" }, { photo: new File([jpeg], "door.jpg") })).toMatchObject({
      alt: ["validation.required"],
      photo: ["stories.photos.errors.chooseAgain"],
    });
    await t.db.storyPhoto.createMany({
      data: Array.from({ length: LIMITS.photosPerStory - 1 }, () => ({
        storyId,
        data: Buffer.from(stored.data),
        mime: "image/jpeg",
        width: 40,
        height: 30,
        alt: "copy",
      })),
    });
    expect((await errorsOf({ alt: "One more" }, { photo: new File([jpeg], "door.jpg") })).photo).toEqual(["stories.photos.errors.tooMany"]);

    // Served: private, not stored; members only once the story has consent.
    const serve = (cookie: string, photoId = stored.id) =>
      outcome(() =>
        photoRoute.loader({
          request: get(`${s.base}/${storyId}/photos/${photoId}`, cookie),
          params: { localityId: s.loc.id, storyId, photoId },
          context: context(),
        }),
      );
    const served = await serve(s.cookies.facilitator);
    expect(served.status).toBe(200);
    expect(served.headers?.get("Cache-Control")).toBe("private, no-store");
    expect(served.headers?.get("Content-Type")).toBe("image/jpeg");
    expect((await serve(s.cookies.member)).status).toBe(403);
    expect((await serve(s.cookies.outsider)).status).toBe(404);
    expect((await serve(s.cookies.facilitator, "nope")).status).toBe(404);
    await s.consent(storyId);
    expect((await serve(s.cookies.member)).status).toBe(200);

    expect(await s.act(photosRoute, "photos", storyId, { intent: "remove", id: stored.id })).toMatchObject({ status: 200 });
    expect((await serve(s.cookies.facilitator)).status).toBe(404);
    expect(await t.db.auditEntry.count({ where: { targetId: storyId, action: { in: ["story.photo.add", "story.photo.remove"] } } })).toBe(2);
  });

  it("withdraws a story: excerpts, board notes, stored text, identity, consent, identifiers and photos go; a tombstone stays", async () => {
    const s = await setup();
    const created = await s.capture({ ...meta, text: TEXT });
    const storyId = s.storyIdOf(created.location);
    await s.consent(storyId);
    await s.act(identifiersRoute, "identifiers", storyId, { intent: "add", text: "Jayden", kind: "name" });
    const story = await t.db.story.findUniqueOrThrow({ where: { id: storyId } });
    const docName = richTextDocName(s.loc.id, story.documentId!);
    await t.db.storyPhoto.create({ data: { storyId, data: Buffer.from([1, 2, 3]), mime: "image/jpeg", width: 1, height: 1, alt: "x" } });

    // Coded excerpts, evidence for an insight, and notes sent to a board (one unrelated note stays).
    const code = await t.db.code.create({ data: { localityId: s.loc.id, name: "Transport" } });
    const excerpt = await t.db.excerpt.create({
      data: { localityId: s.loc.id, storyId, start: 0, end: 20, quote: "Karen told me the 47", coderId: s.member.id, codes: { create: { codeId: code.id } } },
    });
    const insight = await t.db.insight.create({ data: { localityId: s.loc.id, statement: "We learned that buses matter" } });
    await t.db.insightEvidence.create({ data: { insightId: insight.id, excerptId: excerpt.id, storyId } });
    const board = await createBoard(t.db, { localityId: s.loc.id, actorId: s.facilitator.id, title: "Analysis", purpose: "analysis" });
    const boardName = boardDocName(s.loc.id, board.id);
    await applyServerChange(boardName, (doc) => {
      addNote(doc, {
        id: "n-excerpt",
        text: "UNIQUE-QUOTE-Karen told me the 47",
        authorId: s.member.id,
        authorName: "Darren",
        link: { type: "excerpt", id: excerpt.id },
      });
      addNote(doc, { id: "n-other", text: "Our own idea", authorId: s.member.id, authorName: "Darren" });
    });
    expect(await t.db.collabUpdate.count({ where: { docName } })).toBeGreaterThan(0);

    // Members cannot withdraw; the box must be ticked.
    expect((await s.act(consentRoute, "consent", storyId, { intent: "withdraw", understood: "yes" }, s.cookies.member)).status).toBe(403);
    const unticked = await s.act(consentRoute, "consent", storyId, { intent: "withdraw" });
    expect(unticked.status).toBe(400);
    expect((unticked.data as { reply: Reply }).reply.error).toEqual({ understood: ["stories.validation.understood"] });

    const withdrawn = await s.act(consentRoute, "consent", storyId, { intent: "withdraw", understood: "yes" });
    expect(withdrawn).toMatchObject({ status: 303, location: `/l/${s.loc.id}/stories?withdrawn=1` });

    expect(await t.db.excerpt.count({ where: { storyId } })).toBe(0);
    expect(await t.db.excerptCode.count({ where: { excerptId: excerpt.id } })).toBe(0);
    expect(await t.db.insightEvidence.findFirstOrThrow({ where: { insightId: insight.id } })).toMatchObject({ excerptId: null, storyId });
    for (const model of ["storytellerIdentity", "storyConsent", "storyIdentifier", "storyPhoto"] as const) {
      expect(await (t.db[model] as unknown as { count: (a: unknown) => Promise<number> }).count({ where: { storyId } }), model).toBe(0);
    }
    const tomb = await t.db.story.findUniqueOrThrow({ where: { id: storyId } });
    expect(tomb).toMatchObject({ title: "", storytellerPseudonym: "", place: "", interviewer: "", documentId: null });
    expect(tomb.withdrawnAt).toBeInstanceOf(Date);
    expect(await t.db.sharedDocument.count({ where: { id: story.documentId! } })).toBe(0);
    expect(await t.db.collabUpdate.count({ where: { docName } })).toBe(0);
    expect(await t.db.collabSnapshot.count({ where: { docName } })).toBe(0);

    // The board keeps its own note; the excerpt's note is gone from the document and from storage.
    const boardDoc = docFromState(await readDocumentState(boardName));
    expect(listNotes(boardDoc).map((n) => n.id)).toEqual(["n-other"]);
    const storedBoard = [
      ...(await t.db.collabUpdate.findMany({ where: { docName: boardName } })),
      ...(await t.db.collabSnapshot.findMany({ where: { docName: boardName } })),
    ];
    expect(storedBoard.length).toBeGreaterThan(0);
    for (const r of storedBoard) expect(Buffer.from(r.data).includes(Buffer.from("UNIQUE-QUOTE"))).toBe(false);
    // A fresh Y.Doc from everything stored has no trace of it either.
    const rebuilt = new Y.Doc();
    for (const r of storedBoard) Y.applyUpdate(rebuilt, new Uint8Array(r.data));
    expect(listNotes(rebuilt).map((n) => n.id)).toEqual(["n-other"]);

    // The tombstone in the activity log says nothing personal.
    const entry = await t.db.auditEntry.findFirstOrThrow({ where: { action: "story.withdraw", targetId: storyId } });
    expect(JSON.parse(entry.detail)).toEqual({ excerpts: 1 });

    // Gone from every list and page, for everyone.
    expect((await s.page(s.cookies.facilitator, storyId)).status).toBe(404);
    expect((await s.page(s.cookies.member, storyId)).status).toBe(404);
    expect((await s.list(s.cookies.facilitator)).stories).toEqual([]);
    expect((await s.act(consentRoute, "consent", storyId, { intent: "withdraw", understood: "yes" })).status).toBe(404);
  });
});
