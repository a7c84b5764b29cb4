/**
 * The Masters marking rules at their edges (issue 20): bands, marks refused, the second-marking
 * sample, disagreement between markers, the capped resubmission, credits and the award reached
 * with its classification.
 */
import {
  attemptResult,
  awardReached,
  awardStanding,
  bandOf,
  boundariesNear,
  checkedMark,
  classify,
  drawKey,
  MarkingRuleError,
  markProblem,
  MASTERS_CLASSIFICATION,
  MASTERS_EXIT_AWARDS,
  MASTERS_SCHEME,
  nextMarkingStep,
  resubmission,
  sampleReasonWords,
  schemeProblems,
  secondMarkingSample,
  type MarkingScheme,
  type ModuleRecord,
} from "~/modules/masters/marks";

const band = (mark: number) => bandOf(mark).band;

describe("bands", () => {
  it.each([
    [0, "fail"],
    [49, "fail"],
    [50, "pass"],
    [59, "pass"],
    [60, "merit"],
    [69, "merit"],
    [70, "distinction"],
    [100, "distinction"],
  ])("puts %i in %s", (mark, expected) => {
    expect(band(mark)).toBe(expected);
  });

  it("gives the band's words", () => {
    expect(bandOf(72).label).toBe("Distinction");
    expect(bandOf(49).label).toBe("Fail");
  });

  it("follows the bands it is given, in any order", () => {
    const bands = [
      { band: "pass", label: "Pass", from: 40 },
      { band: "fail", label: "Fail", from: 0 },
      { band: "distinction", label: "Distinction", from: 70 },
    ];
    expect(bandOf(39, bands).band).toBe("fail");
    expect(bandOf(40, bands).band).toBe("pass");
    expect(bandOf(69, bands).band).toBe("pass");
    expect(bandOf(70, bands).band).toBe("distinction");
  });
});

describe("a mark", () => {
  it.each([101, -1, 50.5, Number.NaN, Infinity])("refuses %s", (mark) => {
    expect(markProblem(mark)).not.toBeNull();
    expect(() => bandOf(mark)).toThrow(MarkingRuleError);
  });

  it("says what is wrong in words for the person who typed it", () => {
    expect(markProblem(101)).toBe("A mark is from 0 to 100");
    expect(markProblem(-1)).toBe("A mark is from 0 to 100");
    expect(markProblem(50.5)).toBe("Enter a whole mark from 0 to 100, without a decimal point");
    expect(markProblem("50.5")).toBe("Enter a whole mark from 0 to 100, without a decimal point");
    expect(markProblem("")).toBe("Enter a mark out of 100");
    expect(markProblem("  ")).toBe("Enter a mark out of 100");
    expect(markProblem("fifty")).toBe("Enter the mark as a number from 0 to 100");
    expect(() => checkedMark(101)).toThrow("A mark is from 0 to 100 (was 101)");
  });

  it("takes 0, 100 and a whole number typed into a form", () => {
    expect(markProblem(0)).toBeNull();
    expect(markProblem(100)).toBeNull();
    expect(checkedMark(" 64 ")).toBe(64);
  });
});

describe("a scheme", () => {
  it("has no problems with the defaults", () => {
    expect(schemeProblems(MASTERS_SCHEME)).toEqual([]);
  });

  it("is refused when no band starts at 0 or at the pass mark, or two start together", () => {
    const bands = [
      { band: "pass", label: "Pass", from: 50 },
      { band: "merit", label: "Merit", from: 50 },
    ];
    const problems = schemeProblems({ ...MASTERS_SCHEME, bands, passMark: 40, samplePercent: 120 });
    expect(problems).toContain("the lowest band must start at 0");
    expect(problems).toContain("a band must start at the pass mark (40)");
    expect(problems).toContain("no two bands may start at the same mark");
    expect(problems).toContain("the sample is a whole percentage from 0 to 100");
  });
});

