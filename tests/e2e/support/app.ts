// Plain helpers for the end-to-end suite: demo accounts, signing in over HTTP, and creating
// throwaway data (localities, invitations, accounts) so mutating tests never touch the demo
// memberships that other tests rely on.
import { expect, request as playwrightRequest, type APIRequestContext, type APIResponse } from "@playwright/test";
import crypto from "node:crypto";

export const BASE_URL = `http://localhost:${Number(process.env.E2E_PORT ?? 3199)}`;
export const DEMO_PASSWORD = "coproduce-demo-2026";
export const ORG = "birmingham";

/** Signed-in demo roles (relative to Longbridge, the locality the access table uses). */
export type Who = "facilitator" | "viewer" | "member" | "other";

export const ACCOUNTS: Record<Who, { email: string; name: string }> = {
  /** Facilitator of Longbridge and Sparkbrook, and of organisation `birmingham`. */
  facilitator: { email: "facilitator@coproduce.test", name: "Amira Haddad" },
  /** Viewer of both localities. */
  viewer: { email: "viewer@coproduce.test", name: "Dr Tom Ashworth" },
  /** Member of Longbridge only. */
  member: { email: "member.longbridge@coproduce.test", name: "Karen Whitcombe" },
  /** Member of Sparkbrook only (preferred language ar): an "other-locality member" for Longbridge. */
  other: { email: "member.sparkbrook@coproduce.test", name: "Layla Mansour" },
};

export type StorageState = Awaited<ReturnType<APIRequestContext["storageState"]>>;

/** Form POSTs need our own Origin (or a `_csrf` token); this is what a browser sends. */
export const SAME_ORIGIN = { Origin: BASE_URL };

/** A short unique suffix for names and emails created by a test. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${crypto.randomBytes(3).toString("hex")}`;
}

/** The `lng` cookie the app sets for an explicit language choice (Remix cookie: base64 JSON). */
export function languageCookie(lang: "en" | "ar") {
  return {
    name: "lng",
    value: encodeURIComponent(Buffer.from(JSON.stringify(lang)).toString("base64")),
    domain: "localhost",
    path: "/",
    expires: -1,
    httpOnly: true,
    secure: true,
    sameSite: "Lax" as const,
  };
}

export function withLanguage(state: StorageState, lang: "en" | "ar"): StorageState {
  return { ...state, cookies: [...state.cookies.filter((c) => c.name !== "lng"), languageCookie(lang)] };
}

export async function newApi(state?: StorageState): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: BASE_URL, storageState: state, maxRedirects: 0 });
}

/** Signs in over HTTP and returns the request context that now holds the session. */
export async function signInApi(email: string, password = DEMO_PASSWORD): Promise<APIRequestContext> {
  const api = await newApi();
  const res = await api.post("/sign-in", { form: { email, password }, headers: SAME_ORIGIN, maxRedirects: 0 });
  expect(res.status(), `sign-in of ${email}`).toBe(302);
  expect(res.headers().location).toBe("/home");
  return api;
}

export async function signedInState(email: string, password = DEMO_PASSWORD): Promise<StorageState> {
  const api = await signInApi(email, password);
  try {
    return await api.storageState();
  } finally {
    await api.dispose();
  }
}

export function location(res: APIResponse): string {
  return res.headers().location ?? "";
}

/** Creates a locality in organisation `birmingham` (as its facilitator) and returns its id. */
export async function createLocality(facilitator: APIRequestContext, name = unique("E2E locality")): Promise<string> {
  const res = await facilitator.post(`/orgs/${ORG}/localities/new`, {
    form: { name, description: "Created by the end-to-end tests." },
    headers: SAME_ORIGIN,
    maxRedirects: 0,
  });
  expect(res.status(), "create locality").toBe(302);
  const match = /^\/l\/([A-Za-z0-9_-]+)$/.exec(location(res));
  expect(match, `redirect after creating a locality: ${location(res)}`).not.toBeNull();
  return match![1]!;
}

/** Creates a board in a locality (as a member or facilitator) and returns its id. */
export async function createBoard(api: APIRequestContext, localityId: string, title = unique("E2E board"), purpose = "exercise"): Promise<string> {
  return createRecord(api, `/l/${localityId}/boards`, { title, purpose }, "board");
}

/** Creates a shared document in a locality (as a member or facilitator) and returns its id. */
export async function createSharedDocument(api: APIRequestContext, localityId: string, title = unique("E2E document")): Promise<string> {
  return createRecord(api, `/l/${localityId}/documents`, { title }, "document");
}

/** Saves a named version of a shared document and returns its id (read from the versions list). */
export async function saveDocumentVersion(api: APIRequestContext, localityId: string, documentId: string, name = unique("E2E version")): Promise<string> {
  const path = `/l/${localityId}/documents/${documentId}`;
  const res = await api.post(path, { form: { intent: "save-version", name }, headers: SAME_ORIGIN, maxRedirects: 0 });
  expect(res.status(), "save version").toBe(200);
  const page = await (await api.get(path)).text();
  const match = new RegExp(`href="${path}/versions/([A-Za-z0-9_-]+)"`).exec(page);
  expect(match, "the saved version is listed").not.toBeNull();
  return match![1]!;
}

