// Helpers for the sessions spec: plan a session, read the attendance list's people, mark people
// present and suggest ties, all over HTTP as a signed-in person (a Playwright request context).
import { expect, type APIRequestContext } from "@playwright/test";
import { location, SAME_ORIGIN, unique } from "./app";

/** A "YYYY-MM-DDTHH:mm" a number of days from today (for the datetime-local field). */
export function sessionDate(daysFromNow: number, hour = 18): string {
  const d = new Date(Date.now() + daysFromNow * 86_400_000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00`;
}

/** Plans a session as a facilitator; returns its id and title. */
export async function planWorkshop(
  api: APIRequestContext,
  localityId: string,
  title = unique("E2E session"),
  daysFromNow = -1,
): Promise<{ id: string; title: string }> {
  const res = await api.post(`/l/${localityId}/workshops?index`, {
    form: { title, startsAt: sessionDate(daysFromNow), place: "Library", agenda: "Welcome", languages: "en", interpreting: "" },
    headers: SAME_ORIGIN,
    maxRedirects: 0,
  });
  expect(res.status(), "plan a session").toBe(303);
  const match = new RegExp(`^/l/${localityId}/workshops/([A-Za-z0-9_-]+)$`).exec(location(res));
  expect(match, `redirect after planning: ${location(res)}`).not.toBeNull();
  return { id: match![1]!, title };
}

function decode(text: string): string {
  return text
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

/** The people on a session's attendance list: name → person id. */
export async function attendancePeople(api: APIRequestContext, localityId: string, workshopId: string): Promise<Map<string, string>> {
  const res = await api.get(`/l/${localityId}/workshops/${workshopId}/attendance`);
  expect(res.status()).toBe(200);
  const html = await res.text();
  const people = new Map<string, string>();
  for (const [, id, name] of html.matchAll(/<label for="present-([A-Za-z0-9_-]+)"><span class="attendance-name" dir="auto">([^<]+)<\/span>/g))
    people.set(decode(name!), id!);
  expect(people.size, "people on the attendance list").toBeGreaterThan(3);
  return people;
}

/** Ticks people present, one at a time (what the phone's fetcher sends). */
export async function markPresent(api: APIRequestContext, localityId: string, workshopId: string, personIds: string[]): Promise<void> {
  for (const personId of personIds) {
    const res = await api.post(`/l/${localityId}/workshops/${workshopId}/attendance`, {
      form: { intent: "toggle", personId, present: "true" },
      headers: { ...SAME_ORIGIN, Accept: "application/json" },
      maxRedirects: 0,
    });
    expect(res.status(), "mark present").toBe(200);
  }
}
