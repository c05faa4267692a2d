/**
 * Where documents live: an append-only log of updates per document, folded now and then
 * into a snapshot. The hot path uses the database driver directly (a Prisma call costs
 * 15–85x a raw one); Prisma owns the tables' schema and migrations.
 */
export type LoadedDocument = {
  /** Snapshot first (if any), then every later update, in order. */
  updates: Uint8Array[];
  /** Bytes stored for the document (snapshot + log). */
  storedBytes: number;
  /** Rows in the log after the snapshot. */
  logCount: number;
};

export interface CollabStore {
  readonly kind: "sqlite" | "postgresql";
  load(docName: string): Promise<LoadedDocument>;
  /** Appends one update per document, all in one transaction; resolves once durable. */
  appendBatch(entries: ReadonlyArray<{ docName: string; update: Uint8Array }>): Promise<void>;
  /** Folds the log into the snapshot with `merge`; returns how many log rows it folded. */
  compact(docName: string, merge: (updates: Uint8Array[]) => Uint8Array): Promise<number>;
  /** Deletes everything stored for a document (its log and snapshot), for good. */
  erase(docName: string): Promise<void>;
  /** Documents whose log has at least this many rows. */
  compactionCandidates(minUpdates: number): Promise<string[]>;
  close(): Promise<void>;
}
