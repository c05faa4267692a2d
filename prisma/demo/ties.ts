// Demo ties (who knows whom, and how) for the demo localities, across sectors and levels, with
// one person in each locality who has no tie yet. Pure data plus one seeding function.
import type { PrismaClient } from "../../app/generated/prisma-sqlite/client.ts";
import { DEMO_CONTACTS, type LocalitySlug } from "./people.ts";
import { orderedPair, type TieKind } from "../../app/domain/ties.ts";

export interface DemoTie {
  a: string;
  b: string;
  kind: TieKind;
  /** 1 weak, 2 medium, 3 strong */
  strength: 1 | 2 | 3;
  /** YYYY-MM-DD */
  since: string;
  note?: string;
  /** displayName of the introducer (kind "introduced_by"). */
  introducedBy?: string;
}

export const DEMO_TIES: Record<LocalitySlug, DemoTie[]> = {
  longbridge: [
    { a: "Karen Whitcombe", b: "Agnieszka Nowicka", kind: "friends", strength: 3, since: "2024-09-05", note: "Children in the same class." },
    { a: "Karen Whitcombe", b: "Leanne Pritchard", kind: "neighbours", strength: 3, since: "2022-03-01" },
    { a: "Karen Whitcombe", b: "Sophie Aldridge", kind: "friends", strength: 2, since: "2025-01-10" },
    {
      a: "Karen Whitcombe",
      b: "Helen Marsh",
      kind: "works_with",
      strength: 2,
      since: "2025-10-14",
      note: "Volunteers at the children's centre stay-and-play.",
    },
    { a: "Karen Whitcombe", b: "Rachel Simmons", kind: "introduced_by", strength: 1, since: "2026-01-20", introducedBy: "Helen Marsh" },
    { a: "Agnieszka Nowicka", b: "Tomasz Wiśniewski", kind: "friends", strength: 3, since: "2021-06-12" },
    { a: "Agnieszka Nowicka", b: "Marek Zieliński", kind: "works_with", strength: 2, since: "2025-11-03" },
    { a: "Darren Hollis", b: "Winston Campbell", kind: "neighbours", strength: 2, since: "2019-04-01" },
    { a: "Darren Hollis", b: "Tyler Grainger", kind: "family", strength: 3, since: "2010-02-14", note: "Uncle and nephew." },
    { a: "Darren Hollis", b: "Kevin Doyle", kind: "works_with", strength: 2, since: "2025-06-21" },
    { a: "Marcia Bennett", b: "Claudette Reid", kind: "friends", strength: 3, since: "2015-08-01" },
    { a: "Marcia Bennett", b: "Winston Campbell", kind: "neighbours", strength: 2, since: "2018-05-01" },
    { a: "Marcia Bennett", b: "Margaret Dunn", kind: "works_with", strength: 1, since: "2025-12-02", note: "Raised the bus route at a ward surgery." },
    { a: "Tyler Grainger", b: "Julia Kowalczyk", kind: "friends", strength: 2, since: "2024-09-01" },
    { a: "Tyler Grainger", b: "Gareth Pugh", kind: "works_with", strength: 2, since: "2025-03-15", note: "Youth club." },
    { a: "Julia Kowalczyk", b: "Gareth Pugh", kind: "works_with", strength: 1, since: "2026-02-10" },
    { a: "Leanne Pritchard", b: "Louise Carver", kind: "introduced_by", strength: 1, since: "2026-02-17", introducedBy: "Karen Whitcombe" },
    { a: "Sophie Aldridge", b: "Janet Spurling", kind: "works_with", strength: 2, since: "2025-09-09" },
    { a: "Claudette Reid", b: "Sandra Hughes", kind: "works_with", strength: 2, since: "2024-11-20", note: "Food bank Fridays." },
    { a: "Helen Marsh", b: "Rachel Simmons", kind: "works_with", strength: 3, since: "2023-01-09" },
    { a: "Helen Marsh", b: "Daniel Okoro", kind: "works_with", strength: 2, since: "2024-04-22" },
    { a: "Helen Marsh", b: "Janet Spurling", kind: "works_with", strength: 2, since: "2023-09-01" },
    { a: "Gareth Pugh", b: "Steve Langford", kind: "works_with", strength: 2, since: "2025-05-30" },
    { a: "Janet Spurling", b: "Paul Ashdown", kind: "works_with", strength: 1, since: "2025-12-15" },
    { a: "Paul Ashdown", b: "Errol Thompson", kind: "works_with", strength: 2, since: "2024-02-01" },
    { a: "Sandra Hughes", b: "Denise Farrell", kind: "works_with", strength: 2, since: "2024-06-10" },
    { a: "Marek Zieliński", b: "Tomasz Wiśniewski", kind: "neighbours", strength: 2, since: "2022-07-07" },
    { a: "Denise Farrell", b: "Nicola Brennan", kind: "works_with", strength: 2, since: "2025-08-18" },
    { a: "Rachel Simmons", b: "Louise Carver", kind: "works_with", strength: 3, since: "2022-10-03" },
    { a: "Rachel Simmons", b: "Priya Mistry", kind: "works_with", strength: 2, since: "2024-01-15" },
    { a: "Daniel Okoro", b: "Graham Whitlock", kind: "works_with", strength: 2, since: "2023-05-05" },
    { a: "Graham Whitlock", b: "Margaret Dunn", kind: "works_with", strength: 1, since: "2025-11-28" },
    { a: "Nicola Brennan", b: "Priya Mistry", kind: "works_with", strength: 2, since: "2025-02-02" },
    { a: "Margaret Dunn", b: "Errol Thompson", kind: "works_with", strength: 3, since: "2020-05-10" },
    { a: "Errol Thompson", b: "Fiona Lacey", kind: "works_with", strength: 2, since: "2025-10-01" },
    { a: "Fiona Lacey", b: "Helen Marsh", kind: "works_with", strength: 2, since: "2025-10-01" },
    { a: "Winston Campbell", b: "Steve Langford", kind: "introduced_by", strength: 1, since: "2026-03-03", introducedBy: "Gareth Pugh" },
  ],
  sparkbrook: [
    { a: "Layla Mansour", b: "Hana Al-Sayed", kind: "friends", strength: 3, since: "2023-10-01", note: "Met at the Arabic coffee morning." },
    { a: "Layla Mansour", b: "Samira Benali", kind: "works_with", strength: 2, since: "2024-09-15" },
    { a: "Layla Mansour", b: "Zainab Farouk", kind: "works_with", strength: 2, since: "2025-01-13" },
    { a: "Layla Mansour", b: "Claire Dempsey", kind: "introduced_by", strength: 1, since: "2026-01-27", introducedBy: "Zainab Farouk" },
    { a: "Hana Al-Sayed", b: "Rania Darwish", kind: "friends", strength: 2, since: "2025-04-04" },
    { a: "Yusuf Abdi", b: "Fadumo Warsame", kind: "neighbours", strength: 3, since: "2020-03-01" },
    { a: "Yusuf Abdi", b: "Ayaan Farah", kind: "works_with", strength: 2, since: "2023-06-20" },
    { a: "Fadumo Warsame", b: "Ayaan Farah", kind: "friends", strength: 2, since: "2022-02-02" },
    { a: "Shazia Begum", b: "Rukhsana Akhtar", kind: "family", strength: 3, since: "2005-01-01", note: "Sisters-in-law." },
    { a: "Shazia Begum", b: "Martin Edwards", kind: "works_with", strength: 1, since: "2025-09-10", note: "Parent governor." },
    { a: "Tahmina Khatun", b: "Abdul Karim Miah", kind: "family", strength: 3, since: "2012-06-01" },
    { a: "Tahmina Khatun", b: "Jamal Uddin", kind: "works_with", strength: 2, since: "2025-05-05", note: "Food share volunteer." },
    { a: "Abdul Karim Miah", b: "Mohammed Rafiq", kind: "works_with", strength: 2, since: "2019-09-01" },
    { a: "Omar Khalil", b: "Sumaya Hussein", kind: "friends", strength: 2, since: "2024-01-10" },
    { a: "Omar Khalil", b: "Emma Thornton", kind: "works_with", strength: 1, since: "2025-11-11", note: "Homework club at the library." },
    { a: "Sumaya Hussein", b: "Samira Benali", kind: "works_with", strength: 2, since: "2024-09-15" },
    { a: "Mariam Idris", b: "Zainab Farouk", kind: "works_with", strength: 2, since: "2025-02-20" },
    { a: "Mariam Idris", b: "Claire Dempsey", kind: "works_with", strength: 2, since: "2025-03-01" },
    { a: "Zainab Farouk", b: "Nasreen Chaudhry", kind: "works_with", strength: 3, since: "2021-05-05" },
    { a: "Zainab Farouk", b: "Claire Dempsey", kind: "works_with", strength: 3, since: "2022-09-12" },
    { a: "Zainab Farouk", b: "Farhana Ali", kind: "works_with", strength: 2, since: "2023-04-18" },
    { a: "Martin Edwards", b: "Rizwan Malik", kind: "works_with", strength: 2, since: "2024-10-08" },
    { a: "Nasreen Chaudhry", b: "Rizwan Malik", kind: "works_with", strength: 2, since: "2024-02-26" },
    { a: "Nasreen Chaudhry", b: "Nazia Farooqi", kind: "works_with", strength: 2, since: "2025-07-14" },
    { a: "Mohammed Rafiq", b: "Kamran Iqbal", kind: "works_with", strength: 2, since: "2023-11-30" },
    { a: "Jamal Uddin", b: "Patricia Cole", kind: "works_with", strength: 1, since: "2025-12-01" },
    { a: "Patricia Cole", b: "David Osei", kind: "works_with", strength: 2, since: "2024-08-08", note: "Damp repairs on Highgate Terrace." },
    { a: "Yasmin Haq", b: "Claire Dempsey", kind: "works_with", strength: 2, since: "2023-03-03" },
    { a: "Farhana Ali", b: "Rizwan Malik", kind: "works_with", strength: 3, since: "2022-01-17" },
    { a: "Nazia Farooqi", b: "Gerald Whitfield", kind: "works_with", strength: 2, since: "2022-05-05" },
    { a: "Gerald Whitfield", b: "David Osei", kind: "works_with", strength: 1, since: "2026-02-09" },
    { a: "Rania Darwish", b: "Layla Mansour", kind: "introduced_by", strength: 1, since: "2026-03-10", introducedBy: "Hana Al-Sayed" },
  ],
};

