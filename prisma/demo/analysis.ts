// Demo codebook and coded excerpts (Stage 2) for a fresh database. INVENTED content.
import type { DemoTx, Stage2DemoContext } from "./stage2-context.ts";

/** Codes and excerpts over the demo stories (run after seedDemoStories). */
export async function seedDemoAnalysis(tx: DemoTx, ctx: Stage2DemoContext): Promise<void> {
  void tx;
  void ctx;
}
