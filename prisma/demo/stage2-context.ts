// What the Stage 2 demo seeders (stories → analysis → insights) are given, in seed order.
import type { PrismaClient } from "../../app/generated/prisma-sqlite/client.ts";
import type { LocalitySlug } from "./people.ts";

/** The seed transaction. */
export type DemoTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export type Stage2DemoContext = {
  localityIdFor: (slug: LocalitySlug) => string;
  userIdFor: (email: string) => string;
  /** The first organisation facilitator (the actor of demo records). */
  actorId: string | null;
  report: (message: string) => void;
};
