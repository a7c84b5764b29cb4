import {
  countUpdatingDays,
  daysForHours,
  updatingDaysNeeded,
  windowStartOf,
  type UpdatingEntry,
} from "~/modules/returners/updating";

describe("how much updating a returner needs: time off the register, date to date", () => {
  test("exactly five years off needs 30 days; five years and a day needs 60", () => {
    expect(updatingDaysNeeded("2021-12-01", "2026-12-01")).toBe(30);
    expect(updatingDaysNeeded("2021-12-01", "2026-12-02")).toBe(60);
    expect(updatingDaysNeeded("2015-06-30", "2026-12-01")).toBe(60);
  });

  test("exactly two years off needs 30 days; a day under two years needs none", () => {
    expect(updatingDaysNeeded("2024-12-01", "2026-12-01")).toBe(30);
    expect(updatingDaysNeeded("2024-12-01", "2026-11-30")).toBe(0);
    expect(updatingDaysNeeded("2026-06-01", "2026-12-01")).toBe(0);
  });

  test("a month-end lapse: 31 January's anniversaries are counted on 31 January", () => {
    expect(updatingDaysNeeded("2021-01-31", "2026-01-31")).toBe(30);
    expect(updatingDaysNeeded("2021-01-31", "2026-02-01")).toBe(60);
    expect(updatingDaysNeeded("2021-12-31", "2026-12-31")).toBe(30);
    expect(updatingDaysNeeded("2021-12-31", "2027-01-01")).toBe(60);
  });

  test("a lapse on 29 February: the anniversary in a year without one is 28 February", () => {
    expect(updatingDaysNeeded("2020-02-29", "2025-02-28")).toBe(30);
    expect(updatingDaysNeeded("2020-02-29", "2025-03-01")).toBe(60);
    expect(updatingDaysNeeded("2020-02-29", "2022-02-27")).toBe(0);
    expect(updatingDaysNeeded("2020-02-29", "2022-02-28")).toBe(30);
  });

  test("counted to 29 February: five years from 28 February 2019 end the day before", () => {
    expect(updatingDaysNeeded("2019-02-28", "2024-02-28")).toBe(30);
    expect(updatingDaysNeeded("2019-02-28", "2024-02-29")).toBe(60);
    expect(updatingDaysNeeded("2022-03-01", "2024-02-29")).toBe(0);
    expect(updatingDaysNeeded("2022-02-28", "2024-02-29")).toBe(30);
  });
});

describe("hours and days", () => {
  test("six hours make a day; fewer make part of one; a longer date is still one day", () => {
    expect(daysForHours(6)).toBe(1);
    expect(daysForHours(3)).toBe(0.5);
    expect(daysForHours(1.5)).toBe(0.25);
    expect(daysForHours(9)).toBe(1);
    expect(daysForHours(12)).toBe(1);
  });
});

