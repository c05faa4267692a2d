import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Prometheus metrics of one collab server (its own registry, so tests can run several). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "coproduce_collab_" });
  return {
    registry,
    connections: new Gauge({ name: "coproduce_collab_connections", help: "Open WebSocket connections", registers: [registry] }),
    documents: new Gauge({ name: "coproduce_collab_documents_loaded", help: "Documents loaded in memory", registers: [registry] }),
    updates: new Counter({ name: "coproduce_collab_updates_total", help: "Client updates received and stored", registers: [registry] }),
    rejected: new Counter({
      name: "coproduce_collab_connections_closed_total",
      help: "Connections the server closed, by reason",
      labelNames: ["reason"],
      registers: [registry],
    }),
    bytesStored: new Counter({ name: "coproduce_collab_bytes_stored_total", help: "Bytes appended to document logs", registers: [registry] }),
    persistSeconds: new Histogram({
      name: "coproduce_collab_persist_seconds",
      help: "Time to durably append a batch of updates",
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
  };
}
export type CollabMetrics = ReturnType<typeof createMetrics>;
