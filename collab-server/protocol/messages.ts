import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { MESSAGE } from "../../app/collab/protocol";

/** A client message, decoded defensively: anything malformed is a `BadMessage`. */
export type ClientMessage =
  | { type: "sync-step-1"; stateVector: Uint8Array }
  | { type: "update"; update: Uint8Array }
  | { type: "awareness"; update: Uint8Array }
  | { type: "query-awareness" }
  | { type: "auth" };

export class BadMessage extends Error {}

function readBytes(decoder: decoding.Decoder): Uint8Array {
  const length = decoding.readVarUint(decoder);
  if (!Number.isSafeInteger(length) || length > decoder.arr.length - decoder.pos) throw new BadMessage("length past the end of the frame");
  return decoding.readUint8Array(decoder, length);
}

function readUint(decoder: decoding.Decoder): number {
  if (decoder.pos >= decoder.arr.length) throw new BadMessage("truncated frame");
  const value = decoding.readVarUint(decoder);
  if (!Number.isSafeInteger(value) || decoder.pos > decoder.arr.length) throw new BadMessage("truncated varint");
  return value;
}

/** Decodes one frame of the y-websocket protocol; throws BadMessage on anything else. */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const type = readUint(decoder);
    switch (type) {
      case MESSAGE.sync: {
        const step = readUint(decoder);
        if (step === syncProtocol.messageYjsSyncStep1) return { type: "sync-step-1", stateVector: readBytes(decoder) };
        if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) return { type: "update", update: readBytes(decoder) };
        throw new BadMessage(`unknown sync step ${step}`);
      }
      case MESSAGE.awareness:
        return { type: "awareness", update: readBytes(decoder) };
      case MESSAGE.queryAwareness:
        return { type: "query-awareness" };
      case MESSAGE.auth:
        return { type: "auth" };
      default:
        throw new BadMessage(`unknown message type ${type}`);
    }
  } catch (error) {
    if (error instanceof BadMessage) throw error;
    throw new BadMessage((error as Error).message || "malformed frame");
  }
}

/** A frame: varuint message type(s), then one length-prefixed payload. */
function frame(types: number[], payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  for (const t of types) encoding.writeVarUint(e, t);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

export const encodeSyncStep1 = (stateVector: Uint8Array) => frame([MESSAGE.sync, syncProtocol.messageYjsSyncStep1], stateVector);
export const encodeSyncStep2 = (update: Uint8Array) => frame([MESSAGE.sync, syncProtocol.messageYjsSyncStep2], update);
export const encodeUpdate = (update: Uint8Array) => frame([MESSAGE.sync, syncProtocol.messageYjsUpdate], update);
export const encodeAwareness = (update: Uint8Array) => frame([MESSAGE.awareness], update);
/** Our message: the state vector of everything durably stored. */
export const encodeDurable = (stateVector: Uint8Array) => frame([MESSAGE.durable], stateVector);

/** The (clientID, clock, state JSON) entries of an awareness update; throws BadMessage if malformed. */
export function readAwarenessEntries(update: Uint8Array): Array<{ clientId: number; clock: number; state: string }> {
  try {
    const decoder = decoding.createDecoder(update);
    const count = readUint(decoder);
    if (count > 1000) throw new BadMessage("too many awareness entries");
    const entries = [];
    for (let i = 0; i < count; i++) {
      const clientId = readUint(decoder);
      const clock = readUint(decoder);
      const state = new TextDecoder("utf-8", { fatal: true }).decode(readBytes(decoder));
      JSON.parse(state);
      entries.push({ clientId, clock, state });
    }
    return entries;
  } catch (error) {
    if (error instanceof BadMessage) throw error;
    throw new BadMessage("malformed awareness update");
  }
}

export function writeAwarenessEntries(entries: ReadonlyArray<{ clientId: number; clock: number; state: string }>): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.clientId);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, entry.state);
  }
  return encoding.toUint8Array(e);
}
