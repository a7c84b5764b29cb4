import type { AssessmentRules, Lesson, Module, Programme } from "~/modules/programmes/content-schema";
import {
  lessonsInOrder,
  moduleProgress,
  neighbours,
  programmeProgress,
  scoreChecks,
  lessonTotal,
  viewToRecord,
  type LessonState,
} from "~/modules/programmes/progress";
import { startStillToCome } from "~/modules/programmes/milestones";

function lesson(slug: string, order: number, minutes = 10, checks: Lesson["checks"] = []): Lesson {
  return {
    slug,
    order,
    minutes,
    title: `Lesson ${slug}`,
    outcomes: ["One", "Two"],
    capabilities: ["PCF-1"],
    reflections: [{ id: "r", prompt: "Think" }],
    checks,
    words: 700,
    segments: [{ type: "html", html: "<p>Body</p>" }],
  };
}

function module(slug: string, order: number, lessons: Lesson[]): Module {
  return { slug, order, title: `Module ${slug}`, summary: "Summary", lessons };
}

function programme(modules: Module[], assessment?: AssessmentRules): Programme {
  return {
    slug: "test-programme",
    title: "Test programme",
    summary: "Summary",
    audience: "Audience",
    kind: assessment ? "assessed" : "taught",
    lengthMonths: 12,
    price: null,
    selfEnrol: false,
    frameworks: ["PCF"],
    assessment,
    modules,
  };
}

const at = (minute: number) => new Date(2026, 0, 10, 9, minute);

function state(moduleSlug: string, lessonSlug: string, viewedMinute: number, completedMinute?: number): LessonState {
  return {
    moduleSlug,
    lessonSlug,
    lastViewedAt: at(viewedMinute),
    completedAt: completedMinute === undefined ? null : at(completedMinute),
  };
}

const where = (ref: { module: Module; lesson: Lesson } | null) =>
  ref ? `${ref.module.slug}/${ref.lesson.slug}` : null;

// Given out of order on purpose: teaching order comes from `order`, not array position.
const twoModules = programme([
  module("practice", 2, [lesson("d", 2, 25), lesson("c", 1, 15)]),
  module("intro", 1, [lesson("a", 1, 10), lesson("b", 2, 20)]),
]);

describe("lessons in teaching order", () => {
  it("sorts modules and lessons by their order prefix", () => {
    expect(lessonsInOrder(twoModules).map(where)).toEqual(["intro/a", "intro/b", "practice/c", "practice/d"]);
  });
});

describe("programme progress", () => {
  it("starts at the first lesson with everything left to do", () => {
    const p = programmeProgress(twoModules, []);
    expect({ ...p, continueAt: where(p.continueAt) }).toEqual({
      done: 0,
      total: 4,
      percent: 0,
      minutesLeft: 70,
      continueAt: "intro/a",
      complete: false,
    });
  });

  it("counts completed lessons, rounds the percentage down and adds up the minutes left", () => {
    const p = programmeProgress(twoModules, [state("intro", "a", 1, 2)]);
    expect([p.done, p.total, p.percent, p.minutesLeft, p.complete]).toEqual([1, 4, 25, 60, false]);

    const three = programme([module("m", 1, [lesson("x", 1, 5), lesson("y", 2, 7), lesson("z", 3, 9)])]);
    const q = programmeProgress(three, [state("m", "x", 1, 1)]);
    expect([q.done, q.total, q.percent, q.minutesLeft]).toEqual([1, 3, 33, 16]);
    const r = programmeProgress(three, [state("m", "x", 1, 1), state("m", "y", 2, 2)]);
    expect(r.percent).toBe(66);
  });

  it("continues at the unfinished lesson viewed most recently", () => {
    const p = programmeProgress(twoModules, [
      state("intro", "a", 1, 2),
      state("intro", "b", 3),
      state("practice", "c", 5),
      state("practice", "d", 9, 9), // viewed last, but finished
    ]);
    expect(where(p.continueAt)).toBe("practice/c");
  });

  it("otherwise continues at the first unfinished lesson in teaching order", () => {
    const p = programmeProgress(twoModules, [state("intro", "a", 1, 2), state("practice", "d", 3, 4)]);
    expect(where(p.continueAt)).toBe("intro/b");
  });

  it("ignores rows for lessons that are no longer in the programme", () => {
    const p = programmeProgress(twoModules, [
      state("intro", "b", 1),
      state("retired-module", "gone", 30), // most recent, but not a lesson any more
      state("intro", "also-gone", 31, 31),
    ]);
    expect(where(p.continueAt)).toBe("intro/b");
    expect(p.done).toBe(0);
    expect(p.total).toBe(4);
  });

  it("keys lessons by module and slug, so the same slug in two modules is two lessons", () => {
    const twins = programme([
      module("one", 1, [lesson("introduction", 1)]),
      module("two", 2, [lesson("introduction", 1)]),
    ]);
    const p = programmeProgress(twins, [state("one", "introduction", 1, 1)]);
    expect(p.done).toBe(1);
    expect(where(p.continueAt)).toBe("two/introduction");
  });

  it("is complete, with nothing to continue, when every lesson is done", () => {
    const states = ["a", "b"]
      .map((s, i) => state("intro", s, i, i))
      .concat(["c", "d"].map((s, i) => state("practice", s, i, i)));
    expect(programmeProgress(twoModules, states)).toEqual({
      done: 4,
      total: 4,
      percent: 100,
      minutesLeft: 0,
      continueAt: null,
      complete: true,
    });
  });

  it("does not call an empty programme complete", () => {
    expect(programmeProgress(programme([]), [])).toEqual({
      done: 0,
      total: 0,
      percent: 0,
      minutesLeft: 0,
      continueAt: null,
      complete: false,
    });
  });
});

