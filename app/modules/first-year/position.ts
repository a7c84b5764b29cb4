import { addMonths, differenceInCalendarDays, differenceInCalendarMonths, parseISO } from "date-fns";

/**
 * Where an NQSW is in a first year that started on `startedOn` (ISO date).
 * Month 1 is the first month; the year is complete once its length has passed.
 */
export function firstYearPosition(startedOn: string, today: Date, lengthInMonths = 12) {
  const start = parseISO(startedOn);
  const end = addMonths(start, lengthInMonths);
  const elapsedMonths = differenceInCalendarMonths(today, start) - (today.getDate() < start.getDate() ? 1 : 0);
  const month = Math.min(Math.max(elapsedMonths + 1, 1), lengthInMonths);
  const daysLeft = Math.max(differenceInCalendarDays(end, today), 0);
  const started = differenceInCalendarDays(today, start) >= 0;
  return { month, lengthInMonths, endsOn: end, daysLeft, started, complete: daysLeft === 0 };
}
