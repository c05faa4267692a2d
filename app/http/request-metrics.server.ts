/**
 * How long the web server takes per route, for Prometheus (`/metrics`, next to the collab
 * server's figures): a histogram by method, route and status. A route is the path with its ids,
 * codes and tokens replaced (`/l/:id/prototypes/:id`), so the figures group by page kind and no
 * secret or id reaches the metrics; anything that found no page counts as "unmatched", so
 * scanners cannot grow the label set.
 */
import type { NextFunction, Request, Response } from "express";
import { Counter, Histogram, Registry } from "prom-client";
import { queryPlanCounts } from "~/data/query-plan-cache.server";

const ID = /^[A-Za-z0-9_-]{16,}$/;
/** Segments after which the next one is a code or token (public links, receipts, invitations). */
const CODE_AFTER = new Set(["i", "f", "r", "invite"]);
const METHODS = new Set(["GET", "HEAD", "POST"]);

/** The route a request counts under (see the module's comment). */
export function routeOf(path: string, status: number): string {
  if (status === 404 || status === 405) return "unmatched";
  if (path.startsWith("/build/")) return "/build/*";
  const parts = path.split("/");
  const out = parts.map((part, i) => {
    if (i > 0 && CODE_AFTER.has(parts[i - 1]!) && part) return ":code";
    return ID.test(part) || /^\d+$/.test(part) ? ":id" : part;
  });
  return out.join("/").slice(0, 120) || "/";
}

export function createRequestMetrics() {
  const registry = new Registry();
  const duration = new Histogram({
    name: "coproduce_http_request_duration_seconds",
    help: "Time to answer a request, by method, route (ids replaced) and status",
    labelNames: ["method", "route", "status"],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Counter({
    name: "coproduce_query_plans_total",
    help: "Database query plans: reused (a read asked before), compiled (a read, kept), not_kept (writes and long requests)",
    labelNames: ["outcome"],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ outcome: "reused" }, queryPlanCounts.reused);
      this.inc({ outcome: "compiled" }, queryPlanCounts.compiled);
      this.inc({ outcome: "not_kept" }, queryPlanCounts.notKept);
    },
  });
  return {
    /** Express middleware: times every request from arrival to the end of its answer. */
    middleware(req: Request, res: Response, next: NextFunction): void {
      const start = process.hrtime.bigint();
      res.once("finish", () => {
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        duration.observe(
          { method: METHODS.has(req.method) ? req.method : "other", route: routeOf(req.path, res.statusCode), status: String(res.statusCode) },
          seconds,
        );
      });
      next();
    },
    text: (): Promise<string> => registry.metrics(),
  };
}
