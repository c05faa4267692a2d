// What a stranger meets at the door of the real server (server.ts as `npm start` runs it): methods
// the app does not serve, the metrics and internal endpoints, event streams asked for the wrong
// way, and what the log keeps of a full flow (sign-in, invitation, phone idea, receipt).
import http from "node:http";
import net from "node:net";
import Database from "better-sqlite3";
import { freePort, startRealServer, type RealServer } from "../setup/real-server";
import { hiddenFields, httpClient } from "../setup/http-client";
import { issueServiceToken } from "~/auth/collab-token.server";

const SECRET = "door-test-secret-0123456789abcdef0123456789";
const METRICS_TOKEN = "metrics-token-0123456789abcdefghij";
const DEMO_PASSWORD = "coproduce-demo-2026";

let server: RealServer;
let internalPort: number;

beforeAll(async () => {
  internalPort = await freePort();
  server = await startRealServer({ SESSION_SECRET: SECRET, METRICS_TOKEN, INTERNAL_PORT: String(internalPort) });
}, 180_000);
afterAll(async () => server?.stop());

/** One raw request (any method, even those fetch refuses), its status and headers. */
function raw(
  method: string,
  path: string,
  port = server.port,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

function demo() {
  const db = new Database(server.databaseFile, { readonly: true });
  try {
    const locality = db.prepare("SELECT id FROM Locality WHERE name = 'Longbridge'").get() as { id: string };
    const challenge = db
      .prepare("SELECT linkCode FROM Challenge WHERE localityId = ? AND linkOpen = 1 AND (closesAt IS NULL OR closesAt > ?) LIMIT 1")
      .get(locality.id, Date.now()) as { linkCode: string } | undefined;
    return { localityId: locality.id, linkCode: challenge?.linkCode };
  } finally {
    db.close();
  }
}

describe("methods", () => {
  it("answers 405 with Allow to every method it does not serve, writes no error, and keeps serving", async () => {
    const before = server.log().length;
    for (const method of ["TRACE", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND", "MKCOL", "COPY", "LOCK", "PURGE", "SEARCH"]) {
      for (const path of ["/", "/sign-in", "/l/anything", "/healthz", "/collab/healthz", "/i/abcdef"]) {
        const res = await raw(method, path);
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.allow).toBe("GET, HEAD, POST");
      }
    }
    // CONNECT (a tunnel request) too.
    const connect = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(server.port, "127.0.0.1", () => socket.write("CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n"));
      let answer = "";
      socket.on("data", (c: Buffer) => (answer += c.toString()));
      socket.on("end", () => resolve(answer));
      socket.on("error", reject);
    });
    expect(connect).toMatch(/^HTTP\/1\.1 405 /);
    // Method names Node's parser does not know are refused by it (400) before any of our code runs.
    for (const method of ["TRACK", "FOO", "GETT"]) expect((await raw(method, "/")).status, method).toBe(400);
    const logged = server.log().slice(before);
    expect(logged).not.toMatch(/"level":(50|60)/); // no error or fatal lines
    expect((await raw("GET", "/healthz")).status).toBe(200);
    expect((await raw("HEAD", "/sign-in")).status).toBe(200);
  });

  it("answers liveness and readiness for a load balancer, without logging each probe", async () => {
    const before = server.log().length;
    const live = await fetch(`${server.url}/livez`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ok", database: "ok", redis: "off" });
    await new Promise((r) => setTimeout(r, 200));
    expect(server.log().slice(before)).not.toMatch(/"url":"\/(livez|readyz)"/);
  });
});

