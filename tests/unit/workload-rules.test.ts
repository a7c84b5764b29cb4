import { breaches, chartPoints, judgeWeeks } from "~/modules/workload/rules";

const week = (weekStarting: string, caseload: number, protectedHours: number, contractedHours = 37) => ({
  weekStarting,
  caseload,
  contractedHours,
  protectedHours,
});

describe("judging workload weeks", () => {
  it("flags a week over the employer's caseload limit and a week short of the protected share", () => {
    const verdicts = judgeWeeks([week("2027-01-11", 13, 4), week("2027-01-04", 10, 2)], 12, 0.1);
    expect(verdicts.map((v) => v.weekStarting)).toEqual(["2027-01-04", "2027-01-11"]);
    expect(verdicts[0]).toMatchObject({ overCaseload: false, shortOfProtectedTime: true, protectedTarget: 3.75 });
    expect(verdicts[1]).toMatchObject({ overCaseload: true, shortOfProtectedTime: false });
    expect(breaches(verdicts)).toBe(2);
  });

  it("does not flag caseload when no limit is set, and scales the target for part-time weeks", () => {
    const [v] = judgeWeeks([week("2027-01-04", 40, 2.25, 22.5)], null, 0.1);
    expect(v).toMatchObject({ overCaseload: false, protectedTarget: 2.25, shortOfProtectedTime: false });
  });

  it("counts exactly the target as enough", () => {
    expect(judgeWeeks([week("2027-01-04", 5, 3.75)], 12, 0.1)[0]!.shortOfProtectedTime).toBe(false);
  });
});

describe("chart points", () => {
  it("spreads values across the width and puts the largest nearest the top", () => {
    expect(chartPoints([0, 5, 10], 100, 50, 10)).toEqual([
      { x: 0, y: 50 },
      { x: 50, y: 25 },
      { x: 100, y: 0 },
    ]);
    expect(chartPoints([], 100, 50, 10)).toEqual([]);
  });
});
