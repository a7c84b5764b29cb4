/**
 * Emails to the year's team manager when something waits for them: they are named on a year, a
 * learning agreement is ready for their signature (the NQSW and the supervisor have signed this
 * version), a review or the final recommendation is approved and waits for their countersignature.
 * Sent after the record is saved; a failure to send is logged and never undoes the record.
 */
import { alias } from "drizzle-orm/pg-core";
import { eq } from "drizzle-orm";
import { enrolments, users } from "#db/schema";
import { getDb } from "~/utils/db.server";
import { sendEmail } from "~/utils/email.server";
import { teamManagerEmail, type TeamManagerNotice } from "./notifications";

const learner = alias(users, "learner");
const manager = alias(users, "manager");

async function teamManagerOf(enrolmentId: string) {
  const db = await getDb();
  const [row] = await db
    .select({ learnerName: learner.name, name: manager.name, email: manager.email })
    .from(enrolments)
    .innerJoin(learner, eq(learner.id, enrolments.userId))
    .innerJoin(manager, eq(manager.id, enrolments.teamManagerId))
    .where(eq(enrolments.id, enrolmentId))
    .limit(1);
  return row ?? null;
}

/** Emails the year's team manager, if it names one. */
export async function tellTeamManager(enrolmentId: string, notice: TeamManagerNotice, origin: string) {
  try {
    const to = await teamManagerOf(enrolmentId);
    if (!to) return;
    await sendEmail({ to: to.email, ...teamManagerEmail(notice, to, `${origin}/year/${enrolmentId}`) });
  } catch (error) {
    console.error(`Could not email the team manager of ${enrolmentId}:`, error);
  }
}
