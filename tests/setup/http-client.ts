// A tiny cookie-keeping HTTP client for tests against the real server: what a browser without
// JavaScript does — fetch a page, read a form's fields from its HTML, post them back with our Origin.
export type Client = {
  cookies: Map<string, string>;
  get(path: string, init?: RequestInit): Promise<Response>;
  post(path: string, fields: Record<string, string>, init?: RequestInit): Promise<Response>;
};

export function httpClient(base: string): Client {
  const cookies = new Map<string, string>();
  const remember = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/Max-Age=0\b/i.test(line) || value === "") cookies.delete(name);
      else cookies.set(name, value);
    }
    return res;
  };
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  return {
    cookies,
    get: async (path, init = {}) =>
      remember(
        await fetch(`${base}${path}`, { ...init, redirect: "manual", headers: { Cookie: cookieHeader(), ...(init.headers as Record<string, string>) } }),
      ),
    post: async (path, fields, init = {}) =>
      remember(
        await fetch(`${base}${path}`, {
          ...init,
          method: "POST",
          redirect: "manual",
          body: new URLSearchParams(fields),
          headers: { Cookie: cookieHeader(), Origin: base, "Content-Type": "application/x-www-form-urlencoded", ...(init.headers as Record<string, string>) },
        }),
      ),
  };
}

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The hidden fields of the first form in `html` whose markup contains `marker` (e.g. an intent value). */
export function hiddenFields(html: string, marker = ""): Record<string, string> {
  const forms = html.match(/<form[\s\S]*?<\/form>/g) ?? [];
  const form = forms.find((f) => f.includes(marker));
  if (!form) throw new Error(`no form containing ${JSON.stringify(marker)}`);
  const fields: Record<string, string> = {};
  for (const input of form.match(/<input[^>]*type="hidden"[^>]*>/g) ?? []) {
    const name = /name="([^"]*)"/.exec(input)?.[1];
    if (name) fields[decode(name)] = decode(/value="([^"]*)"/.exec(input)?.[1] ?? "");
  }
  return fields;
}
