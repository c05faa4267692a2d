// Fills an EMPTY database with the demo content from ./people.ts. Does nothing if any
// organisation exists, so it is safe to call on every start-up or seed run.
import type { PrismaClient } from "../../app/generated/prisma-sqlite/client.ts";
import { DEMO_ACCOUNTS, DEMO_LOCALITIES, DEMO_ORGANISATION, DEMO_PASSWORD, DEMO_PEOPLE, type LocalitySlug } from "./people.ts";
import * as Y from "yjs";
import { DEMO_BOARDS, type DemoBoard } from "./boards.ts";
import { seedDemoWorkshops } from "./workshops.ts";
import { addCluster, addNote } from "../../app/collab/board.ts";
import { formatDocumentName } from "../../app/collab/names.ts";
import { projectBoard, projectionRecords } from "../../app/collab/projection.ts";
import { insertBoardProjection } from "../../app/data/boards.server.ts";
import { isUniqueViolation } from "../../app/data/unique-violation.server.ts";

/** A demo board as a Yjs document, built with the board shape module like any board. */
export function demoBoardDocument(demo: DemoBoard): Y.Doc {
  const doc = new Y.Doc();
  const now = Date.now();
  let n = 0;
  const note = (text: string, author: string, clusterId: string | null, x: number, y: number) =>
    addNote(doc, { id: `demo-note-${++n}`, text, authorId: null, authorName: author, clusterId, x, y, now: now - (100 - n) * 60_000 });
  // Cluster areas side by side, three notes to a row inside each; loose notes below them.
  demo.clusters.forEach((cluster, i) => {
    const x = 40 + i * 600;
    const id = addCluster(doc, { id: `demo-cluster-${i + 1}`, name: cluster.name, x, y: 40 });
    cluster.notes.forEach((item, j) => note(item.text, item.author, id, x + 16 + (j % 3) * 176, 88 + Math.floor(j / 3) * 136));
  });
  demo.loose.forEach((item, j) => note(item.text, item.author, null, 40 + j * 180, 520));
  return doc;
}

export async function seedDemo(
  prisma: PrismaClient,
  hashPassword: (plain: string) => Promise<string>,
  onProgress?: (message: string) => void,
): Promise<{ seeded: boolean }> {
  const report = onProgress ?? (() => {});

  if ((await prisma.organisation.count()) > 0) {
    report("Organisation data already present; demo seed skipped.");
    return { seeded: false };
  }

  // Hash once (slow on purpose) outside the transaction and share it between accounts.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const seeded = await seedInOneTransaction(prisma, passwordHash, report).catch(async (error: unknown) => {
    // Another process (a second web instance started at the same time) seeded meanwhile: its
    // transaction committed first and ours hit the organisation's unique slug.
    if (isUniqueViolation(error) && (await prisma.organisation.count()) > 0) return false;
    throw error;
  });

  report(seeded ? "Demo data ready." : "Organisation data already present; demo seed skipped.");
  return { seeded };
}

