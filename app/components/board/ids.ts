/** A random id for notes and clusters (works on plain-HTTP LAN deployments too, where randomUUID is missing). */
export function newId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
