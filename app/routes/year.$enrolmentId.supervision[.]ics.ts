import type { LoaderFunctionArgs } from "@remix-run/node";
import { createEvents, type EventAttributes } from "ics";
import { requireYearAccess } from "~/modules/first-year/access.server";
import { supervisionSlots } from "~/modules/first-year/year";
import { yearInputFor } from "~/modules/supervision/schedule";
import { requireUser } from "~/utils/auth.server";

/** The supervision schedule as an iCalendar file: one all-day "due by" entry per session. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const { enrolment, programme, learnerName } = await requireYearAccess(current, params.enrolmentId);
  const events: EventAttributes[] = supervisionSlots(yearInputFor(enrolment, programme)).map((slot) => ({
    uid: `supervision-${enrolment.id}-${slot.number}@practicepathways`,
    title: `Supervision due: ${learnerName} (${slot.number})`,
    description: `${programme.title}: supervision at least every ${slot.every} at this point. Record it in Practice Pathways.`,
    start: [slot.due.getFullYear(), slot.due.getMonth() + 1, slot.due.getDate()],
    duration: { days: 1 },
    productId: "practicepathways/supervision",
  }));
  const { error, value } = createEvents(events);
  if (error || !value) {
    console.error("[supervision.ics] could not build the calendar:", error);
    return new Response("The calendar could not be made just now.", { status: 500 });
  }
  return new Response(value, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="supervision-${learnerName.toLowerCase().replace(/[^a-z]+/g, "-")}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
