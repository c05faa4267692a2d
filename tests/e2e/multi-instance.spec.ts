// Several instances, proven: two web instances (server.ts) and two collaboration servers
// (collab-server/main.ts) on a fresh PostgreSQL database and Redis, behind nginx (or, where nginx
// is not installed, a Node proxy — said in the output), started here and stopped at the end,
// each proven gone. Two browsers whose pages are served by different web instances (pinned with
// a header the proxy routes on): a board edit, a moderation approval, a story-text signal and a
// locked board reach the other side; sign-in failures on one instance count on the other; one
// collaboration server is killed (SIGKILL, the real process) and its browser reconnects to the
// other with every note acknowledged as saved before the kill still there. The two browsers'
// boards are on different collaboration servers (so edits and the lock also cross servers,
// through Redis). Boards are read in the outline view: the canvas renders only the notes near
// its visible area. Figures are printed with the prefix "multi-instance:". Not the shared e2e
// server: this suite runs its own (own ports, own PostgreSQL database, Redis database 11).
import crypto from "node:crypto";
import pg from "pg";
import * as Y from "yjs";
import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { alive, freePort, startRealServer, type RealServer } from "../setup/real-server";
import { PG_ADMIN_URL, postgresAvailable } from "../setup/postgres";
import { TEST_REDIS_URL, redisAvailable } from "../setup/redis";
import { startReverseProxy, type ReverseProxy } from "./support/reverse-proxy";
import { seedChallenge } from "./support/challenges";
import { seedPendingIdeas } from "./support/ideas-seed";
import { seedCodingStory } from "./support/analysis";
import { DEMO_PASSWORD } from "./support/app";
import { hydrated } from "./support/page";
import { createPgStore } from "../../collab-server/persistence/pg-store";
import { boardDocName } from "../../app/collab/names";
import { listNotes } from "../../app/collab/board";

const ready = (await postgresAvailable("the multi-instance test is")) && (await redisAvailable("the multi-instance test is"));
// Redis database 11: this suite's keys (sign-in counts, compaction locks) stay apart from others'.
const REDIS_URL = `${TEST_REDIS_URL.replace(/\/\d*$/, "")}/11`;
const COLLAB = { script: "collab-server/main.ts", portVariable: "COLLAB_PORT", readyPath: "/collab/healthz" };
const ACCOUNTS = { facilitator: "facilitator@coproduce.test", member: "member.longbridge@coproduce.test", viewer: "viewer@coproduce.test" };

