import { caseState, describeOutcome, panelSample, passed, ratification, yearOutcome } from "~/modules/signoff/panel";

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

describe("the panel's final word on a year", () => {
  const signed = (outcome: string, extensionDays: number | null = null) => ({
    step: "chair_signed",
    outcome,
    extensionDays,
  });
  const ratified = { step: "ratified", outcome: "agree" };

  it("waits while nothing is final: not read, or recorded but not signed", () => {
    expect(yearOutcome("pass", null).kind).toBe("waiting");
    expect(yearOutcome("fail", { step: "recorded", outcome: "agree" }).kind).toBe("waiting");
  });

  it("passes a pass the panel agreed with, read or ratified unread, and a fail it overturned", () => {
    expect(yearOutcome("pass", signed("agree"))).toEqual({ kind: "passed", how: "agreed", extensionDays: null });
    expect(yearOutcome("pass", ratified)).toEqual({ kind: "passed", how: "ratified", extensionDays: null });
    expect(yearOutcome("fail", signed("disagree"))).toEqual({ kind: "passed", how: "overturned", extensionDays: null });
    expect(passed("fail", "disagree")).toBe(true);
  });

  it("fails a fail the panel agreed with, and does not pass a pass it disagreed with", () => {
    expect(yearOutcome("fail", signed("agree")).kind).toBe("failed");
    expect(yearOutcome("pass", signed("disagree")).kind).toBe("not_passed");
  });

  it("extends the year, pass or fail, by the panel's days, with no certificate", () => {
    expect(yearOutcome("pass", signed("extension", 60))).toEqual({ kind: "extended", how: null, extensionDays: 60 });
    expect(yearOutcome("fail", signed("extension", 1))).toEqual({ kind: "extended", how: null, extensionDays: 1 });
    expect(passed("pass", "extension")).toBe(false);
  });

  it("says what happens next for every state, with the dates", () => {
    const ctx = { endsOn: "6 November 2027", decidedOn: "1 October 2027" };
    const said = (kind: Parameters<typeof yearOutcome>[1], recommendation: "pass" | "fail" = "pass") =>
      describeOutcome(yearOutcome(recommendation, kind), ctx);
    expect(said(signed("agree")).title).toBe("The year is passed");
    expect(said(ratified).text).toBe("The moderation panel's chair ratified the assessor's pass on 1 October 2027.");
    expect(said(signed("disagree"), "fail").text).toMatch(/did not agree with the recommendation to fail/);
    expect(said(signed("agree"), "fail")).toMatchObject({ title: "The year is not passed" });
    expect(said(signed("agree"), "fail").next).toMatch(/appeal under your employer's procedure/);
    expect(said(signed("disagree"))).toMatchObject({ title: "The year is not passed yet" });
    expect(said(signed("disagree")).next).toMatch(/agree what happens next/);
    const extended = said(signed("extension", 60));
    expect(extended.title).toBe("The year is extended");
    expect(extended.text).toMatch(
      /by 60 days; its chair signed the outcome on 1 October 2027\. There is no certificate yet\./,
    );
    expect(extended.next).toMatch(/^The year now ends on 6 November 2027\./);
    expect(said(null).title).toBe("With the moderation panel");
  });
});

describe("ratifying the passes a panel did not read", () => {
  const round = cases(1, 4);
  const sample = [round[0]!, round[1]!]; // the fail and one pass
  const final = (enrolmentId: string, step = "chair_signed") => ({ enrolmentId, step, outcome: "agree" });

  it("waits until every portfolio the panel read is final", () => {
    expect(ratification(round, sample, [])).toMatchObject({ waitingForSample: 2, canRatify: false });
    const oneRecorded = [final("f0"), { enrolmentId: "p0", step: "recorded", outcome: "agree" }];
    expect(ratification(round, sample, oneRecorded)).toMatchObject({ waitingForSample: 1, canRatify: false });
  });

  it("then ratifies every unread pass not yet final, once", () => {
    const read = [final("f0"), final("p0")];
    const plan = ratification(round, sample, read);
    expect(plan).toMatchObject({ waitingForSample: 0, canRatify: true, ratified: 0 });
    expect(plan.toRatify.map((c) => c.enrolmentId)).toEqual(["p1", "p2", "p3"]);
    const after = ratification(round, sample, [...read, ...["p1", "p2", "p3"].map((id) => final(id, "ratified"))]);
    expect(after).toMatchObject({ toRatify: [], canRatify: false, ratified: 3 });
  });

  it("leaves out portfolios another panel has already decided, and does not wait for them", () => {
    const plan = ratification(round, sample, [final("f0")], new Set(["p0", "p2"]));
    expect(plan.waitingForSample).toBe(0);
    expect(plan.toRatify.map((c) => c.enrolmentId)).toEqual(["p1", "p3"]);
  });

  it("has nothing to ratify when every pass was read, or on a panel that kept only its sample", () => {
    expect(ratification(sample, sample, [final("f0"), final("p0")])).toMatchObject({ toRatify: [], canRatify: false });
  });

  it("counts a ratification as final for the case", () => {
    expect(caseState("p1", [final("p1", "ratified")])).toMatchObject({ state: "final", ratified: true });
    expect(caseState("p1", [final("p1")])).toMatchObject({ state: "final", ratified: false });
  });
});
