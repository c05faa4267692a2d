// Demo content for a fresh database: Birmingham City Council's Longbridge and Sparkbrook
// locality programme. Everyone and every organisation here is INVENTED for demonstration;
// any resemblance to real people is coincidental. Pure data: no Prisma imports, so the
// unit tests (and anything else) can load it without a database.

import { SECTORS, type Sector } from "../../app/domain/people.ts";

export { SECTORS, type Sector };

/** BCP 47 codes used by the demo people (Person.languages is a comma-separated list of these). */
export const DEMO_LANGUAGE_CODES = ["en", "ar", "ur", "so", "bn", "pa", "pl", "gu", "fr"] as const;
export type DemoLanguageCode = (typeof DEMO_LANGUAGE_CODES)[number];

export type LocalitySlug = "longbridge" | "sparkbrook";
export type LocalityRole = "facilitator" | "member" | "viewer";

export interface DemoPerson {
  displayName: string;
  sector: Sector;
  /** "" when the person takes part as themselves rather than for an organisation. */
  organisation: string;
  roleTitle: string;
  /** What they bring to the group: skills, networks, places, time. */
  brings: string;
  /** Comma-separated BCP 47 codes, e.g. "ar,en". */
  languages: string;
  /** The 21st-century public servant roles they carry (comma separated), for a few of them. */
  servantRoles?: string;
}

export interface DemoLocality {
  slug: LocalitySlug;
  name: string;
  description: string;
  /** 1 relationships & purpose, 2 stories & insights, 3 ideas, 4 prototypes */
  currentStage: number;
}

export interface DemoAccount {
  email: string;
  name: string;
  preferredLanguage: string;
  /** OrganisationMember with role "facilitator" in the demo organisation. */
  orgFacilitator: boolean;
  memberships: Array<{ locality: LocalitySlug; role: LocalityRole }>;
  /** displayName of the Person record to link to this account, looked up in the account's membership locality. */
  personName?: string;
}

export const DEMO_ORGANISATION = {
  slug: "birmingham",
  name: "Birmingham City Council",
} as const;

export const DEMO_LOCALITIES: DemoLocality[] = [
  {
    slug: "longbridge",
    name: "Longbridge",
    description:
      "Parents, town councillors, volunteers and frontline services on the old car-works estate are building better ways for families to talk to services and to each other.",
    currentStage: 2,
  },
  {
    slug: "sparkbrook",
    name: "Sparkbrook",
    description:
      "A children's centre, a primary school, a local charity and a multilingual group of parents are shaping a peer-mentoring service for families starting out in the early years.",
    currentStage: 3,
  },
];

