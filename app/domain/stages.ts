/**
 * The four stages every locality moves through, and the pages that hold each stage's work
 * (`path` under `/l/<locality>/`, `label` an i18n key of the locality menu).
 */
export const STAGES = [
  {
    number: 1,
    key: "relationships",
    tools: [
      { path: "people", label: "locality.people" },
      { path: "relationships", label: "locality.relationships" },
      { path: "workshops", label: "locality.workshops" },
      { path: "purpose", label: "locality.purpose" },
    ],
  },
  {
    number: 2,
    key: "stories",
    tools: [
      { path: "stories", label: "locality.stories" },
      { path: "analysis", label: "locality.analysis" },
      { path: "insights", label: "locality.insights" },
    ],
  },
  {
    number: 3,
    key: "ideas",
    tools: [
      { path: "challenges", label: "locality.challenges" },
      { path: "ideas", label: "locality.ideaRecords" },
      { path: "boards", label: "locality.boards" },
    ],
  },
  { number: 4, key: "prototypes", tools: [{ path: "prototypes", label: "locality.prototypes" }] },
] as const;

export type StageNumber = (typeof STAGES)[number]["number"];
export type StageKey = (typeof STAGES)[number]["key"];

export function stageByKey(key: string) {
  return STAGES.find((s) => s.key === key) ?? null;
}

/** Where a stage stands relative to the group's current stage. */
export function stageStatus(stage: StageNumber, current: StageNumber): "done" | "current" | "upcoming" {
  if (stage < current) return "done";
  return stage === current ? "current" : "upcoming";
}
