import { parseWithZod } from "@conform-to/zod";
import * as Y from "yjs";
import { messages } from "~/i18n/locales";
import { boardPrompt, boardSettings, restartTimer, setBoardPrompt, startTimer, timerRemaining } from "~/collab/board";
import { mayChangeSetting } from "~/collab/board-rules";
import { CONTENT_LIMITS } from "~/collab/limits";
import {
  agendaFromForm,
  agendaInput,
  applyPlanInput,
  BUILTIN_PLANS,
  boardSource,
  carryItems,
  clockOffset,
  findBuiltinPlan,
  formatPlanRef,
  minutesOver,
  missingItems,
  moveStep,
  parsePlanRef,
  parseSteps,
  PLAN_LIMITS,
  planStepsOf,
  preparationOf,
  resolveBuiltinPlan,
  savePlanInput,
  schedule,
  totalMinutes,
  withItems,
  type SessionStep,
} from "~/domain/session-plans";
import { workshopInput, workshopRecord } from "~/domain/workshops";

function form(fields: Array<[string, string]>): FormData {
  const fd = new FormData();
  for (const [k, v] of fields) fd.append(k, v);
  return fd;
}

/** A translator over the real strings of one language. */
function translate(lang: "en" | "ar") {
  return (key: string): string => {
    let node: unknown = messages[lang];
    for (const part of key.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
    if (typeof node !== "string") throw new Error(`missing ${lang} string ${key}`);
    return node;
  };
}

describe("built-in plans", () => {
  it("has the five plans for their stages, each with timed steps whose words exist in English and Arabic", () => {
    expect(BUILTIN_PLANS.map((p) => [p.key, p.stage])).toEqual([
      ["getting_to_know", 1],
      ["strong_round_here", 1],
      ["story_sharing", 2],
      ["ideas_day", 3],
      ["test_learn", 4],
    ]);
    for (const lang of ["en", "ar"] as const) {
      for (const plan of BUILTIN_PLANS) {
        const resolved = resolveBuiltinPlan(plan, translate(lang));
        expect(resolved.title.length).toBeGreaterThan(2);
        expect(resolved.steps.length).toBeGreaterThanOrEqual(3);
        for (const step of resolved.steps) {
          expect(step.minutes).toBeGreaterThan(0);
          expect(step.prompt.length).toBeGreaterThan(5);
          expect(step.prompt.length).toBeLessThanOrEqual(PLAN_LIMITS.prompt);
          if (step.tool === "board" && !step.sameBoard) expect(step.columns.length).toBeGreaterThan(0);
        }
      }
    }
    expect(resolveBuiltinPlan(findBuiltinPlan("ideas_day")!, translate("en")).title).toBe("Ideas day");
    expect(resolveBuiltinPlan(findBuiltinPlan("getting_to_know")!, translate("en")).steps[2]).toMatchObject({
      key: "getting_to_know.hopes_fears",
      tool: "board",
      columns: ["Hopes", "Fears"],
    });
    expect(resolveBuiltinPlan(findBuiltinPlan("getting_to_know")!, translate("ar")).steps[2]!.columns).toEqual(["آمال", "مخاوف"]);
  });
});

describe("plan references", () => {
  it("reads built-in keys that exist and saved ids of a safe shape, nothing else", () => {
    expect(parsePlanRef("builtin:ideas_day")).toEqual({ kind: "builtin", key: "ideas_day" });
    expect(parsePlanRef("builtin:nope")).toBeNull();
    expect(parsePlanRef("saved:clx123")).toEqual({ kind: "saved", id: "clx123" });
    for (const bad of ["saved:", "saved:a/b", "other:x", "builtin:ideas_day ", 42, null, `saved:${"x".repeat(65)}`]) expect(parsePlanRef(bad)).toBeNull();
    expect(formatPlanRef({ kind: "saved", id: "abc" })).toBe("saved:abc");
  });
});

describe("stored steps", () => {
  it("keeps well-formed steps and drops or clips the rest, whatever the JSON holds", () => {
    const json = JSON.stringify([
      { title: "Welcome", minutes: 10, prompt: "Hello", tool: "none", columns: [] },
      { title: "", minutes: 5, tool: "none" },
      { title: "Too long a step", minutes: 999, tool: "none" },
      { title: "Board", minutes: 20, prompt: "p".repeat(900), tool: "board", columns: ["A", 3, "", "B"], boardId: "b1", documentId: "../x" },
      { title: "Odd tool", minutes: 5, tool: "<script>", sameBoard: true },
      "not a step",
    ]);
    const steps = parseSteps(json);
    expect(steps.map((s) => s.title)).toEqual(["Welcome", "Board", "Odd tool"]);
    expect(steps[1]).toMatchObject({ columns: ["A", "B"], boardId: "b1" });
    expect(steps[1]!.prompt).toHaveLength(PLAN_LIMITS.prompt);
    expect(steps[1]!.documentId).toBeUndefined();
    expect(steps[2]).toMatchObject({ tool: "none" });
    expect(steps[2]!.sameBoard).toBeUndefined();
    for (const broken of ["", "{", "{}", "null", '"x"']) expect(parseSteps(broken)).toEqual([]);
    expect(parseSteps(JSON.stringify(Array.from({ length: 30 }, (_, i) => ({ title: `S${i}`, minutes: 1, tool: "none" }))))).toHaveLength(PLAN_LIMITS.steps);
  });

  it("a plan keeps the words and tools, not the session's items", () => {
    const steps: SessionStep[] = [
      { title: "A", minutes: 5, prompt: "", tool: "board", columns: ["x"], boardId: "b1" },
      { title: "B", minutes: 5, prompt: "", tool: "board", columns: ["ignored"], sameBoard: true, boardId: "b1" },
      { title: "C", minutes: 5, prompt: "", tool: "challenge", columns: [], challengeId: "c1", boardId: "b2" },
    ];
    expect(planStepsOf(steps)).toEqual([
      { title: "A", minutes: 5, prompt: "", tool: "board", columns: ["x"] },
      { title: "B", minutes: 5, prompt: "", tool: "board", columns: [], sameBoard: true },
      { title: "C", minutes: 5, prompt: "", tool: "challenge", columns: [] },
    ]);
  });
});

describe("time", () => {
  const steps = [{ minutes: 10 }, { minutes: 25 }, { minutes: 30 }];
  it("adds up the steps, runs a schedule from the start and says how far it runs over", () => {
    expect(totalMinutes(steps)).toBe(65);
    expect(schedule(steps)).toEqual([
      { from: 0, to: 10 },
      { from: 10, to: 35 },
      { from: 35, to: 65 },
    ]);
    expect(minutesOver(steps, 60)).toBe(5);
    expect(minutesOver(steps, 65)).toBe(0);
    expect(minutesOver(steps, null)).toBe(0);
    expect(clockOffset(0)).toBe("0:00");
    expect(clockOffset(65)).toBe("1:05");
  });
});

describe("items the steps need", () => {
  const plan = resolveBuiltinPlan(findBuiltinPlan("strong_round_here")!, translate("en")).steps;

  it("says what each step needs; a same-board step needs no board of its own", () => {
    expect(plan.map((s) => preparationOf(s).kind)).toEqual(["none", "board", "board", "purpose", "none"]);
    expect(preparationOf(plan[2]!)).toEqual({ kind: "board", columns: [], sameBoard: true });
    expect(boardSource(plan, 2)).toBe(1);
    expect(missingItems(plan)).toEqual({ boards: [1], purpose: true, challenge: false });
  });

  it("fills in what was made, and the same-board step follows its board", () => {
    const filled = withItems(plan, { boards: new Map([[1, "b1"]]), documentId: "d1", challenge: null });
    expect(filled.map((s) => s.boardId ?? s.documentId ?? null)).toEqual([null, "b1", "b1", "d1", null]);
    expect(missingItems(filled)).toEqual({ boards: [], purpose: false, challenge: false });
  });

  it("applying the same plan again keeps every item, in any language: nothing is missing", () => {
    const filled = withItems(plan, { boards: new Map([[1, "b1"]]), documentId: "d1", challenge: null });
    const again = carryItems(filled, resolveBuiltinPlan(findBuiltinPlan("strong_round_here")!, translate("ar")).steps);
    expect(missingItems(again)).toEqual({ boards: [], purpose: false, challenge: false });
    expect(again[1]!.boardId).toBe("b1");
    expect(again[2]!.boardId).toBe("b1");
  });

  it("every challenge step shares the session's one challenge and its board", () => {
    const ideas = resolveBuiltinPlan(findBuiltinPlan("ideas_day")!, translate("en")).steps;
    expect(missingItems(ideas).challenge).toBe(true);
    const filled = withItems(ideas, { boards: new Map(), documentId: null, challenge: { id: "c1", boardId: "cb" } });
    expect(filled.filter((s) => s.tool === "challenge").map((s) => [s.challengeId, s.boardId])).toEqual([
      ["c1", "cb"],
      ["c1", "cb"],
      ["c1", "cb"],
    ]);
    expect(missingItems(carryItems(filled, ideas)).challenge).toBe(false);
  });

  it("another plan's different steps do not take the earlier boards", () => {
    const filled = withItems(plan, { boards: new Map([[1, "b1"]]), documentId: "d1", challenge: null });
    const other = resolveBuiltinPlan(findBuiltinPlan("getting_to_know")!, translate("en")).steps;
    const carried = carryItems(filled, other);
    expect(missingItems(carried).boards).toEqual([2]);
    // The purpose step finds the purpose document by its key only when it is the same step; the locality has one anyway.
    expect(carried.some((s) => s.boardId === "b1")).toBe(false);
  });
});

describe("running a session", () => {
  it("starts at the first step, moves within the agenda, ends", () => {
    expect(moveStep(null, "start", 5)).toBe(0);
    expect(moveStep(0, "next", 5)).toBe(1);
    expect(moveStep(4, "next", 5)).toBe(4);
    expect(moveStep(0, "previous", 5)).toBe(0);
    expect(moveStep(3, "previous", 5)).toBe(2);
    expect(moveStep(3, "end", 5)).toBeNull();
    expect(moveStep(null, "next", 0)).toBeNull();
    expect(moveStep(9, "previous", 3)).toBe(1);
  });
});

describe("forms", () => {
  it("an agenda form: rows keep their items by where they came from, blank rows and removed rows go, limits hold", () => {
    const stored: SessionStep[] = [
      { title: "Board", minutes: 20, prompt: "p", tool: "board", columns: ["A"], boardId: "b1" },
      { title: "Challenge", minutes: 10, prompt: "", tool: "challenge", columns: [], challengeId: "c1", boardId: "cb" },
    ];
    const submission = parseWithZod(
      form([
        ["steps[0].from", "1"],
        ["steps[0].title", "Challenge, renamed"],
        ["steps[0].minutes", "15"],
        ["steps[0].tool", "challenge"],
        ["steps[1].from", "0"],
        ["steps[1].title", "<script>alert(1)</script>"],
        ["steps[1].minutes", "20"],
        ["steps[1].tool", "board"],
        ["steps[1].columns", "One\n\n Two \n"],
        ["steps[1].prompt", "<img src=x onerror=alert(1)>"],
        ["steps[2].from", "0"],
        ["steps[2].title", "Gone"],
        ["steps[2].minutes", "5"],
        ["steps[2].remove", "on"],
        ["steps[3].title", ""],
        ["steps[3].minutes", ""],
      ]),
      { schema: agendaInput },
    );
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    const steps = agendaFromForm(submission.value, stored);
    expect(steps).toEqual([
      { title: "Challenge, renamed", minutes: 15, prompt: "", tool: "challenge", columns: [], challengeId: "c1", boardId: "cb" },
      { title: "<script>alert(1)</script>", minutes: 20, prompt: "<img src=x onerror=alert(1)>", tool: "board", columns: ["One", "Two"], boardId: "b1" },
    ]);
  });

  it("refuses a step without a title or minutes, minutes out of range, too many columns or steps, an unknown tool", () => {
    const bad = (fields: Array<[string, string]>) => {
      const s = parseWithZod(form(fields), { schema: agendaInput });
      return s.status === "error" ? s.error : null;
    };
    expect(bad([["steps[0].minutes", "10"]])?.["steps[0].title"]).toEqual(["validation.required"]);
    expect(bad([["steps[0].title", "X"]])?.["steps[0].minutes"]).toEqual(["validation.required"]);
    expect(
      bad([
        ["steps[0].title", "X"],
        ["steps[0].minutes", "241"],
      ])?.["steps[0].minutes"],
    ).toEqual(["plans.errors.minutes"]);
    expect(
      bad([
        ["steps[0].title", "X"],
        ["steps[0].minutes", "1.5"],
      ])?.["steps[0].minutes"],
    ).toEqual(["plans.errors.minutes"]);
    expect(
      bad([
        ["steps[0].title", "X"],
        ["steps[0].minutes", "5"],
        ["steps[0].columns", Array.from({ length: 9 }, (_, i) => `c${i}`).join("\n")],
      ])?.["steps[0].columns"],
    ).toEqual(["plans.errors.columns"]);
    expect(
      bad([
        ["steps[0].title", "X"],
        ["steps[0].minutes", "5"],
        ["steps[0].tool", "script"],
      ])?.["steps[0].tool"],
    ).toEqual(["plans.errors.tool"]);
    expect(
      bad([
        ["steps[0].title", "x".repeat(PLAN_LIMITS.stepTitle + 1)],
        ["steps[0].minutes", "5"],
      ])?.["steps[0].title"],
    ).toEqual(["validation.tooLong"]);
    const many: Array<[string, string]> = [];
    for (let i = 0; i < PLAN_LIMITS.steps + 1; i++) many.push([`steps[${i}].title`, `S${i}`], [`steps[${i}].minutes`, "1"]);
    expect(bad(many)?.steps).toEqual(["plans.errors.tooManySteps"]);
  });

  it("a plan to apply must be one of ours; a saved plan needs a name and a stage from 1 to 4", () => {
    expect(parseWithZod(form([["plan", "builtin:ideas_day"]]), { schema: applyPlanInput }).status).toBe("success");
    expect(parseWithZod(form([["plan", "builtin:../../etc"]]), { schema: applyPlanInput }).status).toBe("error");
    expect(parseWithZod(form([]), { schema: applyPlanInput }).status).toBe("error");
    expect(
      parseWithZod(
        form([
          ["title", "Our ideas day"],
          ["stage", "3"],
        ]),
        { schema: savePlanInput },
      ).status,
    ).toBe("success");
    for (const stage of ["0", "5", "x", "2.5"])
      expect(
        parseWithZod(
          form([
            ["title", "T"],
            ["stage", stage],
          ]),
          { schema: savePlanInput },
        ).status,
      ).toBe("error");
  });

  it("a session's planned length is optional, whole minutes from 5 to 720", () => {
    const base: Array<[string, string]> = [
      ["title", "Ideas day"],
      ["startsAt", "2026-07-15T18:30"],
    ];
    const ok = parseWithZod(form([...base, ["durationMinutes", "90"]]), { schema: workshopInput });
    expect(ok.status === "success" && workshopRecord(ok.value).durationMinutes).toBe(90);
    const blank = parseWithZod(form([...base, ["durationMinutes", ""]]), { schema: workshopInput });
    expect(blank.status === "success" && workshopRecord(blank.value).durationMinutes).toBeNull();
    for (const bad of ["4", "721", "1.5", "ninety"]) {
      const s = parseWithZod(form([...base, ["durationMinutes", bad]]), { schema: workshopInput });
      expect(s.status === "error" && s.error?.durationMinutes).toEqual(["plans.errors.duration"]);
    }
  });
});

describe("the board's prompt", () => {
  it("is text the server writes, trimmed to its limit; clients may not write it, facilitators included", () => {
    const doc = new Y.Doc();
    expect(boardPrompt(doc)).toBe("");
    setBoardPrompt(doc, `  ${"<b>é</b>".repeat(200)}  `);
    expect(boardPrompt(doc)).toHaveLength(CONTENT_LIMITS.boardPrompt);
    expect(boardSettings(doc).prompt.startsWith("<b>é</b>")).toBe(true);
    setBoardPrompt(doc, "   ");
    expect(boardPrompt(doc)).toBe("");
    doc.getMap("settings").set("prompt", 42);
    expect(boardPrompt(doc)).toBe("");
    expect(mayChangeSetting({ kind: "person", userId: "u", name: "F", facilitator: true }, "prompt")).toBe(false);
    expect(mayChangeSetting({ kind: "server" }, "prompt")).toBe(true);
    expect(mayChangeSetting({ kind: "person", userId: "u", name: "F", facilitator: true }, "timer")).toBe(true);
  });

  it("a step restarts the timer from full with its minutes, even when the same length was running", () => {
    const doc = new Y.Doc();
    startTimer(doc, { durationMs: 600_000, now: 0 });
    restartTimer(doc, { durationMs: 600_000, now: 300_000 });
    const timer = boardSettings(doc).timer!;
    expect(timer).toMatchObject({ durationMs: 600_000, startedAt: 300_000 });
    expect(timerRemaining(timer, 300_000)).toBe(600_000);
    restartTimer(doc, { durationMs: 1_200_000, now: 400_000 });
    expect(timerRemaining(boardSettings(doc).timer!, 400_000)).toBe(1_200_000);
  });
});