export const LONGBRIDGE_PEOPLE: DemoPerson[] = [
  // Residents, parents and young people
  {
    displayName: "Karen Whitcombe",
    sector: "parent",
    organisation: "",
    roleTitle: "Mum of three, school-gate regular",
    brings: "Knows most families at the school gate and runs the Year 2 parents' WhatsApp group.",
    languages: "en",
    servantRoles: "storyteller",
  },
  {
    displayName: "Darren Hollis",
    sector: "resident",
    organisation: "",
    roleTitle: "Retired car-plant worker",
    brings: "Forty years in Longbridge, a long memory of the works and a good sense of who to ask about anything.",
    languages: "en",
  },
  {
    displayName: "Agnieszka Nowicka",
    sector: "parent",
    organisation: "",
    roleTitle: "Parent and part-time care worker",
    brings: "Connects Polish-speaking families and can interpret at sessions on her days off.",
    languages: "pl,en",
  },
  {
    displayName: "Marcia Bennett",
    sector: "resident",
    organisation: "",
    roleTitle: "Resident and lunch-club volunteer",
    brings: "Runs the Tuesday lunch club for older neighbours and has most evenings free.",
    languages: "en",
  },
  {
    displayName: "Tyler Grainger",
    sector: "young_person",
    organisation: "",
    roleTitle: "Sixth-form student",
    brings: "Can reach young people through social media and the skate-park crowd.",
    languages: "en",
  },
  {
    displayName: "Julia Kowalczyk",
    sector: "young_person",
    organisation: "",
    roleTitle: "Retail apprentice",
    brings: "Grew up here between two languages; free at weekends and good at making short videos.",
    languages: "pl,en",
  },
  {
    displayName: "Leanne Pritchard",
    sector: "parent",
    organisation: "",
    roleTitle: "Single parent of a toddler",
    brings: "First-hand experience of juggling appointments with a toddler, and willing to share her story.",
    languages: "en",
  },
  {
    displayName: "Winston Campbell",
    sector: "resident",
    organisation: "",
    roleTitle: "Resident and allotment holder",
    brings: "A plot at the allotments, a van for moving things, and friends at the Caribbean elders' group.",
    languages: "en",
  },
  {
    displayName: "Sophie Aldridge",
    sector: "parent",
    organisation: "",
    roleTitle: "Parent of a child with SEND",
    brings: "Knows the EHCP process inside out and moderates a local peer-support group online.",
    languages: "en",
  },
  {
    displayName: "Tomasz Wiśniewski",
    sector: "parent",
    organisation: "",
    roleTitle: "Dad and shift worker",
    brings: "Practical fixer with Saturday mornings free; knows the dads who never come to the centre.",
    languages: "pl,en",
  },
  {
    displayName: "Claudette Reid",
    sector: "resident",
    organisation: "",
    roleTitle: "Grandmother and kinship carer",
    brings: "Raising two grandchildren and understands the worries of other kinship carers.",
    languages: "en",
  },
  {
    displayName: "Callum Fitzgerald",
    sector: "young_person",
    organisation: "",
    roleTitle: "Young dad, 19",
    brings: "Honest about what puts young dads off children's centres, and knows others in the same spot.",
    languages: "en",
  },
  // Local organisations
  {
    displayName: "Helen Marsh",
    sector: "local_organisation",
    organisation: "Longbridge Children's Centre",
    roleTitle: "Deputy centre manager",
    brings: "Meeting rooms, the family notice board and links to around 400 registered families.",
    languages: "en",
    servantRoles: "weaver,navigator",
  },
  {
    displayName: "Gareth Pugh",
    sector: "local_organisation",
    organisation: "Cofton Lane Primary School",
    roleTitle: "Headteacher",
    brings: "The school hall after 3.30pm and the weekly newsletter that reaches every parent.",
    languages: "en",
  },
  {
    displayName: "Janet Spurling",
    sector: "local_organisation",
    organisation: "Longbridge Town Council",
    roleTitle: "Town (parish) councillor",
    brings: "A small community grants pot, the parish noticeboards and a team of willing volunteers.",
    languages: "en",
  },
  {
    displayName: "Paul Ashdown",
    sector: "local_organisation",
    organisation: "Lickey Road Community Church",
    roleTitle: "Community worker",
    brings: "Runs the winter warm space and can lend the church minibus.",
    languages: "en",
  },
  {
    displayName: "Sandra Hughes",
    sector: "local_organisation",
    organisation: "Longbridge Community Pantry",
    roleTitle: "Volunteer coordinator",
    brings: "Sixty volunteers and a clear picture of which families are struggling this winter.",
    languages: "en",
  },
  {
    displayName: "Marek Zieliński",
    sector: "local_organisation",
    organisation: "Longbridge Polish Saturday School",
    roleTitle: "Coordinator",
    brings: "Weekly contact with about 80 Polish families and a room every Saturday morning.",
    languages: "pl,en",
  },
  {
    displayName: "Denise Farrell",
    sector: "local_organisation",
    organisation: "Bristol Road South Tenants' Association",
    roleTitle: "Chair",
    brings: "Door-knocking know-how and a monthly residents' meeting in the community flat.",
    languages: "en",
  },
  {
    displayName: "Kevin Doyle",
    sector: "local_organisation",
    organisation: "Longbridge Youth Hub",
    roleTitle: "Youth worker",
    brings: "Friday-night detached youth work and the trust of teenagers other services rarely meet.",
    languages: "en",
  },
  // Public services
  {
    displayName: "Rachel Simmons",
    sector: "public_service",
    organisation: "South Birmingham Health Visiting Team",
    roleTitle: "Health visitor",
    brings: "Sees every new baby in the area and knows where the gaps in early support are.",
    languages: "en",
  },
  {
    displayName: "Daniel Okoro",
    sector: "public_service",
    organisation: "Children's Social Care, South Locality",
    roleTitle: "Social worker",
    brings: "Insight into how families end up in crisis, and a route to the locality management team.",
    languages: "en",
    servantRoles: "navigator",
  },
  {
    displayName: "Louise Carver",
    sector: "public_service",
    organisation: "Early Help, Northfield District",
    roleTitle: "Family support worker",
    brings: "Home visits with around twenty families and two afternoons a month for the group.",
    languages: "en",
  },
  {
    displayName: "Graham Whitlock",
    sector: "public_service",
    organisation: "Longbridge Library",
    roleTitle: "Librarian",
    brings: "Free community space, Rhyme Time regulars and public computers for anyone without a laptop.",
    languages: "en",
  },
  {
    displayName: "Nicola Brennan",
    sector: "public_service",
    organisation: "Northfield Neighbourhood Policing Team",
    roleTitle: "Police community support officer",
    brings: "Walks the estate daily and hears the worries people don't take to the council.",
    languages: "en",
  },
  {
    displayName: "Priya Mistry",
    sector: "public_service",
    organisation: "Longbridge Health Centre",
    roleTitle: "GP practice manager",
    brings: "Can share patterns in appointment demand and put posters in the waiting room.",
    languages: "en,gu",
    servantRoles: "architect",
  },
  {
    displayName: "Steve Langford",
    sector: "public_service",
    organisation: "Birmingham City Council Housing",
    roleTitle: "Housing officer",
    brings: "Knows the new-build and council estates and the families facing rent arrears.",
    languages: "en",
  },
  // Councillors
  {
    displayName: "Margaret Dunn",
    sector: "councillor",
    organisation: "Birmingham City Council",
    roleTitle: "Ward councillor",
    brings: "Ward surgeries, a voice at the district committee and a modest ward budget.",
    languages: "en",
  },
  {
    displayName: "Errol Thompson",
    sector: "councillor",
    organisation: "Birmingham City Council",
    roleTitle: "Ward councillor",
    brings: "Long-standing links with the Caribbean community and the local business forum.",
    languages: "en",
  },
  // Other
  {
    displayName: "Fiona Lacey",
    sector: "other",
    organisation: "",
    roleTitle: "Freelance community artist",
    brings: "Runs drop-in art sessions and can turn the group's stories into visual boards.",
    languages: "en",
  },
];

