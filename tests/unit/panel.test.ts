import { caseState, panelSample, passed } from "~/modules/signoff/panel";

const cases = (fails: number, passes: number) => [
  ...Array.from({ length: fails }, (_, i) => ({ enrolmentId: `f${i}`, recommendation: "fail" as const })),
  ...Array.from({ length: passes }, (_, i) => ({ enrolmentId: `p${i}`, recommendation: "pass" as const })),
];

describe("the moderation panel's sample", () => {
  it("always holds every recommended fail, and 10% of the passes rounded up", () => {
    for (const seed of ["a", "b", "c", "2027-cohort"]) {
      const sample = panelSample(cases(3, 40), 0.1, seed);
      expect(sample.filter((c) => c.recommendation === "fail").map((c) => c.enrolmentId)).toEqual(["f0", "f1", "f2"]);
      expect(sample.filter((c) => c.recommendation === "pass")).toHaveLength(4);
    }
  });
  it("is the same for the same seed and differs for another", () => {
    const one = panelSample(cases(0, 40), 0.1, "seed-1").map((c) => c.enrolmentId);
    expect(panelSample(cases(0, 40), 0.1, "seed-1").map((c) => c.enrolmentId)).toEqual(one);
    expect(panelSample(cases(0, 40), 0.1, "seed-2").map((c) => c.enrolmentId)).not.toEqual(one);
  });
  it("reads at least one pass when there are any, and none that are not there", () => {
    expect(panelSample(cases(0, 3), 0.1, "x")).toHaveLength(1);
    expect(panelSample(cases(2, 0), 0.1, "x")).toHaveLength(2);
    expect(panelSample(cases(0, 5), 1, "x")).toHaveLength(5);
  });
});

describe("a panel outcome", () => {
  it("is final only when the chair has signed it", () => {
    const recorded = { enrolmentId: "e1", step: "recorded", outcome: "agree" };
    expect(caseState("e1", []).state).toBe("to_read");
    expect(caseState("e1", [recorded]).state).toBe("recorded");
    expect(caseState("e1", [recorded, { ...recorded, step: "chair_signed" }]).state).toBe("final");
    expect(caseState("e2", [recorded]).state).toBe("to_read");
  });
  it("passes the year only when it agrees with a pass", () => {
    expect(passed("pass", "agree")).toBe(true);
    expect(passed("pass", "disagree")).toBe(false);
    expect(passed("fail", "agree")).toBe(false);
    expect(passed("pass", null)).toBe(false);
  });
});
