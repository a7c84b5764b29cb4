/** The supervision schedule of one learner's year, and how the sessions held meet it. Pure. */
import type { Programme } from "~/modules/programmes/content-schema";
import { matchSessionsToSlots, parseDay, supervisionSlots, yearInputFor, type Pause } from "~/modules/first-year/year";

export { yearInputFor };

export function supervisionSchedule(
  enrolment: { startedOn: string; fte?: number | null; pauses?: Pause[] | null; extensionDays?: number | null },
  programme: Programme,
  heldOn: string[],
  today: Date,
) {
  const slots = matchSessionsToSlots(
    supervisionSlots(yearInputFor(enrolment, programme)),
    heldOn.map(parseDay),
    today,
  );
  const overdue = slots.filter((s) => s.state === "overdue");
  const next = slots.find((s) => s.state === "upcoming") ?? null;
  return { slots, overdue: overdue.length, next };
}
