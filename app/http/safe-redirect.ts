/**
 * Where a person may be sent after signing in or switching language: only a page of ours.
 *
 * The target is resolved with the URL parser against a stand-in origin, exactly as a browser
 * would resolve a `Location` header, and accepted only if the origin did not change and the
 * path starts with one of our own sections. Anything a browser might read differently from the
 * parser (control characters such as a tab or newline, backslashes, which browsers treat as
 * slashes) is refused outright, raw anywhere or percent-encoded in the path.
 */
const STAND_IN_ORIGIN = "https://coproduce.invalid";

/** The first path segments of our pages that a person may be returned to. */
const OUR_SECTIONS = new Set(["home", "account", "l", "orgs", "invite", "i", "r", "sign-in"]);

const MAX_LENGTH = 2048;
// C0 controls, DEL, C1 controls, any whitespace (incl. Unicode spaces), and the backslash.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\s\\]/u;

function decodedOnce(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** The same-site path to go to, normalised (`/./l/x` → `/l/x`), or `fallback`. */
export function safeRedirectPath(value: unknown, fallback = "/home"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  if (!value.startsWith("/") || value.startsWith("//")) return fallback;
  if (UNSAFE.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, `${STAND_IN_ORIGIN}/`);
  } catch {
    return fallback;
  }
  if (url.origin !== STAND_IN_ORIGIN || url.username || url.password) return fallback;
  // The path, also once decoded, must not hide a second slash or a backslash at its start.
  const decodedPath = decodedOnce(url.pathname);
  if (decodedPath === null || decodedPath.startsWith("//") || UNSAFE.test(decodedPath)) return fallback;
  const section = url.pathname.split("/")[1] ?? "";
  if (url.pathname !== "/" && !OUR_SECTIONS.has(section)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
