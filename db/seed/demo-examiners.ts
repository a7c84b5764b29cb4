/**
 * The demo world's external examiner: Professor Grace Adebayo, appointed by Simon Fairweather (the
 * University of Eastbridge's programme lead, in that role) to examine the MA for a four-year term that
 * began on the 1 September before the demo cohort's first assignment, so it is current whenever the
 * demo is seeded. Made through the same rule the lead's page uses; seeding again changes nothing.
 */
import { format, subDays } from "date-fns";
import { and, eq } from "drizzle-orm";
import { appointExaminer } from "~/modules/masters/examiners.server";
import { latestEndOf } from "~/modules/masters/examiners";
import { englandDay } from "~/utils/england";
import type { Database } from "../client";
import { courseworkExaminers } from "../schema";

export async function appointDemoExaminer(
  tx: Database,
  input: { organisationId: string; programmeSlug: string; leadId: string; examinerMembershipId: string },
  today: Date,
) {
  const [already] = await tx
    .select({ id: courseworkExaminers.id })
    .from(courseworkExaminers)
    .where(and(eq(courseworkExaminers.membershipId, input.examinerMembershipId), eq(courseworkExaminers.organisationId, input.organisationId)))
    .limit(1);
  if (already) return;
  // The academic year that began at least 200 days ago: the cohort is five months in, its marked work older.
  const base = subDays(today, 200);
  const year = base.getMonth() >= 8 ? base.getFullYear() : base.getFullYear() - 1;
  const startsOn = `${year}-09-01`;
  const result = await appointExaminer(
    { userId: input.leadId, role: "programme_lead", organisationId: input.organisationId },
    { membershipId: input.examinerMembershipId, programmeSlug: input.programmeSlug, startsOn, endsOn: latestEndOf(startsOn) },
    { db: tx, today: englandDay(today), appointedAt: new Date(`${format(subDays(new Date(`${startsOn}T12:00:00Z`), 45), "yyyy-MM-dd")}T10:00:00Z`) },
  );
  if (!result.ok) throw new Error(`The demo examiner could not be appointed: ${result.message}`);
}
