import { firstYearPosition } from "~/modules/first-year/position";
import { describeProgress, formatDate, STAGE_LABELS } from "~/modules/organisations/people";

/** A local calendar day, as the server's clock would give it. */
const day = (year: number, month: number, date: number, hour = 12) => new Date(year, month - 1, date, hour);

describe("firstYearPosition", () => {
  const START = "2026-09-01";

  it("is month 1 on the first day, with a full year to go", () => {
    expect(firstYearPosition(START, day(2026, 9, 1))).toMatchObject({
      month: 1,
      lengthInMonths: 12,
      started: true,
      complete: false,
      daysLeft: 365,
    });
  });

  it("has not started the day before the start date", () => {
    const p = firstYearPosition(START, day(2026, 8, 31));
    expect(p.started).toBe(false);
    expect(p.month).toBe(1);
    expect(p.complete).toBe(false);
    expect(p.daysLeft).toBe(366);
  });

  it("moves to the next month on the same day of the next month, not before", () => {
    expect(firstYearPosition(START, day(2026, 9, 30)).month).toBe(1);
    expect(firstYearPosition(START, day(2026, 10, 1)).month).toBe(2);
    expect(firstYearPosition(START, day(2026, 11, 30)).month).toBe(3);
    expect(firstYearPosition(START, day(2026, 12, 1)).month).toBe(4);
    expect(firstYearPosition("2026-08-03", day(2026, 11, 10)).month).toBe(4);
  });

  it("counts months across the turn of the year", () => {
    expect(firstYearPosition("2026-11-15", day(2027, 1, 14)).month).toBe(2);
    expect(firstYearPosition("2026-11-15", day(2027, 1, 15)).month).toBe(3);
  });

  it("handles a start on the 31st through short months", () => {
    expect(firstYearPosition("2026-01-31", day(2026, 3, 31)).month).toBe(3);
    expect(firstYearPosition("2026-01-31", day(2026, 4, 30)).month).toBe(3);
    expect(firstYearPosition("2026-01-31", day(2027, 1, 30))).toMatchObject({
      month: 12,
      daysLeft: 1,
      complete: false,
    });
  });

  it("is in month 12 on the last day and complete on the anniversary, with the end date given", () => {
    expect(firstYearPosition(START, day(2027, 8, 31))).toMatchObject({ month: 12, daysLeft: 1, complete: false });
    const end = firstYearPosition(START, day(2027, 9, 1));
    expect(end).toMatchObject({ month: 12, daysLeft: 0, complete: true, started: true });
    expect(formatDate(end.endsOn)).toBe("1 September 2027");
  });

  it("stays complete (never month 13, never negative days) long after the year", () => {
    expect(firstYearPosition(START, day(2029, 2, 1))).toMatchObject({ month: 12, daysLeft: 0, complete: true });
  });

  it("stretches to a longer year (part-time) when given its length", () => {
    const p = firstYearPosition(START, day(2027, 10, 5), 18);
    expect(p).toMatchObject({ month: 14, lengthInMonths: 18, complete: false });
    expect(formatDate(p.endsOn)).toBe("1 March 2028");
  });
});

describe("describeProgress", () => {
  it("tells an NQSW in their year which month they are in and when they started", () => {
    expect(describeProgress("nqsw", "2026-08-03", day(2026, 11, 10))).toBe("Month 4 of 12 (started 3 August 2026)");
  });

  it("says when an NQSW's year will start if it has not yet", () => {
    expect(describeProgress("nqsw", "2026-09-01", day(2026, 8, 20))).toBe("First year starts 1 September 2026");
  });

  it("says the period has ended once the year is over", () => {
    expect(describeProgress("nqsw", "2025-09-01", day(2026, 9, 2))).toBe("First year period ended 1 September 2026");
  });

  it("describes other stages by their label and start date", () => {
    expect(describeProgress("early_career", "2024-08-03", day(2026, 1, 1))).toBe("Early career since 3 August 2024");
    expect(describeProgress("masters", "2026-01-12", day(2026, 6, 1))).toBe("Masters student since 12 January 2026");
  });

  it("falls back to the stage label, or nothing, when no start date is recorded", () => {
    expect(describeProgress("returner", null, day(2026, 1, 1))).toBe(STAGE_LABELS.returner);
    expect(describeProgress("nqsw", null, day(2026, 1, 1))).toBe("Newly qualified (assessed first year)");
    expect(describeProgress(null, null, day(2026, 1, 1))).toBe("");
  });

  it("still shows the start date when the stage is not recorded", () => {
    expect(describeProgress(null, "2025-03-04", day(2026, 1, 1))).toContain("4 March 2025");
  });
});
