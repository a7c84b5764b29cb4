/**
 * Changes to one learner's year made by the programme lead: its team manager, pathway, working time,
 * optional reviews, pauses, extension. Each is audited in the same transaction as the change.
 */
import { eq } from "drizzle-orm";
import type { Database } from "#db/client";
import { enrolments } from "#db/schema";
import { actedBy, type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { listInRole } from "~/modules/organisations/memberships.server";
import { getDb } from "~/utils/db.server";
import { emailNoticesAfterCommit, noticeTeamManagerNamed } from "~/modules/notices/notices.server";
import type { Pause } from "./year";

/** Who changes the year: the programme lead, acting for the employer. */
export type Actor = AuditActor;

export type StoredPause = Pause & { reason: string };

async function audit(tx: Database, actor: Actor, enrolmentId: string, action: string, detail: Record<string, unknown>) {
  await recordAudit(
    {
      ...actedBy(actor),
      action,
      subjectType: "enrolment",
      subjectId: enrolmentId,
      detail,
    },
    tx,
  );
}

export async function saveYearSettings(
  enrolmentId: string,
  actor: Actor,
  settings: { pathway: string | null; fte: number; extensionDays: number; optionalReviews: string[] },
) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.update(enrolments).set(settings).where(eq(enrolments.id, enrolmentId));
    await audit(tx, actor, enrolmentId, "year.settings_changed", settings);
  });
}

export async function savePauses(
  enrolmentId: string,
  actor: Actor,
  pauses: StoredPause[],
  change: Record<string, unknown>,
) {
  const db = await getDb();
  const sorted = [...pauses].sort((a, b) => a.from.localeCompare(b.from));
  await db.transaction(async (tx) => {
    await tx.update(enrolments).set({ pauses: sorted }).where(eq(enrolments.id, enrolmentId));
    await audit(tx, actor, enrolmentId, "year.pauses_changed", change);
  });
}

export type NameResult = { ok: true; changed: boolean } | { ok: false; message: string };

/**
 * Names the year's team manager: someone holding the team manager role in the year's organisation.
 * Their signatures and countersignatures from here on are the year's; earlier ones stay as they were.
 */
export async function nameTeamManager(
  enrolment: { id: string; organisationId: string | null; teamManagerId: string | null },
  actor: Actor,
  teamManagerId: string,
): Promise<NameResult> {
  const chosen = enrolment.organisationId
    ? (await listInRole(enrolment.organisationId, "team_manager")).find((m) => m.userId === teamManagerId)
    : undefined;
  if (!chosen) return { ok: false, message: "Choose a team manager from your organisation" };
  if (enrolment.teamManagerId === teamManagerId) return { ok: true, changed: false };
  const db = await getDb();
  const told = await db.transaction(async (tx) => {
    await tx.update(enrolments).set({ teamManagerId }).where(eq(enrolments.id, enrolment.id));
    await audit(tx, actor, enrolment.id, "year.team_manager_named", {
      teamManager: teamManagerId,
      teamManagerName: chosen.name,
      previous: enrolment.teamManagerId,
    });
    return noticeTeamManagerNamed(tx, enrolment.id);
  });
  await emailNoticesAfterCommit(told);
  return { ok: true, changed: true };
}
