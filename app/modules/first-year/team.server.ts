/**
 * The team manager's start page: the assessed years that name them as team manager in one
 * organisation, each with what waits for them (a learning agreement to sign, a review or the final
 * recommendation to countersign) and what is overdue. One statement reads the years; their
 * summaries are kept against each year's revision (summary.server.ts), so the page costs the same
 * number of statements however many years a team manager has.
 */
import { alias } from "drizzle-orm/pg-core";
import { and, asc, eq, getTableColumns, sql } from "drizzle-orm";
import { enrolments, users, yearRevisions } from "#db/schema";
import { findProgramme } from "~/modules/programmes/catalogue.server";
import { preparedStatement } from "~/utils/db.server";
import { englandToday } from "~/utils/england";
import { yearSummaries, type YearSummary } from "./summary.server";
import type { AttentionItem } from "./attention";
import { byMostUrgent, type Urgency } from "./tasks";

const learner = alias(users, "learner");
const supervisor = alias(users, "supervisor");

export interface TeamLine {
  enrolmentId: string;
  name: string;
  programme: string;
  /** Where they are in the year, in words (describeYear): "Month 4 of 12 (started …)", "Starts …". */
  position: string;
  supervisorName: string | null;
  agreement: YearSummary["agreement"]["state"];
  waiting: AttentionItem[];
  /** The most urgent thing in the year for the team manager (tasks.ts), by which the team is sorted. */
  urgency: Urgency | null;
  overdue: AttentionItem[];
}

export interface Team {
  lines: TeamLine[];
  /** Learning agreements waiting for the team manager's signature. */
  agreementsToSign: number;
  /** Reviews and final recommendations waiting for their countersignature. */
  reviewsToCountersign: number;
  overdue: number;
}

async function teamYears(organisationId: string, teamManagerId: string) {
  const query = await preparedStatement("team_years", (db) =>
    db
      .select({
        enrolment: getTableColumns(enrolments),
        revision: sql<number>`coalesce(${yearRevisions.revision}, 0)::int`,
        name: learner.name,
        supervisorName: supervisor.name,
      })
      .from(enrolments)
      .innerJoin(learner, eq(learner.id, enrolments.userId))
      .leftJoin(supervisor, eq(supervisor.id, enrolments.supervisorId))
      .leftJoin(yearRevisions, eq(yearRevisions.enrolmentId, enrolments.id))
      .where(
        and(
          eq(enrolments.organisationId, sql.placeholder("organisationId")),
          eq(enrolments.teamManagerId, sql.placeholder("teamManagerId")),
          eq(enrolments.status, "active"),
        ),
      )
      .orderBy(asc(enrolments.startedOn), asc(learner.name), asc(enrolments.id))
      .prepare("team_years"),
  );
  return query.execute({ organisationId, teamManagerId });
}

export async function teamOf(organisationId: string, teamManagerId: string, today = englandToday()): Promise<Team> {
  const rows = (await teamYears(organisationId, teamManagerId)).filter(
    (r) => findProgramme(r.enrolment.programmeSlug)?.assessment,
  );
  const summaries = await yearSummaries(
    rows.map((r) => ({ ...r.enrolment, revision: r.revision })),
    today,
    "team_manager",
  );
  const lines = rows.flatMap((r): TeamLine[] => {
    const summary = summaries.get(r.enrolment.id);
    const programme = findProgramme(r.enrolment.programmeSlug)!;
    if (!summary) return [];
    return [
      {
        enrolmentId: r.enrolment.id,
        name: r.name,
        programme: programme.title,
        position: summary.position,
        supervisorName: r.supervisorName,
        agreement: summary.agreement.state,
        waiting: summary.waiting,
        overdue: summary.overdue,
        urgency: summary.urgency,
      },
    ];
  });
  // Those who need the team manager most come first.
  const sorted = byMostUrgent(lines, (l) => l.urgency);
  return {
    lines: sorted,
    agreementsToSign: lines.filter((l) => l.waiting.some((w) => w.href.endsWith("/agreement"))).length,
    reviewsToCountersign: lines.reduce((n, l) => n + l.waiting.filter((w) => w.href.includes("/reviews/")).length, 0),
    overdue: lines.reduce((n, l) => n + l.overdue.length, 0),
  };
}
