/**
 * The assessed year as dates, computed from a programme's rules and a learner's start date.
 * Pure functions: the same code runs the 12-month ASYE and the 24-month ECDP.
 *
 * Time is measured in "programme days" (days of the year as a full-time worker would live
 * it). Part-time work stretches programme time pro rata; a pause (long sickness, parental
 * leave) moves every date that falls after it by the pause's length; an extension moves the
 * end of the year and the final review.
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
}

const DAYS = { week: 7, fortnight: 14 } as const;

/** One learner's year as the engine reads it: their start, working time, pauses and extension. */
export function yearInputFor(
  enrolment: { startedOn: string; fte?: number | null; pauses?: Pause[] | null; extensionDays?: number | null },
  programme: { lengthMonths: number; assessment?: AssessmentRules },
): YearInput {
  return {
    startedOn: enrolment.startedOn,
    lengthMonths: programme.lengthMonths,
    rules: programme.assessment!,
    fte: enrolment.fte ?? 1,
    pauses: enrolment.pauses ?? [],
    extensionDays: enrolment.extensionDays ?? 0,
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

/** Programme days from the start to the same day `months` later, as a full-time worker. */
export function monthToProgrammeDays(startedOn: string, months: number) {
  return monthDays(parseDay(startedOn), months);
}

function monthDays(start: Date, months: number) {
  return calendarDaysBetween(addMonths(start, months), start);
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

function dayToDate(calendar: Calendar, programmeDays: number): Date {
  let date = addDays(calendar.start, Math.round(programmeDays / calendar.fte));
  for (const { from, length } of calendar.pauses) {
    if (length > 0 && calendarDaysBetween(date, from) >= 0) date = addDays(date, length);
  }
  return date;
}

/** The calendar date of a point `programmeDays` into the year. */
export function programmeDayToDate(input: YearInput, programmeDays: number): Date {
  return dayToDate(calendarOf(input), programmeDays);
}

export function monthToDate(input: YearInput, months: number) {
  return programmeDayToDate(input, monthToProgrammeDays(input.startedOn, months));
}

export function yearEnd(input: YearInput) {
  return addDays(monthToDate(input, input.lengthMonths), input.extensionDays ?? 0);
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

export function reviewDates(input: YearInput): ReviewDate[] {
  return [...input.rules.reviewPoints]
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
 * The supervision schedule: one slot per period of the required frequency (weekly to
 * week 6, fortnightly to month 6, monthly after, for the ASYE), mapped onto the calendar.
 */
export function supervisionSlots(input: YearInput): SupervisionSlot[] {
  const calendar = calendarOf(input);
  const slots: SupervisionSlot[] = [];
  let periodStart = 0;
  for (const period of input.rules.supervision) {
    const periodEnd =
      period.untilWeek !== undefined ? period.untilWeek * 7 : monthDays(calendar.start, period.untilMonth!);
    if (period.every === "month") {
      // Monthly slots fall on the same day of each month, counted from the start.
      for (let m = 1; ; m++) {
        const day = monthDays(calendar.start, m);
        if (day > periodEnd) break;
        if (day > periodStart) slots.push({ number: 0, every: "month", due: dayToDate(calendar, day) });
      }
    } else {
      const step = DAYS[period.every];
      for (let day = periodStart + step; day <= periodEnd; day += step) {
        slots.push({ number: 0, every: period.every, due: dayToDate(calendar, day) });
      }
    }
    periodStart = Math.max(periodStart, periodEnd);
  }
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
