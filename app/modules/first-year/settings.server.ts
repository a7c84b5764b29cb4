/** Changes to one learner's year made by the programme lead: pathway, working time, optional reviews, pauses, extension. */
import { eq } from "drizzle-orm";
import type { Database } from "#db/client";
import { enrolments } from "#db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { getDb } from "~/utils/db.server";
import type { Actor } from "./agreement.server";
import type { Pause } from "./year";

export type StoredPause = Pause & { reason: string };

async function audit(tx: Database, actor: Actor, enrolmentId: string, action: string, detail: Record<string, unknown>) {
  await recordAudit(
    {
      actorUserId: actor.userId,
      actorRole: actor.party,
      organisationId: actor.organisationId,
      action,
      subjectType: "enrolment",
      subjectId: enrolmentId,
      detail,
      ipAddress: actor.ipAddress,
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
