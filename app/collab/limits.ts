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
