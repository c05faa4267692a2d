import { BackupUsageError, RestoreRefused } from "./errors";

/** Prints what went wrong for a person and gives the exit code: 2 bad arguments, 3 refused, 1 anything else. */
export function exitFor(error: unknown, verb: "backup" | "restore"): number {
  if (error instanceof BackupUsageError) {
    console.error(`${verb}: ${error.message} (--help for usage)`);
    return 2;
  }
  if (error instanceof RestoreRefused) {
    console.error(`Restore refused: ${error.message}`);
    return 3;
  }
  console.error(`${verb} failed: ${(error as Error)?.message ?? String(error)}`);
  return 1;
}
