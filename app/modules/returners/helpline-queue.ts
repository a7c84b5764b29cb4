/** The helpline desk's small rules: references, how old a request is, and when it is overdue. Pure. */
import { addDays, format, parseISO } from "date-fns";
import { CALLBACK_STATUSES, REGIONS, SPECIALISMS, type CallbackStatus, type Specialism } from "./options";
import { isWorkingDay, workingDaysBetween } from "./working-days";

/** No 0/O, 1/I/L or 5/S: a reference read out over the phone cannot be misheard as another. */
export const REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ2346789";
export const REFERENCE_PATTERN = new RegExp(`^RTS-[${REFERENCE_ALPHABET}]{6}$`);

/** A reference like RTS-7KQ2M9, from a source of random bytes (crypto in the app). */
export function makeReference(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))) {
  const bytes = random(6);
  let out = "";
  for (const b of bytes) out += REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length];
  return `RTS-${out}`;
}

const iso = (d: Date) => format(d, "yyyy-MM-dd");

/**
 * The latest day `d` with `workingDaysBetween(d, today) >= n`: a request made after it is less
 * than `n` working days old today.
 */
export function workingDaysAgo(today: string, n: number): string {
  let d = parseISO(today);
  let count = 0;
  while (count < n) {
    if (isWorkingDay(d)) count += 1;
    d = addDays(d, -1);
  }
  return iso(d);
}

/** The range of request days (inclusive `from`, exclusive `after`) an age band covers, as of today. */
export function ageBandRange(band: AgeBand, today: string): { onOrAfter?: string; onOrBefore?: string } {
  const dayAfter = (d: string) => iso(addDays(parseISO(d), 1));
  switch (band) {
    case "under-2":
      return { onOrAfter: dayAfter(workingDaysAgo(today, 2)) };
    case "2-to-5":
      return { onOrAfter: dayAfter(workingDaysAgo(today, 6)), onOrBefore: workingDaysAgo(today, 2) };
    case "over-5":
      return { onOrBefore: workingDaysAgo(today, 6) };
  }
}

/** Working days since the request was made (the day itself not counted). */
export function ageInWorkingDays(requestedOn: string, today: string) {
  return workingDaysBetween(requestedOn, today);
}

/** A new request not called back by its target day is overdue the day after. */
export function isOverdue(status: CallbackStatus, callBackBy: string, today: string) {
  return status === "new" && callBackBy < today;
}

/** "3 hours", "1 day 4 hours", "5 days": a duration in words, for the figures. */
export function describeDuration(hours: number | null): string {
  if (hours === null || !Number.isFinite(hours)) return "Not yet known";
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} minutes`;
  const total = Math.round(hours);
  if (total < 24) return `${total} ${total === 1 ? "hour" : "hours"}`;
  const days = Math.floor(total / 24);
  const rest = total % 24;
  const dayWords = `${days} ${days === 1 ? "day" : "days"}`;
  return rest ? `${dayWords} ${rest} ${rest === 1 ? "hour" : "hours"}` : dayWords;
}

/** The queue's filters, from the query string; anything unknown falls back to "all". */
export const AGE_BANDS = ["under-2", "2-to-5", "over-5"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  "under-2": "Under 2 working days",
  "2-to-5": "2 to 5 working days",
  "over-5": "More than 5 working days",
};

export interface QueueFilters {
  status: (typeof CALLBACK_STATUSES)[number];
  region: (typeof REGIONS)[number] | null;
  specialism: Specialism | null;
  age: AgeBand | null;
}

export function queueFilters(params: URLSearchParams): QueueFilters {
  const pick = <T extends string>(list: readonly T[], value: string | null): T | null =>
    value && (list as readonly string[]).includes(value) ? (value as T) : null;
  return {
    status: pick(CALLBACK_STATUSES, params.get("status")) ?? "new",
    region: pick(REGIONS, params.get("region")),
    specialism: pick(SPECIALISMS, params.get("specialism")),
    age: pick(AGE_BANDS, params.get("age")),
  };
}