export const SPARKBROOK_PEOPLE: DemoPerson[] = [
  // Residents, parents and young people
  {
    displayName: "Layla Mansour",
    sector: "parent",
    organisation: "",
    roleTitle: "Parent and children's centre user",
    brings: "Connects newly arrived Arabic-speaking mothers and is keen to mentor others.",
    languages: "ar,en",
    servantRoles: "storyteller",
  },
  {
    displayName: "Hana Al-Sayed",
    sector: "parent",
    organisation: "",
    roleTitle: "Parent volunteer",
    brings: "Has been through the early-years journey twice and can give two mornings a week.",
    languages: "ar,en",
  },
  {
    displayName: "Yusuf Abdi",
    sector: "parent",
    organisation: "",
    roleTitle: "Father of four",
    brings: "Knows many Somali families around Stratford Road; free most evenings.",
    languages: "so,en",
  },
  {
    displayName: "Fadumo Warsame",
    sector: "parent",
    organisation: "",
    roleTitle: "Parent and school governor",
    brings: "Understands how the school works from the inside and speaks up for Somali mums.",
    languages: "so,ar,en",
  },
  {
    displayName: "Shazia Begum",
    sector: "parent",
    organisation: "",
    roleTitle: "Parent and home cook",
    brings: "Runs a weekly cooking circle that brings mothers together who rarely go anywhere else.",
    languages: "ur,pa,en",
  },
  {
    displayName: "Rukhsana Akhtar",
    sector: "resident",
    organisation: "",
    roleTitle: "Resident and grandmother",
    brings: "Respected by older women on her street; knows what families expect of grandparents.",
    languages: "ur,pa",
  },
  {
    displayName: "Tahmina Khatun",
    sector: "parent",
    organisation: "",
    roleTitle: "Parent of a toddler",
    brings: "Recent experience of feeling isolated after birth and the words to describe it.",
    languages: "bn,en",
  },
  {
    displayName: "Abdul Karim Miah",
    sector: "resident",
    organisation: "",
    roleTitle: "Corner-shop owner",
    brings: "Sees half the neighbourhood every day and will put leaflets on the counter.",
    languages: "bn,en",
  },
  {
    displayName: "Omar Khalil",
    sector: "young_person",
    organisation: "",
    roleTitle: "University student and youth mentor",
    brings: "Mentoring experience, design-software skills and fluent Arabic for role plays.",
    languages: "ar,en",
    servantRoles: "weaver",
  },
  {
    displayName: "Sumaya Hussein",
    sector: "young_person",
    organisation: "",
    roleTitle: "Year 12 student",
    brings: "Often interprets for her mum at appointments, so knows where families get lost.",
    languages: "so,en",
  },
  {
    displayName: "Bilal Qureshi",
    sector: "young_person",
    organisation: "",
    roleTitle: "Young carer",
    brings: "Cares for a younger brother and knows which services young carers actually use.",
    languages: "ur,en",
  },
  {
    displayName: "Mariam Idris",
    sector: "parent",
    organisation: "",
    roleTitle: "Parent and trained teacher",
    brings: "Taught primary school in Sudan; can help shape mentor training sessions.",
    languages: "ar,en",
  },
  // Local organisations
  {
    displayName: "Zainab Farouk",
    sector: "local_organisation",
    organisation: "Sparkbrook Children's Centre",
    roleTitle: "Children's centre lead",
    brings: "Rooms, crèche places for sessions and contact with families from the antenatal stage.",
    languages: "ar,en",
  },
  {
    displayName: "Martin Edwards",
    sector: "local_organisation",
    organisation: "Stoney Lane Primary School",
    roleTitle: "Deputy headteacher and inclusion lead",
    brings: "Nursery and reception parents, the school hall and a parent-support budget.",
    languages: "en",
  },
  {
    displayName: "Nasreen Chaudhry",
    sector: "local_organisation",
    organisation: "Sparkbrook Family Trust",
    roleTitle: "Head of children's services",
    brings: "Staff and volunteers who speak Arabic, Urdu and Bengali, and experience running peer support.",
    languages: "ur,en",
  },
  {
    displayName: "Mohammed Rafiq",
    sector: "local_organisation",
    organisation: "Sparkbrook Mosque and Community Centre",
    roleTitle: "Community liaison officer",
    brings: "Friday announcements, a women's hall for daytime sessions and trusted links with fathers.",
    languages: "ur,ar,en",
  },
  {
    displayName: "Ayaan Farah",
    sector: "local_organisation",
    organisation: "Sparkbrook Somali Community Association",
    roleTitle: "Outreach worker",
    brings: "Runs homework clubs and knows Somali households across the ward.",
    languages: "so,ar,en",
  },
  {
    displayName: "Jamal Uddin",
    sector: "local_organisation",
    organisation: "Sparkbrook Food Share",
    roleTitle: "Coordinator",
    brings: "A weekly food-share queue of 150 households and a warehouse with meeting space.",
    languages: "bn,en",
  },
  {
    displayName: "Patricia Cole",
    sector: "local_organisation",
    organisation: "Highgate Terrace Tenants' Association",
    roleTitle: "Secretary",
    brings: "Thirty years of organising on the estate and a community room with a kettle.",
    languages: "en",
  },
  {
    displayName: "Samira Benali",
    sector: "local_organisation",
    organisation: "Al-Noor Arabic Supplementary School",
    roleTitle: "Head teacher",
    brings: "Saturday classes with around 120 children and their parents waiting outside.",
    languages: "ar,fr,en",
  },
  // Public services
  {
    displayName: "Claire Dempsey",
    sector: "public_service",
    organisation: "East Birmingham Health Visiting Team",
    roleTitle: "Health visitor",
    brings: "Knows the new-birth caseload and the barriers interpreters can and can't solve.",
    languages: "en",
  },
  {
    displayName: "Farhana Ali",
    sector: "public_service",
    organisation: "Children's Social Care, East Locality",
    roleTitle: "Social worker",
    brings: "Sees where early help could have prevented a referral; speaks Bengali with families.",
    languages: "bn,en",
  },
  {
    displayName: "Rizwan Malik",
    sector: "public_service",
    organisation: "Early Help, Hall Green District",
    roleTitle: "Family support worker",
    brings: "Home-visit caseload and a good sense of what makes families trust a stranger.",
    languages: "ur,pa,en",
  },
  {
    displayName: "Emma Thornton",
    sector: "public_service",
    organisation: "Sparkbrook Community Library",
    roleTitle: "Librarian",
    brings: "Bilingual story times, ESOL conversation clubs and a free meeting room.",
    languages: "en",
  },
  {
    displayName: "Kamran Iqbal",
    sector: "public_service",
    organisation: "Sparkbrook Neighbourhood Policing Team",
    roleTitle: "Police community support officer",
    brings: "Daily presence on the main roads and links with shopkeepers and faith leaders.",
    languages: "ur,en",
  },
  {
    displayName: "Yasmin Haq",
    sector: "public_service",
    organisation: "Stratford Road Medical Practice",
    roleTitle: "GP practice manager",
    brings: "Data on missed baby checks and a waiting room full of the families we want to reach.",
    languages: "ur,en",
  },
  {
    displayName: "David Osei",
    sector: "public_service",
    organisation: "Birmingham City Council Housing",
    roleTitle: "Housing officer",
    brings: "Knows the temporary-accommodation picture and families who move in and out of the area.",
    languages: "en",
  },
  // Councillors
  {
    displayName: "Nazia Farooqi",
    sector: "councillor",
    organisation: "Birmingham City Council",
    roleTitle: "Ward councillor",
    brings: "Ward surgeries, a seat on the district committee and contacts across faith groups.",
    languages: "ur,en",
  },
  {
    displayName: "Gerald Whitfield",
    sector: "councillor",
    organisation: "Birmingham City Council",
    roleTitle: "Ward councillor",
    brings: "Chairs the ward forum and can champion the mentoring idea with cabinet members.",
    languages: "en",
  },
  // Other
  {
    displayName: "Rania Darwish",
    sector: "other",
    organisation: "",
    roleTitle: "Freelance community interpreter",
    brings: "Interprets Arabic at workshops and helps shape plain-language materials.",
    languages: "ar,en",
  },
];

