// Demo stories (Stage 2) for a fresh database. INVENTED content.
import type { DemoTx, Stage2DemoContext } from "./stage2-context.ts";

/** Stories with consent, identities and marked identifiers, their text stored as the editor stores it. */
export async function seedDemoStories(tx: DemoTx, ctx: Stage2DemoContext): Promise<void> {
  void tx;
  void ctx;
}
