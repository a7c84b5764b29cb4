/**
 * What is worked out from one learner's assessed year (the desk's line for it, the year page),
 * kept in this process's memory so that reading a page again does not read and work out the whole
 * year again. An entry stands for exactly what it was made from: the year's revision, which the
 * database moves in the same transaction as any write to the year's records (triggers, migration
 * 0017), the enrolment row itself (pauses, part-time working, pathway), the day it was worked out
 * for, and whatever else the caller names (who is looking). Anything else read into it — a
 * signer's name — is at most five minutes old. Each server process keeps its own entries and
 * checks the revision on every request, so any number of servers agree (ADR 014).
 */

import { setNewest } from "~/utils/memo";

/** An entry is worked out again after this long even when nothing has changed. */
export const YEAR_CACHE_MAX_AGE_MS = 5 * 60_000;
const MAX_ENTRIES = 20_000;

interface Entry {
  stamp: string;
  madeAt: number;
  value: unknown;
}

const entries = new Map<string, Entry>();

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
 * The value for each year, from memory where it still stands, else from `work` (called once, with
 * only the years it must work out, and expected to answer for each of them).
 */
export async function perYear<T, Y extends YearKey>(
  kind: string,
  years: Y[],
  today: Date,
  also: string,
  work: (missing: Y[]) => Promise<Map<string, T>>,
): Promise<Map<string, T>> {
  const now = Date.now();
  const result = new Map<string, T>();
  const missing: { year: Y; key: string; stamp: string }[] = [];
  for (const year of years) {
    const key = `${kind}:${year.enrolment.id}`;
    const stamp = stampOf(year, today, also);
    const entry = entries.get(key);
    if (entry && entry.stamp === stamp && now - entry.madeAt < YEAR_CACHE_MAX_AGE_MS)
      result.set(year.enrolment.id, entry.value as T);
    else missing.push({ year, key, stamp });
  }
  if (missing.length === 0) return result;
  const made = await work(missing.map((m) => m.year));
  for (const { year, key, stamp } of missing) {
    if (!made.has(year.enrolment.id)) continue;
    const value = made.get(year.enrolment.id)!;
    setNewest(entries, key, { stamp, madeAt: now, value }, MAX_ENTRIES);
    result.set(year.enrolment.id, value);
  }
  return result;
}

/** One year's value: see perYear. */
export async function forYear<T>(kind: string, year: YearKey, today: Date, also: string, work: () => Promise<T>) {
  const made = await perYear(kind, [year], today, also, async () => new Map([[year.enrolment.id, await work()]]));
  return made.get(year.enrolment.id)!;
}

/**
 * When the oldest of these years' kept `kind` values was worked out (`now` if none is kept): a
 * value made from them stands no longer than they do.
 */
export function oldestKept(kind: string, enrolmentIds: Iterable<string>, now: number) {
  let oldest = now;
  for (const id of enrolmentIds) oldest = Math.min(oldest, entries.get(`${kind}:${id}`)?.madeAt ?? now);
  return oldest;
}

/** Forgets everything (tests). */
export function forgetYears() {
  entries.clear();
}
