import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { isoDate, parseDay, supervisionSlots, type YearInput } from "~/modules/first-year/year";
import { supervisionCalendar } from "~/modules/supervision/calendar";
import { programmeFileSchema } from "~/modules/programmes/content-schema";

const file = programmeFileSchema.parse(parse(readFileSync("content/programmes/asye/programme.yml", "utf8")));
const year: YearInput = { startedOn: "2026-11-16", rules: file.assessment!, lengthMonths: 12, fte: 0.6 };
const slots = supervisionSlots(year);
const calendar = (today: string) => {
  const made = supervisionCalendar({
    enrolmentId: "e1",
    learnerName: "Siobhán Ní Bhriain",
    programmeTitle: "ASYE",
    slots,
    today: parseDay(today),
  });
  if (!made.ok) throw new Error(String(made.error));
  return made.text;
};
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, "");

describe("the supervision calendar file", () => {
  it("writes all-day entries: DTSTART;VALUE=DATE and DTEND;VALUE=DATE the next day, no malformed duration", () => {
    const text = unfold(calendar("2026-11-01"));
    const starts = [...text.matchAll(/^DTSTART;VALUE=DATE:(\d{8})\r?$/gm)].map((m) => m[1]);
    const ends = [...text.matchAll(/^DTEND;VALUE=DATE:(\d{8})\r?$/gm)].map((m) => m[1]);
    expect(starts).toHaveLength(slots.length);
    expect(ends).toHaveLength(slots.length);
    expect(starts[0]).toBe("20261123");
    expect(ends[0]).toBe("20261124");
    // Across a month end and a year end too.
    const i = slots.findIndex((s) => isoDate(s.due) === "2026-12-28");
    expect([starts[i], ends[i]]).toEqual(["20261228", "20261229"]);
    expect(text).not.toMatch(/DURATION:P1DT/);
    expect(text).not.toMatch(/DTSTART:\d{8}T/);
  });

  it("lists only the dates from today on, today's included", () => {
    const text = unfold(calendar("2026-12-07"));
    const starts = [...text.matchAll(/^DTSTART;VALUE=DATE:(\d{8})\r?$/gm)].map((m) => m[1]!);
    expect(starts[0]).toBe("20261207");
    expect(starts.every((d) => d >= "20261207")).toBe(true);
    expect(starts).toHaveLength(slots.filter((s) => isoDate(s.due) >= "2026-12-07").length);
  });

  it("is a valid empty calendar once the year is over", () => {
    const text = calendar("2030-01-01");
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toMatch(/END:VCALENDAR\r\n$/);
    expect(text).not.toContain("BEGIN:VEVENT");
  });
});
