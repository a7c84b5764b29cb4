/**
 * The public callback request: who answers it, the per-address rate limit, and saving it with
 * its reference, its call-back target and its audit record, then the confirmation email.
 */
import { and, asc, count, eq, gt, sql } from "drizzle-orm";
import { callbackRequests, organisations } from "#db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { normaliseEmail } from "~/modules/auth/accounts.server";
import { formatDate } from "~/modules/organisations/people";
import { getDb } from "~/utils/db.server";
import { sendEmail } from "~/utils/email.server";
import type { CallbackForm } from "./callback-schemas.server";
import { makeReference } from "./helpline-queue";
import { addWorkingDays } from "./working-days";

/** Requests one address may send in an hour before it is asked to wait. */
export const CALLBACKS_PER_HOUR = 5;

/** The recruitment helpline that answers the public form: the national one, else the oldest helpline. */
export async function answeringHelpline() {
  const db = await getDb();
  const [row] = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.kind, "helpline"))
    .orderBy(sql`${organisations.slug} = 'return-helpline' desc`, asc(organisations.createdAt))
    .limit(1);
  return row ?? null;
}

/** True when this address has sent as many requests as it may in the last hour. */
export async function overCallbackLimit(ipAddress: string, now = new Date()) {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(callbackRequests)
    .where(
      and(
        eq(callbackRequests.ipAddress, ipAddress),
        gt(callbackRequests.createdAt, new Date(now.getTime() - 60 * 60_000)),
      ),
    );
  return (row?.n ?? 0) >= CALLBACKS_PER_HOUR;
}

export interface SavedCallback {
  reference: string;
  callBackBy: string;
}

/**
 * Saves the request with a fresh reference (drawn again on the rare collision), the target of two
 * working days, and the moment consent was given; the audit record commits with it. The
 * confirmation is emailed only once the request is stored.
 */
export async function saveCallbackRequest(
  form: CallbackForm,
  details: { ipAddress: string; today: string; now?: Date },
): Promise<SavedCallback | null> {
  const helpline = await answeringHelpline();
  if (!helpline) return null;
  const db = await getDb();
  const now = details.now ?? new Date();
  const callBackBy = addWorkingDays(details.today, 2);
  const email = normaliseEmail(form.email);
  const saved = await db.transaction(async (tx) => {
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const [row] = await tx
        .insert(callbackRequests)
        .values({
          reference: makeReference(),
          helplineId: helpline.id,
          name: form.name,
          email,
          phone: form.phone,
          region: form.region,
          specialism: form.specialism,
          lastPractisedOn: form.lastPractisedOn,
          registrationStatus: form.registration,
          lapsedOn: form.lapsedOn,
          bestTimes: form.bestTimes,
          consentToShare: true,
          consentRecordedAt: now,
          callBackBy,
          ipAddress: details.ipAddress,
        })
        .onConflictDoNothing({ target: callbackRequests.reference })
        .returning({ id: callbackRequests.id, reference: callbackRequests.reference });
      if (!row) continue;
      await recordAudit(
        {
          organisationId: helpline.id,
          action: "callback.requested",
          subjectType: "callback_request",
          subjectId: row.id,
          detail: { reference: row.reference },
          ipAddress: details.ipAddress,
        },
        tx,
      );
      return row;
    }
    throw new Error("Could not find a free callback reference");
  });
  await sendEmail({
    to: email,
    subject: `We will call you back: your reference is ${saved.reference}`,
    text: [
      `Hello ${form.name},`,
      "",
      `Thank you for asking ${helpline.name} to call you about returning to social work. Your reference is ${saved.reference}: please have it to hand when we call, or quote it if you contact us.`,
      "",
      "What happens next:",
      `- An advisor will call you by the end of ${formatDate(callBackBy)} (two working days), at the times you gave us if we can.`,
      "- They will talk through what you need to restore your registration, such as updating days, and the refresher programme.",
      "- With the consent you gave, they can introduce you to councils that have vacancies for returning social workers.",
      "",
      "If you did not ask for this call, reply to this email and we will delete your details.",
    ].join("\n"),
  });
  return { reference: saved.reference, callBackBy };
}
