// kill -9 the collab server (a child process) repeatedly during an edit storm of 50 clients:
// afterwards every client converges, and nothing the server reported durable is missing.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import * as Y from "yjs";
import { freshDatabase, type TestDatabase } from "../setup/databases";
import { createStore } from "../../collab-server/persistence/create-store";
import { resolveDatabaseTarget } from "~/data/database-url.server";
import { connect, covered, SECRET, token, until, type Client } from "./harness";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const DOC = "locality:crash:board:storm";
const CLIENTS = 50;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/collab/healthz`)).ok;
  } catch {
    return false;
  }
}

describe("crash safety", () => {
  let db: TestDatabase;
  let child: ChildProcess | null = null;
  let port = 0;
  const clients: Client[] = [];

  async function startChild(): Promise<void> {
    child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), ["collab-server/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db.url, SESSION_SECRET: SECRET, COLLAB_PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "silent", REDIS_URL: "" },
      stdio: "ignore",
    });
    const start = Date.now();
    while (!(await healthy(port))) {
      if (Date.now() - start > 20_000) throw new Error("collab child did not start");
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    db = await freshDatabase("sqlite");
    port = await freePort();
    await startChild();
  });
  afterAll(async () => {
    for (const c of clients) c.provider.destroy();
    child?.kill("SIGKILL");
    await db?.drop();
  });

  it("loses nothing that was reported durable", async () => {
    const url = `ws://127.0.0.1:${port}/collab`;
    const t = await token(DOC);
    for (let i = 0; i < CLIENTS; i++) clients.push(connect(url, DOC, t));
    await until(() => clients.every((c) => c.provider.synced), 20_000, "all synced");

    // For each client: the highest clock of its own edits the server said were stored.
    const reported = new Map<number, number>();
    const record = () => {
      for (const c of clients) {
        const durable = c.durable();
        if (!durable) continue;
        const clock = durable.get(c.doc.clientID) ?? 0;
        if (clock > (reported.get(c.doc.clientID) ?? 0)) reported.set(c.doc.clientID, clock);
      }
    };
    let editing = true;
    let edits = 0;
    const storm = (async () => {
      while (editing) {
        for (const c of clients) {
          c.doc.getMap("notes").set(`${c.doc.clientID}-${edits}`, edits);
        }
        edits++;
        record();
        await new Promise((r) => setTimeout(r, 25));
      }
    })();

    for (let kill = 0; kill < 3; kill++) {
      await new Promise((r) => setTimeout(r, 700 + Math.random() * 500));
      record();
      child!.kill("SIGKILL");
      await new Promise((r) => child!.once("exit", r));
      await startChild();
    }
    await new Promise((r) => setTimeout(r, 500));
    editing = false;
    await storm;

    await until(() => clients.every((c) => c.provider.wsconnected), 20_000, "all reconnected");
    await until(() => clients.every((c) => covered(c.doc, c.durable())), 30_000, "every client durable");
    record();
    const canonical = (doc: Y.Doc) => JSON.stringify(Object.entries(doc.getMap("notes").toJSON()).sort(([a], [b]) => a.localeCompare(b)));
    await until(() => clients.every((c) => canonical(c.doc) === canonical(clients[0]!.doc)), 20_000, "convergence").catch((e) => {
      const sizes = clients.map((c) => c.doc.getMap("notes").size);
      console.log("DEBUG sizes", sizes.join(","), "closes", JSON.stringify(clients.map((c) => c.closes.map((x) => x.code)).filter((x) => x.length)));
      throw e;
    });
    const expected = canonical(clients[0]!.doc);
    expect(clients[0]!.doc.getMap("notes").size).toBe(CLIENTS * edits);

    // What the database holds covers everything that was ever reported durable.
    const store = createStore(resolveDatabaseTarget(db.url));
    const loaded = await store.load(DOC);
    await store.close();
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.mergeUpdates(loaded.updates));
    const storedClocks = Y.decodeStateVector(Y.encodeStateVector(stored));
    const missing = [...reported].filter(([client, clock]) => (storedClocks.get(client) ?? 0) < clock);
    expect(missing).toEqual([]);
    expect(canonical(stored)).toBe(expected);
    console.log(`crash test: ${CLIENTS} clients, ${edits} rounds (${CLIENTS * edits} edits), 3 kill -9 restarts, ${reported.size} clients with durable reports`);
  }, 120_000);
});
