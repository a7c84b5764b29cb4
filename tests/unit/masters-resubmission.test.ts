/**
 * A resubmission (attempt 2) runs the path the first attempt ran: its own second-marking sample
 * drawn from its own seed on the marks it earned, its own board, and then no further attempt; and
 * the lead's pages say where each attempt stands. Edges: 48–51 near the pass mark, a capped 72
 * that is not near a boundary, the one resubmission used, resubmissions closed once sampled or
 * boarded.
 */
import { resubmissionsClosed } from "~/modules/masters/board";
import { assignmentProgress, assignmentStage, leadMarkingView, type LeadMarkingFacts } from "~/modules/masters/marking";
import { attemptResult, MASTERS_SCHEME, resubmission, secondMarkingSample } from "~/modules/masters/marks";

describe("the resubmissions' sample", () => {
  const resubmitted = [
    { id: "r-1", mark: 47 },
    { id: "r-2", mark: 48 },
    { id: "r-3", mark: 51 },
    { id: "r-4", mark: 52 },
    { id: "r-5", mark: 72 },
    { id: "r-6", mark: 64 },
    { id: "r-7", mark: 55 },
  ];

  it("holds every fail and every mark within 2 of a boundary, on the marks earned, not the capped 50", () => {
    const sample = secondMarkingSample(resubmitted, "assignment-a:2");
    const why = new Map(sample.choices.map((c) => [c.id, c.reasons]));
    expect(why.get("r-1")).toEqual(["fail"]);
    expect(why.get("r-2")).toEqual(["fail", "boundary"]);
    expect(why.get("r-3")).toEqual(["boundary"]);
    // 52 and 72 are not near a boundary as earned, though both count as 50 once capped.
    expect(why.get("r-4")).not.toContain("boundary");
    expect(why.get("r-5")).not.toContain("boundary");
    expect(attemptResult(72, 2).cappedMark).toBe(50);
    // 20% of the four others (52, 72, 64, 55), rounded up, is one.
    expect(sample.share).toEqual({ drawn: 1, of: 4, percent: 20 });
    expect(sample.ids).toHaveLength(4);
  });

  it("is drawn again the same from its stored seed, in any order, and another seed may draw another share", () => {
    const once = secondMarkingSample(resubmitted, "seed-of-attempt-2");
    const again = secondMarkingSample([...resubmitted].reverse(), "seed-of-attempt-2");
    expect(again.ids).toEqual(once.ids);
    const shares = new Set(
      Array.from({ length: 12 }, (_, i) => secondMarkingSample(resubmitted, `seed-${i}`).choices.find((c) => c.reasons.includes("share"))!.id),
    );
    expect(shares.size).toBeGreaterThan(1);
  });

  it("is one resubmission alone: a fail is sampled, a pass of one is the share", () => {
    expect(secondMarkingSample([{ id: "oliver-2", mark: 46 }], "s").ids).toEqual(["oliver-2"]);
    expect(secondMarkingSample([{ id: "oliver-2", mark: 72 }], "s").choices[0]!.reasons).toEqual(["share"]);
  });
});

describe("one resubmission, then no more", () => {
  it("refuses a third attempt after a failed resubmission the board confirmed", () => {
    expect(
      resubmission([
        { attempt: 1, mark: 44, confirmed: true },
        { attempt: 2, mark: 46, confirmed: true },
      ]),
    ).toEqual({ allowed: false, reason: "A failed module may be resubmitted once, and this was the resubmission" });
    expect(() => attemptResult(60, 3)).toThrow(/2 attempts at most/);
  });

  it("counts a resubmission of exactly 50 a pass, and of 49 a fail", () => {
    expect(attemptResult(50, 2)).toMatchObject({ cappedMark: 50, capped: false, passed: true });
    expect(attemptResult(49, 2)).toMatchObject({ cappedMark: 49, passed: false });
  });

  it("closes resubmissions once the resubmissions' sample is drawn or their board has sat, and never opens a third", () => {
    expect(resubmissionsClosed(2, { decidedAttempts: [1], sampledAttempts: [1] })).toBeNull();
    expect(resubmissionsClosed(2, { decidedAttempts: [1], sampledAttempts: [1, 2] })).toMatch(/sample has been drawn/);
    expect(resubmissionsClosed(2, { decidedAttempts: [1, 2], sampledAttempts: [1, 2] })).toMatch(
      /exam board has confirmed the resubmissions' marks/,
    );
    expect(resubmissionsClosed(3, { decidedAttempts: [1, 2], sampledAttempts: [1, 2] })).toBe(
      "A failed module may be resubmitted once, and this was the resubmission",
    );
    expect(resubmissionsClosed(3, { decidedAttempts: [1, 2], sampledAttempts: [] }, { ...MASTERS_SCHEME, resubmissions: 2 })).toBeNull();
  });
});

