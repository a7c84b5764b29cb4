/**
 * The returner's own journey back into practice, as pure rules: how many updating days their answers call for,
 * which entries of their log count (and which no longer do), and the 'ready to return' checklist.
 */
import { checkEligibility } from "./eligibility";
import type { RegistrationStatus, Specialism } from "./options";
import { HOURS_PER_DAY, shareOutDays, windowStartOf, type UpdatingCount, type UpdatingEntry } from "./updating";

export interface JourneyProfile {
  registrationStatus: RegistrationStatus;
  lapsedOn: string | null;
  lastPractisedOn: string | null;
  specialism: Specialism;
  registrationRestored: boolean;
  referencesReceived: boolean;
  supervisedStartAgreed: boolean;
}

type Answers = Pick<JourneyProfile, "registrationStatus" | "lapsedOn" | "lastPractisedOn" | "specialism">;

/** What a returner's answers call for: the public self-check's rule, for someone qualified in the UK. */
export function eligibilityFor(profile: Answers, today: string) {
  return checkEligibility(
    {
      qualifiedInUk: true,
      registration: profile.registrationStatus,
      lapsedOn: profile.lapsedOn ?? undefined,
      lastPractisedOn: profile.lastPractisedOn ?? profile.lapsedOn ?? today,
      specialism: profile.specialism,
    },
    today,
  );
}

/** Days of updating a returner's answers call for. */
export function daysNeededFor(profile: Answers, today: string) {
  return eligibilityFor(profile, today).updatingDays;
}

export type EntryStanding =
  /** Counts in full. */
  | { kind: "counts"; days: number }
  /** Private study beyond the half of what is needed that may be private study: counts in part or not at all. */
  | { kind: "capped"; days: number }
  /** Hours beyond six on its date (with the date's other entries): a date counts for one day at most. */
  | { kind: "long_day"; days: number }
  /** From before the 12 months before the application: no longer counts. */
  | { kind: "outside" }
  /** A date still to come (only possible if the clock moved): not counted yet. */
  | { kind: "future" };

export interface StandingEntry extends UpdatingEntry {
  id: string;
}

/**
 * How each entry of a log stands, matching countUpdatingDays: within the window, each date's six
 * counting hours go to supervised practice and formal study first, then private study; private
 * study counts newest first up to the cap (so the entries that keep counting are the ones that
 * will stay in the window longest).
 */
export function entryStandings(
  entries: readonly StandingEntry[],
  needed: number,
  asOf: string,
): Map<string, EntryStanding> {
  const windowStart = windowStartOf(asOf);
  const result = new Map<string, EntryStanding>();
  let privateLeft = needed > 0 ? (needed / 2) * HOURS_PER_DAY : Infinity;
  const newestFirst = [...entries].sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
  const inWindow = newestFirst.filter((e) => e.date <= asOf && e.date >= windowStart);
  const shares = new Map(shareOutDays(inWindow).map((s) => [s.entry.id, s.hours]));
  for (const entry of newestFirst) {
    if (entry.date > asOf) result.set(entry.id, { kind: "future" });
    else if (entry.date < windowStart) result.set(entry.id, { kind: "outside" });
    else {
      const dayHours = shares.get(entry.id) ?? 0;
      const counted = entry.kind === "private_study" ? Math.min(dayHours, privateLeft) : dayHours;
      if (entry.kind === "private_study") privateLeft -= counted;
      const days = counted / HOURS_PER_DAY;
      result.set(
        entry.id,
        counted === entry.hours
          ? { kind: "counts", days }
          : counted < dayHours
            ? { kind: "capped", days }
            : { kind: "long_day", days },
      );
    }
  }
  return result;
}

export interface ChecklistItem {
  key: "registrationRestored" | "updatingDone" | "referencesReceived" | "supervisedStartAgreed";
  label: string;
  done: boolean;
  /** Ticked by the returner (the rest is worked out from their log). */
  manual: boolean;
  detail?: string;
}

/** The 'ready to return' checklist: updating is worked out from the log, the rest the returner ticks. */
export function readyToReturn(
  profile: Pick<JourneyProfile, "registrationRestored" | "referencesReceived" | "supervisedStartAgreed">,
  count: Pick<UpdatingCount, "counted" | "needed" | "done">,
  /** A new applicant (never registered) joins the register: Social Work England says what updating they need. */
  newApplicant = false,
) {
  const items: ChecklistItem[] = [
    {
      key: "updatingDone",
      label: "Updating days done",
      done: count.done,
      manual: false,
      detail:
        count.needed === 0
          ? "None needed"
          : `${formatDays(Math.min(count.counted, count.needed))} of ${count.needed} days counted`,
    },
    {
      key: "registrationRestored",
      label: newApplicant
        ? "Registered with Social Work England (as a new applicant)"
        : "Registration restored with Social Work England",
      done: profile.registrationRestored,
      manual: true,
    },
    { key: "referencesReceived", label: "References received", done: profile.referencesReceived, manual: true },
    {
      key: "supervisedStartAgreed",
      label: "Supervised start agreed with your new employer",
      done: profile.supervisedStartAgreed,
      manual: true,
    },
  ];
  // A new applicant is not restoring: the days counted for restoring are not theirs to tick off.
  const shown = newApplicant ? items.filter((i) => i.key !== "updatingDone") : items;
  const left = shown.filter((i) => !i.done).length;
  return { items: shown, left, ready: left === 0 };
}

/** "1 day", "0.5 days", "18.5 days": days in words, to one decimal place. */
export function daysInWords(days: number) {
  const shown = formatDays(days);
  return `${shown} ${shown === "1" ? "day" : "days"}`;
}

/** 18.5, 30, 0.3: days to one decimal place, without a trailing ".0". */
export function formatDays(days: number) {
  return String(Math.round(days * 10) / 10);
}

/** "Offer made" and "Started" are the news a returner is waiting for. */
export function isGoodNews(status: string) {
  return status === "offered" || status === "started";
}
