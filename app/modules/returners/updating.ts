/**
 * Return to practice, the regulator's way: how much updating a returner needs, and how many
 * days their log counts for. A day is six hours; only the 12 months before the application
 * count; private study may make up at most half of what is needed.
 */
import { differenceInCalendarDays, parseISO, subMonths, format } from "date-fns";

export const HOURS_PER_DAY = 6;

export const UPDATING_KINDS = ["private_study", "structured_learning", "shadowing", "supervised_practice"] as const;
export type UpdatingKind = (typeof UPDATING_KINDS)[number];

export const UPDATING_KIND_LABELS: Record<UpdatingKind, string> = {
  private_study: "Private study",
  structured_learning: "Structured learning",
  shadowing: "Shadowing",
  supervised_practice: "Supervised practice",
};

/** Years out of practice → days of updating needed: none under 2 years, 30 up to and including 5, 60 beyond. */
export function updatingDaysNeeded(yearsOut: number): 0 | 30 | 60 {
  if (yearsOut < 2) return 0;
  if (yearsOut <= 5) return 30;
  return 60;
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
  /** Entries older than the 12-month window, which no longer count. */
  outsideWindow: number;
  /** Entries on or before this date (12 months before) no longer count. */
  windowStart: string;
  done: boolean;
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/** Counts a log of updating against what is needed, as of the day the application is made. */
export function countUpdatingDays(entries: readonly UpdatingEntry[], needed: number, asOf: string): UpdatingCount {
  const end = parseISO(asOf);
  const windowStart = format(subMonths(end, 12), "yyyy-MM-dd");
  let privateHours = 0;
  let otherHours = 0;
  let outsideWindow = 0;
  for (const entry of entries) {
    const age = differenceInCalendarDays(end, parseISO(entry.date));
    if (age < 0) continue; // a future date does not count yet
    if (entry.date <= windowStart) {
      outsideWindow += 1;
      continue;
    }
    if (entry.kind === "private_study") privateHours += entry.hours;
    else otherHours += entry.hours;
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
    outsideWindow,
    windowStart,
    done: counted >= needed,
  };
}
