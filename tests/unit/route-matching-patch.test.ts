// docs/decisions/0016: the server's @remix-run/router (CommonJS build) remembers compiled paths
// and ranked branches. It must match exactly as the unpatched ES module build does.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const cjsFile = require.resolve("@remix-run/router");
type Route = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };
type Match = { route: { id: string }; params: Record<string, string | undefined>; pathname: string };
type Router = { matchRoutes(routes: Route[], location: string): Match[] | null };
const patched = require("@remix-run/router") as Router;
const unpatchedFile = path.join(path.dirname(cjsFile), "router.js");

/** The app's route tree, nested as Remix nests it (remix.config.js's flat routes). */
async function appRoutes(): Promise<Route[]> {
  const { default: config } = (await import("../../remix.config.js")) as {
    default: { routes: (define: unknown) => Promise<Record<string, Route & { parentId?: string }>> };
  };
  const { defineRoutes } = (await import("@remix-run/dev/dist/config/routes.js")) as unknown as { defineRoutes: unknown };
  const manifest = Object.values(await config.routes(defineRoutes));
  const tree = (parentId: string | undefined): Route[] =>
    manifest
      .filter((r) => (r.parentId ?? "root") === (parentId ?? "root") && r.id !== parentId)
      .map((r) => ({ id: r.id, path: r.path, index: r.index, caseSensitive: r.caseSensitive, children: tree(r.id) }));
  return [{ id: "root", path: "", children: tree("root") }];
}

describe("the route matching patch", () => {
  it("is applied to the build Node loads", () => {
    expect(path.basename(cjsFile)).toBe("router.cjs.js");
    const source = fs.readFileSync(cjsFile, "utf8");
    expect(source).toContain("const rankedBranches = new WeakMap();");
    expect(source).toContain("const compiledPaths = new Map();");
    expect(fs.readFileSync(unpatchedFile, "utf8")).not.toContain("rankedBranches");
  });

  it("matches every route path, twice over, exactly as the unpatched build does", async () => {
    const unpatched = (await import(unpatchedFile)) as Router;
    const routes = await appRoutes();
    const paths = new Set<string>(["/", "/nowhere/at/all", "/l/abc/DOCUMENTS", "/l/abc/ideas/xyz/", "/orgs/birmingham/exchange/s1"]);
    const collect = (prefix: string, list: Route[]) => {
      for (const r of list) {
        const full = `${prefix}/${r.path ?? ""}`.replace(/\/+/g, "/");
        paths.add(full.replace(/:[A-Za-z]+/g, "x1").replace(/\*$/, "a/b"));
        collect(full, r.children ?? []);
      }
    };
    collect("", routes);
    expect(paths.size).toBeGreaterThan(60);
    const summary = (m: Match[] | null) => m?.map((x) => `${x.route.id} ${x.pathname} ${JSON.stringify(x.params)}`) ?? null;
    for (let round = 0; round < 2; round++) {
      for (const p of paths) expect(summary(patched.matchRoutes(routes, p)), p).toEqual(summary(unpatched.matchRoutes(routes, p)));
    }
  });
});