describe("the lead's marking, attempt by attempt", () => {
  const state = (firstMark: number) => ({ firstMark, inSample: false, secondMark: null, agreed: null, thirdReading: null });
  const facts: LeadMarkingFacts = {
    scheme: MASTERS_SCHEME,
    allocations: [{ stage: "first", markerId: "m-1", name: "Dr Joseph Mensah" }],
    markers: [{ id: "m-1", name: "Dr Joseph Mensah" }],
    facts: [
      { submissionId: "a", attempt: 1, candidateNumber: "C100001", name: "Oliver Grant", state: state(44), sampled: true, reasons: ["fail"] },
      { submissionId: "b", attempt: 1, candidateNumber: "C100002", name: "Fatima Begum", state: state(73), sampled: false, reasons: [] },
      { submissionId: "c", attempt: 2, candidateNumber: "C100001", name: "Oliver Grant", state: state(72), sampled: false, reasons: [] },
    ],
    samples: [{ attempt: 1, seed: "demo", sharePercent: 20, drawnAt: new Date("2027-02-01T12:00:00Z") }],
    resubmissionAttempts: [2],
  };

  it("shows the first attempt and the resubmissions each with their own progress and sample", () => {
    const view = leadMarkingView(facts);
    expect(view.allocations.map((a) => [a.label, a.name])).toEqual([
      ["First marker", "Dr Joseph Mensah"],
      ["Second marker", null],
      ["Third reader", null],
    ]);
    expect(view.rounds.map((r) => [r.heading, r.progress.handedIn, r.progress.firstMarked, r.progress.sampleDrawn])).toEqual([
      ["First attempt", 2, 2, true],
      ["Resubmissions (attempt 2)", 1, 1, false],
    ]);
    expect(view.rounds[0]!.sample!.rule).toBe("every fail, every mark within 2 of a band boundary and 20% of the rest");
    expect(view.rounds[0]!.sampleRows).toEqual([
      {
        id: "a",
        candidateNumber: "C100001",
        name: "Oliver Grant",
        firstMark: 44,
        why: "a fail: every fail is second-marked",
        next: "Waiting for the second marker",
      },
    ]);
    expect(view.rounds[1]!.sample).toBeNull();
  });

  it("has a resubmissions' round as soon as one is opened, before anything is handed in", () => {
    const view = leadMarkingView({ ...facts, facts: facts.facts.filter((f) => f.attempt === 1) });
    expect(view.rounds.map((r) => [r.attempt, r.progress.handedIn])).toEqual([
      [1, 2],
      [2, 0],
    ]);
  });
});

describe("where an assignment stands", () => {
  const progress = (rows: { mark: number | null; sampled?: boolean; second?: boolean }[], drawn: boolean) =>
    assignmentProgress(
      rows.map((r) => ({
        state:
          r.mark === null
            ? null
            : { firstMark: r.mark, inSample: !!r.sampled, secondMark: r.second ? { outcome: "agrees" as const } : null, agreed: null, thirdReading: null },
        sampled: !!r.sampled,
      })),
      drawn,
    );
  const stage = (p: Map<number, ReturnType<typeof progress>>, more: Partial<Parameters<typeof assignmentStage>[0]> = {}) =>
    assignmentStage({ deadlinePassed: true, progress: p, decidedAttempts: [], resubmissionAttempts: [], confirmedOn: null, ...more });

  it("says each stage of the first attempt in the lead's words", () => {
    expect(stage(new Map(), { deadlinePassed: false })).toBe("Open for hand-in");
    expect(stage(new Map([[1, progress([{ mark: null }], false)]]), { deadlinePassed: false })).toBe(
      "Open: 1 handed in so far, awaiting first marking",
    );
    expect(stage(new Map([[1, progress([{ mark: null }, { mark: null }], false)]]))).toBe("Handed in, awaiting first marking");
    expect(stage(new Map([[1, progress([{ mark: 60 }, { mark: null }], false)]]))).toBe("First marking, 1 of 2 marked");
    expect(stage(new Map([[1, progress([{ mark: 60 }, { mark: 49 }], false)]]))).toBe("First-marked, the second-marking sample to draw");
    expect(stage(new Map([[1, progress([{ mark: 64 }, { mark: 49, sampled: true }], true)]]))).toBe("Second marking, 0 of 1 second-marked");
    expect(stage(new Map([[1, progress([{ mark: 64 }, { mark: 49, sampled: true, second: true }], true)]]))).toBe(
      "Second-marked: ready for the exam board",
    );
  });

  it("says when the board confirmed, and where the resubmissions stand until their own board", () => {
    const first = progress([{ mark: 64 }, { mark: 44, sampled: true, second: true }], true);
    expect(stage(new Map([[1, first]]), { decidedAttempts: [1], confirmedOn: "3 February 2027" })).toBe(
      "Exam board confirmed the marks on 3 February 2027",
    );
    expect(stage(new Map([[1, first]]), { decidedAttempts: [1], resubmissionAttempts: [2], confirmedOn: "3 February 2027" })).toBe(
      "Exam board confirmed the marks on 3 February 2027; resubmissions open, none handed in yet",
    );
    expect(
      stage(new Map([[1, first], [2, progress([{ mark: 72 }], false)]]), { decidedAttempts: [1], resubmissionAttempts: [2], confirmedOn: "3 February 2027" }),
    ).toBe("Exam board confirmed the marks on 3 February 2027; resubmissions: first-marked, the second-marking sample to draw");
    expect(stage(new Map([[1, first]]), { decidedAttempts: [1, 2], resubmissionAttempts: [2], confirmedOn: "3 February 2027" })).toBe(
      "Exam board confirmed the marks on 3 February 2027, and the resubmissions' marks",
    );
  });
});
