/**
 * Who may see one learner's assessed year: the learner, their practice supervisor (acting in
 * the learner's organisation), and that organisation's programme lead. Anyone else gets 404.
 */
import { data } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { enrolments, users, yearRevisions } from "#db/schema";
import { findProgramme } from "~/modules/programmes/catalogue.server";
import type { CurrentUser } from "~/utils/auth.server";
import { preparedStatement } from "~/utils/db.server";
import { isUuid } from "~/utils/ids";
import type { Party } from "./agreement";

export async function requireYearAccess(current: CurrentUser, enrolmentId: string | undefined) {
  const notFound = () => data({ message: "We could not find that learner's year." }, { status: 404 });
  if (!isUuid(enrolmentId)) throw notFound();
  const query = await preparedStatement("year_access", (db) =>
    db
      .select({
        enrolment: enrolments,
        learnerName: users.name,
        revision: sql<number>`coalesce(${yearRevisions.revision}, 0)::int`,
      })
      .from(enrolments)
      .innerJoin(users, eq(users.id, enrolments.userId))
      .leftJoin(yearRevisions, eq(yearRevisions.enrolmentId, enrolments.id))
      .where(eq(enrolments.id, sql.placeholder("enrolmentId")))
      .limit(1)
      .prepare("year_access"),
  );
  const [row] = await query.execute({ enrolmentId });
  if (!row || row.enrolment.status !== "active") throw notFound();
  const { enrolment } = row;
  const programme = findProgramme(enrolment.programmeSlug);
  if (!programme?.assessment) throw notFound();
  const active = current.active;
  let party: Party | null = null;
  if (enrolment.userId === current.user.id) party = "learner";
  else if (active && enrolment.organisationId && active.organisationId === enrolment.organisationId) {
    if ((active.role === "supervisor" || active.role === "assessor") && enrolment.supervisorId === current.user.id)
      party = "supervisor";
    else if (active.role === "programme_lead") party = "programme_lead";
  }
  if (!party) throw notFound();
  return { enrolment, programme, party, learnerName: row.learnerName, revision: row.revision };
}
