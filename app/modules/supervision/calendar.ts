/**
 * The supervision schedule as an iCalendar file: one all-day "due by" entry per session still to
 * come. Pure: the route gates and sends it.
 */
import { addDays } from "date-fns";
import { createEvents, type DateArray, type EventAttributes } from "ics";
import { calendarDaysBetween, type SupervisionSlot } from "~/modules/first-year/year";

const dateArray = (d: Date): DateArray => [d.getFullYear(), d.getMonth() + 1, d.getDate()];

/**
 * All-day entries (`DTSTART;VALUE=DATE` and `DTEND;VALUE=DATE` the next day, as RFC 5545 asks of an
 * all-day event) for the slots due today or later: a calendar full of past "due" dates is noise.
 * Returns the file's text, or an error when the library refuses the events.
 */
export function supervisionCalendar(input: {
  enrolmentId: string;
  learnerName: string;
  programmeTitle: string;
  slots: SupervisionSlot[];
  today: Date;
}): { ok: true; text: string } | { ok: false; error: unknown } {
  const events: EventAttributes[] = input.slots
    .filter((slot) => calendarDaysBetween(slot.due, input.today) >= 0)
    .map((slot) => ({
      uid: `supervision-${input.enrolmentId}-${slot.number}@practicepathways`,
      title: `Supervision due: ${input.learnerName} (${slot.number})`,
      description: `${input.programmeTitle}: supervision at least every ${slot.every} at this point. Record it in Practice Pathways.`,
      start: dateArray(slot.due),
      end: dateArray(addDays(slot.due, 1)),
      productId: "practicepathways/supervision",
    }));
  // ics refuses an empty list; an empty calendar is still a valid answer once the year is over.
  if (!events.length)
    return {
      ok: true,
      text: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nCALSCALE:GREGORIAN\r\nPRODID:practicepathways/supervision\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n",
    };
  const { error, value } = createEvents(events);
  return error || !value ? { ok: false, error } : { ok: true, text: value };
}
