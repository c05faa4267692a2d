// Helpers for the people and relationship-map specs: finding demo people by name and adding
// throwaway people over HTTP (so tests that change data do not touch the demo people others use).
import { expect, type APIRequestContext } from "@playwright/test";
import { SAME_ORIGIN } from "./app";

export const PROFILE_ROUTE = "routes/l.$localityId+/_relationships+/people.$personId._index";

/** Ids of the locality's people by name (from the links of the people list). */
export async function peopleIds(api: APIRequestContext, localityId: string): Promise<Map<string, string>> {
  const res = await api.get(`/l/${localityId}/people`);
  expect(res.status()).toBe(200);
  const html = await res.text();
  const ids = new Map<string, string>();
  const link = new RegExp(`href="/l/${localityId}/people/([A-Za-z0-9_-]+)"[^>]*>([^<]+)</a>`, "g");
  for (const m of html.matchAll(link)) ids.set(decode(m[2]!), m[1]!);
  return ids;
}

function decode(text: string): string {
  return text
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}

export async function personId(api: APIRequestContext, localityId: string, name: string): Promise<string> {
  const id = (await peopleIds(api, localityId)).get(name);
  expect(id, `person ${name}`).toMatch(/^[A-Za-z0-9_-]+$/);
  return id!;
}

/** Adds a person as a facilitator (add anyway, so it never stops at a duplicate warning); returns the id. */
export async function addPerson(api: APIRequestContext, localityId: string, fields: Record<string, string>): Promise<string> {
  const res = await api.post(`/l/${localityId}/people/new`, {
    form: { intent: "save", sector: "resident", languages: "en", mode: "anyway", ...fields },
    headers: SAME_ORIGIN,
    maxRedirects: 0,
  });
  expect(res.status(), await res.text()).toBe(303);
  const location = res.headers().location!;
  return location.split("/").pop()!;
}
