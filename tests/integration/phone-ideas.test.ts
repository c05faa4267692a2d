// Ideas from phones, through the real route modules (/i/<code>, /r/<secret>) on SQLite and
// PostgreSQL with an in-process collab server: a submission stored once (repeats and concurrent
// repeats get the same receipt), the honeypot, bad text and bad photos refused with everything
// typed kept, photos stored without EXIF/GPS, closed / past-closing / unknown / rotated links,
// the 429 limits per device and per address (and shared through Redis), spam signals, and the
// receipt following the idea as it is moderated, placed, voted on, prototyped, rejected, hidden
// and merged.
import { boardDocName } from "~/collab/names";
import crypto from "node:crypto";
import sharp from "sharp";
import { providers } from "../setup/databases";
import { useAppServer } from "../setup/app-server";
import { BASE, context, csrfToken, get, outcome } from "../setup/requests";
import { makeGroup, makeLocality, makeOrganisation } from "../factories";
import { makeChallenge } from "../factories/challenges";
import { applyServerChange } from "~/collab/backend.server";
import { openVoting, placeDot } from "~/collab/board";
import { cookieName } from "~/http/cookies.server";
import { LIMITS } from "~/domain/limits";
import { readSpamSignals } from "~/domain/ideas";
import { DEVICE_COOKIE } from "~/routes/_phone+/device-cookie.server";
import { createIdeaRateLimits } from "~/routes/_phone+/idea-rate-limits.server";
import { placeIdeaNote } from "~/use-cases/place-idea-notes.server";
import { pageStamp, receiptHashOf, senderHashes, storePhoneIdea } from "~/routes/_phone+/idea-submission.server";
import type { IdeaFormState } from "~/components/phone/idea-form";
import type { ReceiptView } from "~/domain/idea-receipt";
import * as phoneRoute from "~/routes/_phone+/i.$code";
import * as receiptRoute from "~/routes/_phone+/r.$token";
import * as posterRoute from "~/routes/l.$localityId+/challenges+/$challengeId.poster";
import * as qrRoute from "~/routes/l.$localityId+/challenges+/$challengeId.qr[.]svg";

type Refused = { outcome: "refused"; form: IdeaFormState };

const newDevice = () => crypto.randomBytes(24).toString("base64url");
const newAddress = () => `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(256)}`;
const newKey = () => crypto.randomBytes(18).toString("base64url");
/** A stamp from `seconds` ago, signed as the page signs it. */
const stampFrom = (challengeId: string, seconds = 60) => pageStamp(challengeId, new Date(Date.now() - seconds * 1000));

