// The demo data's challenge of a locality, as the Stage 3 pages show it to a member.
import type { APIRequestContext } from "@playwright/test";
import { linkedIds } from "./app";

/** The demo challenge of a locality (as a member finds it): its id, its public link code and a published idea on it. */
export async function demoChallenge(member: APIRequestContext, localityId: string): Promise<{ challengeId: string; linkCode: string; ideaId: string }> {
  const challengeId = (await linkedIds(member, localityId, "challenges", "challenges"))[0] ?? "";
  const page = await (await member.get(`/l/${localityId}/challenges/${challengeId}`)).text();
  const linkCode = /\/i\/([a-z0-9]{8})\b/.exec(page)?.[1] ?? "";
  const ideaId = (await linkedIds(member, localityId, `ideas?challenge=${challengeId}`, "ideas"))[0] ?? "";
  return { challengeId, linkCode, ideaId };
}
