import { asc, eq, inArray, sql } from "drizzle-orm";
import { workloadLimits, workloadWeeks } from "#db/schema";
import { actedBy, recordAudit } from "~/modules/audit/audit.server";
import { getDb } from "~/utils/db.server";
import type { WorkloadWeek } from "./rules";

export async function listWeeks(enrolmentId: string) {
  const db = await getDb();
  return db
    .select()
    .from(workloadWeeks)
    .where(eq(workloadWeeks.enrolmentId, enrolmentId))
    .orderBy(asc(workloadWeeks.weekStarting));
}

export async function findLimit(enrolmentId: string) {
  const db = await getDb();
  const [row] = await db.select().from(workloadLimits).where(eq(workloadLimits.enrolmentId, enrolmentId)).limit(1);
  return row?.maxCaseload ?? null;
}

/** Weeks (what the rules judge, nothing more) and limits for many enrolments (the supervisor's desk), in two queries. */
export async function workloadFor(enrolmentIds: string[]) {
  const weeks = new Map<string, WorkloadWeek[]>(enrolmentIds.map((id) => [id, []]));
  const limits = new Map<string, number>();
  if (enrolmentIds.length === 0) return { weeks, limits };
  const db = await getDb();
  const [weekRows, limitRows] = await Promise.all([
    db
      .select({
        enrolmentId: workloadWeeks.enrolmentId,
        weekStarting: workloadWeeks.weekStarting,
        caseload: workloadWeeks.caseload,
        contractedHours: workloadWeeks.contractedHours,
        protectedHours: workloadWeeks.protectedHours,
      })
      .from(workloadWeeks)
      .where(inArray(workloadWeeks.enrolmentId, enrolmentIds)),
    db
      .select({ enrolmentId: workloadLimits.enrolmentId, maxCaseload: workloadLimits.maxCaseload })
      .from(workloadLimits)
      .where(inArray(workloadLimits.enrolmentId, enrolmentIds)),
  ]);
  for (const { enrolmentId, ...week } of weekRows) weeks.get(enrolmentId)?.push(week);
  for (const l of limitRows) limits.set(l.enrolmentId, l.maxCaseload);
  return { weeks, limits };
}

export interface Actor {
  userId: string;
  role: string;
  organisationId: string | null;
  ipAddress?: string;
}

/** Records a week; recording the same week again replaces it. */
export async function recordWeek(
  enrolmentId: string,
  actor: Actor,
  week: { weekStarting: string; caseload: number; contractedHours: number; protectedHours: number },
) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .insert(workloadWeeks)
      .values({ enrolmentId, ...week, recordedById: actor.userId })
      .onConflictDoUpdate({
        target: [workloadWeeks.enrolmentId, workloadWeeks.weekStarting],
        set: {
          caseload: week.caseload,
          contractedHours: week.contractedHours,
          protectedHours: week.protectedHours,
          recordedById: actor.userId,
          updatedAt: sql`now()`,
        },
      });
    await recordAudit(
      {
        ...actedBy(actor),
        action: "workload.week_recorded",
        subjectType: "enrolment",
        subjectId: enrolmentId,
        detail: week,
      },
      tx,
    );
  });
}

export async function setLimit(enrolmentId: string, actor: Actor, maxCaseload: number) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .insert(workloadLimits)
      .values({ enrolmentId, maxCaseload, setById: actor.userId })
      .onConflictDoUpdate({
        target: workloadLimits.enrolmentId,
        set: { maxCaseload, setById: actor.userId, updatedAt: sql`now()` },
      });
    await recordAudit(
      {
        ...actedBy(actor),
        action: "workload.limit_set",
        subjectType: "enrolment",
        subjectId: enrolmentId,
        detail: { maxCaseload },
      },
      tx,
    );
  });
}
