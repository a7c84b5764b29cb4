/**
 * The assessed year as dates, computed from a programme's rules and a learner's start date.
 * Pure functions: the same code runs the 12-month ASYE and the 24-month ECDP.
 *
 * Dates are calendar months from the start date, never chained: programme month N of a year
 * worked at a share f of full time falls N / f calendar months after the start (rounded up to a
 * whole month), on the start's day of the month, clamped to the month's last day. A pause (long
 * sickness, parental leave) then moves every date on or after its first day by its length in
 * days; an extension moves the end of the year and the final review.
 */
import { addDays, addMonths, format, parseISO } from "date-fns";
import type { AssessmentRules } from "~/modules/programmes/content-schema";

export interface Pause {
  /** First day of the pause (ISO date). */
  from: string;
  /** Last day of the pause, inclusive (ISO date). */
  to: string;
}

export interface YearInput {
  startedOn: string;
  lengthMonths: number;
  rules: AssessmentRules;
  /** Working time as a share of full time, e.g. 0.6. Defaults to 1. */
  fte?: number;
  pauses?: Pause[];
  /** Extra calendar days added to the end of the year (and its final review). */
  extensionDays?: number;
  /** Optional review points this year holds (the ASYE's 9-month review), by code. */
  optionalReviews?: string[];
}

const DAYS = { week: 7, fortnight: 14 } as const;

/** One learner's year as the engine reads it: their start, working time, pauses and extension. */
export function yearInputFor(
  enrolment: {
    startedOn: string;
    fte?: number | null;
    pauses?: Pause[] | null;
    extensionDays?: number | null;
    optionalReviews?: string[] | null;
  },
  programme: { lengthMonths: number; assessment?: AssessmentRules },
): YearInput {
  return {
    startedOn: enrolment.startedOn,
    lengthMonths: programme.lengthMonths,
    rules: programme.assessment!,
    fte: enrolment.fte ?? 1,
    pauses: enrolment.pauses ?? [],
    extensionDays: enrolment.extensionDays ?? 0,
    optionalReviews: enrolment.optionalReviews ?? [],
  };
}

export function isoDate(date: Date) {
  return format(date, "yyyy-MM-dd");
}

function fteOf(input: YearInput) {
  const fte = input.fte ?? 1;
  if (!(fte > 0 && fte <= 1)) throw new RangeError(`fte must be more than 0 and at most 1 (got ${fte})`);
  return fte;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A day such as "2026-09-01" as local midnight, exactly as date-fns's parseISO reads it, but
 * without its general-purpose parser: the engine reads the same few dates many times a page.
 */
export function parseDay(isoDay: string): Date {
  const match = ISO_DAY.exec(isoDay);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(year, month - 1, day);
    if (date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day) return date;
  }
  return parseISO(isoDay);
}

/** Calendar days from `earlier` to `later`, as date-fns's differenceInCalendarDays counts them (local days). */
export function calendarDaysBetween(later: Date, earlier: Date) {
  const utc = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  return Math.round((utc(later) - utc(earlier)) / 86_400_000);
}

/**
 * Calendar months from the start at which programme month `months` falls at working time `fte`:
 * months / fte, rounded UP to a whole month when it is not whole (0.8 of full time: the 3-month
 * review at 4 calendar months, not 3.75), so a part-time NQSW never has less than their pro-rata
 * time, and every date stays on the start's day of the month. Division by 0.6 is not exact in
 * floating point (3 / 0.6 = 5.000000000000001), hence the small tolerance.
 */
export function calendarMonthsFor(months: number, fte = 1) {
  return Math.ceil(months / fte - 1e-9);
}

/** Calendar days, rounded up, that `days` of full-time programme time take at working time `fte`. */
export function calendarDaysFor(days: number, fte = 1) {
  return Math.ceil(days / fte - 1e-9);
}

/** A year's start, working time and pauses, read once for the many dates worked out from them. */
interface Calendar {
  start: Date;
  fte: number;
  pauses: { from: Date; length: number }[];
}

