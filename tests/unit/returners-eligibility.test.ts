import { describe, expect, test } from "vitest";
import { checkEligibility, timeBetween } from "~/modules/returners/eligibility";

const base = { qualifiedInUk: true, specialism: "adults" as const };

describe("the return-to-social-work self-check", () => {
  const lapsed = (lapsedOn: string, today: string) =>
    checkEligibility({ ...base, registration: "lapsed", lapsedOn, lastPractisedOn: "2019-01-01" }, today);

  test("off the register exactly five years needs 30 days; five years and a day needs 60", () => {
    expect(lapsed("2021-12-01", "2026-12-01")).toMatchObject({
      updatingDays: 30,
      timeOffRegister: "5 years",
      yearsOffRegister: 5,
    });
    expect(lapsed("2021-12-01", "2026-12-02")).toMatchObject({
      route: "return",
      updatingDays: 60,
      timeOffRegister: "5 years and 1 day",
      yearsOffRegister: 5,
    });
  });

  test("exactly two years off needs 30 days; a day under needs none", () => {
    expect(lapsed("2024-12-01", "2026-12-01")).toMatchObject({ updatingDays: 30, timeOffRegister: "2 years" });
    expect(lapsed("2024-12-01", "2026-11-30")).toMatchObject({
      updatingDays: 0,
      timeOffRegister: "1 year and 364 days",
    });
    expect(lapsed("2024-12-01", "2026-11-30").steps[0]).toMatch(/without updating days/);
  });

  test("a lapse on 29 February reaches five years on 28 February", () => {
    expect(lapsed("2020-02-29", "2025-02-28")).toMatchObject({ updatingDays: 30, timeOffRegister: "5 years" });
    expect(lapsed("2020-02-29", "2025-03-01")).toMatchObject({
      updatingDays: 60,
      timeOffRegister: "5 years and 1 day",
    });
  });

  test("the steps name the regulator's kinds and the six-hour day", () => {
    expect(lapsed("2019-06-01", "2026-12-01").steps[0]).toBe(
      "Complete 60 days of updating (a day is at least 6 hours) within the 12 months before you apply: supervised practice, formal study or private study, with private study at most half.",
    );
  });

  test("a registered social worker needs no updating days", () => {
    const result = checkEligibility(
      { ...base, registration: "registered", lastPractisedOn: "2019-01-01" },
      "2026-12-01",
    );
    expect(result.route).toBe("still_registered");
    expect(result.updatingDays).toBe(0);
    expect(result.nationalProgramme).toBe(true);
  });

  test("the national programme is open to people 2 to 10 years out of practice", () => {
    const out = (lastPractisedOn: string) =>
      checkEligibility({ ...base, registration: "lapsed", lapsedOn: lastPractisedOn, lastPractisedOn }, "2026-12-01")
        .nationalProgramme;
    expect(out("2025-01-01")).toBe(false);
    expect(out("2020-01-01")).toBe(true);
    expect(out("2015-01-01")).toBe(false);
  });

  test("never registered is told to apply as a new applicant, not to restore", () => {
    const result = checkEligibility(
      { ...base, registration: "never_registered", lastPractisedOn: "2018-01-01" },
      "2026-12-01",
    );
    expect(result.route).toBe("new_applicant");
    expect(result.updatingDays).toBe(0);
    expect(result.timeOffRegister).toBeNull();
    expect(result.steps[0]).toMatch(/^Apply to join the Social Work England register as a new applicant/);
    expect(result.steps.join(" ")).not.toMatch(/restore/i);
  });

  test("qualified outside the UK: a new applicant through the international route", () => {
    const result = checkEligibility(
      { ...base, qualifiedInUk: false, registration: "lapsed", lastPractisedOn: "2018-01-01" },
      "2026-12-01",
    );
    expect(result.route).toBe("overseas");
    expect(result.steps[0]).toMatch(/new applicant through Social Work England's international route/);
  });
});

describe("time between two dates, in words", () => {
  test("whole years, then the days left over", () => {
    expect(timeBetween("2021-12-01", "2026-12-01")).toBe("5 years");
    expect(timeBetween("2021-12-01", "2026-12-02")).toBe("5 years and 1 day");
    expect(timeBetween("2025-12-01", "2026-11-30")).toBe("364 days");
    expect(timeBetween("2025-11-30", "2026-11-30")).toBe("1 year");
    expect(timeBetween("2026-12-01", "2026-12-01")).toBe("0 days");
  });
});
