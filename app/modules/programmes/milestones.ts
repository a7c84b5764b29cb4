/**
 * When an assessed programme's year starts, for the learner's home (what is due next comes from the
 * year's records: first-year/tasks.ts). Apart from progress.ts, which the lesson page imports, so
 * that page does not carry the year's date arithmetic (and date-fns) to the browser.
 */
import { differenceInCalendarDays } from "date-fns";
import { parseDay } from "~/modules/first-year/year";
import type { Programme } from "./content-schema";

/** An assessed year that has not begun yet (an intake still to come): when it starts, and in how many days. */
export function startStillToCome(programme: Programme, enrolment: { startedOn: string }, today: Date) {
  if (!programme.assessment) return null;
  const days = differenceInCalendarDays(parseDay(enrolment.startedOn), today);
  return days > 0 ? { on: enrolment.startedOn, days } : null;
}
