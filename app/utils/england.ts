/**
 * "Today" is a date in England. Every rule that asks what is due, overdue or open today (reviews,
 * supervision, the registration year, renewal, vacancies closing, callbacks) takes the civil date in
 * Europe/London, whatever time zone the server runs in: a server in UTC would otherwise move every
 * deadline by a day for the hour after midnight in summer, and one set to another zone by a day or more.
 *
 * The date engine works with dates at local midnight (date-fns's way); `englandToday()` gives England's
 * date as such a Date, so the engine's arithmetic stays the same in any zone.
 */
const ENGLAND = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The civil date in England (ISO, e.g. "2026-12-07") at an instant: now, unless told. */
export function englandDay(instant: Date = new Date()): string {
  const parts = ENGLAND.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** England's date at an instant (now, unless told), as a Date at local midnight for the date engine. */
export function englandToday(instant: Date = new Date()): Date {
  const [year, month, day] = englandDay(instant).split("-").map(Number) as [number, number, number];
  return new Date(year, month - 1, day);
}

const englandTime = (month: "long" | "short") =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    day: "numeric",
    month,
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
const ENGLAND_TIME = { long: englandTime("long"), short: englandTime("short") };

/**
 * An instant as people in England read it: "7 December 2026 at 14:05" in a sentence (emails), or
 * "7 Dec 2026, 14:05" in a table (the audit trail).
 */
export function englandDateTime(instant: Date, style: "long" | "short" = "long"): string {
  const parts = ENGLAND_TIME[style].formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const day = `${part("day")} ${part("month")} ${part("year")}`;
  return style === "long" ? `${day} at ${part("hour")}:${part("minute")}` : `${day}, ${part("hour")}:${part("minute")}`;
}
