import {
  addWorkingDays,
  bankHolidays,
  easterSunday,
  isWorkingDay,
  workingDaysBetween,
} from "~/modules/returners/working-days";

describe("bank holidays in England and Wales", () => {
  test("Easter falls where the calendar says", () => {
    expect(easterSunday(2024).toDateString()).toBe(new Date(2024, 2, 31).toDateString());
    expect(easterSunday(2025).toDateString()).toBe(new Date(2025, 3, 20).toDateString());
    expect(easterSunday(2026).toDateString()).toBe(new Date(2026, 3, 5).toDateString());
    expect(easterSunday(2027).toDateString()).toBe(new Date(2027, 2, 28).toDateString());
  });

  test("2026 has the eight published bank holidays", () => {
    expect([...bankHolidays(2026)].sort()).toEqual([
      "2026-01-01",
      "2026-04-03",
      "2026-04-06",
      "2026-05-04",
      "2026-05-25",
      "2026-08-31",
      "2026-12-25",
      "2026-12-28", // Boxing Day is a Saturday
    ]);
  });

  test("weekend Christmas and New Year's Day move to the following weekdays", () => {
    expect([...bankHolidays(2027)].filter((d) => d.endsWith("-12-27") || d.endsWith("-12-28"))).toEqual([
      "2027-12-27",
      "2027-12-28",
    ]);
    expect(bankHolidays(2022).has("2022-01-03")).toBe(true); // 1 January 2022 was a Saturday
    expect(bankHolidays(2023).has("2023-01-02")).toBe(true); // a Sunday
  });

  test("one-off days: the 2022 jubilee moved the spring holiday; the 2023 coronation added one", () => {
    expect(bankHolidays(2022).has("2022-05-30")).toBe(false);
    expect(bankHolidays(2022).has("2022-06-02")).toBe(true);
    expect(bankHolidays(2022).has("2022-09-19")).toBe(true);
    expect(bankHolidays(2023).has("2023-05-08")).toBe(true);
  });
});

describe("the two-working-day call-back target", () => {
  test("a Monday request is due back on Wednesday", () => {
    expect(addWorkingDays("2026-11-30", 2)).toBe("2026-12-02");
  });

  test("a Friday request skips the weekend", () => {
    expect(addWorkingDays("2026-11-27", 2)).toBe("2026-12-01");
  });

  test("across Easter: a Thursday request before Good Friday is due back on Wednesday", () => {
    expect(addWorkingDays("2026-04-02", 2)).toBe("2026-04-08");
  });

  test("across the year end: Christmas Eve 2026 is due back on 30 December, New Year's Eve on 5 January", () => {
    expect(addWorkingDays("2026-12-24", 2)).toBe("2026-12-30");
    expect(addWorkingDays("2026-12-31", 2)).toBe("2027-01-05");
  });

  test("working days between two dates leave out weekends and bank holidays", () => {
    expect(workingDaysBetween("2026-12-24", "2027-01-04")).toBe(4); // 29, 30, 31 Dec and 4 Jan
    expect(workingDaysBetween("2026-12-02", "2026-12-02")).toBe(0);
    expect(isWorkingDay("2026-12-25")).toBe(false);
    expect(isWorkingDay("2026-12-29")).toBe(true);
  });
});
