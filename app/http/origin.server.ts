/** Methods that change state and so need an Origin (or CSRF token) check. */
export function isMutating(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}

/** Whether a request's Origin header names this site (or a configured extra origin). */
export function allowedOrigin(origin: string, ownOrigin: string, extra: readonly string[]): boolean {
  if (origin === "null") return false;
  let normalised: string;
  try {
    normalised = new URL(origin).origin;
  } catch {
    return false;
  }
  try {
    return normalised === new URL(ownOrigin).origin || extra.some((o) => new URL(o).origin === normalised);
  } catch {
    return false; // a malformed Host header
  }
}
