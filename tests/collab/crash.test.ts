// kill -9 the collab server (a child process) repeatedly during an edit storm of 50 clients:
// afterwards every client converges, and nothing the server reported durable is missing. The
// child is node itself with tsx's loader (not the tsx wrapper, whose SIGKILL would leave the real
// server running): each kill is proven by the old process being gone and the port refusing
// connections before the next server starts.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import * as Y from "yjs";
import { freshDatabase, type TestDatabase } from "../setup/databases";
import { createStore } from "../../collab-server/persistence/create-store";
import { resolveDatabaseTarget } from "~/config/database-url.server";
import { connect, covered, SECRET, token, until, type Client } from "./harness";
import { alive } from "../setup/real-server";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const DOC = "locality:crash:doc:storm";
const CLIENTS = 50;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Whether anything accepts a TCP connection on the port now. */
function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
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
  let internalPort = 0;
  const clients: Client[] = [];
  const pids: number[] = [];

  async function startChild(): Promise<void> {
    // node itself runs the server (tsx as a loader), so child.pid is the process that serves.
    child = spawn(process.execPath, ["--import", "tsx", "collab-server/main.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        SESSION_SECRET: SECRET,
        COLLAB_PORT: String(port),
        INTERNAL_PORT: String(internalPort),
        HOST: "127.0.0.1",
        LOG_LEVEL: "silent",
        REDIS_URL: "",
      },
      stdio: "ignore",
    });
    const start = Date.now();
    while (!(await healthy(port))) {
      if (child.exitCode !== null) throw new Error(`collab child exited (${child.exitCode}) before it answered`);
      if (Date.now() - start > 20_000) throw new Error("collab child did not start");
      await new Promise((r) => setTimeout(r, 50));
    }
    pids.push(child.pid!);
  }

  /** kill -9 the serving process and prove it is gone: no such process, nothing on the port. */
  async function killChild(): Promise<void> {
    const victim = child!;
    const exited = new Promise((r) => victim.once("exit", r));
    victim.kill("SIGKILL");
    await exited;
    expect(alive(victim.pid!)).toBe(false);
    expect(await accepting(port)).toBe(false);
  }

  beforeAll(async () => {
    db = await freshDatabase("sqlite");
    port = await freePort();
    internalPort = await freePort();
    await startChild();
  });
  afterAll(async () => {
    for (const c of clients) c.provider.destroy();
    if (child && child.exitCode === null) await killChild();
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

    // After each kill: how many edits had been reported durable, and how many of them the store holds.
    const perKill: Array<{ reportedDurable: number; present: number }> = [];
    const durableEdits = (clocks: Map<number, number>) => [...reported].reduce((n, [client, clock]) => n + Math.min(clock, clocks.get(client) ?? 0), 0);
    for (let kill = 0; kill < 3; kill++) {
      await new Promise((r) => setTimeout(r, 700 + Math.random() * 500));
      record();
      await killChild();
      const atKill = [...reported].reduce((n, [, clock]) => n + clock, 0);
      const store = createStore(resolveDatabaseTarget(db.url));
      const loaded = await store.load(DOC);
      await store.close();
      const storedDoc = new Y.Doc();
      if (loaded.updates.length) Y.applyUpdate(storedDoc, Y.mergeUpdates(loaded.updates));
      perKill.push({ reportedDurable: atKill, present: durableEdits(Y.decodeStateVector(Y.encodeStateVector(storedDoc))) });
      await startChild();
    }
    // Four different processes served: the first and one after each kill.
    expect(new Set(pids).size).toBe(4);
    for (const k of perKill) expect(k.present).toBe(k.reportedDurable);
    await new Promise((r) => setTimeout(r, 500));
    editing = false;
    await storm;

    await until(() => clients.every((c) => c.provider.wsconnected), 20_000, "all reconnected").catch((e) => {
      console.log("crash test: last closes per client", JSON.stringify(clients.map((c) => c.closes.slice(-3))));
      throw e;
    });
    await until(() => clients.every((c) => covered(c.doc, c.durable())), 30_000, "every client durable");
    record();
    const canonical = (doc: Y.Doc) => JSON.stringify(Object.entries(doc.getMap("notes").toJSON()).sort(([a], [b]) => a.localeCompare(b)));
    await until(() => clients.every((c) => canonical(c.doc) === canonical(clients[0]!.doc)), 20_000, "convergence").catch((e) => {
      const sizes = clients.map((c) => c.doc.getMap("notes").size);
      console.log(
        "crash test: notes per client",
        sizes.join(","),
        "closes",
        JSON.stringify(clients.map((c) => c.closes.map((x) => x.code)).filter((x) => x.length)),
      );
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
    console.log(
      `crash test: ${CLIENTS} clients, ${edits} rounds (${CLIENTS * edits} edits), ${pids.length - 1} kill -9 restarts of the serving process (pids ${pids.join(", ")}), ` +
        `${reported.size} clients with durable reports; edits reported durable → present in the store after each kill: ${perKill.map((k) => `${k.reportedDurable} → ${k.present}`).join(", ")}`,
    );
  }, 120_000);
});
