/** When a year on a programme may start. Pure. */
import { format, parseISO } from "date-fns";

/**
 * Why a cohort or enrolment starting on `startsOn` (ISO) cannot: the programme does not exist yet
 * (the child and family ECDP runs only for NQSWs starting from 1 September 2027). Null when it can.
 */
export function startsTooEarly(programme: { title: string; availableFrom?: string }, startsOn: string): string | null {
  if (!programme.availableFrom || startsOn >= programme.availableFrom) return null;
  return `${programme.title} runs only for years starting on or after ${format(parseISO(programme.availableFrom), "d MMMM yyyy")}: choose a start date from then, or use the ASYE for an earlier start`;
}
