/**
 * The "Golden thread" section of a prototype's, a challenge's and a measure's page: which priority
 * outcomes and design principles of the locality's organisation it is linked to (with the version
 * each link was made against), what else it could be linked to, and a prototype's facet. Its forms
 * post to /l/<locality>/thread-links.
 */
import type { LocalityAccess } from "~/auth/permissions.server";
import { getDb } from "~/data/db.server";
import {
  facetOf,
  linkableItems,
  linksOfChallenge,
  linksOfMeasures,
  linksOfPrototypes,
  type LinkTarget,
  type ThreadLinkView,
} from "~/data/golden-thread.server";
import { can } from "~/domain/access/policy";

export type ThreadSectionData = {
  target: { type: "prototype" | "challenge" | "measure"; id: string };
  links: ThreadLinkView[];
  options: Awaited<ReturnType<typeof linkableItems>>;
  mayLink: boolean;
  organisationSlug: string;
  facet: string | null;
};

export async function loadThreadSection(access: LocalityAccess, target: LinkTarget): Promise<ThreadSectionData> {
  const db = await getDb();
  const facet = "prototypeId" in target ? await facetOf(db, access.locality.id, target.prototypeId) : null;
  const mayLink = can(access.role, "thread.link");
  const [links, options] = await Promise.all([
    "prototypeId" in target
      ? linksOfPrototypes(db, [target.prototypeId]).then((m) => m.get(target.prototypeId) ?? [])
      : "challengeId" in target
        ? linksOfChallenge(db, target.challengeId)
        : linksOfMeasures(db, [target.measureId]).then((m) => m.get(target.measureId) ?? []),
    mayLink ? linkableItems(db, access.locality.organisation.id) : Promise.resolve([]),
  ]);
  const linked = new Set(links.map((l) => l.itemId));
  return {
    target:
      "prototypeId" in target
        ? { type: "prototype", id: target.prototypeId }
        : "challengeId" in target
          ? { type: "challenge", id: target.challengeId }
          : { type: "measure", id: target.measureId },
    links,
    options: options.filter((o) => !linked.has(o.id)),
    mayLink,
    organisationSlug: access.locality.organisation.slug,
    facet,
  };
}

/** The sections of a prototype's measures, by measure id (one query for the links, one for the choices). */
export async function loadMeasureSections(access: LocalityAccess, measureIds: readonly string[]): Promise<Record<string, ThreadSectionData>> {
  const db = await getDb();
  const mayLink = can(access.role, "thread.link");
  const [links, options] = await Promise.all([
    linksOfMeasures(db, measureIds),
    mayLink ? linkableItems(db, access.locality.organisation.id) : Promise.resolve([]),
  ]);
  return Object.fromEntries(
    measureIds.map((id) => {
      const mine = links.get(id) ?? [];
      const linked = new Set(mine.map((l) => l.itemId));
      return [
        id,
        {
          target: { type: "measure", id },
          links: mine,
          options: options.filter((o) => !linked.has(o.id)),
          mayLink,
          organisationSlug: access.locality.organisation.slug,
          facet: null,
        },
      ];
    }),
  );
}