async function createRecord(api: APIRequestContext, listPath: string, form: Record<string, string>, what: string): Promise<string> {
  const res = await api.post(`${listPath}?index`, { form, headers: SAME_ORIGIN, maxRedirects: 0 });
  expect(res.status(), `create ${what}`).toBe(302);
  const match = new RegExp(`^${listPath}/([A-Za-z0-9_-]+)$`).exec(location(res));
  expect(match, `redirect after creating a ${what}: ${location(res)}`).not.toBeNull();
  return match![1]!;
}

/** Creates an invitation on a locality's members page and returns the link shown once. */
export async function createInvite(
  facilitator: APIRequestContext,
  localityId: string,
  options: { role?: "viewer" | "member" | "facilitator"; usage?: "single" | "multi"; note?: string } = {},
): Promise<string> {
  const res = await facilitator.post(`/l/${localityId}/members`, {
    form: { intent: "create-invite", role: options.role ?? "member", usage: options.usage ?? "single", days: "7", note: options.note ?? "" },
    headers: SAME_ORIGIN,
    maxRedirects: 0,
  });
  expect(res.status(), "create invite").toBe(200);
  const match = /id="invite-link"[^>]*value="([^"]+)"/.exec(await res.text());
  expect(match, "invitation link in the page").not.toBeNull();
  return match![1]!.replaceAll("&amp;", "&");
}

/** Accepts an invitation by creating a fresh account; returns its email and signed-in state. */
export async function createAccountFromInvite(
  link: string,
  options: { name?: string; email?: string; password?: string; preferredLanguage?: "en" | "ar" } = {},
): Promise<{ email: string; password: string; name: string; state: StorageState; localityPath: string }> {
  const name = options.name ?? "E2E Person";
  const email = options.email ?? `${unique("e2e")}@example.org`;
  const password = options.password ?? "a long enough e2e password";
  const api = await newApi();
  try {
    const res = await api.post(new URL(link).pathname, {
      form: { intent: "create-account", name, email, password, preferredLanguage: options.preferredLanguage ?? "en" },
      headers: SAME_ORIGIN,
      maxRedirects: 0,
    });
    expect(res.status(), "create account from invite").toBe(302);
    return { email, password, name, state: await api.storageState(), localityPath: location(res) };
  } finally {
    await api.dispose();
  }
}

export type MemberRow = { membershipId: string; email: string; role: string };
export type InviteRow = { inviteId: string | null; note: string; state: string };

function decodeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** What a facilitator sees on a locality's members page, read from its HTML. */
export async function membersPage(facilitator: APIRequestContext, localityId: string): Promise<{ members: MemberRow[]; invites: InviteRow[] }> {
  const res = await facilitator.get(`/l/${localityId}/members`);
  expect(res.status(), "members page").toBe(200);
  const html = await res.text();
  const members = [...html.matchAll(/<li class="card member">([\s\S]*?)<\/li>/g)].map(([, item]) => ({
    membershipId: /name="membershipId" value="([^"]+)"/.exec(item!)?.[1] ?? "",
    email: decodeHtml(/<p class="muted" dir="ltr">([^<]*)<\/p>/.exec(item!)?.[1] ?? ""),
    role: /<option[^>]*\bselected=""[^>]*>/.exec(item!)?.[0].match(/value="([^"]+)"/)?.[1] ?? "",
  }));
  const invites = [...html.matchAll(/<tr>(<td>[\s\S]*?)<\/tr>/g)].map(([, row]) => {
    const cells = [...row!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(([, c]) => c!);
    return {
      inviteId: /name="inviteId" value="([^"]+)"/.exec(row!)?.[1] ?? null,
      state: decodeHtml(cells[3] ?? ""),
      note: decodeHtml(cells[4] ?? ""),
    };
  });
  return { members, invites };
}

/** A locality's current stage, as selected in the facilitator's "move the group" form. */
export async function currentStage(facilitator: APIRequestContext, localityId: string): Promise<number> {
  const res = await facilitator.get(`/l/${localityId}`);
  expect(res.status()).toBe(200);
  const select = /<select id="stage-select"[\s\S]*?<\/select>/.exec(await res.text())?.[0] ?? "";
  const stage = /<option[^>]*\bselected=""[^>]*>/.exec(select)?.[0].match(/value="(\d)"/)?.[1];
  expect(stage, "the current stage is selected in the stage form").toMatch(/^[1-4]$/);
  return Number(stage);
}

/** Locality ids by name, read from the organisation page the facilitator sees. */
export async function localityIds(facilitator: APIRequestContext): Promise<Record<string, string>> {
  const res = await facilitator.get(`/orgs/${ORG}`);
  expect(res.status()).toBe(200);
  const ids: Record<string, string> = {};
  for (const [, id, name] of (await res.text()).matchAll(/href="\/l\/([A-Za-z0-9_-]+)">([^<]+)</g)) ids[name!] = id!;
  expect(ids.Longbridge, "Longbridge id").toMatch(/^[a-z0-9]{20,}$/);
  expect(ids.Sparkbrook, "Sparkbrook id").toMatch(/^[a-z0-9]{20,}$/);
  return ids;
}

/** Ids of the records a page links to under `/l/<locality>/<section>/<id>`, in page order (unique). */
export async function linkedIds(api: APIRequestContext, localityId: string, page: string, section: string): Promise<string[]> {
  const res = await api.get(`/l/${localityId}/${page}`);
  expect(res.status(), `GET /l/…/${page}`).toBe(200);
  const pattern = new RegExp(`href="/l/${localityId}/${section}/([A-Za-z0-9_-]{20,})"`, "g");
  return [...new Set([...(await res.text()).matchAll(pattern)].map((m) => m[1]!))];
}
