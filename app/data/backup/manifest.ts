/**
 * What a backup records about itself (`manifest.json`, the archive's first entry): the engine,
 * the app's schema version (the latest migration applied), when it was taken, rows per table
 * and the database's checksum. Restore reads and checks it before it touches anything.
 */
import { z } from "zod";

export const BACKUP_FORMAT = "coproduce-backup";
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = "manifest.json";
export const PAYLOAD_ENTRY = { sqlite: "database.sqlite", postgresql: "database.pgdump" } as const;

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  engine: z.enum(["sqlite", "postgresql"]),
  /** The name of the latest migration applied to the database backed up. */
  schemaVersion: z.string().regex(/^\d{14}_[A-Za-z0-9_]+$/, "must be a migration name"),
  /** When the copy began and when it was complete (ISO 8601, UTC). */
  startedAt: z.string().datetime(),
  finishedAt: z.string().datetime(),
  /** How the database was copied: "sqlite online backup API" or "pg_dump <version>, custom format". */
  method: z.string(),
  /** Rows per table, read from the very copy in the backup. */
  rowCounts: z.record(z.string(), z.number().int().nonnegative()),
  /** The collaboration log and snapshots (the boards' and documents' content), said twice on purpose. */
  collab: z.object({ updates: z.number().int().nonnegative(), snapshots: z.number().int().nonnegative(), documents: z.number().int().nonnegative() }),
  payload: z.object({ name: z.string(), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  /**
   * A fingerprint (not the secret) of the SESSION_SECRET in use when the backup was taken, or
   * null when none was found: restore warns when the restoring side's differs.
   */
  sessionSecretFingerprint: z.string().nullable(),
  /** What a backup does not hold, for whoever reads the file later. */
  notIncluded: z.array(z.string()),
});

export type Manifest = z.infer<typeof manifestSchema>;

export const NOT_INCLUDED = [
  "SESSION_SECRET (or data/session-secret when it is unset): keep it with your other secrets; restore with the same one",
  "the configuration (environment variables) and the built app",
];