function calendarOf(input: YearInput): Calendar {
  const pauses = [...(input.pauses ?? [])]
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
    .map((pause) => {
      const from = parseDay(pause.from);
      return { from, length: calendarDaysBetween(parseDay(pause.to), from) + 1 };
    });
  return { start: parseDay(input.startedOn), fte: fteOf(input), pauses };
}

/**
 * A date as it falls once the year's pauses are taken into account: a date on or after a pause's
 * first day moves on by the pause's length (both ends counted), so nothing falls due inside a pause.
 * Pauses are applied in order, so a date moved into a later pause moves past that one too.
 */
function afterPauses(calendar: Calendar, date: Date): Date {
  for (const { from, length } of calendar.pauses) {
    if (length > 0 && calendarDaysBetween(date, from) >= 0) date = addDays(date, length);
  }
  return date;
}

/** Programme month `months` on the calendar: the start's day of the month (clamped), then the pauses. */
function monthOnCalendar(calendar: Calendar, months: number) {
  return afterPauses(calendar, addMonths(calendar.start, calendarMonthsFor(months, calendar.fte)));
}

export function monthToDate(input: YearInput, months: number) {
  return monthOnCalendar(calendarOf(input), months);
}

export function yearEnd(input: YearInput) {
  return addDays(monthToDate(input, input.lengthMonths), input.extensionDays ?? 0);
}

/**
 * Where a learner is in their year today: the programme month (month N closes on programme month N's
 * date, as on the year page), the year's last day and the days left, part-time work and pauses included.
 */
export function yearPosition(input: YearInput, today: Date) {
  const start = parseDay(input.startedOn);
  const endsOn = yearEnd(input);
  const started = calendarDaysBetween(today, start) >= 0;
  const daysLeft = Math.max(calendarDaysBetween(endsOn, today), 0);
  let month = input.lengthMonths;
  for (let n = 1; n < input.lengthMonths; n++)
    if (calendarDaysBetween(monthToDate(input, n), today) >= 0) {
      month = n;
      break;
    }
  return {
    month: started ? month : 1,
    lengthInMonths: input.lengthMonths,
    endsOn,
    daysLeft,
    started,
    complete: daysLeft === 0,
    fte: input.fte ?? 1,
  };
}

/**
 * The assessed year in one line, as the desk, the learner's record and their home show it:
 * "Month 4 of 12 (started 3 August 2026)", "Month 5 of 12, part time at 60% (started …)",
 * "Starts 6 September 2027", "Period ended 2 August 2027". Dated from the enrolment, so part-time
 * work, pauses and an extension move it as they move every other date.
 */
export function describeYear(input: YearInput, today: Date) {
  const p = yearPosition(input, today);
  const day = (d: Date) => format(d, "d MMMM yyyy");
  const started = day(parseDay(input.startedOn));
  if (!p.started) return `Starts ${started}`;
  if (p.complete) return `Period ended ${day(p.endsOn)}`;
  const partTime = p.fte < 1 ? `, part time at ${Math.round(p.fte * 100)}%` : "";
  return `Month ${p.month} of ${p.lengthInMonths}${partTime} (started ${started})`;
}

/** The learning agreement is due by the end of the first month. */
export function learningAgreementDue(input: YearInput) {
  return monthToDate(input, 1);
}

export interface ReviewDate {
  code: string;
  title: string;
  month: number;
  final: boolean;
  due: Date;
}

/** Review points the employer may add to a year (the ASYE's 9-month review). */
export function optionalReviewPoints(programme: { assessment?: AssessmentRules }) {
  return (programme.assessment?.reviewPoints ?? []).filter((r) => r.optional);
}

/** The review points a year holds: the programme's, less the optional ones this year has not turned on. */
export function reviewDates(input: YearInput): ReviewDate[] {
  return input.rules.reviewPoints
    .filter((r) => !r.optional || (input.optionalReviews ?? []).includes(r.code))
    .sort((a, b) => a.month - b.month)
    .map((r) => {
      const final = !!r.final;
      const due = addDays(monthToDate(input, r.month), final ? (input.extensionDays ?? 0) : 0);
      return { code: r.code, title: r.title, month: r.month, final, due };
    });
}

