/** Field limits, shared by forms, validation and the database layer. */
export const LIMITS = {
  name: 100,
  email: 254,
  passwordMin: 10,
  passwordMax: 200,
  localityName: 80,
  localityDescription: 500,
  inviteNote: 200,
  inviteMaxDays: 30,
  boardTitle: 120,
  documentTitle: 120,
  versionName: 80,
} as const;
