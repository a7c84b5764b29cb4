/**
 * CPD for Social Work England: the registration year runs 1 December to 30 November, renewal
 * is open 1 September to 30 November, and each year needs at least two CPD records, at least
 * one of them discussed with a peer.
 */
import { differenceInCalendarDays, parseISO } from "date-fns";

export interface RegistrationYear {
  /** e.g. "2026-27" for 1 December 2026 to 30 November 2027. */
  label: string;
  starts: string;
  ends: string;
  renewalOpens: string;
}

export function registrationYearOf(day: string): RegistrationYear {
  const d = parseISO(day);
  const startYear = d.getMonth() === 11 ? d.getFullYear() : d.getFullYear() - 1;
  return {
    label: `${startYear}-${String((startYear + 1) % 100).padStart(2, "0")}`,
    starts: `${startYear}-12-01`,
    ends: `${startYear + 1}-11-30`,
    renewalOpens: `${startYear + 1}-09-01`,
  };
}

export interface CpdRecord {
  recordedOn: string;
  peerReflection: boolean;
}

export type CpdState =
  | { kind: "met"; records: number; peerReviewed: number }
  | { kind: "due"; records: number; peerReviewed: number; missing: string[]; daysLeft: number; warn: boolean };

/** Where a person's CPD stands for the registration year containing `today`. */
export function cpdState(records: readonly CpdRecord[], today: string): CpdState & { year: RegistrationYear } {
  const year = registrationYearOf(today);
  const inYear = records.filter((r) => r.recordedOn >= year.starts && r.recordedOn <= year.ends);
  const peerReviewed = inYear.filter((r) => r.peerReflection).length;
  const missing: string[] = [];
  if (inYear.length < 2) missing.push(`${2 - inYear.length} more CPD record${inYear.length === 1 ? "" : "s"}`);
  if (peerReviewed < 1) missing.push("a record discussed with a peer");
  if (!missing.length) return { kind: "met", records: inYear.length, peerReviewed, year };
  const daysLeft = differenceInCalendarDays(parseISO(year.ends), parseISO(today));
  // Warn from the day renewal opens, so there is time to add what is missing before it closes.
  return { kind: "due", records: inYear.length, peerReviewed, missing, daysLeft, warn: today >= year.renewalOpens, year };
}
