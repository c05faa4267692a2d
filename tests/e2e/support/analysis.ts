// A story to code, for the joint analysis end-to-end tests: written straight into the e2e
// server's database (the rows the story pages make: a consented story, its marked identifiers,
// its text as the collab server stores it, and a codebook), in a throwaway locality. The test
// process runs this file as a script with tsx (so the app's Prisma client loads in its own
// process): ANALYSIS_SEED holds the input; the script prints the ids it made as JSON.
import { richTextDocName } from "~/collab/names";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";

export type CodingStory = { storyId: string; codes: Record<string, string>; secrets: string[] };

type Excerpt = { coderName: string; phrase: string; codes: string[] };
type SeedInput = { localityId: string; databaseUrl: string; language: "en" | "ar"; excerpts: Excerpt[] };

const TEXT = {
  en: {
    title: "After the library closed early",
    paragraphs: [
      "My name is Rosa Khan and I live on Alder Road with my two boys. Since the library went to short hours we have nowhere warm to go on Saturdays.",
      "The bus into town costs too much for three of us. Rosa from the centre told me about the stay and play, and now I go every week.",
      "What would help? A list of what is on, in the places we already go.",
    ],
    identifiers: [
      ["Rosa Khan", "name"],
      ["Rosa", "name"],
      ["Alder Road", "place"],
    ],
    codes: ["Money worries", "Getting about", "Finding help", "Isolation"],
  },
  ar: {
    title: "الشتاء الأول",
    paragraphs: [
      "اسمي سميرة وأسكن في شارع ستوني لين مع ابني. في الشتاء الأول كنت أبقى في البيت أيامًا كاملة؟ لم أكن أعرف أحدًا، ولا أعرف أين أذهب.",
      "دعتني جارتي إلى مجموعة الأمهات في مركز الأطفال. هناك امرأة تتكلم العربية، وساعدتني في تسجيل ابني في الحضانة.",
    ],
    identifiers: [
      ["سميرة", "name"],
      ["ستوني لين", "place"],
    ],
    codes: ["العزلة", "الدعم من الأقران", "حواجز اللغة"],
  },
} as const;

/** Makes a consented story with text, identifiers and a codebook (and optional excerpts) in the locality. */
export function seedCodingStory(
  localityId: string,
  options: { language?: "en" | "ar"; excerpts?: Excerpt[] /** another server's database (default: the e2e server's) */; databaseUrl?: string } = {},
): CodingStory {
  const port = Number(process.env.E2E_PORT ?? 3199);
  const input: SeedInput = {
    localityId,
    databaseUrl: options.databaseUrl ?? `file:./tests/.tmp/e2e-${port}/coproduce.db`,
    language: options.language ?? "en",
    excerpts: options.excerpts ?? [],
  };
  const out = execFileSync("npx", ["tsx", fileURLToPath(import.meta.url)], {
    env: { ...process.env, ANALYSIS_SEED: JSON.stringify(input) },
    encoding: "utf8",
    timeout: 60_000,
  });
  return JSON.parse(out.trim().split("\n").pop()!) as CodingStory;
}

/** Selects a phrase of the coding view's text the way a mouse drag would (a DOM selection across its pieces). */
export async function selectPhrase(page: Page, phrase: string): Promise<void> {
  await page.evaluate((wanted) => {
    const root = document.querySelector("[data-coding-text]")!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!n.parentElement?.closest("[data-skip]")) nodes.push(n as Text);
    const whole = nodes.map((n) => n.data).join("");
    const at = whole.indexOf(wanted);
    if (at < 0) throw new Error(`phrase not in the text: ${wanted}`);
    const point = (offset: number): [Text, number] => {
      let seen = 0;
      for (const n of nodes) {
        if (offset <= seen + n.data.length) return [n, offset - seen];
        seen += n.data.length;
      }
      throw new Error("offset beyond the text");
    };
    const range = document.createRange();
    range.setStart(...point(at));
    range.setEnd(...point(at + wanted.length));
    const selection = document.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  }, phrase);
}

async function main(input: SeedInput): Promise<void> {
  const Y = await import("yjs");
  const { createDb } = await import("../../../app/data/db.server.ts");
  const { resolveDatabaseTarget } = await import("../../../app/config/database-url.server.ts");
  const { appendRichText, plainText } = await import("../../../app/collab/rich-text.ts");
  const { anchorFor } = await import("../../../app/domain/coding.ts");
  const db = await createDb(resolveDatabaseTarget(input.databaseUrl));
  const story = TEXT[input.language];
  const codes: Record<string, string> = {};
  for (const name of story.codes) codes[name] = (await db.code.create({ data: { localityId: input.localityId, name } })).id;
  const document = await db.sharedDocument.create({ data: { localityId: input.localityId, title: "Story text", kind: "story" } });
  const doc = new Y.Doc();
  appendRichText(
    doc,
    story.paragraphs.map((text) => ({ type: "paragraph" as const, text })),
  );
  const text = plainText(doc);
  await db.collabUpdate.create({ data: { docName: richTextDocName(input.localityId, document.id), data: Buffer.from(Y.encodeStateAsUpdate(doc)) } });
  doc.destroy();
  const created = await db.story.create({
    data: {
      localityId: input.localityId,
      title: story.title,
      storytellerPseudonym: input.language === "ar" ? "راوية أ" : "Parent A",
      occurredOn: new Date("2026-10-01T00:00:00Z"),
      language: input.language,
      method: "interview",
      documentId: document.id,
      consent: {
        create: {
          givenBy: story.identifiers[0][0],
          givenAt: new Date("2026-10-01T00:00:00Z"),
          method: "signed_form",
          infoSheetVersion: "v2",
          scope: "core_group",
        },
      },
    },
  });
  for (const [i, [identifier, kind]] of story.identifiers.entries()) {
    await db.storyIdentifier.create({ data: { storyId: created.id, text: identifier, kind, createdAt: new Date(Date.UTC(2026, 9, 1, 1, 0, i)) } });
  }
  for (const excerpt of input.excerpts) {
    const coder = await db.user.findFirstOrThrow({ where: { name: excerpt.coderName } });
    const start = text.indexOf(excerpt.phrase);
    if (start < 0) throw new Error(`not in the story: ${excerpt.phrase}`);
    await db.excerpt.create({
      data: {
        localityId: input.localityId,
        storyId: created.id,
        ...anchorFor(text, start, start + excerpt.phrase.length),
        coderId: coder.id,
        codes: { create: excerpt.codes.map((name) => ({ codeId: codes[name]! })) },
      },
    });
  }
  await db.$disconnect();
  console.log(JSON.stringify({ storyId: created.id, codes, secrets: story.identifiers.map(([t]) => t) } satisfies CodingStory));
}

if (process.env.ANALYSIS_SEED && process.argv[1] === fileURLToPath(import.meta.url)) {
  await main(JSON.parse(process.env.ANALYSIS_SEED) as SeedInput);
}
