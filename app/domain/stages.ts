/** The four stages every locality moves through; later features plug into these. */
export const STAGES = [
  { number: 1, key: "relationships", built: false },
  { number: 2, key: "stories", built: false },
  { number: 3, key: "ideas", built: false },
  { number: 4, key: "prototypes", built: false },
] as const;

export type StageNumber = (typeof STAGES)[number]["number"];
export type StageKey = (typeof STAGES)[number]["key"];

export function isStageNumber(value: number): value is StageNumber {
  return STAGES.some((s) => s.number === value);
}

export function stageByKey(key: string) {
  return STAGES.find((s) => s.key === key) ?? null;
}

/** Where a stage stands relative to the group's current stage. */
export function stageStatus(stage: StageNumber, current: StageNumber): "done" | "current" | "upcoming" {
  if (stage < current) return "done";
  return stage === current ? "current" : "upcoming";
}
