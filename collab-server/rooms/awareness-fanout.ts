import type { RedisBus } from "../extensions/redis";
import { Connection } from "../connections/connection";
import { BadMessage, encodeAwareness, readAwarenessEntries, writeAwarenessEntries } from "../protocol/messages";
import { isAcceptableAwareness } from "../protocol/validate";
import type { Room } from "./room";
import { stampPresence } from "../../app/collab/presence";

/** Client ids one connection may speak for in awareness (one per document instance). */
const MAX_CLIENT_IDS = 4;

/**
 * Presence (awareness): what a connection may say about whom, and the fan-out, coalesced per
 * tick so that N clients do not cause N² frames. With Redis, the changes made here are
 * published for other instances' members too.
 */
export class AwarenessFanout {
  /** Rooms whose awareness changed since the last fan-out. */
  private readonly rooms = new Set<Room>();
  private queued = false;

  constructor(private readonly bus: Pick<RedisBus, "publishAwareness"> | null) {}

  /** The room's awareness changed: send the changes to its members (and other instances) on the next tick. */
  schedule(room: Room): void {
    this.rooms.add(room);
    if (this.queued) return;
    this.queued = true;
    setImmediate(this.fanOut);
  }

  /** A connection's awareness message: it speaks only for the client ids it claimed first. Throws BadMessage. */
  receive(conn: Connection, room: Room, update: Uint8Array): void {
    const entries = readAwarenessEntries(update);
    if (entries.some((e) => !isAcceptableAwareness(e.clock, e.state))) throw new BadMessage("awareness state too large or too deep");
    if (conn.clientIds.size === 0) {
      // Claim only ids nobody in the room speaks for yet: nobody can take over another's presence.
      const taken = new Set<number>();
      for (const member of room.members) if (member instanceof Connection && member !== conn) for (const id of member.clientIds) taken.add(id);
      for (const e of entries.slice(0, MAX_CLIENT_IDS)) if (!taken.has(e.clientId) && !room.awareness.states.has(e.clientId)) conn.clientIds.add(e.clientId);
    }
    // A connection speaks only for its own clients, and with the name and colour of its token:
    // no spoofing other people's presence.
    const own = entries.filter((e) => conn.clientIds.has(e.clientId));
    if (!own.length) return;
    const identity = conn.actor!;
    for (const e of own) e.state = stampPresence(e.state, identity);
    room.applyAwareness(writeAwarenessEntries(own), conn);
    this.schedule(room);
  }

  /** A connection left its room: its clients' presence goes. */
  left(conn: Connection, room: Room): void {
    room.removeAwareness(conn.clientIds);
    this.schedule(room);
  }

  /** The presence of this instance's clients in a room, as one update (or null): what a newcomer elsewhere asks for. */
  ownClients(room: Room): Uint8Array | null {
    const ids = new Set<number>();
    for (const member of room.members) if (member instanceof Connection) for (const id of member.clientIds) ids.add(id);
    return room.awarenessOf(ids);
  }

  /** Shutdown: our clients' presence leaves the other instances now (they reconnect elsewhere). */
  withdraw(rooms: Iterable<Room>): void {
    if (!this.bus) return;
    for (const room of rooms) {
      for (const member of room.members) if (member instanceof Connection) room.removeAwareness(member.clientIds);
      const own = room.takeOwnAwarenessUpdate();
      if (own) this.bus.publishAwareness(room.name, own);
    }
  }

  private readonly fanOut = (): void => {
    this.queued = false;
    for (const room of this.rooms) {
      if (this.bus) {
        const own = room.takeOwnAwarenessUpdate();
        if (own) this.bus.publishAwareness(room.name, own); // what other instances' members should see
      } else room.awarenessChangedHere.clear();
      const update = room.takeAwarenessUpdate();
      if (!update) continue;
      const frame = encodeAwareness(update);
      for (const member of room.members) member.send(frame);
    }
    this.rooms.clear();
  };
}
