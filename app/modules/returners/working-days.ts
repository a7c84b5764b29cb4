/**
 * Working days in England and Wales: Monday to Friday, less the bank holidays. The helpline
 * promises a call back within two working days of a request.
 * Bank holidays follow the standing rules (substitute days when one falls at a weekend) plus
 * the one-off changes proclaimed since 2020.
 */
import { addDays, format, getDay, lastDayOfMonth, parseISO } from "date-fns";

const iso = (d: Date) => format(d, "yyyy-MM-dd");

/** Easter Sunday (the Anonymous Gregorian algorithm). */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(year, month - 1, day);
}

function firstMonday(year: number, month: number) {
  let d = new Date(year, month, 1);
  while (getDay(d) !== 1) d = addDays(d, 1);
  return d;
}

function lastMonday(year: number, month: number) {
  let d = lastDayOfMonth(new Date(year, month, 1));
  while (getDay(d) !== 1) d = addDays(d, -1);
  return d;
}

/** One-off changes: days moved or added by proclamation. */
const MOVED: Record<number, { drop?: string[]; add?: string[] }> = {
  2020: { drop: ["2020-05-04"], add: ["2020-05-08"] }, // VE Day 75
  2022: { drop: ["2022-05-30"], add: ["2022-06-02", "2022-06-03", "2022-09-19"] }, // Platinum Jubilee; the Queen's funeral
  2023: { add: ["2023-05-08"] }, // the King's coronation
};

const cache = new Map<number, Set<string>>();

/** The bank holidays of one year in England and Wales, as yyyy-MM-dd. */
export function bankHolidays(year: number): Set<string> {
  const known = cache.get(year);
  if (known) return known;
  const days: Date[] = [];
  // New Year's Day, or the next Monday when it falls at a weekend.
  const newYear = new Date(year, 0, 1);
  days.push(getDay(newYear) === 6 ? addDays(newYear, 2) : getDay(newYear) === 0 ? addDays(newYear, 1) : newYear);
  const easter = easterSunday(year);
  days.push(addDays(easter, -2), addDays(easter, 1));
  days.push(firstMonday(year, 4), lastMonday(year, 4), lastMonday(year, 7));
  // Christmas Day and Boxing Day, with substitutes on the following weekdays.
  const christmas = new Date(year, 11, 25);
  const weekday = getDay(christmas);
  if (weekday === 5) days.push(christmas, new Date(year, 11, 28));
  else if (weekday === 6) days.push(new Date(year, 11, 27), new Date(year, 11, 28));
  else if (weekday === 0) days.push(new Date(year, 11, 26), new Date(year, 11, 27));
  else days.push(christmas, new Date(year, 11, 26));
  const set = new Set(days.map(iso));
  for (const d of MOVED[year]?.drop ?? []) set.delete(d);
  for (const d of MOVED[year]?.add ?? []) set.add(d);
  cache.set(year, set);
  return set;
}

export function isWorkingDay(day: Date | string): boolean {
  const d = typeof day === "string" ? parseISO(day) : day;
  const weekday = getDay(d);
  return weekday !== 0 && weekday !== 6 && !bankHolidays(d.getFullYear()).has(iso(d));
}

/**
 * The end of the `n`th working day after `from` (a request made on a Friday evening before a
 * bank-holiday Monday is due back by Wednesday). The day of the request itself never counts.
 */
export function addWorkingDays(from: Date | string, n: number): string {
  let d = typeof from === "string" ? parseISO(from) : new Date(from.getFullYear(), from.getMonth(), from.getDate());
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left -= 1;
  }
  return iso(d);
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: Date | string, to: Date | string): number {
  let d = typeof from === "string" ? parseISO(from) : new Date(from.getFullYear(), from.getMonth(), from.getDate());
  const end = iso(typeof to === "string" ? parseISO(to) : to);
  let count = 0;
  while (iso(d) < end) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) count += 1;
  }
  return count;
}
