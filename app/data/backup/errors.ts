/** Why a restore did nothing: a message for the person running it, and nothing was changed. */
export class RestoreRefused extends Error {
  override name = "RestoreRefused";
}

/** Bad arguments or settings for backup/restore (say what is wrong; nothing was done). */
export class BackupUsageError extends Error {
  override name = "BackupUsageError";
}
