// Demo boards for a fresh database: one exercise board per locality, with notes sorted into
// clusters, as a group would leave them after a first session. INVENTED content. Pure data.
import type { LocalitySlug } from "./people.ts";

export interface DemoBoard {
  title: string;
  purpose: "exercise" | "analysis" | "ideas";
  clusters: Array<{ name: string; notes: Array<{ text: string; author: string }> }>;
  /** Notes nobody has sorted yet. */
  loose: Array<{ text: string; author: string }>;
}

export const DEMO_BOARDS: Record<LocalitySlug, DemoBoard> = {
  longbridge: {
    title: "What's strong round here",
    purpose: "exercise",
    clusters: [
      {
        name: "Places people already go",
        notes: [
          { text: "The library's Saturday stay-and-play is always full", author: "Karen Whitcombe" },
          { text: "Parents chat at the school gate every morning", author: "Agnieszka Nowicka" },
          { text: "The community café on the high street", author: "Darren Hollis" },
        ],
      },
      {
        name: "People who hold things together",
        notes: [
          { text: "Volunteers at the food bank know everyone", author: "Marcia Bennett" },
          { text: "Youth workers young people actually trust", author: "Tyler Grainger" },
        ],
      },
    ],
    loose: [
      { text: "Town councillors who answer their phones", author: "Karen Whitcombe" },
      { text: "WhatsApp groups for each year group", author: "Julia Kowalczyk" },
    ],
  },
  sparkbrook: {
    title: "Hopes and fears",
    purpose: "exercise",
    clusters: [
      {
        name: "Hopes",
        notes: [
          { text: "New parents get a friendly face in their own language", author: "Layla Mansour" },
          { text: "Mentors who have been through it themselves", author: "Hana Al-Sayed" },
          { text: "أن يشعر الأهل الجدد بأنهم ليسوا وحدهم", author: "Layla Mansour" },
        ],
      },
      {
        name: "Fears",
        notes: [
          { text: "Mentors burning out without support", author: "Yusuf Abdi" },
          { text: "Families worried that services will judge them", author: "Fadumo Warsame" },
        ],
      },
    ],
    loose: [{ text: "Keep it going after the funding ends", author: "Shazia Begum" }],
  },
};
