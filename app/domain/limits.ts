import { CONTENT_LIMITS } from "~/collab/limits";

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
  /** Stage 2. */
  storyTitle: 120,
  storyField: 120,
  /** The longest story text, in characters (about 60 pages of interview transcript). */
  storyText: 200_000,
  /** The largest file imported as a story's text (.txt, .md, .docx). */
  storyImportBytes: 5 * 1024 * 1024,
  /** The largest photo accepted, before it is re-encoded without metadata. */
  photoBytes: 8 * 1024 * 1024,
  photosPerStory: 12,
  photoAlt: 300,
  identifier: 100,
  codeName: 60,
  codeDescription: 500,
  excerptComment: 1000,
  insightStatement: 500,
  insightQuestion: 300,
  insightQuestions: 5,
  /** Stage 3. */
  challengeQuestion: 300,
  ideaTitle: 120,
  /** An idea's text: a phone submission, a moderator's edit, a translation (an idea is a board note). */
  ideaText: CONTENT_LIMITS.noteText,
  ideaField: 500,
  contributorName: 100,
  contributorContact: 200,
  rejectionReason: 500,
  ideaComment: 1000,
  reportReason: 300,
} as const;
