import { describe, expect, test } from "vitest";
import { checkEligibility } from "~/modules/returners/eligibility";

const base = { qualifiedInUk: true, specialism: "adults" as const };

describe("the return-to-social-work self-check", () => {
  test("off the register 2 to 5 years (5 included) needs 30 days; more than 5 needs 60", () => {
    const today = "2026-12-01";
    const lapsed = (lapsedOn: string) =>
      checkEligibility({ ...base, registration: "lapsed", lapsedOn, lastPractisedOn: lapsedOn }, today).updatingDays;
    expect(lapsed("2025-06-01")).toBe(0);
    expect(lapsed("2024-12-01")).toBe(30);
    expect(lapsed("2021-12-01")).toBe(30);
    expect(lapsed("2021-11-01")).toBe(60);
  });

  test("a registered social worker needs no updating days", () => {
    const result = checkEligibility({ ...base, registration: "registered", lastPractisedOn: "2019-01-01" }, "2026-12-01");
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

  test("never registered in England counts from leaving practice; qualified abroad is another route", () => {
    expect(
      checkEligibility({ ...base, registration: "never_registered", lastPractisedOn: "2018-01-01" }, "2026-12-01").updatingDays,
    ).toBe(60);
    expect(
      checkEligibility({ ...base, qualifiedInUk: false, registration: "lapsed", lastPractisedOn: "2018-01-01" }, "2026-12-01")
        .route,
    ).toBe("overseas");
  });
});