async function seedInOneTransaction(prisma: PrismaClient, passwordHash: string, report: (message: string) => void): Promise<boolean> {
  return prisma.$transaction(
    async (tx) => {
      // Re-check inside the transaction in case another process seeded meanwhile.
      if ((await tx.organisation.count()) > 0) return false;

      report("Creating organisation…");
      const organisation = await tx.organisation.create({
        data: { slug: DEMO_ORGANISATION.slug, name: DEMO_ORGANISATION.name },
      });

      report(`Creating ${DEMO_ACCOUNTS.length} demo accounts…`);
      const userIds = new Map<string, string>();
      for (const account of DEMO_ACCOUNTS) {
        const user = await tx.user.create({
          data: {
            email: account.email,
            name: account.name,
            passwordHash,
            preferredLanguage: account.preferredLanguage,
          },
          select: { id: true },
        });
        userIds.set(account.email, user.id);
      }
      const userIdFor = (email: string): string => {
        const id = userIds.get(email);
        if (!id) throw new Error(`Demo account ${email} was not created`);
        return id;
      };

      const orgFacilitators = DEMO_ACCOUNTS.filter((a) => a.orgFacilitator);
      if (orgFacilitators.length > 0) {
        await tx.organisationMember.createMany({
          data: orgFacilitators.map((a) => ({
            organisationId: organisation.id,
            userId: userIdFor(a.email),
            role: "facilitator",
          })),
        });
      }
      const firstFacilitator = orgFacilitators[0];
      const actorId = firstFacilitator ? userIdFor(firstFacilitator.email) : null;

      const localityIds = new Map<LocalitySlug, string>();
      for (const locality of DEMO_LOCALITIES) {
        report(`Creating locality ${locality.name}…`);
        const created = await tx.locality.create({
          data: {
            organisationId: organisation.id,
            slug: locality.slug,
            name: locality.name,
            description: locality.description,
            currentStage: locality.currentStage,
          },
          select: { id: true },
        });
        localityIds.set(locality.slug, created.id);

        // Accounts linked to a person record in this locality.
        const linkedUsers = new Map<string, string>();
        for (const account of DEMO_ACCOUNTS) {
          if (account.personName && account.memberships.some((m) => m.locality === locality.slug)) {
            linkedUsers.set(account.personName, userIdFor(account.email));
          }
        }

        const people = DEMO_PEOPLE[locality.slug];
        await tx.person.createMany({
          data: people.map((p) => ({
            localityId: created.id,
            userId: linkedUsers.get(p.displayName) ?? null,
            displayName: p.displayName,
            sector: p.sector,
            organisation: p.organisation,
            roleTitle: p.roleTitle,
            brings: p.brings,
            languages: p.languages,
            servantRoles: p.servantRoles ?? "",
          })),
        });
        report(`${locality.name}: ${people.length} people`);
      }
      const localityIdFor = (slug: LocalitySlug): string => {
        const id = localityIds.get(slug);
        if (!id) throw new Error(`Demo locality ${slug} was not created`);
        return id;
      };

      report("Creating memberships…");
      await tx.membership.createMany({
        data: DEMO_ACCOUNTS.flatMap((account) =>
          account.memberships.map((m) => ({
            localityId: localityIdFor(m.locality),
            userId: userIdFor(account.email),
            role: m.role,
          })),
        ),
      });

      // One exercise board per locality, its notes stored the way the collab server stores them.
      for (const locality of DEMO_LOCALITIES) {
        const demo = DEMO_BOARDS[locality.slug];
        const board = await tx.board.create({
          data: { localityId: localityIdFor(locality.slug), title: demo.title, purpose: demo.purpose, createdById: actorId },
        });
        const docName = formatDocumentName({ localityId: board.localityId, kind: "board", documentId: board.id });
        const doc = demoBoardDocument(demo);
        await tx.collabUpdate.create({ data: { docName, data: Buffer.from(Y.encodeStateAsUpdate(doc)) } });
        await insertBoardProjection(tx, projectionRecords(docName, board.localityId, projectBoard(doc)));
        report(`${locality.name}: board "${demo.title}"`);
      }
      // Contact details and who knows whom (prisma/demo/ties.ts).
      await (await import("./ties.ts")).seedDemoTies(tx, localityIdFor, actorId, report);

      // Sessions: one past (with attendance, its board linked), one coming up (prisma/demo/workshops.ts).
      for (const locality of DEMO_LOCALITIES)
        report(`${locality.name}: ${await seedDemoWorkshops(tx, { slug: locality.slug, localityId: localityIdFor(locality.slug), actorId })} sessions`);

      // The agreed common purpose and its endorsements (prisma/demo/purpose.ts).
      const { DEMO_PURPOSE, seedDemoPurpose } = await import("./purpose.ts");
      for (const locality of DEMO_LOCALITIES) {
        const demo = DEMO_PURPOSE[locality.slug];
        if (!demo) continue;
        await seedDemoPurpose(tx, { localityId: localityIdFor(locality.slug), demo, actorId, userIdFor });
        report(`${locality.name}: purpose "${demo.versionName}"`);
      }

      // Stage 2: stories with consent (prisma/demo/stories.ts), their coding (analysis.ts), and
      // the analysis board and insights built from it (insights.ts) — in that order.
      const stage2 = { localityIdFor, userIdFor, actorId, report };
      await (await import("./stories.ts")).seedDemoStories(tx, stage2);
      await (await import("./analysis.ts")).seedDemoAnalysis(tx, stage2);
      await (await import("./insights.ts")).seedDemoInsights(tx, stage2);
      // Stage 3: a challenge per locality from a demo insight's question, with ideas (ideas.ts).
      await (await import("./ideas.ts")).seedDemoIdeas(tx, stage2);
      // Stage 4: the promoted ideas' prototypes, with cycles, measures and feedback (prototypes.ts).
      await (await import("./prototypes.ts")).seedDemoPrototypes(tx, stage2);
      // The organisation's golden thread, and the demo prototypes' links to it (thread.ts).
      await (await import("./thread.ts")).seedDemoThread(tx, { ...stage2, organisationId: organisation.id });
      // The exchange: a Longbridge prototype and a Sparkbrook insight shared with the organisation (exchange.ts).
      await (await import("./exchange.ts")).seedDemoExchange(tx, { ...stage2, organisationId: organisation.id });

      await tx.auditEntry.createMany({
        data: DEMO_LOCALITIES.map((locality) => ({
          localityId: localityIdFor(locality.slug),
          actorId,
          action: "locality.create",
          targetType: "Locality",
          targetId: localityIdFor(locality.slug),
          detail: JSON.stringify({ source: "demo-seed" }),
        })),
      });

      return true;
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}