describe("a mark near a band boundary (within 2, inclusive)", () => {
  it.each([
    [47, []],
    [48, [50]],
    [49, [50]],
    [50, [50]],
    [51, [50]],
    [52, []],
    [57, []],
    [58, [60]],
    [61, [60]],
    [62, []],
    [67, []],
    [68, [70]],
    [71, [70]],
    [72, []],
    [0, []],
    [100, []],
  ])("%i is near %j", (mark, near) => {
    expect(boundariesNear(mark)).toEqual(near);
  });

  it("follows the margin it is given", () => {
    expect(boundariesNear(47, { ...MASTERS_SCHEME, boundaryMargin: 3 })).toEqual([50]);
    expect(boundariesNear(48, { ...MASTERS_SCHEME, boundaryMargin: 0 })).toEqual([]);
  });
});

describe("the second-marking sample", () => {
  // 12 fails or boundary marks among 62 submissions; the other 50 are clear of every boundary.
  const special = [
    { id: "s-fail-10", mark: 10 },
    { id: "s-fail-47", mark: 47 },
    { id: "s-48", mark: 48 },
    { id: "s-49", mark: 49 },
    { id: "s-50", mark: 50 },
    { id: "s-51", mark: 51 },
    { id: "s-58", mark: 58 },
    { id: "s-61", mark: 61 },
    { id: "s-68", mark: 68 },
    { id: "s-71", mark: 71 },
    { id: "s-0", mark: 0 },
    { id: "s-60", mark: 60 },
  ];
  const clear = [53, 54, 55, 56, 63, 64, 65, 66, 75, 85];
  const rest = Array.from({ length: 50 }, (_, i) => ({ id: `r-${String(i).padStart(2, "0")}`, mark: clear[i % clear.length]! }));
  const all = [...special, ...rest];

  it("holds every fail and every boundary mark, and says why", () => {
    const sample = secondMarkingSample(all, "2027-spring-critical-practice");
    for (const s of special) expect(sample.ids).toContain(s.id);
    const why = Object.fromEntries(sample.choices.map((c) => [c.id, c.reasons]));
    expect(why["s-fail-10"]).toEqual(["fail"]);
    expect(why["s-fail-47"]).toEqual(["fail"]);
    expect(why["s-49"]).toEqual(["fail", "boundary"]);
    expect(why["s-51"]).toEqual(["boundary"]);
    expect(sample.choices.find((c) => c.id === "s-68")!.boundaries).toEqual([70]);
    expect(sampleReasonWords("boundary")).toBe("within 2 marks of a band boundary");
    expect(sampleReasonWords("share")).toBe("drawn from its seed for the 20% of the other submissions");
  });

  it("draws 20% of the rest, rounded up, and nothing else", () => {
    const sample = secondMarkingSample(all, "seed-a");
    const drawn = sample.choices.filter((c) => c.reasons.includes("share"));
    expect(sample.share).toEqual({ drawn: 10, of: 50, percent: 20 });
    expect(drawn).toHaveLength(10);
    expect(drawn.every((c) => c.reasons.length === 1 && c.id.startsWith("r-"))).toBe(true);
    expect(sample.ids).toHaveLength(22);
    expect(sample.choices.filter((c) => !c.inSample).every((c) => c.reasons.length === 0)).toBe(true);
    // 20% of 35 is exactly 7 (not 8, as 0.2 × 35 in floating point would round up to); of 36, 7.2 → 8; of 1, 1.
    expect(secondMarkingSample(rest.slice(0, 35), "x").share.drawn).toBe(7);
    expect(secondMarkingSample(rest.slice(0, 36), "x").share.drawn).toBe(8);
    expect(secondMarkingSample(rest.slice(0, 1), "x").share.drawn).toBe(1);
    expect(secondMarkingSample([], "x").ids).toEqual([]);
  });

  it("is reproducible from its seed, in any order of the submissions", () => {
    const one = secondMarkingSample(all, "seed-a");
    const shuffled = [...all].reverse();
    shuffled.push(shuffled.splice(7, 1)[0]!);
    expect(secondMarkingSample(shuffled, "seed-a")).toEqual(one);
    expect(secondMarkingSample(all, "seed-b").ids).not.toEqual(one.ids);
    // The draw follows SHA-256 of the seed and the id, so anyone can check it by hand.
    const drawn = one.choices.filter((c) => c.reasons.includes("share")).map((c) => c.id);
    const byKey = [...rest].sort((a, b) => (drawKey("seed-a", a.id) < drawKey("seed-a", b.id) ? -1 : 1)).slice(0, 10);
    expect(drawn).toEqual(byKey.map((r) => r.id).sort());
    expect(drawKey("seed-a", "r-00")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("follows the share it is given", () => {
    expect(secondMarkingSample(rest, "s", { ...MASTERS_SCHEME, samplePercent: 0 }).ids).toEqual([]);
    expect(secondMarkingSample(rest, "s", { ...MASTERS_SCHEME, samplePercent: 100 }).ids).toHaveLength(50);
  });

  it("refuses a list with a submission twice, a bad mark or no seed", () => {
    expect(() => secondMarkingSample([{ id: "a", mark: 60 }, { id: "a", mark: 61 }], "s")).toThrow("listed twice");
    expect(() => secondMarkingSample([{ id: "a", mark: 101 }], "s")).toThrow(MarkingRuleError);
    expect(() => secondMarkingSample([{ id: "a", mark: 60 }], "")).toThrow("needs a seed");
  });
});

describe("second marking and disagreement", () => {
  it("sends a submission outside the sample to the board with its first mark", () => {
    expect(nextMarkingStep({ firstMark: 64, inSample: false })).toEqual({
      step: "ready-for-board",
      mark: 64,
      basis: "first-mark",
    });
  });

  it("waits for the second marker on a submission in the sample", () => {
    expect(nextMarkingStep({ firstMark: 49, inSample: true })).toEqual({ step: "second-marking" });
  });

  it("keeps the first mark when the second marker agrees", () => {
    expect(nextMarkingStep({ firstMark: 49, inSample: true, secondMark: { outcome: "agrees" } })).toEqual({
      step: "ready-for-board",
      mark: 49,
      basis: "second-marker-agreed",
    });
  });

  it("takes a proposal of the same mark as agreeing", () => {
    expect(nextMarkingStep({ firstMark: 58, inSample: true, secondMark: { outcome: "proposes", mark: 58 } })).toEqual({
      step: "ready-for-board",
      mark: 58,
      basis: "second-marker-agreed",
    });
  });

  it("asks the two markers to agree a mark when they differ by 10 or less", () => {
    expect(nextMarkingStep({ firstMark: 55, inSample: true, secondMark: { outcome: "proposes", mark: 65 } })).toEqual({
      step: "agree-a-mark",
      difference: 10,
      range: [55, 65],
    });
  });

  it("asks for a third reader or an agreed mark when they differ by more than 10", () => {
    expect(nextMarkingStep({ firstMark: 55, inSample: true, secondMark: { outcome: "proposes", mark: 66 } })).toEqual({
      step: "third-reader-or-agreement",
      difference: 11,
      range: [55, 66],
    });
    expect(
      nextMarkingStep({ firstMark: 66, inSample: true, secondMark: { outcome: "proposes", mark: 55 }, thirdReading: 58 }),
    ).toEqual({ step: "ready-for-board", mark: 58, basis: "third-reader" });
  });

  it("takes an agreed mark only when both markers record the same, between their marks", () => {
    const base = { firstMark: 55, inSample: true, secondMark: { outcome: "proposes" as const, mark: 62 } };
    expect(nextMarkingStep({ ...base, agreed: { byFirstMarker: 58 } })).toEqual({
      step: "other-marker-to-record",
      who: "second marker",
      mark: 58,
      range: [55, 62],
    });
    expect(nextMarkingStep({ ...base, agreed: { bySecondMarker: 58 } })).toMatchObject({ who: "first marker" });
    expect(nextMarkingStep({ ...base, agreed: { byFirstMarker: 58, bySecondMarker: 59 } })).toMatchObject({
      step: "agree-a-mark",
      problem: "The two markers recorded different agreed marks (58 and 59)",
    });
    expect(nextMarkingStep({ ...base, agreed: { byFirstMarker: 63, bySecondMarker: 63 } })).toMatchObject({
      step: "agree-a-mark",
      problem: "An agreed mark lies between the two marks, 55 to 62",
    });
    expect(nextMarkingStep({ ...base, agreed: { byFirstMarker: 62, bySecondMarker: 62 } })).toEqual({
      step: "ready-for-board",
      mark: 62,
      basis: "agreed-by-both",
    });
    // Over the limit, the two may still agree rather than go to a third reader.
    expect(
      nextMarkingStep({
        firstMark: 40,
        inSample: true,
        secondMark: { outcome: "proposes", mark: 56 },
        agreed: { byFirstMarker: 50, bySecondMarker: 50 },
      }),
    ).toEqual({ step: "ready-for-board", mark: 50, basis: "agreed-by-both" });
  });

  it("refuses records out of order", () => {
    expect(() => nextMarkingStep({ firstMark: 55, inSample: true, thirdReading: 60 })).toThrow(MarkingRuleError);
    expect(() =>
      nextMarkingStep({ firstMark: 55, inSample: true, secondMark: { outcome: "proposes", mark: 60 }, thirdReading: 58 }),
    ).toThrow("more than 10");
    expect(() => nextMarkingStep({ firstMark: 55, inSample: true, secondMark: { outcome: "proposes", mark: 101 } })).toThrow(
      MarkingRuleError,
    );
  });

  it("follows the limit it is given", () => {
    const scheme: MarkingScheme = { ...MASTERS_SCHEME, disagreementLimit: 5 };
    expect(nextMarkingStep({ firstMark: 55, inSample: true, secondMark: { outcome: "proposes", mark: 61 } }, scheme).step).toBe(
      "third-reader-or-agreement",
    );
  });
});

describe("a resubmission", () => {
  it("caps a resubmission's 65 at the pass mark, 50, a pass", () => {
    expect(attemptResult(65, 2)).toMatchObject({ attempt: 2, mark: 65, cappedMark: 50, capped: true, passed: true });
    expect(attemptResult(65, 2).band.band).toBe("pass");
  });

  it("does not cap a first attempt, or a resubmission at or below the pass mark", () => {
    expect(attemptResult(65, 1)).toMatchObject({ cappedMark: 65, capped: false });
    expect(attemptResult(65, 1).band.band).toBe("merit");
    expect(attemptResult(50, 2)).toMatchObject({ cappedMark: 50, capped: false, passed: true });
    expect(attemptResult(49, 2)).toMatchObject({ cappedMark: 49, capped: false, passed: false });
  });

  it("allows one resubmission after a fail the board confirmed, and no second", () => {
    expect(resubmission([{ attempt: 1, mark: 45, confirmed: true }])).toEqual({ allowed: true, attempt: 2, cap: 50 });
    expect(resubmission([{ attempt: 1, mark: 45, confirmed: false }])).toEqual({
      allowed: false,
      reason: "The exam board has not yet confirmed the mark for this attempt",
    });
    expect(resubmission([{ attempt: 1, mark: 50, confirmed: true }])).toEqual({
      allowed: false,
      reason: "The module has been passed",
    });
    expect(
      resubmission([
        { attempt: 2, mark: 40, confirmed: true },
        { attempt: 1, mark: 45, confirmed: true },
      ]),
    ).toEqual({ allowed: false, reason: "A failed module may be resubmitted once, and this was the resubmission" });
    expect(resubmission([])).toMatchObject({ allowed: false });
    expect(() => attemptResult(60, 3)).toThrow("a module has 2 attempts at most");
  });
});

describe("credits and the award", () => {
  const module = (slug: string, credits: number, ...attempts: [number, boolean][]): ModuleRecord => ({
    slug,
    credits,
    attempts: attempts.map(([mark, confirmed], i) => ({ attempt: i + 1, mark, confirmed })),
  });

  it.each([
    [0, null],
    [59, null],
    [60, "pg-certificate"],
    [119, "pg-certificate"],
    [120, "pg-diploma"],
    [179, "pg-diploma"],
    [180, "ma"],
    [240, "ma"],
  ])("at %i credits reaches %s", (credits, award) => {
    expect(awardReached(credits, [])?.id ?? null).toBe(award);
  });

  it("asks for a required module as well as the credits", () => {
    const awards = MASTERS_EXIT_AWARDS.map((a) => (a.id === "ma" ? { ...a, requiredModules: ["dissertation"] } : a));
    expect(awardReached(180, ["a", "b"], awards)?.id).toBe("pg-diploma");
    expect(awardReached(180, ["dissertation"], awards)?.id).toBe("ma");
  });

  it("awards credits only for a pass the board has confirmed", () => {
    const standing = awardStanding([
      module("a", 30, [72, true]),
      module("b", 30, [64, false]),
      module("c", 30, [45, true]),
      module("d", 30, [45, true], [65, true]),
      module("e", 60, [50, true]),
    ]);
    expect(standing.modules.map((m) => m.creditsAwarded)).toEqual([30, 0, 0, 30, 60]);
    expect(standing.modules[1]!.awaitingBoard).toBe(true);
    expect(standing.totalCredits).toBe(120);
    expect(standing.award?.id).toBe("pg-diploma");
    // (30 × 72 + 30 × 50 capped + 60 × 50) / 120 = 55.5 → 56, a pass.
    expect(standing.classification).toMatchObject({ average: 55.5, counted: 56 });
    expect(standing.classification!.classification.id).toBe("pass");
  });

  it("reaches no award and no classification below 60 credits", () => {
    const standing = awardStanding([module("a", 30, [80, true]), module("b", 30, [80, false])]);
    expect(standing.totalCredits).toBe(30);
    expect(standing.award).toBeNull();
    expect(standing.classification).toBeNull();
  });

  it.each([
    [[[30, 69], [30, 70]], 69.5, "distinction"],
    [[[30, 69], [30, 69]], 69, "merit"],
    [[[30, 60], [30, 59]], 59.5, "merit"],
    [[[30, 59], [30, 59]], 59, "pass"],
    [[[30, 70], [30, 70]], 70, "distinction"],
    [[[60, 50], [30, 100], [30, 59]], 64.75, "merit"],
  ] as [number[][], number, string][])("classifies %j (average %f) as %s", (marks, average, expected) => {
    const result = classify(marks.map(([credits, cappedMark]) => ({ credits: credits!, cappedMark: cappedMark! })));
    expect(result!.average).toBe(average);
    expect(result!.classification.id).toBe(expected);
  });

  it("compares the exact average when the rule says so", () => {
    const exact = { ...MASTERS_CLASSIFICATION, rounding: "exact" as const };
    expect(
      classify(
        [
          { credits: 30, cappedMark: 69 },
          { credits: 30, cappedMark: 70 },
        ],
        exact,
      )!.classification.id,
    ).toBe("merit");
  });

  it("weighs a 60-credit dissertation twice a 30-credit module", () => {
    const standing = awardStanding([
      module("a", 30, [60, true]),
      module("b", 30, [60, true]),
      module("c", 30, [60, true]),
      module("d", 30, [60, true]),
      module("dissertation", 60, [75, true]),
    ]);
    expect(standing.totalCredits).toBe(180);
    expect(standing.award?.title).toBe("Master of Arts");
    expect(standing.classification).toMatchObject({ average: 65, counted: 65 });
    expect(standing.classification!.classification.label).toBe("Merit");
  });
});
