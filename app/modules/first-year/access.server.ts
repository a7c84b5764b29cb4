/**
 * Who may see one learner's assessed year: the learner, their practice supervisor and their team
 * manager (each acting in the learner's organisation), and that organisation's programme lead.
 * Anyone else gets 404. Who is what to the year is decided by the pure rules in ./parties.
 */
import { alias } from "drizzle-orm/pg-core";
import { eq, sql } from "drizzle-orm";
import { enrolments, users, yearRevisions } from "#db/schema";
import { findProgramme } from "~/modules/programmes/catalogue.server";
import { notFound, type CurrentUser } from "~/utils/auth.server";
import { preparedStatement } from "~/utils/db.server";
import { isUuid } from "~/utils/ids";
import { isAssessedAgainstCriteria } from "~/modules/assessment/criteria";
import { yearStanding } from "./parties";

const teamManager = alias(users, "team_manager");
const NO_SUCH_YEAR = "We could not find that learner's year.";

/**
 * `criteria`: the page also serves a programme assessed against criteria (its portfolio: ADR 024),
 * whose enrolment has the same parties but no assessed year.
 */
export async function requireYearAccess(
  current: CurrentUser,
  enrolmentId: string | undefined,
  options: { criteria?: boolean } = {},
) {
  if (!isUuid(enrolmentId)) notFound(NO_SUCH_YEAR);
  const query = await preparedStatement("year_access", (db) =>
    db
      .select({
        enrolment: enrolments,
        learnerName: users.name,
        teamManagerName: teamManager.name,
        revision: sql<number>`coalesce(${yearRevisions.revision}, 0)::int`,
      })
      .from(enrolments)
      .innerJoin(users, eq(users.id, enrolments.userId))
      .leftJoin(teamManager, eq(teamManager.id, enrolments.teamManagerId))
      .leftJoin(yearRevisions, eq(yearRevisions.enrolmentId, enrolments.id))
      .where(eq(enrolments.id, sql.placeholder("enrolmentId")))
      .limit(1)
      .prepare("year_access"),
  );
  const [row] = await query.execute({ enrolmentId });
  if (!row || row.enrolment.status !== "active") notFound(NO_SUCH_YEAR);
  const { enrolment } = row;
  const programme = findProgramme(enrolment.programmeSlug);
  if (!programme || !(programme.assessment || (options.criteria && isAssessedAgainstCriteria(programme))))
    notFound(NO_SUCH_YEAR);
  const standing = yearStanding(enrolment, {
    userId: current.user.id,
    active: current.active,
    memberships: current.memberships,
  });
  if (!standing) notFound(NO_SUCH_YEAR);
  return {
    enrolment,
    programme,
    /** How this person sees the year: learner, supervisor, team_manager or programme_lead. */
    party: standing.viewer,
    /** What they sign as in it (the agreement, a review's step), or null when they only read it. */
    signsAs: standing.signsAs,
    learnerName: row.learnerName,
    teamManagerName: row.teamManagerName,
    revision: row.revision,
  };
}
