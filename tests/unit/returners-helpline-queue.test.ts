import {
  ageBandRange,
  describeDuration,
  isOverdue,
  makeReference,
  REFERENCE_PATTERN,
  workingDaysAgo,
} from "~/modules/returners/helpline-queue";
import { workingDaysBetween } from "~/modules/returners/working-days";

describe("references", () => {
  it("are RTS- and six letters or digits that cannot be misheard", () => {
    for (let i = 0; i < 200; i += 1) expect(makeReference()).toMatch(REFERENCE_PATTERN);
    expect(makeReference(() => new Uint8Array([0, 1, 2, 3, 4, 5]))).toBe("RTS-ABCDEF");
    expect("RTS-0O1IL5").not.toMatch(REFERENCE_PATTERN);
  });
});

describe("the age of a request", () => {
  it("counts back working days over a weekend and a bank holiday", () => {
    // Tuesday 27 May 2025, after the spring bank holiday on Monday 26 May.
    expect(workingDaysAgo("2025-05-27", 1)).toBe("2025-05-26");
    expect(workingDaysAgo("2025-05-27", 2)).toBe("2025-05-22");
    expect(workingDaysBetween("2025-05-22", "2025-05-27")).toBe(2);
    expect(workingDaysBetween("2025-05-23", "2025-05-27")).toBe(1);
  });

  it("puts each request day in one band", () => {
    const today = "2025-05-27";
    const bands = (["under-2", "2-to-5", "over-5"] as const).map((b) => ageBandRange(b, today));
    expect(bands[0]).toEqual({ onOrAfter: "2025-05-23" });
    expect(bands[1]).toEqual({ onOrAfter: "2025-05-19", onOrBefore: "2025-05-22" });
    expect(bands[2]).toEqual({ onOrBefore: "2025-05-18" });
    expect(workingDaysBetween("2025-05-19", today)).toBe(5);
    expect(workingDaysBetween("2025-05-18", today)).toBe(6);
  });

  it("is overdue only while new and after its call-back day", () => {
    expect(isOverdue("new", "2025-05-22", "2025-05-23")).toBe(true);
    expect(isOverdue("new", "2025-05-23", "2025-05-23")).toBe(false);
    expect(isOverdue("contacted", "2025-05-01", "2025-05-23")).toBe(false);
  });
});

describe("durations in words", () => {
  it("uses minutes, hours and days", () => {
    expect(describeDuration(null)).toBe("Not yet known");
    expect(describeDuration(0.25)).toBe("15 minutes");
    expect(describeDuration(5.4)).toBe("5 hours");
    expect(describeDuration(23.8)).toBe("1 day");
    expect(describeDuration(30)).toBe("1 day 6 hours");
    expect(describeDuration(72)).toBe("3 days");
  });
});