describe.each(await providers())("ideas from phones on %s", (provider) => {
  const t = useAppServer(provider);

  async function setup(input: { languages?: string; closesAt?: Date | null } = {}) {
    const org = await makeOrganisation(t.db);
    const loc = await makeLocality(t.db, org.id, "Sparkbrook");
    const challenge = await makeChallenge(t.db, { localityId: loc.id, question: "How might we help parents meet after school?", ...input });
    return { loc, challenge };
  }

  type Send = {
    fields?: Record<string, string>;
    photo?: File;
    device?: string | null;
    address?: string;
    key?: string | null;
    csrf?: "ok" | "stale";
    path?: string;
  };

  /** A multipart POST to the public page, as a browser without JavaScript sends it (Origin: null, so the form token decides). */
  function send(code: string, challengeId: string, options: Send = {}) {
    const body = new FormData();
    const fields = {
      text: "A walking bus from the flats to school",
      language: "en",
      name: "",
      contact: "",
      website: "",
      stamp: stampFrom(challengeId),
      ...options.fields,
    };
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    if (options.key !== null) body.append("submissionKey", options.key ?? newKey());
    body.append("_csrf", options.csrf === "stale" ? "not-the-token" : csrfToken());
    if (options.photo) body.append("photo", options.photo);
    const device = options.device === undefined ? newDevice() : options.device;
    const headers: Record<string, string> = device ? { Cookie: `${cookieName(DEVICE_COOKIE)}=${device}` } : {};
    const request = new Request(`${BASE}${options.path ?? `/i/${code}`}`, { method: "POST", body, headers });
    return outcome(() =>
      phoneRoute.action({ request, params: { code }, context: context({ originVerified: false, clientAddress: options.address ?? newAddress() }) }),
    );
  }
  const page = (code: string, cookie?: string, path = `/i/${code}`) =>
    outcome(() => phoneRoute.loader({ request: get(path, cookie), params: { code }, context: context() }));
  const receipt = (secret: string) => outcome(() => receiptRoute.loader({ request: get(`/r/${secret}`), params: { token: secret }, context: context() }));
  const secretOf = (location: string | null | undefined) => {
    const match = /^\/r\/([A-Za-z0-9_-]{43})\?new=1&lng=(en|ar)$/.exec(location ?? "");
    expect(match, `receipt redirect: ${location}`).not.toBeNull();
    return match![1]!;
  };
  const viewOf = async (secret: string) => ((await receipt(secret)).data as { receipt: { view: ReceiptView } }).receipt.view;

  it("shows the form with a key, a signed stamp and a device cookie, privately", async () => {
    const { challenge } = await setup();
    const res = await page(challenge.linkCode);
    expect(res.status).toBe(200);
    const data = res.data as { open: boolean; question: string; localityName: string; languages: string[]; submissionKey: string; stamp: string };
    expect(data).toMatchObject({ open: true, question: challenge.question, localityName: "Sparkbrook", languages: ["en", "ar"] });
    expect(data.submissionKey).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(data.stamp).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
    expect(res.headers?.get("Cache-Control")).toBe("no-store");
    expect(res.headers?.get("Referrer-Policy")).toBe("no-referrer");
    const setCookie = res.headers?.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(new RegExp(`^${cookieName(DEVICE_COOKIE)}=[A-Za-z0-9_-]{32}; Path=/; SameSite=Lax; HttpOnly`));
    expect(setCookie).toContain("Max-Age=");
    // A returning phone keeps its cookie; the link code is read case- and dash-insensitively.
    expect((await page(challenge.linkCode, `${cookieName(DEVICE_COOKIE)}=${newDevice()}`)).headers?.get("Set-Cookie")).toBeNull();
    const spaced = `${challenge.linkCode.slice(0, 4).toUpperCase()}-${challenge.linkCode.slice(4)}`;
    expect((await page(spaced)).status).toBe(200);
  });

  it("stores a pending phone idea once, with hashes instead of the device and address, and redirects to its receipt", async () => {
    const { challenge } = await setup();
    const device = newDevice();
    const address = "203.0.113.9";
    const key = newKey();
    const res = await send(challenge.linkCode, challenge.id, {
      fields: { text: "  نحتاج إلى مكان آمن يلعب فيه الأطفال بعد المدرسة\r\nمع الأمهات  ", language: "ar", name: "Amina", contact: "07700 900123" },
      device,
      address,
      key,
      path: `/i/${challenge.linkCode}?lng=ar`,
    });
    expect(res.status).toBe(303);
    const secret = secretOf(res.location);
    const ideas = await t.db.idea.findMany({ where: { challengeId: challenge.id } });
    expect(ideas).toHaveLength(1);
    const idea = ideas[0]!;
    expect(idea).toMatchObject({
      source: "phone",
      moderation: "pending",
      status: "new",
      text: "نحتاج إلى مكان آمن يلعب فيه الأطفال بعد المدرسة\nمع الأمهات",
      title: "نحتاج إلى مكان آمن يلعب فيه الأطفال بعد المدرسة مع الأمهات",
      language: "ar",
      contributorName: "Amina",
      contributorContact: "07700 900123",
      submissionKey: key,
      receiptHash: receiptHashOf(secret),
      localityId: challenge.localityId,
    });
    expect(idea.deviceHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(idea.addressHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(idea)).not.toContain(address);
    expect(JSON.stringify(idea)).not.toContain(device);
    expect(JSON.stringify(idea)).not.toContain(secret);
    expect(readSpamSignals(idea.spamSignals)).toEqual([]);

    // Sent again with the same key (a double tap, a retry): the same receipt, still one idea.
    const again = await send(challenge.linkCode, challenge.id, { device, address, key, fields: { text: "whatever the second copy says" } });
    expect(again.status).toBe(303);
    expect(secretOf(again.location)).toBe(secret);
    expect(await t.db.idea.count({ where: { challengeId: challenge.id } })).toBe(1);
  });

  it("gives concurrent repeats of one submission the same receipt and stores one idea", async () => {
    const { challenge } = await setup();
    const key = newKey();
    const device = newDevice();
    const results = await Promise.all(Array.from({ length: 6 }, () => send(challenge.linkCode, challenge.id, { key, device })));
    const secrets = results.map((r) => {
      expect(r.status).toBe(303);
      return secretOf(r.location);
    });
    expect(new Set(secrets).size).toBe(1);
    expect(await t.db.idea.count({ where: { challengeId: challenge.id } })).toBe(1);

    // Straight into the store, both past the "already sent?" check: the unique index decides, the loser gets the winner's receipt.
    const input = {
      challenge,
      idea: { text: "Raced", language: "en", name: null, contact: null },
      photo: null,
      submissionKey: newKey(),
      sender: senderHashes(newDevice(), newAddress()),
      stamp: "",
    };
    const raced = await Promise.all([storePhoneIdea(t.db, input), storePhoneIdea(t.db, input)]);
    expect(raced.map((r) => r.created).sort()).toEqual([false, true]);
    expect(raced[0]!.secret).toBe(raced[1]!.secret);
    expect(await t.db.idea.count({ where: { challengeId: challenge.id } })).toBe(2);
  });

  it("tells a robot that filled the honeypot it was sent, and stores nothing", async () => {
    const { challenge } = await setup();
    const res = await send(challenge.linkCode, challenge.id, { fields: { website: "http://buy.example" } });
    expect(res).toMatchObject({ status: 200, data: { outcome: "quiet" } });
    expect(await t.db.idea.count({ where: { challengeId: challenge.id } })).toBe(0);
  });

  it("refuses empty, oversized and binary text and bad contact fields next to the field, keeping everything typed", async () => {
    const { challenge } = await setup();
    const key = newKey();
    const refused = async (fields: Record<string, string>) => {
      const res = await send(challenge.linkCode, challenge.id, { fields: { name: "Layla", contact: "layla@example.org", ...fields }, key });
      expect(res.status).toBe(400);
      const data = res.data as Refused;
      expect(data.outcome).toBe("refused");
      expect(data.form.submissionKey).toBe(key);
      return data.form;
    };
    expect((await refused({ text: "   " })).errors).toEqual({ text: "required" });
    const long = "a".repeat(LIMITS.ideaText + 1);
    const tooLong = await refused({ text: long });
    expect(tooLong.errors).toEqual({ text: "tooLong" });
    expect(tooLong.values).toMatchObject({ text: long, name: "Layla", contact: "layla@example.org", language: "en" });
    const binary = "\u0000\u0001PK\u0003\u0004 garbage";
    expect(await refused({ text: binary })).toMatchObject({ errors: { text: "binary" }, values: { text: binary } });
    expect((await refused({ text: "fine", name: "n".repeat(LIMITS.contributorName + 1) })).errors).toEqual({ name: "tooLong" });
    expect(await t.db.idea.count({ where: { challengeId: challenge.id } })).toBe(0);
  });

  it("refuses a photo that is not an image (text kept), and stores a real one without EXIF or GPS", async () => {
    const { challenge } = await setup();
    const notImage = await send(challenge.linkCode, challenge.id, {
      fields: { text: "Bench by the pond" },
      photo: new File(["<html>not a photo</html>"], "photo.jpg", { type: "image/jpeg" }),
    });
    expect(notImage.status).toBe(400);
    expect((notImage.data as Refused).form).toMatchObject({ errors: { photo: "notImage" }, values: { text: "Bench by the pond" } });
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: "blue" } })
      .gif()
      .toBuffer();
    expect(((await send(challenge.linkCode, challenge.id, { photo: new File([gif], "x.gif") })).data as Refused).form.errors).toEqual({ photo: "photoType" });
    expect(await t.db.idea.count({ where: { challengeId: challenge.id } })).toBe(0);

    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 20, g: 120, b: 60 } } })
      .jpeg()
      .withExif({
        IFD0: { Make: "PhoneCo", Copyright: "Family photo" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "52/1 28/1 0/1", GPSLongitudeRef: "W", GPSLongitude: "1/1 52/1 0/1" },
      })
      .toBuffer();
    const exif = (await sharp(jpeg).metadata()).exif!;
    const bigEndian = exif.includes(Buffer.from("MM\0*"));
    expect(exif.includes(Buffer.from(bigEndian ? [0x88, 0x25] : [0x25, 0x88]))).toBe(true); // the GPS block is really there
    const sent = await send(challenge.linkCode, challenge.id, {
      fields: { text: "Bench by the pond" },
      photo: new File([jpeg], "pond.jpg", { type: "image/jpeg" }),
    });
    expect(sent.status).toBe(303);
    const idea = await t.db.idea.findFirstOrThrow({ where: { challengeId: challenge.id }, include: { photo: true } });
    expect(idea.photo).toMatchObject({ mimeType: "image/jpeg", width: 40, height: 30 });
    const stored = Buffer.from(idea.photo!.bytes);
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(stored.includes(Buffer.from("PhoneCo"))).toBe(false);
    expect(stored.includes(Buffer.from("Exif\0\0"))).toBe(false);
  });

  it("says a closed link is closed, also after its closing date, and takes nothing", async () => {
    const { challenge } = await setup();
    await t.db.challenge.update({ where: { id: challenge.id }, data: { linkOpen: false } });
    expect(await page(challenge.linkCode)).toMatchObject({ status: 410, data: { open: false } });
    expect(await send(challenge.linkCode, challenge.id)).toMatchObject({ status: 410, data: { outcome: "closed" } });
    await t.db.challenge.update({ where: { id: challenge.id }, data: { linkOpen: true, closesAt: new Date(Date.now() - 60_000) } });
    expect(await page(challenge.linkCode)).toMatchObject({ status: 410, data: { open: false } });
    expect(await send(challenge.linkCode, challenge.id)).toMatchObject({ status: 410, data: { outcome: "closed" } });
    await t.db.challenge.update({ where: { id: challenge.id }, data: { closesAt: new Date(Date.now() + 3_600_000) } });
    expect((await send(challenge.linkCode, challenge.id)).status).toBe(303);
    expect(await t.db.idea.count({ where: { challengeId: challenge.id } })).toBe(1);
  });

  it("answers an unknown or rotated code with 404, and the new code works", async () => {
    const { challenge } = await setup();
    expect((await page("zzzzzzzz")).status).toBe(404);
    expect((await page("not-a-code!")).status).toBe(404);
    expect((await send("zzzzzzzz", challenge.id)).status).toBe(404);
    const old = challenge.linkCode;
    const fresh = old === "23456789" ? "98765432" : "23456789";
    await t.db.challenge.update({ where: { id: challenge.id }, data: { linkCode: fresh } });
    expect((await page(old)).status).toBe(404);
    expect((await send(old, challenge.id)).status).toBe(404);
    expect((await page(fresh)).status).toBe(200);
    expect((await send(fresh, challenge.id)).status).toBe(303);
  });

  it("asks a browser whose form token went stale to send again, keeping the text", async () => {
    const { challenge } = await setup();
    const res = await send(challenge.linkCode, challenge.id, { fields: { text: "Keep me" }, csrf: "stale" });
    expect(res.status).toBe(403);
    expect((res.data as Refused).form).toMatchObject({ sendAgain: true, values: { text: "Keep me" } });
    expect(await t.db.idea.count({ where: { challengeId: challenge.id } })).toBe(0);
  });

  it("answers 429 after 10 ideas from one device in an hour (with Retry-After, text kept); refused sends do not count", async () => {
    const { challenge } = await setup();
    const device = newDevice();
    for (let i = 0; i < 3; i++) expect((await send(challenge.linkCode, challenge.id, { device, fields: { text: "" } })).status).toBe(400);
    expect((await send(challenge.linkCode, challenge.id, { device, fields: { website: "x" } })).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await send(challenge.linkCode, challenge.id, { device, fields: { text: `Idea number ${i}` } })).status).toBe(303);
    const limited = await send(challenge.linkCode, challenge.id, { device, fields: { text: "One more idea", name: "Sam" } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers?.get("Retry-After"))).toBeGreaterThan(3000);
    expect((limited.data as Refused).form).toMatchObject({ limitedMinutes: 60, values: { text: "One more idea", name: "Sam" } });
    expect(await t.db.idea.count({ where: { challengeId: challenge.id } })).toBe(10);
    // Another phone on the same wifi is not held back by this one.
    expect((await send(challenge.linkCode, challenge.id, { fields: { text: "From the next parent" } })).status).toBe(303);
  });

  it("answers 429 after 60 ideas from one address, whatever the device", async () => {
    const { challenge } = await setup();
    const address = newAddress();
    for (let i = 0; i < 60; i++) expect((await send(challenge.linkCode, challenge.id, { address, fields: { text: `Parent idea ${i}` } })).status).toBe(303);
    const limited = await send(challenge.linkCode, challenge.id, { address });
    expect(limited.status).toBe(429);
    expect(limited.headers?.get("Retry-After")).toMatch(/^\d+$/);
    expect((await send(challenge.linkCode, challenge.id, { address: newAddress() })).status).toBe(303);
  });

  it("records spam signals: links, shouting, fast, no letters, repeated text and a burst from one device", async () => {
    const { challenge } = await setup();
    const device = newDevice();
    const signalsOf = async (fields: Record<string, string>, dev = newDevice()) => {
      const res = await send(challenge.linkCode, challenge.id, { fields, device: dev });
      const idea = await t.db.idea.findFirstOrThrow({ where: { receiptHash: receiptHashOf(secretOf(res.location)) } });
      return readSpamSignals(idea.spamSignals);
    };
    expect(await signalsOf({ text: "Cheap loans at https://loans.example.test" })).toEqual(["links"]);
    expect(await signalsOf({ text: "FIX THE PLAYGROUND GATE PLEASE" })).toEqual(["shouting"]);
    expect(await signalsOf({ text: "Sent too quickly", stamp: pageStamp(challenge.id) })).toEqual(["fast"]);
    expect(await signalsOf({ text: "A forged stamp", stamp: `${Date.now() - 60_000}.${"A".repeat(43)}` })).toEqual(["fast"]);
    expect(await signalsOf({ text: "12345 !!!" })).toEqual(["noLetters"]);
    expect(await signalsOf({ text: "cheap loans AT https://loans.example.test!" })).toEqual(["links", "repeated"]);
    expect(await signalsOf({ text: "First from this phone" }, device)).toEqual([]);
    expect(await signalsOf({ text: "Second from this phone" }, device)).toEqual([]);
    expect(await signalsOf({ text: "Third from this phone" }, device)).toEqual(["burst"]);
  });

  it("shows the receipt following the idea: received, on the board, voted on, prototyping; rejected, hidden, merged", async () => {
    const { challenge } = await setup();
    const board = { localityId: challenge.localityId, boardId: challenge.boardId };
    const res = await send(challenge.linkCode, challenge.id, {
      fields: { text: "Coffee mornings in Arabic and English", name: "Private Name", contact: "private@example.org" },
    });
    const secret = secretOf(res.location);
    const idea = await t.db.idea.findFirstOrThrow({ where: { receiptHash: receiptHashOf(secret) } });

    const first = await receipt(secret);
    expect(first.status).toBe(200);
    expect(first.headers?.get("Cache-Control")).toBe("no-store");
    expect(first.headers?.get("Referrer-Policy")).toBe("no-referrer");
    const shown = first.data as { receipt: { question: string; text: string; localityName: string; linkCode: string | null; view: ReceiptView } };
    expect(shown.receipt).toMatchObject({
      question: challenge.question,
      text: "Coffee mornings in Arabic and English",
      localityName: "Sparkbrook",
      linkCode: challenge.linkCode,
    });
    expect(shown.receipt.view).toEqual({ kind: "progress", reached: "received", dots: null, shortlisted: false, parked: false });
    const json = JSON.stringify(first.data);
    expect(json).not.toContain("Private Name");
    expect(json).not.toContain("private@example.org");

    // Approved: on the board (the note placed through the collab API).
    const noteId = await placeIdeaNote(board, { id: idea.id, localityId: idea.localityId, text: idea.text });
    await t.db.idea.update({ where: { id: idea.id }, data: { moderation: "published", noteId } });
    expect(await viewOf(secret)).toMatchObject({ kind: "progress", reached: "onBoard", dots: null });

    // Voted on, with hidden results while the vote hides them.
    await applyServerChange(boardDocName(board.localityId, board.boardId), (doc) => {
      openVoting(doc, 3, true);
      placeDot(doc, "voter-1", noteId);
      placeDot(doc, "voter-1", noteId);
      placeDot(doc, "voter-2", noteId);
    });
    expect(await viewOf(secret)).toMatchObject({ reached: "onBoard", dots: null });
    await applyServerChange(boardDocName(board.localityId, board.boardId), (doc) => openVoting(doc, 3, false));
    expect(await viewOf(secret)).toMatchObject({ reached: "votedOn", dots: 3 });

    await t.db.idea.update({ where: { id: idea.id }, data: { status: "shortlisted" } });
    expect(await viewOf(secret)).toMatchObject({ reached: "votedOn", shortlisted: true });
    await t.db.prototype.create({ data: { localityId: idea.localityId, ideaId: idea.id, title: idea.title } });
    expect(await viewOf(secret)).toMatchObject({ reached: "prototyping", dots: 3 });

    await t.db.idea.update({ where: { id: idea.id }, data: { moderation: "hidden" } });
    expect(await viewOf(secret)).toEqual({ kind: "underReview" });
    await t.db.idea.update({ where: { id: idea.id }, data: { moderation: "rejected", rejectionReason: "Already offered by the library" } });
    expect(await viewOf(secret)).toEqual({ kind: "notTakenForward", reason: "Already offered by the library" });

    // Merged into a similar published idea: its progress.
    const target = await t.db.idea.create({
      data: {
        localityId: idea.localityId,
        challengeId: challenge.id,
        source: "board",
        moderation: "published",
        title: "Coffee mornings",
        text: "Coffee mornings",
      },
    });
    const targetNote = await placeIdeaNote(board, { id: target.id, localityId: target.localityId, text: target.text });
    await t.db.idea.update({ where: { id: target.id }, data: { noteId: targetNote } });
    await applyServerChange(boardDocName(board.localityId, board.boardId), (doc) => placeDot(doc, "voter-3", targetNote));
    await t.db.idea.update({ where: { id: idea.id }, data: { moderation: "merged", mergedIntoId: target.id, rejectionReason: null } });
    expect(await viewOf(secret)).toEqual({ kind: "merged", into: { kind: "progress", reached: "votedOn", dots: 1, shortlisted: false, parked: false } });
    // A merge cycle does not loop.
    await t.db.idea.update({ where: { id: target.id }, data: { moderation: "merged", mergedIntoId: idea.id } });
    expect(await viewOf(secret)).toEqual({ kind: "merged", into: null });

    // The link closed: no "send another" link.
    await t.db.challenge.update({ where: { id: challenge.id }, data: { linkOpen: false } });
    expect(((await receipt(secret)).data as { receipt: { linkCode: string | null } }).receipt.linkCode).toBeNull();
  });

  it("serves the QR poster and its SVG to everyone in the locality, role by role, with the public link per language", async () => {
    const g = await makeGroup(t.db, { locality: "Longbridge", facilitator: "Amira", member: "Karen", member2: "Darren", viewer: "Tom", outsider: "Olu" });
    const challenge = await makeChallenge(t.db, { localityId: g.loc.id, languages: "en,ar" });
    const params = { localityId: g.loc.id, challengeId: challenge.id };
    const poster = (cookie?: string, challengeId = challenge.id) =>
      outcome(() =>
        posterRoute.loader({ request: get(`/l/${g.loc.id}/challenges/${challengeId}/poster`, cookie), params: { ...params, challengeId }, context: context() }),
      );
    const svg = (cookie?: string, lng = "ar") =>
      outcome(() => qrRoute.loader({ request: get(`/l/${g.loc.id}/challenges/${challenge.id}/qr.svg?lng=${lng}`, cookie), params, context: context() }));
    const anon = await poster();
    expect(anon.status).toBe(302);
    expect(anon.location).toMatch(/^\/sign-in/);
    expect((await poster(g.cookies.outsider)).status).toBe(404);
    for (const who of ["viewer", "member", "facilitator"] as const) expect((await poster(g.cookies[who])).status, who).toBe(200);
    expect((await poster(g.cookies.facilitator, "nope")).status).toBe(404);
    const other = await makeChallenge(t.db, { localityId: g.other.id });
    expect((await poster(g.cookies.facilitator, other.id)).status).toBe(404);

    const data = (await poster(g.cookies.viewer)).data as {
      short: string;
      blocks: { lang: string; dir: string; url: string; qr: string; invitation: string }[];
    };
    expect(data.short).toBe(`localhost:3000/i/${challenge.linkCode}`);
    expect(data.blocks.map((b) => [b.lang, b.dir, b.url])).toEqual([
      ["en", "ltr", `${BASE}/i/${challenge.linkCode}?lng=en`],
      ["ar", "rtl", `${BASE}/i/${challenge.linkCode}?lng=ar`],
    ]);
    expect(data.blocks[1]!.invitation).toContain("امسح الرمز");
    expect(data.blocks[0]!.qr).toMatch(/^data:image\/svg\+xml;base64,/);

    expect((await svg()).status).toBe(302);
    expect((await svg(g.cookies.outsider)).status).toBe(404);
    const file = await qrRoute.loader({
      request: get(`/l/${g.loc.id}/challenges/${challenge.id}/qr.svg?lng=ar`, g.cookies.member),
      params,
      context: context(),
    });
    expect(file.headers.get("Content-Type")).toContain("image/svg+xml");
    expect(file.headers.get("Content-Disposition")).toBe(`attachment; filename="idea-link-${challenge.linkCode}-ar.svg"`);
    expect(await file.text()).toMatch(/^<svg /);
    expect((await svg(g.cookies.viewer, "xx")).status).toBe(200);
  });

  it("answers an unknown or malformed receipt with 404", async () => {
    expect((await receipt(crypto.randomBytes(32).toString("base64url"))).status).toBe(404);
    expect((await receipt("short")).status).toBe(404);
  });
});

describe("idea rate limits through Redis", () => {
  it("holds one count across two instances", async () => {
    const url = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
    const prefix = `test-idea-${crypto.randomBytes(4).toString("hex")}`;
    const a = createIdeaRateLimits({ perDevice: 2, perAddress: 5, redisUrl: url, prefix });
    const b = createIdeaRateLimits({ perDevice: 2, perAddress: 5, redisUrl: url, prefix });
    try {
      await Promise.all([a.ready(), b.ready()]);
      const keys = { deviceHash: "device-1", addressHash: "address-1" };
      expect(await b.check(keys)).toEqual({ allowed: true });
      await a.record(keys);
      await b.record(keys);
      const check = await a.check(keys);
      expect(check.allowed).toBe(false);
      expect(await b.check({ deviceHash: "device-2", addressHash: "address-1" })).toEqual({ allowed: true });
      // Memory-only instances do not share.
      const c = createIdeaRateLimits({ perDevice: 2, perAddress: 5, prefix });
      expect(await c.check(keys)).toEqual({ allowed: true });
    } finally {
      await a.close();
      await b.close();
    }
  });
});
