import * as Y from "yjs";
import { touchesRoot } from "../../collab-server/rooms/root-guard";

const SETTINGS = new Set(["settings"]);

/** A room's document and a client that has synced with it. */
function pair() {
  const room = new Y.Doc();
  room.getMap("settings").set("locked", false);
  const ballots = room.getMap<Y.Map<number>>("votes");
  const mine = new Y.Map<number>();
  ballots.set("u1", mine);
  mine.set("n1", 1);
  room.getMap("notes").set("n1", new Y.Text("hello"));
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(room));
  return { room, client };
}

function changeOf(client: Y.Doc, change: (d: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(client);
  change(client);
  return Y.encodeStateAsUpdate(client, before);
}

describe("touchesRoot", () => {
  it("sees new, overwritten and deleted entries of a guarded top-level map", () => {
    const { room, client } = pair();
    expect(
      touchesRoot(
        room,
        changeOf(client, (d) => d.getMap("settings").set("locked", true)),
        SETTINGS,
      ),
    ).toBe(true);
    expect(
      touchesRoot(
        room,
        changeOf(client, (d) => d.getMap("settings").set("timer", { startedAt: 1 })),
        SETTINGS,
      ),
    ).toBe(true);
    const { room: r2, client: c2 } = pair();
    expect(
      touchesRoot(
        r2,
        changeOf(c2, (d) => d.getMap("settings").delete("locked")),
        SETTINGS,
      ),
    ).toBe(true);
  });

  it("lets everything else through: notes, text, nested ballots", () => {
    const { room, client } = pair();
    expect(
      touchesRoot(
        room,
        changeOf(client, (d) => (d.getMap("notes").get("n1") as Y.Text).insert(5, " world")),
        SETTINGS,
      ),
    ).toBe(false);
    expect(
      touchesRoot(
        room,
        changeOf(client, (d) => d.getMap("notes").set("n2", new Y.Text("new"))),
        SETTINGS,
      ),
    ).toBe(false);
    expect(
      touchesRoot(
        room,
        changeOf(client, (d) => (d.getMap("votes").get("u1") as Y.Map<number>).set("n1", 2)),
        SETTINGS,
      ),
    ).toBe(false);
    expect(
      touchesRoot(
        room,
        changeOf(client, (d) => d.getMap("notes").delete("n1")),
        SETTINGS,
      ),
    ).toBe(false);
  });

  it("follows a chain of items inside the update and nested types under a guarded root", () => {
    const room = new Y.Doc();
    const client = new Y.Doc();
    const update = changeOf(client, (d) => {
      const settings = d.getMap("settings");
      const nested = new Y.Map<unknown>();
      settings.set("voting", nested);
      nested.set("open", true);
      settings.set("voting2", 1);
      settings.set("voting2", 2); // origin: the item just above, in the same update
    });
    expect(touchesRoot(room, update, SETTINGS)).toBe(true);
    // Only the nested change, once the nested map is stored in the room.
    Y.applyUpdate(room, update);
    expect(
      touchesRoot(
        room,
        changeOf(client, (d) => (d.getMap("settings").get("voting") as Y.Map<unknown>).set("open", false)),
        SETTINGS,
      ),
    ).toBe(true);
  });

  it("is not fooled by an empty update or a reconnecting client's delete set", () => {
    const { room, client } = pair();
    expect(touchesRoot(room, Y.encodeStateAsUpdate(new Y.Doc()), SETTINGS)).toBe(false);
    // A client that deleted a note and reconnects sends its whole delete set again.
    const del = changeOf(client, (d) => d.getMap("notes").delete("n1"));
    Y.applyUpdate(room, del);
    expect(touchesRoot(room, Y.encodeStateAsUpdate(client, Y.encodeStateVector(room)), SETTINGS)).toBe(false);
  });
});