describe("metrics and the internal API", () => {
  it("/metrics on the public port answers only the configured bearer token", async () => {
    expect((await raw("GET", "/metrics")).status).toBe(401);
    for (const bad of [
      "Bearer wrong",
      `Bearer ${METRICS_TOKEN}x`,
      `Bearer ${METRICS_TOKEN.slice(1)}`,
      METRICS_TOKEN,
      `Basic ${METRICS_TOKEN}`,
      "Bearer ",
      `bearer ${METRICS_TOKEN}`,
    ]) {
      const res = await raw("GET", "/metrics", server.port, { Authorization: bad });
      expect(res.status, bad).toBe(401);
      expect(res.body).not.toContain("collab_");
    }
    await fetch(`${server.url}/sign-in`);
    await fetch(`${server.url}/l/${demo().localityId}/prototypes`); // signed out: a redirect, counted under its route
    for (let i = 0; i < 2; i++) await fetch(`${server.url}/readyz`); // the same read twice: its plan is reused
    const ok = await raw("GET", "/metrics", server.port, { Authorization: `Bearer ${METRICS_TOKEN}` });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatch(/collab_connections/);
    // Request durations per route, ids replaced: no locality id in the metrics.
    expect(ok.body).toMatch(/coproduce_http_request_duration_seconds_count\{method="GET",route="\/sign-in",status="200"\} \d+/);
    expect(ok.body).toMatch(/coproduce_http_request_duration_seconds_count\{method="GET",route="\/l\/:id\/prototypes",status="302"\} \d+/);
    expect(ok.body).not.toContain(demo().localityId);
    // Query plans (decision 0017), counted in the same process as the pages that use them.
    expect(ok.body).toMatch(/coproduce_query_plans_total\{outcome="reused"\} [1-9]\d*/);
    expect(ok.body).toMatch(/coproduce_query_plans_total\{outcome="not_kept"\} [1-9]\d*/);
    // The internal port serves it to our own machines without a token.
    const internal = await raw("GET", "/metrics", internalPort);
    expect(internal.status).toBe(200);
    expect(internal.body).toMatch(/collab_connections/);
  });

  it("the collab server's internal API is not served on the public port, even with a valid service token", async () => {
    const { localityId } = demo();
    const doc = `locality:${localityId}:board:nope`;
    const token = await issueServiceToken(SECRET, { doc, op: "read" });
    for (const path of [
      `/collab/internal/read?doc=${encodeURIComponent(doc)}`,
      "/collab/internal/",
      "/collab/internal/update",
      "/collab/internal/../internal/read",
    ]) {
      for (const method of ["GET", "POST"]) {
        const res = await raw(method, path, server.port, { Authorization: `Bearer ${token}` });
        expect(res.status, `${method} ${path}`).toBe(404);
      }
    }
    // On the internal port the same call is served (an unknown document reads as empty).
    const internal = await raw("GET", `/collab/internal/read?doc=${encodeURIComponent(doc)}`, internalPort, { Authorization: `Bearer ${token}` });
    expect(internal.status).toBe(200);
    expect((await raw("GET", `/collab/internal/read?doc=${encodeURIComponent(doc)}`, internalPort, { Authorization: "Bearer forged" })).status).toBe(401);
  });
});

describe("event streams", () => {
  it("a .data request or a plain fetch of a live stream is answered at once; an EventSource request gets the stream", async () => {
    const client = httpClient(server.url);
    await client.get("/sign-in");
    expect((await client.post("/sign-in", { email: "member.longbridge@coproduce.test", password: DEMO_PASSWORD })).status).toBe(302);
    const { localityId } = demo();
    const stories = await (await client.get(`/l/${localityId}/stories`)).text();
    const storyId = new RegExp(`/l/${localityId}/stories/([A-Za-z0-9]+)"`).exec(stories)![1];
    for (const path of [
      `/l/${localityId}/stories/${storyId}/events.data`,
      `/l/${localityId}/analysis/events.data`,
      `/l/${localityId}/stories/${storyId}/events`,
      `/l/${localityId}/analysis/events`,
    ]) {
      const res = await client.get(path, { signal: AbortSignal.timeout(10_000) });
      expect(res.status, path).toBe(406);
      await res.text(); // and it ends
    }
    const stream = await client.get(`/l/${localityId}/analysis/events`, { headers: { Accept: "text/event-stream" }, signal: AbortSignal.timeout(10_000) });
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = stream.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain("retry: 2000");
    await reader.cancel();
  });
});

