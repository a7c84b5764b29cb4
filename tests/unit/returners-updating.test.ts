import { countUpdatingDays, updatingDaysNeeded, type UpdatingEntry } from "~/modules/returners/updating";

describe("how much updating a returner needs", () => {
  test("none under two years off, 30 days from two to five years (five included), 60 beyond", () => {
    expect(updatingDaysNeeded(1.9)).toBe(0);
    expect(updatingDaysNeeded(2)).toBe(30);
    expect(updatingDaysNeeded(5)).toBe(30);
    expect(updatingDaysNeeded(5.1)).toBe(60);
    expect(updatingDaysNeeded(12)).toBe(60);
  });
});

describe("counting updating days", () => {
  const day = (date: string, kind: UpdatingEntry["kind"], hours = 6): UpdatingEntry => ({ date, hours, kind });

  test("six hours make a day, and shorter sessions add up", () => {
    const count = countUpdatingDays([day("2026-11-02", "shadowing", 3), day("2026-11-03", "shadowing", 3), day("2026-11-04", "structured_learning", 7.5)], 30, "2026-12-01");
    expect(count.counted).toBe(2.3);
    expect(count.done).toBe(false);
  });

  test("private study counts for at most half of what is needed", () => {
    const study = Array.from({ length: 20 }, (_, i) => day(`2026-10-${String(i + 1).padStart(2, "0")}`, "private_study"));
    const practice = Array.from({ length: 10 }, (_, i) => day(`2026-11-${String(i + 1).padStart(2, "0")}`, "supervised_practice"));
    const count = countUpdatingDays([...study, ...practice], 30, "2026-12-01");
    expect(count.privateStudyDays).toBe(20);
    expect(count.privateStudyNotCounted).toBe(5);
    expect(count.counted).toBe(25);
    expect(count.done).toBe(false);
  });

  test("only the 12 months before the application count", () => {
    const count = countUpdatingDays([day("2025-12-01", "shadowing"), day("2025-12-02", "shadowing"), day("2026-06-01", "shadowing")], 30, "2026-12-01");
    expect(count.windowStart).toBe("2025-12-01");
    expect(count.outsideWindow).toBe(1);
    expect(count.counted).toBe(2);
  });

  test("30 days of the right mix is done; nothing needed is done at once", () => {
    const mix = [
      ...Array.from({ length: 15 }, (_, i) => day(`2026-09-${String(i + 1).padStart(2, "0")}`, "private_study")),
      ...Array.from({ length: 15 }, (_, i) => day(`2026-10-${String(i + 1).padStart(2, "0")}`, "structured_learning")),
    ];
    expect(countUpdatingDays(mix, 30, "2026-12-01").done).toBe(true);
    expect(countUpdatingDays([], 0, "2026-12-01").done).toBe(true);
  });
});
