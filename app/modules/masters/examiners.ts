/**
 * External examiners' appointments, as pure rules: the term a programme lead may give, and whether an
 * appointment lets its examiner in today. Days are ISO dates (yyyy-MM-dd) in England.
 */
import { addDays, addYears, format, parseISO } from "date-fns";

/** External examiners are usually appointed for up to four years; the database holds to it too (migration 0040). */
export const MAXIMUM_TERM_YEARS = 4;

/** The last day a term starting on `startsOn` may run to: the day before its fourth anniversary. */
export function latestEndOf(startsOn: string): string {
  return format(addDays(addYears(parseISO(startsOn), MAXIMUM_TERM_YEARS), -1), "yyyy-MM-dd");
}

export const dayInWords = (day: string) => format(parseISO(day), "d MMMM yyyy");

/** What is wrong with a term (and on which field), or null when the lead may give it. */
export function termProblem(
  term: { startsOn: string; endsOn: string },
  today: string,
): { field: "startsOn" | "endsOn"; message: string } | null {
  if (term.endsOn < term.startsOn) return { field: "endsOn", message: "The end date must be the same as or after the start date" };
  if (term.endsOn < today) return { field: "endsOn", message: "The end date has passed: an appointment must run to today or later" };
  const latest = latestEndOf(term.startsOn);
  if (term.endsOn > latest)
    return {
      field: "endsOn",
      message: `A term can be at most ${MAXIMUM_TERM_YEARS} years: from ${dayInWords(term.startsOn)} it ends by ${dayInWords(latest)}`,
    };
  return null;
}

export interface AppointmentFacts {
  startsOn: string;
  endsOn: string;
  /** When the lead ended it early, if they did. */
  endedAt: Date | string | null;
}

export type AppointmentState = "upcoming" | "current" | "ended" | "expired";

/** An appointment lets its examiner in only on the days of its term, and not once it has been ended. */
export function appointmentState(a: AppointmentFacts, today: string): AppointmentState {
  if (a.endedAt) return "ended";
  if (today < a.startsOn) return "upcoming";
  if (today > a.endsOn) return "expired";
  return "current";
}

/** Two terms share a day. A member examines one programme at a time, so the lead cannot give overlapping appointments. */
export function termsOverlap(a: { startsOn: string; endsOn: string }, b: { startsOn: string; endsOn: string }) {
  return a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;
}

export const APPOINTMENT_STATE_WORDS: Record<AppointmentState, string> = {
  upcoming: "Starts later",
  current: "Current",
  ended: "Ended early",
  expired: "Term over",
};
