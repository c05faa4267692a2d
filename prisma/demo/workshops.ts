// Demo sessions (Workshop) for a fresh database: in each locality, one past session with its
// attendance and the locality's demo exercise board linked to it, and one coming up. INVENTED
// content. Dates are relative to the day the demo is seeded.
import type { PrismaClient } from "../../app/generated/prisma-sqlite/client.ts";
import { DEMO_BOARDS } from "./boards.ts";
import type { LocalitySlug } from "./people.ts";

export interface DemoWorkshop {
  title: string;
  /** Days from the seeding day (negative: in the past), and the UK wall-clock start hour. */
  dayOffset: number;
  hour: number;
  place: string;
  agenda: string;
  languages: string;
  interpreting: string;
  notes: string;
  /** displayNames of the people who came (past sessions only). */
  attendees: string[];
  /** Link the locality's demo exercise board (DEMO_BOARDS) to this session. */
  linkDemoBoard: boolean;
}

export const DEMO_WORKSHOPS: Record<LocalitySlug, DemoWorkshop[]> = {
  longbridge: [
    {
      title: "Getting to know each other",
      dayOffset: -21,
      hour: 18,
      place: "Longbridge Library, community room",
      agenda: "Welcome and tea\nPairs: what brought you here?\nExercise: what's strong round here\nWhat next",
      languages: "en,pl",
      interpreting: "Polish–English, one volunteer",
      notes:
        "Eleven people came, most of them parents from the school gate. Strong feeling that the library and the café are where people already meet. Next time: invite the youth workers.",
      attendees: [
        "Karen Whitcombe",
        "Darren Hollis",
        "Agnieszka Nowicka",
        "Marcia Bennett",
        "Tyler Grainger",
        "Julia Kowalczyk",
        "Leanne Pritchard",
        "Winston Campbell",
        "Sophie Aldridge",
        "Helen Marsh",
        "Gareth Pugh",
      ],
      linkDemoBoard: true,
    },
    {
      title: "Hopes and fears for families",
      dayOffset: 10,
      hour: 10,
      place: "Longbridge Children's Centre, Room 2",
      agenda: "Welcome\nExercise: hopes and fears\nWho else should be in the room?",
      languages: "en",
      interpreting: "",
      notes: "",
      attendees: [],
      linkDemoBoard: false,
    },
  ],
  sparkbrook: [
    {
      title: "First meeting of the parents' group",
      dayOffset: -14,
      hour: 10,
      place: "Sparkbrook Children's Centre, family room",
      agenda: "Welcome and introductions\nExercise: hopes and fears\nCrèche and times that suit",
      languages: "ar,en,ur",
      interpreting: "Arabic–English and Urdu–English",
      notes: "Parents asked for the next session in the morning, after the school run, with the crèche open. Several mothers offered to bring a friend.",
      attendees: [
        "Layla Mansour",
        "Hana Al-Sayed",
        "Yusuf Abdi",
        "Fadumo Warsame",
        "Shazia Begum",
        "Rukhsana Akhtar",
        "Tahmina Khatun",
        "Omar Khalil",
        "Sumaya Hussein",
        "Mariam Idris",
      ],
      linkDemoBoard: true,
    },
    {
      title: "What's strong round here",
      dayOffset: 7,
      hour: 10,
      place: "Sparkbrook Children's Centre, family room",
      agenda: "Welcome\nExercise: what's strong round here\nPeer mentoring: first thoughts",
      languages: "ar,en,so",
      interpreting: "Arabic–English, Somali–English",
      notes: "",
      attendees: [],
      linkDemoBoard: false,
    },
  ],
};

type Tx = Pick<PrismaClient, "workshop" | "attendance" | "person" | "board">;

/** A day `offset` days from `now`, at `hour`:00 UK time (Europe/London, GMT or BST). */
export function demoSessionDate(now: Date, offset: number, hour: number): Date {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset, hour));
  // UK wall time `hour` is one hour earlier in UTC during British Summer Time.
  const ukHour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", hourCycle: "h23" }).format(day));
  return new Date(day.getTime() - (ukHour - hour) * 3_600_000);
}

/** Creates the demo sessions of one locality (inside the demo seed's transaction). */
export async function seedDemoWorkshops(tx: Tx, input: { slug: LocalitySlug; localityId: string; actorId: string | null; now?: Date }): Promise<number> {
  const now = input.now ?? new Date();
  const people = new Map(
    (await tx.person.findMany({ where: { localityId: input.localityId }, select: { id: true, displayName: true } })).map((p) => [p.displayName, p.id]),
  );
  const board = await tx.board.findFirst({ where: { localityId: input.localityId, title: DEMO_BOARDS[input.slug].title }, select: { id: true } });
  for (const demo of DEMO_WORKSHOPS[input.slug]) {
    const workshop = await tx.workshop.create({
      data: {
        localityId: input.localityId,
        title: demo.title,
        startsAt: demoSessionDate(now, demo.dayOffset, demo.hour),
        place: demo.place,
        agenda: demo.agenda,
        languages: demo.languages,
        interpreting: demo.interpreting,
        notes: demo.notes,
        boardId: demo.linkDemoBoard && board ? board.id : null,
        createdById: input.actorId,
      },
      select: { id: true },
    });
    const ids = demo.attendees.map((name) => {
      const id = people.get(name);
      if (!id) throw new Error(`Demo session "${demo.title}": no person named ${name}`);
      return id;
    });
    if (ids.length) await tx.attendance.createMany({ data: ids.map((personId) => ({ workshopId: workshop.id, personId, recordedById: input.actorId })) });
  }
  return DEMO_WORKSHOPS[input.slug].length;
}
