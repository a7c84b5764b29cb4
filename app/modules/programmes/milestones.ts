/**
 * What is coming in an assessed programme's year, for the learner's home: its start, and the next
 * review point. Apart from progress.ts, which the lesson page imports, so that page does not carry
 * the year's date arithmetic (and date-fns) to the browser.
 */
import { differenceInCalendarDays } from "date-fns";
import { parseDay, reviewDates, yearInputFor, type Pause } from "~/modules/first-year/year";
import type { Programme } from "./content-schema";

/** An assessed year that has not begun yet (an intake still to come): when it starts, and in how many days. */
export function startStillToCome(programme: Programme, enrolment: { startedOn: string }, today: Date) {
  if (!programme.assessment) return null;
  const days = differenceInCalendarDays(parseDay(enrolment.startedOn), today);
  return days > 0 ? { on: enrolment.startedOn, days } : null;
}

/** For an assessed programme: the next review point on or after today, with pauses and part-time taken into account. */
export function nextReviewPoint(
  programme: Programme,
  enrolment: { startedOn: string; fte?: number | null; pauses?: Pause[] | null; extensionDays?: number | null },
  today: Date,
) {
  if (!programme.assessment) return null;
  for (const point of reviewDates(yearInputFor(enrolment, programme))) {
    const days = differenceInCalendarDays(point.due, today);
    if (days >= 0) return { title: point.title, due: point.due, days };
  }
  return null;
}
