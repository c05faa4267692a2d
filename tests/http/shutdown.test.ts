// A web instance told to stop (SIGTERM, as an orchestrator or `systemctl stop` does) drains
// gracefully: it says it is not ready any more, ends the live page streams it holds open (they
// never end on their own, and would hold the process until it is killed), lets requests finish
// and exits on its own — not by the 10-second force. The very process that serves is started
// and proven gone.
import Database from "better-sqlite3";
import { alive, startRealServer } from "../setup/real-server";
import { httpClient } from "../setup/http-client";

const DEMO_PASSWORD = "coproduce-demo-2026";

describe("shutting down a web instance", () => {
  it("ends open live streams, finishes its requests and exits by itself", async () => {
    const server = await startRealServer();
    try {
      const client = httpClient(server.url);
      await client.get("/sign-in");
      expect((await client.post("/sign-in", { email: "member.longbridge@coproduce.test", password: DEMO_PASSWORD })).status).toBe(302);
      const db = new Database(server.databaseFile, { readonly: true });
      const { id: localityId } = db.prepare("SELECT id FROM Locality WHERE name = 'Longbridge'").get() as { id: string };
      db.close();
      const stream = await client.get(`/l/${localityId}/analysis/events`, { headers: { Accept: "text/event-stream" }, signal: AbortSignal.timeout(30_000) });
      expect(stream.status).toBe(200);
      const reader = stream.body!.getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toContain("retry:");
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

      const ended = (async () => {
        for (;;) {
          const { done } = await reader.read().catch(() => ({ done: true }));
          if (done) return "ended";
        }
      })();
      process.kill(server.pid, "SIGTERM");
      expect(await ended).toBe("ended");
      await server.waitForLog((log) => /shut down: (every request finished|forced)/.test(log));
      expect(server.log()).toContain("shut down: every request finished");
      expect(server.log()).not.toContain("forced after 10 s");
    } finally {
      await server.stop();
    }
    expect(alive(server.pid)).toBe(false);
  }, 180_000);
});