export const DEMO_PEOPLE: Record<LocalitySlug, DemoPerson[]> = {
  longbridge: LONGBRIDGE_PEOPLE,
  sparkbrook: SPARKBROOK_PEOPLE,
};

/** Shared password for every demo account (demo databases only). */
export const DEMO_PASSWORD = "coproduce-demo-2026";

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: "facilitator@coproduce.test",
    name: "Amira Haddad",
    preferredLanguage: "en",
    orgFacilitator: true,
    memberships: [
      { locality: "longbridge", role: "facilitator" },
      { locality: "sparkbrook", role: "facilitator" },
    ],
  },
  {
    email: "member.longbridge@coproduce.test",
    name: "Karen Whitcombe",
    preferredLanguage: "en",
    orgFacilitator: false,
    memberships: [{ locality: "longbridge", role: "member" }],
    personName: "Karen Whitcombe",
  },
  {
    email: "member.sparkbrook@coproduce.test",
    name: "Layla Mansour",
    preferredLanguage: "ar",
    orgFacilitator: false,
    memberships: [{ locality: "sparkbrook", role: "member" }],
    personName: "Layla Mansour",
  },
  {
    email: "viewer@coproduce.test",
    name: "Dr Tom Ashworth",
    preferredLanguage: "en",
    orgFacilitator: false,
    memberships: [
      { locality: "longbridge", role: "viewer" },
      { locality: "sparkbrook", role: "viewer" },
    ],
  },
];

