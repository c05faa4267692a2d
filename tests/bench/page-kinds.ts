// The kinds of page the benchmarks measure, found as a person finds them: by following the app's
// own links from /home (tests/bench/pages.ts, tests/bench/first-load.ts).

/** How a benchmark reads a page as the signed-in person (Playwright's request context or tests/setup/http-client.ts). */
export type ReadPage = (path: string) => Promise<{ status: number; text: string }>;

/** The first link in `html` whose address (without query or fragment) matches `pattern`. */
export function firstLink(html: string, pattern: RegExp): string | null {
  for (const match of html.matchAll(/href="([^"#?]+)"/g)) if (pattern.test(match[1]!)) return match[1]!;
  return null;
}

/** The first item linked from a list page (`…/ideas` → `…/ideas/<id>`), never the list's "new" form. */
export function firstItem(html: string, list: string): string | null {
  return firstLink(html, new RegExp(`^${list}/(?!new$)[^/]+$`));
}

/** The locality /home links to first. */
export async function firstLocality(read: ReadPage): Promise<string> {
  const locality = firstLink((await read("/home")).text, /^\/l\/[^/]+$/);
  if (!locality) throw new Error("no locality on /home");
  return locality;
}

/**
 * One page of each kind the person can open, in this order; `kinds` keeps only those named, and a
 * kind this person has no link to, or that does not answer 200, is left out with a line saying so.
 */
export async function pageKinds(read: ReadPage, kinds?: readonly string[]): Promise<Array<[string, string]>> {
  const text = async (path: string) => (await read(path)).text;
  const locality = await firstLocality(read);
  const item = async (list: string) => firstItem(await text(`${locality}/${list}`), `${locality}/${list}`);
  const story = await item("stories");
  // The organisation's exchange, as the locality home links to it.
  const exchange = firstLink(await text(locality), /^\/orgs\/[^/]+\/exchange$/);
  const found: Array<[string, string | null]> = [
    ["home", "/home"],
    ["locality home", locality],
    ["people", `${locality}/people`],
    ["relationships", `${locality}/relationships`],
    ["stories", `${locality}/stories`],
    ["a story", story],
    ["coding", story ? `${story}/code` : null],
    ["analysis", `${locality}/analysis`],
    ["insights", `${locality}/insights`],
    ["challenges", `${locality}/challenges`],
    ["ideas", `${locality}/ideas`],
    ["an idea", await item("ideas")],
    ["boards", `${locality}/boards`],
    ["a board", await item("boards")],
    ["documents", `${locality}/documents`],
    ["a document", await item("documents")],
    ["prototypes", `${locality}/prototypes`],
    ["a prototype", await item("prototypes")],
    ["a stage", `${locality}/stages/relationships`],
    ["sessions", `${locality}/workshops`],
    ["a session", await item("workshops")],
    ["reflections", `${locality}/reflections`],
    ["the deck", `${locality}/deck`],
    ["exchange", exchange],
    ["a share", exchange ? firstItem(await text(exchange), exchange) : null],
  ];
  const usable: Array<[string, string]> = [];
  for (const [name, path] of found) {
    if (kinds && !kinds.includes(name)) continue;
    if (!path) {
      console.log(`  (${name}: no link to one on its list page for this role, left out)`);
      continue;
    }
    const { status } = await read(path);
    if (status === 200) usable.push([name, path]);
    else console.log(`  (${name}: ${path} answers ${status} for this role, left out)`);
  }
  return usable;
}
