/**
 * The one cache of data worked out from the database, held in this process's memory so that a page
 * read again does not read and work out the same records again (a learner's whole year, a
 * supervisor's desk). It holds data, never markup: every page is drawn by React on every request.
 *
 * Every value is kept with a stamp: the database's own counters for what it was made from (a year's
 * revision in `year_revisions`, a desk's in `desk_revisions`) and the day it was worked out for. A reader
 * names the stamp it would make now, and a value made against any other is not answered. Since the
 * counters live in the database and move in the same transaction as the writes, each server process
 * can keep its own cache and any number of them still agree (ADR 014, 016). What a value reads
 * beyond its counters (a signer's name) is at most `CACHE_MAX_AGE_MS` old.
 *
 * Entries are named and typed (`cacheEntry<YearSummary>("year-summary")`), declared by the module
 * that makes their values; all share one least-recently-used store of bounded size.
 */
import { LRUCache } from "lru-cache";

/** A value is worked out again after this long even when nothing it was made from has changed. */
export const CACHE_MAX_AGE_MS = 5 * 60_000;

/**
 * Enough for a year's four kinds of value for each of some thousands of learners and the desks of
 * their supervisors; the least recently read go first.
 */
const MAX_ENTRIES = 25_000;

interface Held {
  stamp: string;
  madeAt: number;
  value: unknown;
}

const held = new LRUCache<string, Held>({ max: MAX_ENTRIES });

export interface CacheEntry<V> {
  readonly name: string;
  /**
   * The value kept for `key`, if it was made against `stamp` and less than CACHE_MAX_AGE_MS before
   * `now` (the time the caller works in: its `today`, so that a test can move it on).
   */
  get(key: string, stamp: string, now: number): V | undefined;
  set(key: string, stamp: string, value: V, madeAt: number): void;
  /** When the value kept for `key` was made, if one is kept. */
  madeAt(key: string): number | undefined;
}

/** A named kind of value in the cache; `name` keeps its keys apart from every other entry's. */
export function cacheEntry<V>(name: string): CacheEntry<V> {
  const full = (key: string) => `${name}:${key}`;
  return {
    name,
    get(key, stamp, now) {
      const found = held.get(full(key));
      if (!found || found.stamp !== stamp || now - found.madeAt >= CACHE_MAX_AGE_MS) return undefined;
      return found.value as V;
    },
    set(key, stamp, value, madeAt) {
      held.set(full(key), { stamp, madeAt, value });
    },
    madeAt(key) {
      // A peek: asking how old a value is does not make it recently read.
      return held.peek(full(key))?.madeAt;
    },
  };
}

/** Empties the cache: the one reset the tests use between cases. */
export function resetCache() {
  held.clear();
}