export interface SupervisionSlot {
  /** 1-based number of the slot in the year. */
  number: number;
  every: "week" | "fortnight" | "month";
  /** A session should have happened by this date. */
  due: Date;
}

/**
 * The supervision schedule: one slot per period of the required frequency (for the ASYE weekly to
 * week 6, fortnightly to month 6, monthly to the end), mapped onto the calendar.
 *
 * At part time the phases stretch but the frequencies do not: at 0.6 of full time the weekly phase
 * lasts 10 calendar weeks and a weekly session is still due every 7 days. Fortnightly and weekly
 * slots step from the end of the phase before; monthly slots fall on the start's day of each month.
 * The last period runs to the end of the year, an extension included. Pauses then move the dates
 * as they move every other date, so no session falls due inside a pause or after the final date.
 */
export function supervisionSlots(input: YearInput): SupervisionSlot[] {
  const calendar = calendarOf(input);
  const { start, fte } = calendar;
  const end = yearEnd(input);
  const slots: Omit<SupervisionSlot, "number">[] = [];
  const periods = input.rules.supervision;
  let periodStart = start;
  periods.forEach((period, index) => {
    const last = index === periods.length - 1;
    const periodEnd =
      period.untilWeek !== undefined
        ? addDays(start, calendarDaysFor(period.untilWeek * 7, fte))
        : addMonths(start, calendarMonthsFor(period.untilMonth!, fte));
    const within = (unpaused: Date, due: Date) =>
      last ? calendarDaysBetween(due, end) <= 0 : calendarDaysBetween(unpaused, periodEnd) <= 0;
    if (period.every === "month") {
      for (let m = 1; ; m++) {
        const unpaused = addMonths(start, m);
        if (calendarDaysBetween(unpaused, periodStart) <= 0) continue;
        const due = afterPauses(calendar, unpaused);
        if (!within(unpaused, due)) break;
        slots.push({ every: "month", due });
      }
    } else {
      const step = DAYS[period.every];
      for (let unpaused = addDays(periodStart, step); ; unpaused = addDays(unpaused, step)) {
        const due = afterPauses(calendar, unpaused);
        if (!within(unpaused, due)) break;
        slots.push({ every: period.every, due });
      }
    }
    if (periodEnd > periodStart) periodStart = periodEnd;
  });
  return slots.map((s, i) => ({ ...s, number: i + 1 }));
}

/** Which slots a list of session dates covers: each session fills the earliest open slot it can. */
export function matchSessionsToSlots(slots: SupervisionSlot[], sessionDates: Date[], today: Date) {
  const sessions = [...sessionDates].sort((a, b) => a.getTime() - b.getTime());
  let previousDue: Date | null = null;
  let cursor = 0;
  return slots.map((slot) => {
    const windowStart: Date | null = previousDue;
    previousDue = slot.due;
    while (cursor < sessions.length && windowStart && sessions[cursor]! <= windowStart) cursor++;
    const session = cursor < sessions.length && sessions[cursor]! <= slot.due ? sessions[cursor++]! : null;
    // Overdue from the day after it was due, not from the small hours of the day itself.
    const state: "held" | "overdue" | "upcoming" = session
      ? "held"
      : calendarDaysBetween(slot.due, today) < 0
        ? "overdue"
        : "upcoming";
    return { ...slot, session, state };
  });
}

/** Why a pause cannot be added: before the year starts, or overlapping another. Null when it can. */
export function pauseProblem(
  startedOn: string,
  pauses: Pause[],
  pause: Pause,
  /** The year's last day (ISO): a pause after it changes nothing, so it is refused. */
  endsOn?: string,
): { field: "from" | "to"; message: string } | null {
  if (pause.from < startedOn)
    return { field: "from", message: `A pause starts on or after the start of the year (${startedOn})` };
  if (endsOn && pause.from > endsOn)
    return { field: "from", message: `The year ends on ${endsOn}: a pause must start before then` };
  const clash = pauses.find((p) => pause.from <= p.to && p.from <= pause.to);
  if (clash) return { field: "from", message: `This overlaps the pause from ${clash.from} to ${clash.to}` };
  return null;
}