const say = (line: string) => console.log(`multi-instance: ${line}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

type Browsers = { context: BrowserContext; page: Page; sockets: Array<{ url: string; closed: boolean }> };

/**
 * Console errors of the two browsers that live through every test (opened in beforeAll, so the
 * fixtures' per-test watch does not see them): checked after each test; `allow` lets through
 * those the current test provokes on purpose.
 */
const longLived = {
  found: [] as string[],
  allowed: [] as RegExp[],
  watch(context: BrowserContext) {
    context.on("console", (message) => {
      if (message.type() !== "error") return;
      const seen = `${message.text()} (${message.location().url.split("#")[0] || message.page()?.url() || "?"})`;
      if (!this.allowed.some((pattern) => pattern.test(seen))) this.found.push(seen);
    });
    context.on("weberror", (error) => this.found.push(`uncaught: ${error.error().message}`));
  },
  allow(...patterns: RegExp[]) {
    this.allowed.push(...patterns);
  },
};

test.describe("several instances behind a reverse proxy", () => {
  // Only a newcomer's machine without the services gets here with ready = false: under CI=true
  // postgresAvailable and redisAvailable throw instead, so the test can never be skipped there.
  test.skip(!ready, "PostgreSQL or Redis is not running (see the warning above)");
  test.describe.configure({ mode: "serial", timeout: 90_000 });

  const secret = crypto.randomBytes(24).toString("hex");
  const database = `coproduce_multi_${process.pid}_${crypto.randomBytes(3).toString("hex")}`;
  const databaseUrl = Object.assign(new URL(PG_ADMIN_URL), { pathname: `/${database}` }).toString();
  let web: Record<"a" | "b", RealServer>;
  let collab: RealServer[] = [];
  let proxy: ReverseProxy;
  let localityId: string;
  let boardPath: string;
  let a: Browsers; // the facilitator, pages from web instance a
  let b: Browsers; // a member, pages from web instance b
  let longLivedBrowsers = false;

  async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  /** A browser context whose pages the proxy sends to one web instance, signed in. */
  async function browserOn(browser: Browser, instance: "a" | "b", email: string): Promise<Browsers> {
    const context = await browser.newContext({ baseURL: proxy.url, extraHTTPHeaders: { "X-Coproduce-Instance": instance } });
    if (longLivedBrowsers) longLived.watch(context);
    const res = await context.request.post("/sign-in", { form: { email, password: DEMO_PASSWORD }, headers: { Origin: proxy.url }, maxRedirects: 0 });
    expect(res.status(), `sign-in of ${email} on ${instance}`).toBe(302);
    const page = await context.newPage();
    const sockets: Browsers["sockets"] = [];
    page.on("websocket", (ws) => {
      const entry = { url: ws.url(), closed: false };
      sockets.push(entry);
      ws.on("close", () => (entry.closed = true));
    });
    return { context, page, sockets };
  }

  /** Which collab server (1 or 2) the page's open board socket goes to. */
  const collabOf = (who: Browsers) => {
    const open = who.sockets.filter((s) => !s.closed && /\/collab-\d\//.test(s.url));
    return open.length ? Number(/\/collab-(\d)\//.exec(open[open.length - 1]!.url)![1]) : 0;
  };

  /** The texts of the board's notes as stored in PostgreSQL (the collab log and snapshot), read by this process. */
  async function storedNoteTexts(): Promise<string[]> {
    const store = createPgStore(databaseUrl);
    try {
      const loaded = await store.load(boardDocName(localityId, boardPath.split("/").pop()!));
      const doc = new Y.Doc();
      for (const update of loaded.updates) Y.applyUpdate(doc, update);
      return listNotes(doc).map((n) => n.text);
    } finally {
      await store.close();
    }
  }

  const signInStatus = (api: APIRequestContext, email: string, password: string) =>
    api.post("/sign-in", { form: { email, password }, headers: { Origin: proxy.url }, maxRedirects: 0 }).then((r) => r.status());

  /** Opens the board in the outline view (every note in the page; the canvas renders only those near its visible area). */
  async function openBoard(who: Browsers) {
    await who.page.goto(boardPath);
    await expect(who.page.locator(".board-app")).toBeVisible({ timeout: 15_000 });
    const outline = who.page.getByRole("button", { name: "Outline", exact: true });
    if ((await outline.getAttribute("aria-pressed")) !== "true") await outline.click();
    await expect(who.page.locator(".board-outline")).toBeVisible({ timeout: 15_000 });
    await expect(who.page.locator(".board-status")).toHaveText(/Saved/, { timeout: 15_000 });
  }

  async function addNote(page: Page, text: string) {
    await page.getByLabel("Note", { exact: true }).fill(text);
    await page.getByRole("button", { name: "Add note" }).click();
  }

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000);
    const started = Date.now();
    await admin((c) => c.query(`CREATE DATABASE "${database}"`));
    const proxyPort = await freePort();
    const internal = [await freePort(), await freePort()];
    const proxyUrl = `http://127.0.0.1:${proxyPort}`;
    const common = { DATABASE_URL: databaseUrl, SESSION_SECRET: secret, REDIS_URL, LOG_LEVEL: "info", NODE_ENV: "production", COOKIE_SECURE: "false" };
    const webEnv = {
      ...common,
      TRUST_PROXY: "true",
      COLLAB_PUBLIC_URL: `ws://127.0.0.1:${proxyPort}/collab-1, ws://127.0.0.1:${proxyPort}/collab-2`,
      COLLAB_INTERNAL_URL: internal.map((p) => `http://127.0.0.1:${p}`).join(","),
    };
    // Start order: the first web instance migrates the empty database (and seeds the demo), then
    // the collaboration servers, then the other web instance.
    const first = await startRealServer({ ...webEnv, SEED_DEMO: "true" });
    collab = await Promise.all(internal.map((p) => startRealServer({ ...common, INTERNAL_PORT: String(p), ALLOWED_ORIGINS: proxyUrl }, COLLAB)));
    const second = await startRealServer({ ...webEnv, SEED_DEMO: "false" });
    web = { a: first, b: second };
    proxy = await startReverseProxy({ web: { a: first.port, b: second.port }, collab: collab.map((c) => c.port) }, proxyPort);
    say(
      proxy.kind === "nginx"
        ? `proxy: nginx (pids ${proxy.pids().join(", ")}) on ${proxy.url}`
        : "proxy: nginx is NOT installed here; a Node proxy (tests/e2e/support/reverse-proxy.ts) stands in for it",
    );
    say(
      `2 web instances (pids ${first.pid}, ${second.pid}) and 2 collab servers (pids ${collab.map((c) => c.pid).join(", ")}) up in ${Date.now() - started} ms`,
    );

    localityId = await admin(async () => {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      const row = await c.query<{ id: string }>(`SELECT id FROM "Locality" WHERE name = 'Longbridge'`);
      await c.end();
      return row.rows[0]!.id;
    });
    longLivedBrowsers = true;
    a = await browserOn(browser, "a", ACCOUNTS.facilitator);
    b = await browserOn(browser, "b", ACCOUNTS.member);
    longLivedBrowsers = false;
    const created = await a.context.request.post(`/l/${localityId}/boards?index`, {
      form: { title: "Across instances", purpose: "ideas" },
      headers: { Origin: proxy.url },
      maxRedirects: 0,
    });
    expect(created.status()).toBe(302);
    boardPath = created.headers().location!;
  });

  test.afterEach(() => {
    const found = longLived.found.splice(0);
    longLived.allowed.length = 0;
    expect(found, "console errors and uncaught exceptions in the two browsers").toEqual([]);
  });

  test.afterAll(async () => {
    await a?.context.close();
    await b?.context.close();
    const processes = [proxy, web?.a, web?.b, ...collab].filter(Boolean) as Array<{ stop(): Promise<void> }>;
    for (const p of processes) await p.stop();
    const pids = [...(proxy?.pids() ?? []), web?.a?.pid, web?.b?.pid, ...collab.map((c) => c.pid)].filter((p): p is number => typeof p === "number");
    expect(pids.filter(alive)).toEqual([]);
    say(`stopped: ${pids.length} processes, none left running`);
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
  });

  test("a board edit reaches the browser on the other instance, both ways", async () => {
    await openBoard(a);
    await openBoard(b);
    // Each token request turns the list of collab addresses by one: reopen b's board until it
    // is on the other collab server than a's, so edits cross collab servers too (through Redis).
    for (let tries = 0; tries < 3 && collabOf(b) === collabOf(a); tries++) await openBoard(b);
    expect([collabOf(a), collabOf(b)].sort()).toEqual([1, 2]);
    const latencies: number[] = [];
    for (let i = 1; i <= 5; i++) {
      const [from, to] = i % 2 ? [a, b] : [b, a];
      const text = `Edit ${i} across instances`;
      const sent = Date.now();
      await addNote(from.page, text);
      await expect(to.page.locator(".board-app").getByText(text, { exact: true }).first()).toBeVisible({ timeout: 10_000 });
      latencies.push(Date.now() - sent);
    }
    say(
      `board edits propagated between the instances' browsers: ${latencies.length}/5, latency median ${median(latencies)} ms, max ${Math.max(...latencies)} ms (browser a on collab ${collabOf(a)}, b on collab ${collabOf(b)})`,
    );
  });

  test("a phone idea approved on one instance appears on the board open on the other, and the request id reaches the collab server's log", async () => {
    const challenge = seedChallenge(localityId, { question: "How might we share lifts to the centre?", databaseUrl });
    const text = `A lift rota on the school gate board ${crypto.randomBytes(3).toString("hex")}`;
    seedPendingIdeas(challenge.challengeId, [{ text }], databaseUrl);
    const board = await b.context.newPage();
    await board.goto(`/l/${localityId}/boards/${challenge.boardId}`);
    await expect(board.locator(".board-status")).toHaveText(/Saved/, { timeout: 15_000 });
    const queue = await a.context.newPage();
    await queue.goto(`/l/${localityId}/challenges/${challenge.challengeId}/moderation`);
    await hydrated(queue);
    const card = queue.locator("article.review-card").filter({ has: queue.locator("blockquote", { hasText: text }) });
    const answered = queue.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/moderation"));
    const sent = Date.now();
    await card.getByRole("button", { name: "Approve and put on the board" }).click();
    const requestId = (await answered).headers()["x-request-id"] ?? "";
    await expect(queue.getByRole("status").getByText("Approved: the idea is on the board.")).toBeVisible();
    await expect(board.locator(".board-app").getByText(text, { exact: true }).first()).toBeVisible({ timeout: 15_000 });
    say(`moderation approval on instance a reached the board on instance b in ${Date.now() - sent} ms`);
    expect(requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    // The web instance's server-side edit went to a collab server's internal API with the same id.
    await expect
      .poll(() =>
        collab.some((c) =>
          c
            .log()
            .split("\n")
            .some((line) => line.includes(`"reqId":"${requestId}"`) && line.includes('"op":"update"')),
        ),
      )
      .toBe(true);
    say(`request id ${requestId} is on web a's answer and on the collab server's "collab internal call" line`);
    await board.close();
    await queue.close();
  });

  test("a story's text typed through one instance is signalled to the page open on the other (Redis)", async () => {
    const story = seedCodingStory(localityId, { databaseUrl });
    const coding = await b.context.newPage();
    const stream = coding.waitForResponse((r) => r.url().endsWith(`/stories/${story.storyId}/events`));
    await coding.goto(`/l/${localityId}/stories/${story.storyId}/code`);
    await hydrated(coding);
    await expect(coding.locator('[data-live="connected"]')).toHaveCount(1);
    // The page's live stream (an EventSource) carries the pin too, so web instance b serves it:
    // the signal crosses from the collab server through Redis to the other web instance.
    const streamResponse = await stream;
    expect((await streamResponse.request().allHeaders())["x-coproduce-instance"]).toBe("b");
    const streamId = streamResponse.headers()["x-request-id"] ?? "";
    expect(streamId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    const editor = await a.context.newPage();
    await editor.goto(`/l/${localityId}/stories/${story.storyId}/text`);
    const prose = editor.locator('.document-editor-frame[data-ready="true"] .ProseMirror');
    await expect(prose).toBeVisible({ timeout: 15_000 });
    const words = `Added across instances ${crypto.randomBytes(3).toString("hex")}`;
    await prose.click();
    await editor.keyboard.press("Control+End");
    const sent = Date.now();
    await editor.keyboard.type(` ${words}`);
    await expect(coding.locator("[data-coding-text]")).toContainText(words, { timeout: 15_000 });
    say(`story-text signal: typed on instance a's page, shown on instance b's coding page in ${Date.now() - sent} ms`);
    await coding.close();
    await editor.close();
    // The stream's log line (written when it closes) is in web b's log, not in web a's.
    const servedBy = (server: RealServer) => server.log().includes(`"id":"${streamId}"`);
    await expect.poll(() => servedBy(web.b)).toBe(true);
    expect(servedBy(web.a)).toBe(false);
    say(`story-text signal: the coding page's event stream (request ${streamId}) was served by web instance b`);
  });

  test("locking the board on one instance makes the member's board on the other read-only (across collab servers), unlocking gives it back", async () => {
    expect(collabOf(a)).not.toBe(collabOf(b));
    const sent = Date.now();
    await a.page.getByRole("button", { name: "Lock the board" }).click();
    await expect(a.page.getByRole("button", { name: "Unlock the board" })).toBeVisible();
    await expect(b.page.getByText(/A facilitator has locked this board/)).toBeVisible({ timeout: 15_000 });
    await expect(b.page.getByRole("button", { name: "Add note" })).toHaveCount(0);
    say(`locked board: locked on instance a (collab ${collabOf(a)}), read-only on instance b (collab ${collabOf(b)}) ${Date.now() - sent} ms after the click`);
    await a.page.getByRole("button", { name: "Unlock the board" }).click();
    await expect(b.page.getByRole("button", { name: "Add note" })).toBeVisible({ timeout: 15_000 });
    await expect(b.page.getByText(/A facilitator has locked this board/)).toHaveCount(0);
    await expect(b.page.locator(".board-status")).toHaveText(/Saved/, { timeout: 10_000 });
  });

  test("a collaboration server killed with SIGKILL: its browser reconnects to the other, nothing acknowledged is lost", async ({ browser, consoleErrors }) => {
    const acknowledged: string[] = [];
    for (const [who, name] of [
      [b, "member"],
      [a, "facilitator"],
    ] as const) {
      for (let i = 1; i <= 3; i++) {
        const text = `Saved by the ${name} before the kill ${i}`;
        await addNote(who.page, text);
        await expect(who.page.locator(".board-app").getByText(text, { exact: true }).first()).toBeVisible();
        await expect(who.page.locator(".board-status")).toHaveText(/Saved/, { timeout: 10_000 });
        acknowledged.push(text);
      }
    }
    const victimIndex = collabOf(b);
    expect([1, 2]).toContain(victimIndex);
    const victim = collab[victimIndex - 1]!;
    const other = victimIndex === 1 ? 2 : 1;
    expect(collabOf(a), "the facilitator's board is on the other collab server").toBe(other);
    // "Saved" means stored: every acknowledged note is in PostgreSQL before the kill (nothing
    // a browser sends again after it can stand in for a lost write here).
    const storedBefore = await storedNoteTexts();
    expect(acknowledged.filter((text) => !storedBefore.includes(text))).toEqual([]);
    // Killing the member's server makes the browser's attempts at that address fail (nginx
    // answers 502 for it) until it moves on: those console errors are expected, nothing else.
    const deadAddress = new RegExp(`WebSocket connection to 'ws://127\\.0\\.0\\.1:${proxy.port}/collab-${victimIndex}/`);
    longLived.allow(deadAddress);
    consoleErrors.allow(deadAddress);
    const socketsBefore = b.sockets.length;

    const killedAt = Date.now();
    process.kill(victim.pid, "SIGKILL");
    await expect.poll(() => alive(victim.pid)).toBe(false);
    say(`collab server ${victimIndex} (pid ${victim.pid}, node --import tsx collab-server/main.ts) killed with SIGKILL; pid gone`);

    // The member's board moves to the other server and is saved there.
    await expect.poll(() => b.sockets.slice(socketsBefore).some((s) => !s.closed && s.url.includes(`/collab-${other}/`)), { timeout: 20_000 }).toBe(true);
    await expect(b.page.locator(".board-status")).toHaveText(/Saved/, { timeout: 20_000 });
    const reconnectMs = Date.now() - killedAt;
    const afterKill = "Written after the kill";
    await addNote(b.page, afterKill);
    await expect(a.page.locator(".board-app").getByText(afterKill, { exact: true }).first()).toBeVisible({ timeout: 20_000 });
    await expect(b.page.locator(".board-status")).toHaveText(/Saved/, { timeout: 10_000 });
    say(
      `reconnect after the kill: the member's board saved on collab server ${other} ${reconnectMs} ms after SIGKILL; an edit after it reached the other browser`,
    );

    // The proxy's collab upstream skips the dead server (passive health check).
    const health = await Promise.all([1, 2, 3, 4].map(() => fetch(`${proxy.url}/collab/healthz`).then((r) => r.status)));
    expect(health).toEqual([200, 200, 200, 200]);

    // A fresh browser (no offline copy) reads the board from the surviving server: everything acknowledged is there.
    const fresh = await browserOn(browser, "b", ACCOUNTS.facilitator);
    await openBoard(fresh);
    for (const text of [...acknowledged, afterKill]) await expect(fresh.page.locator(".board-app").getByText(text, { exact: true }).first()).toBeVisible();
    const storedAfter = await storedNoteTexts();
    expect([...acknowledged, afterKill].filter((text) => !storedAfter.includes(text))).toEqual([]);
    say(
      `durable: ${acknowledged.length}/${acknowledged.length} notes acknowledged before the kill stored in PostgreSQL before it, and present after it (a fresh browser and the stored log)`,
    );
    await fresh.context.close();
  });

  test("sign-in failures on one instance count on the other", async ({ playwright }) => {
    // Each attempt in its own request context: a session cookie from an earlier success would
    // make the sign-in page redirect a signed-in person home whatever the attempt's answer.
    const attempt = async (instance: "a" | "b", password: string) => {
      const api = await playwright.request.newContext({ baseURL: proxy.url, extraHTTPHeaders: { "X-Coproduce-Instance": instance } });
      try {
        return await signInStatus(api, ACCOUNTS.viewer, password);
      } finally {
        await api.dispose();
      }
    };
    expect(await attempt("b", DEMO_PASSWORD)).toBe(302);
    const failures: number[] = [];
    for (let i = 0; i < 5; i++) failures.push(await attempt("a", "not-the-password"));
    expect(failures).toEqual([400, 400, 400, 400, 400]);
    expect(await attempt("b", DEMO_PASSWORD)).toBe(429);
    say("sign-in: 5 failures on instance a, then the right password refused on instance b (429)");
  });
});
