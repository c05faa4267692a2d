/**
 * The insights report (a printable page) and its CSV export. Quotes appear only from stories
 * whose consent covers quoting (`quotesAllowed`), and always redacted; a withdrawn source adds
 * nothing but to the "withdrawn" count.
 */
import type { LocalityAccess } from "~/auth/permissions.server";
import { csvCell } from "~/components/board/export";
import { recordAudit } from "~/data/audit.server";
import { getDb } from "~/data/db.server";
import { listInsights, type InsightRow } from "~/data/insights.server";
import { can } from "~/domain/access/policy";
import { quotesAllowed } from "~/domain/insights";
import { translator } from "~/i18n/translate";
import { insightSummary, liveEvidence } from "./insight-page.server";
import { quoteReader } from "~/use-cases/quote-excerpts.server";
import { storyLabels } from "~/use-cases/read-story.server";

type ReportEvidence = { id: string; storyTitle: string; pseudonym: string; codes: string[]; quote: string | null };

async function reportInsights(rows: readonly InsightRow[], locale: string) {
  const db = await getDb();
  const quote = quoteReader(db, locale);
  const labels = storyLabels(db, locale, quote.identifiers);
  return Promise.all(
    rows.map(async (row) => {
      const live = liveEvidence(row);
      const evidence: ReportEvidence[] = await Promise.all(
        live.map(async (e) => ({
          id: e.id,
          ...(await labels(e.story).then(({ title, pseudonym }) => ({ storyTitle: title, pseudonym }))),
          codes: e.codes.map((c) => c.code.name).sort((a, b) => a.localeCompare(b)),
          quote: quotesAllowed(e.story.consent?.scope) ? await quote(e) : null,
        })),
      );
      return { ...insightSummary(row), evidence };
    }),
  );
}

export async function loadReport(access: LocalityAccess, locale: string) {
  const rows = await listInsights(await getDb(), access.locality.id);
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    generatedAt: new Date().toISOString(),
    insights: await reportInsights(rows, locale),
    may: { export: can(access.role, "reports.export") },
  };
}

/** Rows of the export: one per insight × live evidence (an insight without any gets one row). */
export function insightRows(insights: Awaited<ReturnType<typeof reportInsights>>, t: (key: string, values?: Record<string, unknown>) => string): string[][] {
  const rows: string[][] = [
    ["insight", "questions", "confidence", "storiesWithdrawn", "story", "storyteller", "codes", "quote"].map((k) => t(`insights.csv.${k}`)),
  ];
  for (const i of insights) {
    const head = [i.statement, i.questions.map((q) => q.text).join("\n"), t(`insights.confidence.${i.confidence}`), String(i.counts.withdrawn)];
    if (!i.evidence.length) rows.push([...head, "", "", "", ""]);
    for (const e of i.evidence) rows.push([...head, e.storyTitle, e.pseudonym, e.codes.join("; "), e.quote ?? t("insights.report.quoteNotShared")]);
  }
  return rows;
}

/** The CSV (RFC 4180, UTF-8 with a byte-order mark so Excel reads Arabic, CRLF) of every insight's evidence. */
export async function exportInsightsCsv(access: LocalityAccess, locale: string): Promise<Response> {
  const db = await getDb();
  const rows = await listInsights(db, access.locality.id);
  const insights = await reportInsights(rows, locale);
  const t = translator(locale);
  const csv = `\uFEFF${insightRows(insights, (key, values) => t(key, values))
    .map((r) => r.map(csvCell).join(","))
    .join("\r\n")}\r\n`;
  await recordAudit(db, {
    localityId: access.locality.id,
    actorId: access.user.id,
    action: "report.export",
    targetType: "locality",
    targetId: access.locality.id,
    detail: { format: "csv", insights: insights.length },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="insights-${access.locality.slug}-${date}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
