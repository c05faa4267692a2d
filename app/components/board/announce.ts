import { isFromPublicLink, type BoardSnapshot } from "~/collab/board";
import { isCovered } from "./shown";

/** A message for the live region: a translation key under "board.live." and its values. */
export type Announcement = { key: string; values?: Record<string, string | number> };

/**
 * Summarises what changed between two snapshots of the board, for screen-reader users: other
 * people's changes arrive without any focus change, so they are announced in short form
 * ("Amira added a note", "3 notes moved"), never note by note when many change at once.
 */
export function summariseChanges(prev: BoardSnapshot, next: BoardSnapshot, options: { anonymous: string }): Announcement[] {
  const out: Announcement[] = [];
  const before = new Map(prev.notes.map((n) => [n.id, n]));
  const after = new Map(next.notes.map((n) => [n.id, n]));
  const clusterName = (id: string | null) => (id ? (next.clusters.find((c) => c.id === id)?.name ?? "") : "");

  // A reveal (silent brainstorming ends) brings everyone's notes at once: it is announced as a reveal, not note by note.
  const revealed = prev.settings.silent && !next.settings.silent;
  const added = revealed ? [] : next.notes.filter((n) => !before.has(n.id));
  const removed = revealed ? [] : prev.notes.filter((n) => !after.has(n.id));
  // A covered note's text is not known here; a reveal changes every text at once and is announced as a reveal.
  const edited = next.notes.filter((n) => before.has(n.id) && !isCovered(n) && !isCovered(before.get(n.id)!) && before.get(n.id)!.text !== n.text);
  const clustered = next.notes.filter((n) => before.has(n.id) && before.get(n.id)!.clusterId !== n.clusterId);

  if (added.length === 1 && isCovered(added[0]!)) out.push({ key: "hiddenNoteAdded" });
  else if (added.length === 1 && isFromPublicLink(added[0]!)) out.push({ key: "ideaFromLinkAdded" });
  else if (added.length === 1) {
    const author = next.settings.hideAuthors ? options.anonymous : added[0]!.authorName || options.anonymous;
    out.push({ key: "noteAddedBy", values: { name: author } });
  } else if (added.length > 1) out.push({ key: "notesAdded", values: { count: added.length } });
  if (removed.length === 1) out.push({ key: "noteRemoved" });
  else if (removed.length > 1) out.push({ key: "notesRemoved", values: { count: removed.length } });
  if (edited.length === 1) out.push({ key: "noteEdited" });
  else if (edited.length > 1) out.push({ key: "notesEdited", values: { count: edited.length } });
  if (clustered.length === 1) {
    const c = clustered[0]!;
    out.push(c.clusterId ? { key: "noteMovedTo", values: { cluster: clusterName(c.clusterId) } } : { key: "noteUnclustered" });
  } else if (clustered.length > 1) out.push({ key: "notesRegrouped", values: { count: clustered.length } });

  const oldClusters = new Map(prev.clusters.map((c) => [c.id, c]));
  const newClusters = new Map(next.clusters.map((c) => [c.id, c]));
  for (const c of next.clusters) {
    const old = oldClusters.get(c.id);
    if (!old) out.push({ key: "clusterAdded", values: { name: c.name } });
    else if (old.name !== c.name) out.push({ key: "clusterRenamed", values: { name: c.name } });
  }
  for (const c of prev.clusters) if (!newClusters.has(c.id)) out.push({ key: "clusterRemoved", values: { name: c.name } });

  const a = prev.settings;
  const b = next.settings;
  if (!a.voting.open && b.voting.open) out.push({ key: "votingOpened", values: { count: b.voting.dotsPerPerson } });
  if (a.voting.open && !b.voting.open) out.push({ key: "votingClosed" });
  if (prev.totals.size > 0 && next.totals.size === 0) out.push({ key: "votesCleared" });
  if (a.locked !== b.locked) out.push({ key: b.locked ? "locked" : "unlocked" });
  if (a.silent !== b.silent) out.push({ key: b.silent ? "silentStarted" : "silentEnded" });
  if (a.hideAuthors !== b.hideAuthors) out.push({ key: b.hideAuthors ? "authorsHidden" : "authorsShown" });
  const ta = a.timer;
  const tb = b.timer;
  if (tb && tb.startedAt !== null && (!ta || ta.startedAt !== tb.startedAt))
    out.push({ key: "timerStarted", values: { minutes: Math.ceil(tb.remainingMs / 60000) } });
  else if (ta && ta.startedAt !== null && tb && tb.startedAt === null) out.push({ key: tb.remainingMs === tb.durationMs ? "timerReset" : "timerPaused" });
  return out;
}
