/** External examiners' appointments: the term a lead may give, and when an appointment lets its examiner in. */
import { appointmentState, latestEndOf, termProblem, termsOverlap } from "~/modules/masters/examiners";

describe("an examiner's term", () => {
  const today = "2027-06-15";

  it("runs at most four years: to the day before the fourth anniversary of its start", () => {
    expect(latestEndOf("2027-09-01")).toBe("2031-08-31");
    // From 29 February the fourth anniversary is 29 February again (2032 is a leap year), as the database counts it.
    expect(latestEndOf("2028-02-29")).toBe("2032-02-28");
    expect(termProblem({ startsOn: "2027-09-01", endsOn: "2031-08-31" }, today)).toBeNull();
    expect(termProblem({ startsOn: "2027-09-01", endsOn: "2031-09-01" }, today)).toEqual({
      field: "endsOn",
      message: "A term can be at most 4 years: from 1 September 2027 it ends by 31 August 2031",
    });
  });

  it("ends on or after its start, and today or later", () => {
    expect(termProblem({ startsOn: "2027-09-01", endsOn: "2027-08-31" }, today)?.message).toBe(
      "The end date must be the same as or after the start date",
    );
    expect(termProblem({ startsOn: "2027-09-01", endsOn: "2027-09-01" }, today)).toBeNull();
    expect(termProblem({ startsOn: "2024-09-01", endsOn: "2027-06-14" }, today)?.message).toMatch(/^The end date has passed/);
    // A term that began before today and runs on is recorded as given.
    expect(termProblem({ startsOn: "2024-09-01", endsOn: "2027-06-15" }, today)).toBeNull();
  });
});

describe("whether an appointment lets its examiner in", () => {
  const term = { startsOn: "2026-09-01", endsOn: "2030-08-31", endedAt: null };

  it("does on the first and last days of its term, and not the days either side", () => {
    expect(appointmentState(term, "2026-08-31")).toBe("upcoming");
    expect(appointmentState(term, "2026-09-01")).toBe("current");
    expect(appointmentState(term, "2030-08-31")).toBe("current");
    expect(appointmentState(term, "2030-09-01")).toBe("expired");
  });

  it("does not once the lead has ended it, whatever its term", () => {
    expect(appointmentState({ ...term, endedAt: new Date("2027-01-10T10:00:00Z") }, "2027-01-10")).toBe("ended");
    expect(appointmentState({ ...term, endedAt: "2026-07-01T10:00:00Z" }, "2026-07-02")).toBe("ended");
  });
});

describe("overlapping terms", () => {
  it("share a day, counting both ends", () => {
    const a = { startsOn: "2026-09-01", endsOn: "2030-08-31" };
    expect(termsOverlap(a, { startsOn: "2030-08-31", endsOn: "2031-08-31" })).toBe(true);
    expect(termsOverlap(a, { startsOn: "2030-09-01", endsOn: "2031-08-31" })).toBe(false);
    expect(termsOverlap(a, { startsOn: "2025-09-01", endsOn: "2026-09-01" })).toBe(true);
    expect(termsOverlap(a, { startsOn: "2025-09-01", endsOn: "2026-08-31" })).toBe(false);
  });
});
