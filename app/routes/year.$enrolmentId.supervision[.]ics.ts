import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireYearAccess } from "~/modules/first-year/access.server";
import { supervisionSlots } from "~/modules/first-year/year";
import { supervisionCalendar } from "~/modules/supervision/calendar";
import { yearInputFor } from "~/modules/supervision/schedule";
import { requireUser } from "~/utils/auth.server";
import { englandToday } from "~/utils/england";
import { answeringOutages } from "~/utils/outage.server";
import { download } from "~/utils/download.server";

/** The supervision schedule as an iCalendar file: one all-day "due by" entry per session to come. */
export const loader = answeringOutages(async ({ request, params }: LoaderFunctionArgs) => {
  const current = await requireUser(request);
  const { enrolment, programme, learnerName } = await requireYearAccess(current, params.enrolmentId);
  const calendar = supervisionCalendar({
    enrolmentId: enrolment.id,
    learnerName,
    programmeTitle: programme.title,
    slots: supervisionSlots(yearInputFor(enrolment, programme)),
    today: englandToday(),
  });
  if (!calendar.ok) {
    console.error("[supervision.ics] could not build the calendar for enrolment", enrolment.id, calendar.error);
    return new Response("The calendar could not be made just now.", { status: 500 });
  }
  return download(calendar.text, {
    name: `supervision-${learnerName.toLowerCase().replace(/[^a-z]+/g, "-")}.ics`,
    contentType: "text/calendar; charset=utf-8",
  });
});