describe("the log", () => {
  it("holds no cookie, session id, invitation or receipt token, or client address after a full flow", async () => {
    const { localityId, linkCode } = demo();
    expect(linkCode, "the demo has an open challenge link").toBeTruthy();
    const secrets: string[] = [];

    // A facilitator signs in and invites someone.
    const facilitator = httpClient(server.url);
    await facilitator.get("/sign-in?redirectTo=%2Fhome");
    const signedIn = await facilitator.post("/sign-in", { email: "facilitator@coproduce.test", password: DEMO_PASSWORD, redirectTo: "/home" });
    expect(signedIn.status).toBe(302);
    const members = await (await facilitator.get(`/l/${localityId}/members`)).text();
    const invited = await facilitator.post(`/l/${localityId}/members`, {
      ...hiddenFields(members, 'value="create-invite"'),
      intent: "create-invite",
      role: "member",
      usage: "single",
      days: "7",
      note: "",
    });
    expect(invited.status).toBe(200);
    const link = /id="invite-link"[^>]*value="([^"]+)"/.exec(await invited.text())![1]!.replaceAll("&amp;", "&");
    const inviteToken = new URL(link).pathname.split("/").pop()!;

    // The invited person opens the link and creates an account.
    const newcomer = httpClient(server.url);
    const invitePage = await (await newcomer.get(`/invite/${inviteToken}`)).text();
    const joined = await newcomer.post(`/invite/${inviteToken}`, {
      ...hiddenFields(invitePage, 'value="create-account"'),
      intent: "create-account",
      name: "Log Tester",
      email: "log.tester@example.org",
      password: "a long enough password",
      preferredLanguage: "en",
    });
    expect(joined.status).toBe(302);

    // A parent sends an idea from a phone and opens the receipt.
    const phone = httpClient(server.url);
    const ideaPage = await (await phone.get(`/i/${linkCode}`)).text();
    const sent = await phone.post(`/i/${linkCode}`, {
      ...hiddenFields(ideaPage, 'name="submissionKey"'),
      text: "A walking bus to school",
      language: "en",
      name: "",
      contact: "",
    });
    expect(sent.status).toBe(303);
    const receiptPath = sent.headers.get("location")!;
    const receiptToken = /^\/r\/([^?]+)/.exec(receiptPath)![1]!;
    expect((await phone.get(receiptPath)).status).toBe(200);

    secrets.push(inviteToken, receiptToken);
    for (const client of [facilitator, newcomer, phone]) for (const value of client.cookies.values()) if (value.length >= 12) secrets.push(value);
    expect(secrets.length).toBeGreaterThanOrEqual(7); // 3 sessions/devices' cookies at least, the tokens

    // The last lines reach us through the child's stdout a moment after the responses.
    await server.waitForLog((text) => text.includes('"/r/[redacted]'));
    const log = server.log();
    const requestLines = log.split("\n").filter((line) => line.includes('"req":'));
    expect(requestLines.length).toBeGreaterThanOrEqual(9);
    for (const secret of secrets) expect(log, `a secret (${secret.slice(0, 4)}…) is in the log`).not.toContain(secret);
    expect(log).not.toMatch(/"cookie"|"set-cookie"|"authorization"|coproduce_session|coproduce_csrf|"remoteAddress"|"remotePort"/i);
    for (const line of requestLines) expect(line).not.toMatch(/127\.0\.0\.1|::1|::ffff:/);
    // What a line does keep: method, redacted path, status, a request id, a keyed hash of the
    // address, and the request's database queries (the invitation page reads the invitation).
    const inviteLine = requestLines.find((line) => line.includes("/invite/"))!;
    expect(JSON.parse(inviteLine)).toMatchObject({
      req: { method: "GET", url: "/invite/[redacted]", client: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/) },
      res: { statusCode: 200, db: { queries: expect.any(Number), ms: expect.any(Number) } },
    });
    expect(JSON.parse(inviteLine).res.db.queries).toBeGreaterThanOrEqual(1);
    expect(
      requestLines.some((line) => line.includes('"/r/[redacted]')),
      requestLines.join("\n"),
    ).toBe(true);
  });
});