/** How to reach some demo people, each detail with its own audience (facilitators | members | everyone). */
export interface DemoContact {
  email?: string;
  emailVisibility?: "facilitators" | "members" | "everyone";
  phone?: string;
  phoneVisibility?: "facilitators" | "members" | "everyone";
  howToReach?: string;
  howToReachVisibility?: "facilitators" | "members" | "everyone";
  caresAbout?: string;
  bringsKinds?: string;
}

/** Contact details and more of the profile, by displayName (invented; phone numbers from Ofcom's drama ranges). */
export const DEMO_CONTACTS: Record<LocalitySlug, Record<string, DemoContact>> = {
  longbridge: {
    "Karen Whitcombe": {
      email: "karen.whitcombe@example.org",
      emailVisibility: "members",
      phone: "07700 900101",
      phoneVisibility: "facilitators",
      howToReach: "School gate, weekday mornings, or the Year 2 parents' WhatsApp group.",
      howToReachVisibility: "everyone",
      caresAbout: "Families finding out what's on before it's too late to go.",
      bringsKinds: "networks,time",
    },
    "Darren Hollis": {
      email: "darren.hollis@example.org",
      emailVisibility: "facilitators",
      phone: "07700 900102",
      phoneVisibility: "members",
      caresAbout: "Somewhere for teenagers to go in the evenings.",
      bringsKinds: "skills,time",
    },
    "Helen Marsh": {
      email: "helen.marsh@example.org",
      emailVisibility: "everyone",
      phone: "0121 496 0103",
      phoneVisibility: "everyone",
      bringsKinds: "places,networks,knowledge",
    },
    "Rachel Simmons": {
      email: "rachel.simmons@example.org",
      emailVisibility: "members",
      howToReach: "Drop-in at the children's centre on Tuesdays.",
      howToReachVisibility: "everyone",
      bringsKinds: "knowledge",
    },
    "Margaret Dunn": {
      email: "cllr.margaret.dunn@example.org",
      emailVisibility: "everyone",
      howToReach: "Ward surgery, first Saturday of the month at the library.",
      howToReachVisibility: "everyone",
      caresAbout: "Keeping the library and the youth club open.",
      bringsKinds: "networks",
    },
  },
  sparkbrook: {
    "Layla Mansour": {
      email: "layla.mansour@example.org",
      emailVisibility: "members",
      phone: "07700 900201",
      phoneVisibility: "facilitators",
      howToReach: "Arabic-speaking parents' coffee morning, Thursdays.",
      howToReachVisibility: "everyone",
      caresAbout: "New parents who don't speak English yet feeling welcome.",
      bringsKinds: "networks,time",
    },
    "Hana Al-Sayed": {
      email: "hana.alsayed@example.org",
      emailVisibility: "facilitators",
      phone: "07700 900202",
      phoneVisibility: "members",
      bringsKinds: "skills,time",
    },
    "Zainab Farouk": {
      email: "zainab.farouk@example.org",
      emailVisibility: "everyone",
      phone: "0121 496 0204",
      phoneVisibility: "everyone",
      bringsKinds: "places,knowledge",
    },
    "Nazia Farooqi": { email: "cllr.nazia.farooqi@example.org", emailVisibility: "everyone", bringsKinds: "networks" },
  },
};
