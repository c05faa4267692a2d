/** A random id for notes and clusters (works on plain-HTTP LAN deployments too, where randomUUID is missing). */
export function newId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A stable colour for a person, from their id (dark enough for white text, WCAG AA). */
const PRESENCE_COLOURS = ["#0b6e4f", "#1a4fd6", "#a4161a", "#6a3d9a", "#8a4b00", "#005f73", "#9b2226", "#3a5a40"];
export function colourFor(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return PRESENCE_COLOURS[h % PRESENCE_COLOURS.length]!;
}
