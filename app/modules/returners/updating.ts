/**
 * Return to practice, the regulator's way (Social Work England, "Updating skills and knowledge"):
 * how much updating a returner needs, and how many days their log counts for.
 *
 * - Time off the register is measured date to date, from the day the registration lapsed to the
 *   day of the application: under two years needs nothing; from the second anniversary up to and
 *   including the fifth, 30 days; from the day after the fifth anniversary, 60 days. An
 *   anniversary of 29 February falls on 28 February in a year without one (date-fns `addYears`).
 * - A day is at least six hours. Each date of the log counts for at most one day: its hours ÷ 6,
 *   up to 1. So 6 hours = 1 day, 3 hours = half a day (two half-days on two dates add up to one),
 *   and a 9-hour day is still 1 day: hours beyond six on one date do not carry over, so the log
 *   never claims more days than the regulator would accept.
 * - Only the 12 months before the application count: from the same date a year earlier (28
 *   February when that date does not exist) to the day of the application, both included.
 * - The kinds are the regulator's: supervised practice (shadowing a social worker is part of it),
 *   formal study, private study. Private study counts for at most half of the days needed.
 */
import { addYears, differenceInCalendarDays, format, parseISO, subMonths } from "date-fns";

export const HOURS_PER_DAY = 6;

/** The hours one date of the log may hold, as the form asks for them. */
export const HOURS_MIN = 0.5;
export const HOURS_MAX = 12;

export const UPDATING_KINDS = ["supervised_practice", "formal_study", "private_study"] as const;
export type UpdatingKind = (typeof UPDATING_KINDS)[number];

export const UPDATING_KIND_LABELS: Record<UpdatingKind, string> = {
  supervised_practice: "Supervised practice",
  formal_study: "Formal study",
  private_study: "Private study",
};

const iso = (d: Date) => format(d, "yyyy-MM-dd");

/**
 * Days of updating needed for time off the register, date to date: none under 2 years, 30 from
 * exactly 2 years up to and including exactly 5, 60 for more than 5 years by even one day.
 */
export function updatingDaysNeeded(offSince: string, today: string): 0 | 30 | 60 {
  const since = parseISO(offSince);
  if (today > iso(addYears(since, 5))) return 60;
  if (today >= iso(addYears(since, 2))) return 30;
  return 0;
}

/** The first day that still counts for an application made on `asOf`: the same date a year before. */
export function windowStartOf(asOf: string) {
  return iso(subMonths(parseISO(asOf), 12));
}

/** Hours on one date as days: six hours or more make one day; fewer make part of one. */
export function daysForHours(hours: number) {
  return Math.min(hours, HOURS_PER_DAY) / HOURS_PER_DAY;
}

export interface UpdatingEntry {
  date: string;
  hours: number;
  kind: UpdatingKind;
}

export interface UpdatingCount {
  needed: number;
  /** Days that count towards what is needed (private study capped), to one decimal place. */
  counted: number;
  privateStudyDays: number;
  otherDays: number;
  /** Private study logged beyond the half that can count. */
  privateStudyNotCounted: number;
  /** Hours logged beyond six on a date, which add nothing (a day counts once). */
  hoursBeyondADay: number;
  /** Entries from before the 12-month window, which no longer count. */
  outsideWindow: number;
  /** The first day of the 12-month window: entries on or after it count. */
  windowStart: string;
  done: boolean;
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

export interface DayShare<T> {
  entry: T;
  /** The hours of this entry that count towards its date's one day. */
  hours: number;
}

/**
 * Splits each date's six counting hours among its entries: supervised practice and formal study
 * first (private study is capped anyway, so it gives way), then in the order given.
 */
export function shareOutDays<T extends UpdatingEntry>(entries: readonly T[]): DayShare<T>[] {
  const left = new Map<string, number>();
  const ordered = [...entries].sort((a, b) => Number(a.kind === "private_study") - Number(b.kind === "private_study"));
  return ordered.map((entry) => {
    const room = left.get(entry.date) ?? HOURS_PER_DAY;
    const hours = Math.min(entry.hours, room);
    left.set(entry.date, room - hours);
    return { entry, hours };
  });
}

/** Counts a log of updating against what is needed, as of the day the application is made. */
export function countUpdatingDays(entries: readonly UpdatingEntry[], needed: number, asOf: string): UpdatingCount {
  const windowStart = windowStartOf(asOf);
  let outsideWindow = 0;
  const inWindow: UpdatingEntry[] = [];
  for (const entry of entries) {
    if (differenceInCalendarDays(parseISO(asOf), parseISO(entry.date)) < 0) continue; // not yet
    if (entry.date < windowStart) outsideWindow += 1;
    else inWindow.push(entry);
  }
  let privateHours = 0;
  let otherHours = 0;
  let loggedHours = 0;
  for (const { entry, hours } of shareOutDays(inWindow)) {
    loggedHours += entry.hours;
    if (entry.kind === "private_study") privateHours += hours;
    else otherHours += hours;
  }
  const privateStudyDays = privateHours / HOURS_PER_DAY;
  const otherDays = otherHours / HOURS_PER_DAY;
  const privateCounted = needed > 0 ? Math.min(privateStudyDays, needed / 2) : privateStudyDays;
  const counted = otherDays + privateCounted;
  return {
    needed,
    counted: oneDecimal(counted),
    privateStudyDays: oneDecimal(privateStudyDays),
    otherDays: oneDecimal(otherDays),
    privateStudyNotCounted: oneDecimal(privateStudyDays - privateCounted),
    hoursBeyondADay: loggedHours - privateHours - otherHours,
    outsideWindow,
    windowStart,
    done: counted >= needed,
  };
}