type Tx = Pick<PrismaClient, "person" | "tie">;

/** Adds the demo contact details and ties to the demo localities (inside the seed's transaction). */
export async function seedDemoTies(
  tx: Tx,
  localityIdFor: (slug: LocalitySlug) => string,
  actorId: string | null,
  report: (message: string) => void,
): Promise<void> {
  for (const slug of Object.keys(DEMO_TIES) as LocalitySlug[]) {
    const localityId = localityIdFor(slug);
    const people = await tx.person.findMany({ where: { localityId }, select: { id: true, displayName: true } });
    const idOf = (name: string) => {
      const found = people.find((p) => p.displayName === name);
      if (!found) throw new Error(`Demo person ${name} is not in ${slug}`);
      return found.id;
    };
    for (const [name, contact] of Object.entries(DEMO_CONTACTS[slug])) {
      await tx.person.update({ where: { id: idOf(name) }, data: contact });
    }
    await tx.tie.createMany({
      data: DEMO_TIES[slug].map((t) => ({
        localityId,
        ...orderedPair(idOf(t.a), idOf(t.b)),
        kind: t.kind,
        strength: t.strength,
        since: new Date(`${t.since}T00:00:00Z`),
        note: t.note ?? "",
        introducedById: t.introducedBy ? idOf(t.introducedBy) : null,
        status: "confirmed",
        createdById: actorId,
      })),
    });
    report(`${slug}: ${DEMO_TIES[slug].length} ties`);
  }
}
