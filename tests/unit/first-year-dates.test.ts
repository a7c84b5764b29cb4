import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { addDays, differenceInCalendarDays, parseISO } from "date-fns";
import {
  calendarDaysBetween,
  isoDate,
  learningAgreementDue,
  matchSessionsToSlots,
  parseDay,
  reviewDates,
  supervisionSlots,
  yearEnd,
  type YearInput,
} from "~/modules/first-year/year";
import { programmeFileSchema } from "~/modules/programmes/content-schema";

function rulesOf(programme: string) {
  const file = programmeFileSchema.parse(parse(readFileSync(`content/programmes/${programme}/programme.yml`, "utf8")));
  return { rules: file.assessment!, lengthMonths: file.lengthMonths };
}

const asye = rulesOf("asye");
const ecdp = rulesOf("early-career");
const dates = (list: { due: Date }[]) => list.map((x) => isoDate(x.due));

describe("the ASYE year from a start date", () => {
  const year: YearInput = { startedOn: "2026-11-16", ...asye };

  it("puts the reviews at 3, 6 and 12 months, across the year end", () => {
    expect(reviewDates(year).map((r) => [r.code, isoDate(r.due)])).toEqual([
      ["three-month", "2027-02-16"],
      ["six-month", "2027-05-16"],
      ["final", "2027-11-16"],
    ]);
    expect(isoDate(learningAgreementDue(year))).toBe("2026-12-16");
    expect(isoDate(yearEnd(year))).toBe("2027-11-16");
  });

  it("schedules supervision weekly to week 6, fortnightly to month 6, then monthly", () => {
    const slots = supervisionSlots(year);
    const weekly = slots.filter((s) => s.every === "week");
    const fortnightly = slots.filter((s) => s.every === "fortnight");
    const monthly = slots.filter((s) => s.every === "month");
    expect(dates(weekly)).toEqual(["2026-11-23", "2026-11-30", "2026-12-07", "2026-12-14", "2026-12-21", "2026-12-28"]);
    expect(dates(fortnightly)[0]).toBe("2027-01-11");
    expect(dates(fortnightly).at(-1)! <= "2027-05-16").toBe(true);
    expect(fortnightly).toHaveLength(9);
    expect(dates(monthly)).toEqual([
      "2027-06-16",
      "2027-07-16",
      "2027-08-16",
      "2027-09-16",
      "2027-10-16",
      "2027-11-16",
    ]);
    expect(slots.map((s) => s.number)).toEqual(slots.map((_, i) => i + 1));
  });

  it("moves every later date by the length of a 4-week pause, and none before it", () => {
    const paused: YearInput = { ...year, pauses: [{ from: "2027-03-01", to: "2027-03-28" }] };
    expect(reviewDates(paused).map((r) => isoDate(r.due))).toEqual(["2027-02-16", "2027-06-13", "2027-12-14"]);
    const before = supervisionSlots(year);
    const after = supervisionSlots(paused);
    expect(after).toHaveLength(before.length);
    for (let i = 0; i < before.length; i++) {
      const shift = (after[i]!.due.getTime() - before[i]!.due.getTime()) / 86_400_000;
      expect(shift).toBe(isoDate(before[i]!.due) >= "2027-03-01" ? 28 : 0);
    }
  });

  it("stretches the year pro rata at 0.6 of full time: 12 months of practice take 20 calendar months", () => {
    const partTime: YearInput = { ...year, fte: 0.6 };
    expect(isoDate(yearEnd(partTime))).toBe("2028-07-16");
    expect(reviewDates(partTime).map((r) => isoDate(r.due))).toEqual(["2027-04-16", "2027-09-16", "2028-07-16"]);
    // Supervision stays calendar weekly: the first session a week after the start, not 12 days.
    expect(isoDate(supervisionSlots(partTime)[0]!.due)).toBe("2026-11-23");
  });

  it("adds an extension to the end of the year and the final review only", () => {
    const extended: YearInput = { ...year, extensionDays: 42 };
    expect(reviewDates(extended).map((r) => isoDate(r.due))).toEqual(["2027-02-16", "2027-05-16", "2027-12-28"]);
    expect(isoDate(yearEnd(extended))).toBe("2027-12-28");
  });

  it("refuses a working-time share outside (0, 1]", () => {
    expect(() => yearEnd({ ...year, fte: 0 })).toThrow(RangeError);
    expect(() => yearEnd({ ...year, fte: 1.2 })).toThrow(RangeError);
  });
});

describe("the 24-month ECDP from the same functions", () => {
  it("gives its own review points and a two-year schedule from the same start date", () => {
    const year: YearInput = { startedOn: "2026-11-16", ...ecdp };
    const reviews = reviewDates(year);
    expect(reviews.at(-1)).toMatchObject({ final: true, month: 24 });
    expect(isoDate(reviews.at(-1)!.due)).toBe("2028-11-16");
    expect(reviews.map((r) => r.month)).not.toEqual(
      reviewDates({ startedOn: "2026-11-16", ...asye }).map((r) => r.month),
    );
    expect(isoDate(supervisionSlots(year).at(-1)!.due)).toBe("2028-11-16");
    expect(supervisionSlots(year).filter((s) => s.every === "month")).toHaveLength(18);
  });
});

describe("matching supervision sessions to the schedule", () => {
  const year: YearInput = { startedOn: "2026-11-16", ...asye };
  const slots = supervisionSlots(year).slice(0, 4);

  it("marks held, overdue and upcoming slots", () => {
    const result = matchSessionsToSlots(
      slots,
      [new Date("2026-11-20"), new Date("2026-12-04")],
      new Date("2026-12-10"),
    );
    expect(result.map((r) => r.state)).toEqual(["held", "overdue", "held", "upcoming"]);
  });

  it("does not let one session count twice, nor an early session fill a later slot", () => {
    const result = matchSessionsToSlots(
      slots,
      [new Date("2026-11-17"), new Date("2026-11-18")],
      new Date("2026-12-20"),
    );
    expect(result.map((r) => r.state)).toEqual(["held", "overdue", "overdue", "overdue"]);
  });
});

describe("the engine's fast date helpers", () => {
  it("read a day exactly as date-fns's parseISO does, invalid days included", () => {
    for (const day of ["2026-01-01", "2024-02-29", "2026-03-29", "2026-10-25", "2026-12-31", "1999-07-04"])
      expect(parseDay(day).getTime()).toBe(parseISO(day).getTime());
    expect(Number.isNaN(parseDay("2026-02-30").getTime())).toBe(true);
    expect(Number.isNaN(parseDay("not a day").getTime())).toBe(true);
  });

  it("count calendar days exactly as differenceInCalendarDays does, across clock changes", () => {
    const start = new Date(2026, 0, 1, 23, 30);
    for (let i = -40; i < 400; i += 7) {
      const other = addDays(new Date(2026, 0, 1, 0, 15), i);
      expect(calendarDaysBetween(other, start)).toBe(differenceInCalendarDays(other, start));
      expect(calendarDaysBetween(start, other)).toBe(differenceInCalendarDays(start, other));
    }
  });
});
