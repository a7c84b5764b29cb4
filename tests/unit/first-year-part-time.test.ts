/**
 * Part-time years, pauses and month ends (issue 16, items 1 and 2): programme month N falls at
 * calendar month N / f from the start, on the start's day of the month (clamped), never chained;
 * pauses move every date on or after their first day; supervision stays calendar weekly,
 * fortnightly and monthly while its phases stretch.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import {
  calendarDaysBetween,
  calendarMonthsFor,
  describeYear,
  isoDate,
  parseDay,
  reviewDates,
  supervisionSlots,
  yearEnd,
  yearPosition,
  type YearInput,
} from "~/modules/first-year/year";
import { programmeFileSchema } from "~/modules/programmes/content-schema";

function rulesOf(programme: string) {
  const file = programmeFileSchema.parse(parse(readFileSync(`content/programmes/${programme}/programme.yml`, "utf8")));
  return { rules: file.assessment!, lengthMonths: file.lengthMonths };
}
const asye = rulesOf("asye");
const ecdp = rulesOf("early-career");
const reviews = (year: YearInput) => reviewDates(year).map((r) => isoDate(r.due));
const gaps = (dates: Date[]) => dates.slice(1).map((d, i) => calendarDaysBetween(d, dates[i]!));

describe("calendar months for a programme month at part time", () => {
  it("divides exactly where it can, despite floating point (3 / 0.6)", () => {
    expect([3, 6, 12].map((m) => calendarMonthsFor(m, 0.6))).toEqual([5, 10, 20]);
    expect([3, 6, 12].map((m) => calendarMonthsFor(m, 0.5))).toEqual([6, 12, 24]);
    expect([3, 6, 12, 18, 24].map((m) => calendarMonthsFor(m, 0.75))).toEqual([4, 8, 16, 24, 32]);
  });

  it("rounds up to a whole month where it cannot, so no one has less than pro-rata time", () => {
    expect([1, 3, 6, 9, 12].map((m) => calendarMonthsFor(m, 0.8))).toEqual([2, 4, 8, 12, 15]);
    expect(calendarMonthsFor(12, 0.7)).toBe(18);
    expect(calendarMonthsFor(12, 1)).toBe(12);
  });
});

describe("review points at part time, counted from the start and never chained", () => {
  const start = "2026-11-16";
  it.each([
    [0.6, ["2027-04-16", "2027-09-16", "2028-07-16"]],
    [0.5, ["2027-05-16", "2027-11-16", "2028-11-16"]],
    [0.8, ["2027-03-16", "2027-07-16", "2028-02-16"]],
    [1, ["2027-02-16", "2027-05-16", "2027-11-16"]],
  ])("ASYE at %s of full time", (fte, expected) => {
    expect(reviews({ startedOn: start, ...asye, fte })).toEqual(expected);
  });

  it("ECDP at 0.75: reviews at 4, 8, 16 and 24 calendar months, final at 32", () => {
    expect(reviews({ startedOn: "2027-09-06", ...ecdp, fte: 0.75 })).toEqual([
      "2028-01-06",
      "2028-05-06",
      "2029-01-06",
      "2029-09-06",
      "2030-05-06",
    ]);
  });

  it("clamps to the month's last day without carrying the clamp into later dates", () => {
    // 31 August at 0.5: 6 calendar months is 28 February, but 12 is 31 August again, not the 28th.
    expect(reviews({ startedOn: "2026-08-31", ...asye, fte: 0.5 })).toEqual(["2027-02-28", "2027-08-31", "2028-08-31"]);
    // 31 January at 0.6: 5 months is 30 June, 10 is 30 November, 20 is 30 September.
    expect(reviews({ startedOn: "2027-01-31", ...asye, fte: 0.6 })).toEqual(["2027-06-30", "2027-11-30", "2028-09-30"]);
  });

  it("handles 29 February, in a start and in a due date", () => {
    expect(reviews({ startedOn: "2028-02-29", ...asye })).toEqual(["2028-05-29", "2028-08-29", "2029-02-28"]);
    expect(reviews({ startedOn: "2027-08-29", ...asye, fte: 0.5 })).toEqual(["2028-02-29", "2028-08-29", "2029-08-29"]);
    expect(reviews({ startedOn: "2026-08-29", ...asye, fte: 0.5 })).toEqual(["2027-02-28", "2027-08-29", "2028-08-29"]);
  });

  it("crosses the year end and the clock changes without moving a day", () => {
    // Starts in British Summer Time, falls due in winter and back: the same day of the month each time.
    expect(reviews({ startedOn: "2026-10-25", ...asye, fte: 0.6 })).toEqual(["2027-03-25", "2027-08-25", "2028-06-25"]);
    expect(reviews({ startedOn: "2026-03-29", ...asye })).toEqual(["2026-06-29", "2026-09-29", "2027-03-29"]);
  });
});

describe("pauses at part time", () => {
  const base: YearInput = { startedOn: "2026-11-16", ...asye, fte: 0.6 };

  it("moves every date on or after the pause's first day by its length, both ends counted", () => {
    const paused = { ...base, pauses: [{ from: "2027-06-01", to: "2027-06-30" }] }; // 30 days
    expect(reviews(paused)).toEqual(["2027-04-16", "2027-10-16", "2028-08-15"]);
    expect(isoDate(yearEnd(paused))).toBe("2028-08-15");
  });

  it("moves a date that falls on a pause's first day, but not one the day before", () => {
    const onDue = { ...base, pauses: [{ from: "2027-04-16", to: "2027-04-22" }] };
    expect(reviews(onDue)[0]).toBe("2027-04-23");
    const dayAfterDue = { ...base, pauses: [{ from: "2027-04-17", to: "2027-04-22" }] };
    expect(reviews(dayAfterDue)[0]).toBe("2027-04-16");
  });

  it("applies several pauses in order, each by its own length", () => {
    const twice = {
      ...base,
      fte: 0.5,
      pauses: [
        { from: "2027-08-01", to: "2027-08-14" },
        { from: "2027-01-04", to: "2027-01-10" },
      ],
    };
    // 6 months (16 May) moves 7 days; 12 months (16 Nov) moves 7 + 14; the final the same.
    expect(reviews(twice)).toEqual(["2027-05-23", "2027-12-07", "2028-12-07"]);
  });

  it("at 0.8 with a pause: whole months first, then the pause", () => {
    const year = { ...base, fte: 0.8, pauses: [{ from: "2027-01-01", to: "2027-01-10" }] };
    expect(reviews(year)).toEqual(["2027-03-26", "2027-07-26", "2028-02-26"]);
  });
});

describe("supervision at part time stays calendar weekly, fortnightly and monthly", () => {
  const start = "2026-11-16";

  it.each([0.5, 0.6, 0.75, 0.8, 1])("at %s of full time every gap is 7, 14 or a calendar month", (fte) => {
    const year: YearInput = { startedOn: start, ...asye, fte };
    const slots = supervisionSlots(year);
    const weekly = slots.filter((s) => s.every === "week").map((s) => s.due);
    const fortnightly = slots.filter((s) => s.every === "fortnight").map((s) => s.due);
    const monthly = slots.filter((s) => s.every === "month").map((s) => s.due);
    expect(new Set(gaps(weekly))).toEqual(new Set([7]));
    expect(new Set(gaps(fortnightly))).toEqual(new Set([14]));
    for (const d of monthly) expect(d.getDate()).toBe(16);
    // Weekly for 6 / f weeks (rounded up to a whole day), fortnightly to the programme's 6-month point.
    const weeklyEnd = Math.ceil(42 / fte - 1e-9);
    expect(calendarDaysBetween(weekly.at(-1)!, parseDay(start))).toBeLessThanOrEqual(weeklyEnd);
    expect(calendarDaysBetween(weekly.at(-1)!, parseDay(start))).toBeGreaterThan(weeklyEnd - 7);
    const sixMonths = reviewDates(year).find((r) => r.code === "six-month")!.due;
    expect(fortnightly.at(-1)! <= sixMonths).toBe(true);
    expect(calendarDaysBetween(sixMonths, fortnightly.at(-1)!)).toBeLessThan(14);
    // Monthly to the end, and never after the final date.
    expect(isoDate(slots.at(-1)!.due)).toBe(isoDate(yearEnd(year)));
  });

  it("at 0.6: ten weekly sessions, then fortnightly to 16 September 2027, then monthly to July 2028", () => {
    const slots = supervisionSlots({ startedOn: start, ...asye, fte: 0.6 });
    expect(slots.filter((s) => s.every === "week")).toHaveLength(10);
    expect(isoDate(slots.find((s) => s.every === "month")!.due)).toBe("2027-10-16");
    expect(slots.filter((s) => s.every === "month")).toHaveLength(10);
  });

  it("puts no session inside a pause or after the final date, an extension included", () => {
    const pauses = [{ from: "2027-02-01", to: "2027-03-31" }];
    const year: YearInput = { startedOn: start, ...asye, fte: 0.75, pauses, extensionDays: 30 };
    const slots = supervisionSlots(year);
    for (const s of slots) {
      const day = isoDate(s.due);
      expect(day < "2027-02-01" || day > "2027-03-31").toBe(true);
    }
    const end = isoDate(yearEnd(year));
    expect(slots.every((s) => isoDate(s.due) <= end)).toBe(true);
    // Monthly supervision carries on through the extension.
    expect(calendarDaysBetween(yearEnd(year), slots.at(-1)!.due)).toBeLessThan(31);
  });
});

describe("where a learner is in a part-time year", () => {
  const year: YearInput = { startedOn: "2026-11-16", ...asye, fte: 0.6 };
  const at = (today: string) => yearPosition(year, parseDay(today));

  it("counts programme months as the year page does, and the days to the part-time end", () => {
    // Programme month 1 closes on 16 January 2027 (1 / 0.6 rounded up to 2 calendar months).
    expect(at("2027-01-16")).toMatchObject({ month: 1, lengthInMonths: 12, started: true, fte: 0.6 });
    expect(at("2027-01-17").month).toBe(2);
    expect(isoDate(at("2027-01-17").endsOn)).toBe("2028-07-16");
    expect(at("2028-07-15")).toMatchObject({ month: 12, daysLeft: 1, complete: false });
    expect(at("2028-07-16")).toMatchObject({ month: 12, daysLeft: 0, complete: true });
  });

  it("is at month 1, not started, before the start", () => {
    expect(at("2026-11-15")).toMatchObject({ month: 1, started: false });
  });
});

describe("the year in words, as the desk and the learner's record show it", () => {
  const say = (year: YearInput, today: string) => describeYear(year, parseDay(today));

  it("counts from the enrolment at part time, not from a full-time year", () => {
    const partTime: YearInput = { startedOn: "2026-11-16", ...asye, fte: 0.6 };
    // Full time this would be month 3; at 0.6 programme month 2 runs to 16 March 2027.
    expect(say(partTime, "2027-02-20")).toBe("Month 2 of 12, part time at 60% (started 16 November 2026)");
    expect(say({ ...partTime, fte: 1 }, "2027-02-20")).toBe("Month 4 of 12 (started 16 November 2026)");
  });

  it("says when a year still to come starts, and when one ended, a pause included", () => {
    const ecdp24: YearInput = { startedOn: "2027-09-06", ...ecdp };
    expect(say(ecdp24, "2026-12-07")).toBe("Starts 6 September 2027");
    const paused: YearInput = { startedOn: "2026-01-05", ...asye, pauses: [{ from: "2026-03-02", to: "2026-03-31" }] };
    // Thirty days' pause: the year that would have ended on 5 January 2027 ends on 4 February.
    expect(say(paused, "2027-01-20")).toBe("Month 12 of 12 (started 5 January 2026)");
    expect(say(paused, "2027-02-04")).toBe("Period ended 4 February 2027");
  });
});
