/**
 * Limits of what collaborative documents hold: text lengths inside a board or a rich-text
 * document. The browser trims to them, the server's forms that write documents check them, and
 * field limits of records that mirror document content (an idea's text is a board note) are
 * these (app/domain/limits.ts).
 */
export const CONTENT_LIMITS = {
  /** A board note's text. */
  noteText: 500,
  /** A board cluster's name. */
  clusterName: 120,
  /** A comment on a passage of a rich-text document. */
  commentText: 1000,
  /** The prompt a board shows at its top (a session step's question, written by the server). */
  boardPrompt: 500,
} as const;

/** Collaboration limits, shared by the server, the token issuer and the browser. */
export const COLLAB_LIMITS = {
  /** Largest WebSocket frame a client may send (ws maxPayload). */
  maxFrameBytes: 1024 * 1024,
  /** Largest stored size of one document (snapshot + log). */
  maxDocumentBytes: 16 * 1024 * 1024,
  /** Messages a connection may send per second, sustained, and in a burst. */
  messagesPerSecond: 100,
  messageBurst: 300,
  /** Token lifetime: a revoked membership stops working within this. */
  tokenSeconds: 10 * 60,
  /** Heartbeat: a connection that misses one ping interval is dropped. */
  pingIntervalMs: 30_000,
  /** Log rows after which a document is compacted into its snapshot. */
  compactAfterUpdates: 500,
} as const;

export type CollabLimits = { -readonly [K in keyof typeof COLLAB_LIMITS]: number };