describe("counting updating days", () => {
  const day = (date: string, kind: UpdatingEntry["kind"], hours = 6): UpdatingEntry => ({ date, hours, kind });

  test("part-days on different dates add up", () => {
    const count = countUpdatingDays(
      [
        day("2026-11-02", "supervised_practice", 3),
        day("2026-11-03", "supervised_practice", 3),
        day("2026-11-04", "formal_study", 4.5),
      ],
      30,
      "2026-12-01",
    );
    expect(count.counted).toBe(1.8);
    expect(count.hoursBeyondADay).toBe(0);
    expect(count.done).toBe(false);
  });

  test("a 9-hour date counts as 1 day, and so do two entries making 9 hours on one date", () => {
    expect(countUpdatingDays([day("2026-11-02", "formal_study", 9)], 30, "2026-12-01")).toMatchObject({
      counted: 1,
      hoursBeyondADay: 3,
    });
    const split = countUpdatingDays(
      [day("2026-11-02", "formal_study", 4.5), day("2026-11-02", "supervised_practice", 4.5)],
      30,
      "2026-12-01",
    );
    expect(split).toMatchObject({ counted: 1, otherDays: 1, hoursBeyondADay: 3 });
  });

  test("on a date with private study and formal study, formal study takes the day first", () => {
    const count = countUpdatingDays(
      [day("2026-11-02", "private_study", 4), day("2026-11-02", "formal_study", 4)],
      30,
      "2026-12-01",
    );
    expect(count).toMatchObject({ counted: 1, otherDays: 0.7, privateStudyDays: 0.3, hoursBeyondADay: 2 });
  });

  test("private study counts for at most half of what is needed: 15 of 30, 30 of 60", () => {
    const study = Array.from({ length: 20 }, (_, i) =>
      day(`2026-10-${String(i + 1).padStart(2, "0")}`, "private_study"),
    );
    const practice = Array.from({ length: 10 }, (_, i) =>
      day(`2026-11-${String(i + 1).padStart(2, "0")}`, "supervised_practice"),
    );
    const count = countUpdatingDays([...study, ...practice], 30, "2026-12-01");
    expect(count.privateStudyDays).toBe(20);
    expect(count.privateStudyNotCounted).toBe(5);
    expect(count.counted).toBe(25);
    expect(count.done).toBe(false);
    const sixty = countUpdatingDays(study, 60, "2026-12-01");
    expect(sixty).toMatchObject({ counted: 20, privateStudyNotCounted: 0 });
    const onlyStudy = Array.from({ length: 40 }, (_, i) =>
      day(`2026-0${1 + Math.floor(i / 20)}-${String((i % 20) + 1).padStart(2, "0")}`, "private_study"),
    );
    expect(countUpdatingDays(onlyStudy, 60, "2026-12-01")).toMatchObject({
      counted: 30,
      privateStudyNotCounted: 10,
      done: false,
    });
  });

  test("the window's first day (the same date a year before) counts; the day before it does not", () => {
    expect(windowStartOf("2026-12-01")).toBe("2025-12-01");
    const count = countUpdatingDays(
      [day("2025-11-30", "formal_study"), day("2025-12-01", "formal_study"), day("2026-06-01", "formal_study")],
      30,
      "2026-12-01",
    );
    expect(count.windowStart).toBe("2025-12-01");
    expect(count.outsideWindow).toBe(1);
    expect(count.counted).toBe(2);
  });

  test("applying on 29 February: the window opens on 28 February the year before", () => {
    expect(windowStartOf("2028-02-29")).toBe("2027-02-28");
    const count = countUpdatingDays(
      [day("2027-02-27", "formal_study"), day("2027-02-28", "formal_study")],
      30,
      "2028-02-29",
    );
    expect(count).toMatchObject({ counted: 1, outsideWindow: 1 });
    // And a year on from 29 February 2024, the window opens on 1 March 2024: 29 February no longer counts.
    expect(countUpdatingDays([day("2024-02-29", "formal_study")], 30, "2025-03-01").outsideWindow).toBe(1);
    expect(countUpdatingDays([day("2024-02-29", "formal_study")], 30, "2025-02-28").counted).toBe(1);
  });

  test("a date still to come does not count yet; application day itself does", () => {
    const count = countUpdatingDays(
      [day("2026-12-01", "formal_study"), day("2026-12-02", "formal_study")],
      30,
      "2026-12-01",
    );
    expect(count).toMatchObject({ counted: 1, outsideWindow: 0 });
  });

  test("30 days of the right mix is done; nothing needed is done at once", () => {
    const mix = [
      ...Array.from({ length: 15 }, (_, i) => day(`2026-09-${String(i + 1).padStart(2, "0")}`, "private_study")),
      ...Array.from({ length: 15 }, (_, i) => day(`2026-10-${String(i + 1).padStart(2, "0")}`, "formal_study")),
    ];
    expect(countUpdatingDays(mix, 30, "2026-12-01").done).toBe(true);
    expect(countUpdatingDays([], 0, "2026-12-01").done).toBe(true);
  });
});
