/**
 * Presence — who has a document open, their name and colour — as every client shows it. The
 * collaboration server stamps the name and colour from the person's token into every presence
 * state it passes on (`stampPresence`), so nobody can appear as someone else.
 *
 * Presence colours: each has at least 5:1 contrast with white (caret labels are white text on
 * the colour), and a person keeps the same colour on every device.
 */
export const USER_COLOURS = ["#0b6e4f", "#1a4fd6", "#b42318", "#6d28d9", "#9a3412", "#0e7490", "#be185d", "#7a5c00"] as const;

export function colourFor(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  return USER_COLOURS[hash % USER_COLOURS.length]!;
}

/** A colour received from another client, only if it is a plain #rrggbb value. */
export function safeColour(value: unknown): string {
  return typeof value === "string" && /^#[0-9a-fA-F]{6}$/.test(value) ? value : "#4d5560";
}

/** Which of USER_COLOURS a colour received from another client is (-1: none of them). */
export function presenceColourIndex(value: unknown): number {
  return USER_COLOURS.indexOf(safeColour(value).toLowerCase() as (typeof USER_COLOURS)[number]);
}

/** A name received from another client, as short plain text. */
export function safeName(value: unknown, fallback: string): string {
  if (typeof value !== "string") return fallback;
  const name = value
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, "")
    .trim()
    .slice(0, 60);
  return name || fallback;
}

/**
 * A presence state (awareness JSON) with its `user` set from the token: id, name and colour, in
 * both the board's (`id`, `colour`) and the editor's (`userId`, `color`) field names. A state
 * without a `user` object (or none at all: leaving) is returned as it was.
 */
export function stampPresence(state: string, identity: { userId: string; name: string }): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(state);
  } catch {
    return state;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return state;
  const record = parsed as Record<string, unknown>;
  const colour = colourFor(identity.userId);
  record.user = { id: identity.userId, userId: identity.userId, name: identity.name, colour, color: colour };
  return JSON.stringify(record);
}
