import { CACHE_MAX_AGE_MS, cacheEntry, resetCache } from "~/utils/cache.server";

describe("the data cache", () => {
  const now = Date.now();

  test("answers a value only for the stamp it was made against, and only while it is young enough", () => {
    const years = cacheEntry<{ percent: number }>("test-years");
    const value = { percent: 40 };
    years.set("year-1", "revision 3", value, now);
    expect(years.get("year-1", "revision 3", now + 1_000)).toBe(value);
    expect(years.get("year-1", "revision 4", now + 1_000)).toBeUndefined();
    expect(years.get("year-1", "revision 3", now + CACHE_MAX_AGE_MS)).toBeUndefined();
    expect(years.madeAt("year-1")).toBe(now);
  });

  test("keeps each named entry's keys apart, and keeps null as a value", () => {
    const outcomes = cacheEntry<string | null>("test-outcomes");
    const pages = cacheEntry<string>("test-pages");
    outcomes.set("year-1", "r1", null, now);
    pages.set("year-1", "r1", "the page's data", now);
    expect(outcomes.get("year-1", "r1", now)).toBeNull();
    expect(pages.get("year-1", "r1", now)).toBe("the page's data");
  });

  test("is emptied by its one reset", () => {
    const desks = cacheEntry<string[]>("test-desks");
    desks.set("supervisor-1", "fingerprint", ["Amara Nwosu"], now);
    resetCache();
    expect(desks.get("supervisor-1", "fingerprint", now)).toBeUndefined();
    expect(desks.madeAt("supervisor-1")).toBeUndefined();
  });
});