describe("module progress", () => {
  it("counts only completed lessons of that module", () => {
    const intro = twoModules.modules.find((m) => m.slug === "intro")!;
    const states = [
      state("intro", "a", 1, 1),
      state("intro", "b", 2), // viewed, not completed
      state("practice", "a", 3, 3), // same slug, other module
    ];
    expect(moduleProgress(intro, states)).toEqual({ done: 1, total: 2 });
    expect(moduleProgress(intro, [])).toEqual({ done: 0, total: 2 });
  });
});

describe("a programme's lessons, as the supervisor's desk counts them", () => {
  it("counts every lesson of every module", () => {
    expect(lessonTotal(twoModules)).toBe(4);
  });
});

describe("recording that a lesson was opened", () => {
  const minute = (n: number) => new Date(at(0).getTime() + n * 60_000);
  it("records a first view, and a view after another lesson was opened", () => {
    expect(viewToRecord([], "intro", "a", minute(1))).toBe(true);
    const states = [state("intro", "a", 1), state("intro", "b", 2)];
    // Going back to lesson a must make it where the learner continues.
    expect(viewToRecord(states, "intro", "a", minute(3))).toBe(true);
  });

  it("does not rewrite the latest lesson when it is opened again within ten minutes", () => {
    const states = [state("intro", "a", 1), state("intro", "b", 2)];
    expect(viewToRecord(states, "intro", "b", minute(3))).toBe(false);
    expect(viewToRecord(states, "intro", "b", minute(11))).toBe(false);
    expect(viewToRecord(states, "intro", "b", minute(12))).toBe(true);
  });
});

describe("previous and next lesson", () => {
  it("has no previous lesson at the start and no next lesson at the end", () => {
    expect(neighbours(twoModules, "intro", "a")).toEqual({ previous: null, next: expect.anything() });
    expect(where(neighbours(twoModules, "intro", "a").next)).toBe("intro/b");
    expect(where(neighbours(twoModules, "practice", "d").previous)).toBe("practice/c");
    expect(neighbours(twoModules, "practice", "d").next).toBeNull();
  });

  it("crosses module boundaries in both directions", () => {
    expect(where(neighbours(twoModules, "intro", "b").next)).toBe("practice/c");
    expect(where(neighbours(twoModules, "practice", "c").previous)).toBe("intro/b");
  });

  it("has neither for a lesson that is not in the programme", () => {
    expect(neighbours(twoModules, "intro", "nope")).toEqual({ previous: null, next: null });
    expect(neighbours(twoModules, "practice", "a")).toEqual({ previous: null, next: null });
  });
});

describe("the start of an assessed year", () => {
  const assessed = programme([], {
    supervision: [{ untilMonth: 12, every: "month" }],
    protectedTimeShare: 0.1,
    coverage: [{ framework: "PCF", minimum: 1 }],
    // Out of order on purpose.
    reviewPoints: [
      { code: "final", title: "Final assessment", month: 12, final: true },
      { code: "three-month", title: "3-month review", month: 3 },
      { code: "six-month", title: "6-month review", month: 6 },
    ],
    evidence: [{ kind: "reflective_log", count: 2 }],
  });
  it("has no start still to come once the year has begun", () => {
    expect(startStillToCome(assessed, { startedOn: "2026-01-15" }, new Date(2026, 0, 15))).toBeNull();
    expect(startStillToCome(assessed, { startedOn: "2026-01-15" }, new Date(2026, 0, 14))).toEqual({
      on: "2026-01-15",
      days: 1,
    });
    expect(startStillToCome(twoModules, { startedOn: "2026-01-15" }, new Date(2026, 0, 1))).toBeNull();
  });
});

describe("scoring knowledge checks", () => {
  const checked = lesson("quiz", 1, 10, [
    {
      id: "q1",
      question: "Who signs?",
      options: [
        { text: "Only you", feedback: "Not only you." },
        { text: "All three", correct: true, feedback: "Yes, all three." },
        { text: "Nobody", feedback: "Somebody must." },
      ],
    },
    {
      id: "q2",
      question: "When?",
      options: [
        { text: "First month", correct: true, feedback: "Yes, early." },
        { text: "Never", feedback: "No." },
      ],
    },
    {
      id: "q3",
      question: "Why?",
      options: [
        { text: "Because", correct: true, feedback: "Right." },
        { text: "No reason", feedback: "There is a reason." },
      ],
    },
  ]);

  it("marks each answer and returns the feedback for the option chosen", () => {
    expect(scoreChecks(checked, ["q1", "q2", "q3"], { q1: 1, q2: 1, q3: undefined })).toEqual({
      results: [
        { id: "q1", chosen: 1, correct: true, feedback: "Yes, all three." },
        { id: "q2", chosen: 1, correct: false, feedback: "No." },
        { id: "q3", chosen: null, correct: false, feedback: null },
      ],
      score: 1,
      total: 3,
    });
  });

  it("scores an answer that is not an option as unanswered", () => {
    const { results, score, total } = scoreChecks(checked, ["q1", "q2"], { q1: 3, q2: -1 });
    expect(results).toEqual([
      { id: "q1", chosen: null, correct: false, feedback: null },
      { id: "q2", chosen: null, correct: false, feedback: null },
    ]);
    expect([score, total]).toEqual([0, 2]);
  });

  it("scores only the questions asked", () => {
    const scored = scoreChecks(checked, ["q2"], { q1: 1, q2: 0 });
    expect(scored.results.map((r) => r.id)).toEqual(["q2"]);
    expect([scored.score, scored.total]).toEqual([1, 1]);
  });
});
