/**
 * What is worked out from one learner's assessed year (the desk's line for it, the year page, the
 * learner home's agreement state, the panel's outcome), kept in the data cache
 * (app/utils/cache.server.ts) so that reading a page again does not read and work out the whole year
 * again. A value stands for exactly what it was made from: the year's revision, which the database
 * moves in the same transaction as any write to the year's records (triggers, migration 0017), the
 * enrolment row itself (pauses, part-time working, pathway), the day it was worked out for, and
 * whatever else the caller names (who is looking). Anything else read into it — a signer's name —
 * is at most five minutes old (CACHE_MAX_AGE_MS). Each server process keeps its own and checks the
 * revision on every request, so any number of servers agree (ADR 014).
 */
import { CACHE_MAX_AGE_MS, type CacheEntry } from "~/utils/cache.server";

/** A value is worked out again after this long even when nothing has changed. */
export const YEAR_CACHE_MAX_AGE_MS = CACHE_MAX_AGE_MS;

export interface YearKey {
  enrolment: { id: string };
  /** The year's revision (year_revisions.revision; 0 when nothing has been recorded). */
  revision: number;
}

export const dayOf = (d: Date) => `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;

function stampOf(year: YearKey, today: Date, also: string) {
  return `${year.revision}|${dayOf(today)}|${also}|${JSON.stringify(year.enrolment)}`;
}

/**
 * The value for each year, from the cache where it still stands, else from `work` (called once,
 * with only the years it must work out, and expected to answer for each of them).
 */
export async function perYear<T, Y extends YearKey>(
  entry: CacheEntry<T>,
  years: Y[],
  today: Date,
  also: string,
  work: (missing: Y[]) => Promise<Map<string, T>>,
): Promise<Map<string, T>> {
  const now = Date.now();
  const result = new Map<string, T>();
  const missing: { year: Y; stamp: string }[] = [];
  for (const year of years) {
    const stamp = stampOf(year, today, also);
    const value = entry.get(year.enrolment.id, stamp, now);
    if (value !== undefined) result.set(year.enrolment.id, value);
    else missing.push({ year, stamp });
  }
  if (missing.length === 0) return result;
  const made = await work(missing.map((m) => m.year));
  for (const { year, stamp } of missing) {
    if (!made.has(year.enrolment.id)) continue;
    const value = made.get(year.enrolment.id)!;
    entry.set(year.enrolment.id, stamp, value, now);
    result.set(year.enrolment.id, value);
  }
  return result;
}

/** One year's value: see perYear. */
export async function forYear<T>(entry: CacheEntry<T>, year: YearKey, today: Date, also: string, work: () => Promise<T>) {
  const made = await perYear(entry, [year], today, also, async () => new Map([[year.enrolment.id, await work()]]));
  return made.get(year.enrolment.id)!;
}

/**
 * When the oldest of these years' cached values was worked out (`now` if none is kept): a value
 * made from them stands no longer than they do.
 */
export function oldestKept(entry: CacheEntry<unknown>, enrolmentIds: Iterable<string>, now: number) {
  let oldest = now;
  for (const id of enrolmentIds) oldest = Math.min(oldest, entry.madeAt(id) ?? now);
  return oldest;
}
