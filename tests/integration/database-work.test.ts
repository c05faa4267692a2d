// Each request's database work (app/http/database-work.server.ts): the queries Prisma reports are
// counted against the request that made them — not against another request running at the same
// time — and given as Server-Timing only when SERVER_TIMING is on.
import type http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { freshDatabase, providers, type TestDatabase } from "../setup/databases";
import { databaseWorkOf, trackDatabaseWork } from "~/http/database-work.server";
import type { DatabaseWork } from "~/http/request-context.server";

describe.each(await providers())("database work per request on %s", (provider) => {
  let database: TestDatabase;
  let server: http.Server;
  let base: string;
  const finished: DatabaseWork[] = [];

  beforeAll(async () => {
    database = await freshDatabase(provider);
    const app = express();
    app.use((req, res, next) => {
      (req as unknown as { id: string }).id = `test-${req.url}`;
      res.on("finish", () => finished.push({ ...databaseWorkOf(res)! }));
      next();
    });
    app.use((req, res, next) => trackDatabaseWork(req.query.timing === "1")(req, res, next));
    // `n` sequential queries, after a pause that lets other requests' queries run in between.
    app.get("/queries/:n", async (req, res) => {
      for (let i = 0; i < Number(req.params.n); i++) {
        await database.db.user.count();
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      res.send("done");
    });
    server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await database.drop();
  });

  it("counts each request's own queries, however requests interleave", async () => {
    finished.length = 0;
    const counts = [1, 4, 2, 7, 3, 0, 5];
    const answers = await Promise.all(counts.map((n) => fetch(`${base}/queries/${n}`)));
    for (const answer of answers) expect(answer.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(finished.map((w) => w.queries).sort((a, b) => a - b)).toEqual([...counts].sort((a, b) => a - b));
    for (const work of finished) {
      expect(work.ms).toBeGreaterThanOrEqual(0);
      if (work.queries === 0) expect(work.ms).toBe(0);
    }
  });

  it("says it in Server-Timing only when asked to", async () => {
    const timed = await fetch(`${base}/queries/3?timing=1`);
    const header = timed.headers.get("server-timing") ?? "";
    expect(header).toMatch(/^db;dur=\d+\.\d;desc="3 queries", app;dur=\d+\.\d$/);
    const plain = await fetch(`${base}/queries/3`);
    expect(plain.headers.get("server-timing")).toBeNull();
  });
});
