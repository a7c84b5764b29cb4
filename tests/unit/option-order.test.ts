import { optionOrder, orderedOptions } from "~/modules/programmes/option-order";
import { markKnowledgeCheck } from "~/modules/programmes/knowledge-check";
import { scoreChecks } from "~/modules/programmes/progress";
import type { Lesson } from "~/modules/programmes/content-schema";

const learners = Array.from({ length: 400 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
const isPermutation = (order: number[], n: number) =>
  [...order].sort((a, b) => a - b).join() === [...Array(n).keys()].join();

describe("the order a learner sees a question's options in", () => {
  it("is a permutation of the options, for every count a question may have", () => {
    for (const n of [2, 3, 4, 5])
      for (const learner of learners.slice(0, 50))
        expect(isPermutation(optionOrder(learner, "p/m/l/q", n), n)).toBe(true);
  });

  it("is stable for the same learner and question, across calls", () => {
    for (const learner of learners.slice(0, 20))
      expect(optionOrder(learner, "asye/the-first-year/how-the-year-runs/holistic", 4)).toEqual(
        optionOrder(learner, "asye/the-first-year/how-the-year-runs/holistic", 4),
      );
  });

  it("is pinned: a change to the shuffle would reorder every learner's questions, so it shows here", () => {
    expect(optionOrder("learner-a", "p/m/l/q", 4)).toEqual(optionOrder("learner-a", "p/m/l/q", 4));
    expect(optionOrder("", "", 3)).toEqual(optionOrder("", "", 3));
    expect(optionOrder("learner-a", "p/m/l/q", 4)).toMatchInlineSnapshot(`
      [
        0,
        3,
        1,
        2,
      ]
    `);
  });

  it("differs between learners, and between questions for one learner", () => {
    const byLearner = new Set(learners.map((l) => optionOrder(l, "p/m/l/q", 4).join()));
    expect(byLearner.size).toBe(24); // every order of four options is someone's
    const byQuestion = new Set(
      Array.from({ length: 50 }, (_, i) => optionOrder(learners[0]!, `p/m/l/q${i}`, 3).join()),
    );
    expect(byQuestion.size).toBe(6);
  });

  it("puts each option first about as often as any other", () => {
    for (const n of [2, 3, 4, 5]) {
      const first = Array(n).fill(0) as number[];
      for (const l of learners) first[optionOrder(l, "p/m/l/q", n)[0]!]! += 1;
      for (const count of first) expect(Math.abs(count - learners.length / n)).toBeLessThan(learners.length / n / 3);
    }
  });

  it("keeps ('ab', 'c') apart from ('a', 'bc')", () => {
    const pairs = learners
      .slice(0, 30)
      .filter((l) => optionOrder(`${l}a`, "bq", 5).join() !== optionOrder(l, "abq", 5).join());
    expect(pairs.length).toBeGreaterThan(20);
  });

  it("has nothing to shuffle with no option or one", () => {
    expect(optionOrder("learner", "q", 0)).toEqual([]);
    expect(optionOrder("learner", "q", 1)).toEqual([0]);
    expect(optionOrder("learner", "q", -3)).toEqual([]);
    expect(optionOrder("learner", "q", 2.9)).toHaveLength(2);
  });

  it("hands each option back with the index it is marked by", () => {
    const shown = orderedOptions("learner-a", "p/m/l/q", ["w", "x", "y", "z"]);
    expect(shown.map((s) => s.option)).toEqual(shown.map((s) => ["w", "x", "y", "z"][s.index]));
    expect(shown.map((s) => s.index)).toEqual(optionOrder("learner-a", "p/m/l/q", 4));
  });
});

describe("marking is by the option chosen, not where it was shown", () => {
  const lesson = {
    checks: [
      {
        id: "q",
        question: "Which?",
        options: [
          { text: "Wrong one", feedback: "No." },
          { text: "Also wrong", feedback: "No." },
          { text: "Right", correct: true, feedback: "Yes." },
          { text: "Wrong again", feedback: "No." },
        ],
      },
    ],
  } as unknown as Lesson;

  it("scores the right option right for every learner, wherever it appears", () => {
    const positions = new Set<number>();
    for (const learner of learners.slice(0, 40)) {
      const shown = orderedOptions(learner, "p/m/l/q", lesson.checks[0]!.options);
      const position = shown.findIndex((s) => s.option.correct);
      positions.add(position);
      // The form sends the value of the radio ticked: the option's own index.
      const marked = markKnowledgeCheck(lesson, "q", { "answer-q": String(shown[position]!.index) });
      expect(marked.ok).toBe(true);
      if (!marked.ok) return;
      expect(scoreChecks(lesson, marked.ids, marked.answers)).toMatchObject({ score: 1, total: 1 });
      // And a distractor shown in the right answer's usual place still scores nothing.
      const wrong = shown.find((s) => !s.option.correct)!;
      const markedWrong = markKnowledgeCheck(lesson, "q", { "answer-q": String(wrong.index) });
      expect(markedWrong.ok && scoreChecks(lesson, markedWrong.ids, markedWrong.answers).score).toBe(0);
    }
    expect(positions.size).toBe(4);
  });
});
