/**
 * CPD for Social Work England: the registration year runs 1 December to 30 November, renewal
 * is open 1 September to 30 November, and each year needs at least two CPD records, at least
 * one of them reflected on with a peer. One record can be both: with one record reflected on
 * with a peer, one more record of any kind is enough; with two or more and none reflected on,
 * one more that is reflected on with a peer is what is missing.
 *
 * "Today" is England's date (englandDay()), passed in by the caller.
 */
import { differenceInCalendarDays, format, parseISO } from "date-fns";

export const RECORDS_NEEDED = 2;

/** Each standard is its own checkbox (standard-1 … standard-6), so the form keeps which were ticked. */
export const standardField = (code: string) => `standard-${code}`;

/** A CPD record counts as discussed with a peer when it names the peer and says what was discussed. */
export function discussedWithPeer(record: { peerReflection: string | null; peerName: string | null }) {
  return !!record.peerReflection?.trim() && !!record.peerName?.trim();
}

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

interface CpdCounts {
  records: number;
  peerReviewed: number;
  /** Days from today until renewal closes on 30 November (0 on the day itself). */
  daysLeft: number;
  /** Renewal is open (1 September to 30 November). */
  renewalOpen: boolean;
}

export type CpdState =
  | ({ kind: "met" } & CpdCounts)
  | ({
      kind: "due";
      /** Records still needed this registration year (1 or 2). */
      stillNeeded: number;
      /** Whether one of the records still needed must be reflected on with a peer. */
      peerNeeded: boolean;
      warn: boolean;
    } & CpdCounts);

/** Where a person's CPD stands for the registration year containing `today`. */
export function cpdState(records: readonly CpdRecord[], today: string): CpdState & { year: RegistrationYear } {
  const year = registrationYearOf(today);
  const inYear = records.filter((r) => r.recordedOn >= year.starts && r.recordedOn <= year.ends);
  const peerReviewed = inYear.filter((r) => r.peerReflection).length;
  const counts: CpdCounts = {
    records: inYear.length,
    peerReviewed,
    daysLeft: differenceInCalendarDays(parseISO(year.ends), parseISO(today)),
    renewalOpen: today >= year.renewalOpens,
  };
  const peerNeeded = peerReviewed < 1;
  // One record can be both: the peer-reflected one counts towards the two.
  const stillNeeded = Math.max(RECORDS_NEEDED - inYear.length, peerNeeded ? 1 : 0);
  if (!stillNeeded) return { kind: "met", ...counts, year };
  // Warn from the day renewal opens, so there is time to add what is missing before it closes.
  return { kind: "due", ...counts, stillNeeded, peerNeeded, warn: counts.renewalOpen, year };
}

const long = (d: string) => format(parseISO(d), "d MMMM yyyy");

/**
 * The CPD panel's words: what is still needed this registration year (and whether a record
 * reflected on with a peer is among it), and how long until renewal closes, met or not.
 */
export function cpdSentences(state: CpdState & { year: RegistrationYear }) {
  const closes = long(state.year.ends);
  let need: string;
  if (state.kind === "met") {
    const peer = `${state.peerReviewed} reflected on with a peer`;
    need =
      state.records === RECORDS_NEEDED
        ? `Both records are in for this registration year, ${peer}.`
        : `All ${state.records} records are in for this registration year, ${peer}.`;
  } else if (state.stillNeeded === 1) {
    need = `You need 1 more CPD record this registration year${state.peerNeeded ? ", and it must be reflected on with a peer" : ""}.`;
  } else {
    need = `You need ${state.stillNeeded} more CPD records this registration year${state.peerNeeded ? ", and at least one of them must be reflected on with a peer" : ""}.`;
  }
  const renewal =
    state.daysLeft === 0
      ? `Renewal closes today (${closes}).`
      : `Renewal closes in ${state.daysLeft} ${state.daysLeft === 1 ? "day" : "days"} (${closes})${state.renewalOpen ? "" : `; it opens on ${long(state.year.renewalOpens)}`}.`;
  return { need, renewal };
}
