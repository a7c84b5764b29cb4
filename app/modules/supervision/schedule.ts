/** The supervision schedule of one learner's year, and how the sessions held meet it. Pure. */
import type { Programme } from "~/modules/programmes/content-schema";
import { matchSessionsToSlots, supervisionSlots, type YearInput } from "~/modules/first-year/year";
import { parseISO } from "date-fns";

export function yearInputFor(enrolment: { startedOn: string }, programme: Programme): YearInput {
  return { startedOn: enrolment.startedOn, lengthMonths: programme.lengthMonths, rules: programme.assessment! };
}

export function supervisionSchedule(
  enrolment: { startedOn: string },
  programme: Programme,
  heldOn: string[],
  today: Date,
) {
  const slots = matchSessionsToSlots(
    supervisionSlots(yearInputFor(enrolment, programme)),
    heldOn.map((d) => parseISO(d)),
    today,
  );
  const overdue = slots.filter((s) => s.state === "overdue");
  const next = slots.find((s) => s.state === "upcoming") ?? null;
  return { slots, overdue: overdue.length, next };
}
