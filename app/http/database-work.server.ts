/**
 * Each request's database work, counted as Prisma reports its queries (app/data/db.server.ts):
 * the request's log line says how many queries it made and how long they took, and with
 * SERVER_TIMING on, the answer carries a `Server-Timing` header (browsers' network panels show
 * it; `npm run bench:pages` prints it per page kind). Off by default: the figures say something
 * about the data behind a page to anyone who can load it.
 */
import type { NextFunction, Request, Response } from "express";
import { runWithRequestId, type DatabaseWork } from "./request-context.server";

/** The figures of a finished request, as its log line carries them (undefined outside a request). */
export function databaseWorkOf(res: { locals?: Record<string, unknown> }): DatabaseWork | undefined {
  return res.locals?.databaseWork as DatabaseWork | undefined;
}

/** The `Server-Timing` value: database time with the query count, and the time until the headers. */
export function serverTimingValue(db: DatabaseWork, totalMs: number): string {
  return `db;dur=${db.ms.toFixed(1)};desc="${db.queries} queries", app;dur=${totalMs.toFixed(1)}`;
}

/**
 * Express middleware: runs the rest of the request as its request id (calls it makes carry the
 * id) with a fresh count of its database work, and adds `Server-Timing` if asked to.
 */
export function trackDatabaseWork(serverTiming: boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const db: DatabaseWork = { queries: 0, ms: 0 };
    res.locals.databaseWork = db;
    if (serverTiming) {
      const started = performance.now();
      const writeHead = res.writeHead;
      res.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
        if (!this.headersSent) this.setHeader("Server-Timing", serverTimingValue(db, performance.now() - started));
        return writeHead.apply(this, args);
      } as Response["writeHead"];
    }
    runWithRequestId(String(req.id), next, db);
  };
}
