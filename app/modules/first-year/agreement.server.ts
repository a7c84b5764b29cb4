import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { learningAgreements, learningAgreementSignatures, users } from "#db/schema";
import { actedBy, type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { getDb, preparedStatement, refusedByCheck } from "~/utils/db.server";
import {
  AGREEMENT_FIELDS,
  agreementHash,
  PARTIES,
  type AgreementContent,
  type Party,
  type SignatureLike,
} from "./agreement";
import { agreementNotices } from "~/modules/notices/notices";
import {
  actorName,
  emailNoticesAfterCommit,
  type NoticeRow,
  recordNotices,
  yearParties,
} from "~/modules/notices/notices.server";

export async function findAgreement(enrolmentId: string) {
  const db = await getDb();
  const [agreement] = await db
    .select()
    .from(learningAgreements)
    .where(eq(learningAgreements.enrolmentId, enrolmentId))
    .limit(1);
  if (!agreement) return { agreement: null, signatures: [] as SignatureLike[] };
  const signatures = await db
    .select({
      party: learningAgreementSignatures.party,
      version: learningAgreementSignatures.version,
      contentHash: learningAgreementSignatures.contentHash,
      signedAt: learningAgreementSignatures.signedAt,
      signerName: users.name,
    })
    .from(learningAgreementSignatures)
    .innerJoin(users, eq(users.id, learningAgreementSignatures.userId))
    .where(eq(learningAgreementSignatures.agreementId, agreement.id))
    .orderBy(asc(learningAgreementSignatures.signedAt));
  return { agreement, signatures };
}

/** Agreements and their signatures for many enrolments (the supervisor's desk), in two queries. */
export async function agreementsFor(enrolmentIds: string[]) {
  const result = new Map<string, { agreement: typeof learningAgreements.$inferSelect; signatures: SignatureLike[] }>();
  if (enrolmentIds.length === 0) return result;
  // Each agreement with its signatures, in one statement (an agreement nobody has signed comes once, alone).
  const query = await preparedStatement("agreements_for_years", (db) =>
    db
      .select({ agreement: learningAgreements, signature: learningAgreementSignatures })
      .from(learningAgreements)
      .leftJoin(learningAgreementSignatures, eq(learningAgreementSignatures.agreementId, learningAgreements.id))
      .where(sql`${learningAgreements.enrolmentId} = any(${sql.placeholder("ids")}::uuid[])`)
      .orderBy(asc(learningAgreementSignatures.signedAt))
      .prepare("agreements_for_years"),
  );
  for (const { agreement, signature } of await query.execute({ ids: enrolmentIds })) {
    let found = result.get(agreement.enrolmentId);
    if (!found) result.set(agreement.enrolmentId, (found = { agreement, signatures: [] }));
    if (signature) found.signatures.push(signature);
  }
  return result;
}

/** The audit actor, whose role is the party they sign as. */
export type Actor = Omit<AuditActor, "role"> & { party: Party };

/** Saves the agreement's text; a change makes a new version, which earlier signatures do not cover. Audited in the same transaction. */
export async function saveAgreement(enrolmentId: string, actor: Actor, content: AgreementContent) {
  const db = await getDb();
  const contentHash = agreementHash(content);
  // Writes the new text (or nothing, when it is unchanged); its audit record joins the same transaction below.
  const write = async (tx: Database) => {
    const [existing] = await tx
      .select()
      .from(learningAgreements)
      .where(eq(learningAgreements.enrolmentId, enrolmentId))
      .limit(1);
    if (!existing) {
      const [row] = await tx
        .insert(learningAgreements)
        .values({ enrolmentId, ...content, contentHash, updatedById: actor.userId })
        .returning();
      return { row: row!, changed: true };
    }
    if (existing.contentHash === contentHash) return { row: existing, changed: false };
    const [row] = await tx
      .update(learningAgreements)
      .set({ ...content, contentHash, version: existing.version + 1, updatedById: actor.userId, updatedAt: new Date() })
      .where(eq(learningAgreements.id, existing.id))
      .returning();
    return { row: row!, changed: true };
  };
  const saved = await db.transaction(async (tx) => {
    const result = await write(tx);
    if (result.changed) {
      await recordAudit(
        {
          ...actedBy({ ...actor, role: actor.party }),
          action: "learning_agreement.saved",
          subjectType: "learning_agreement",
          subjectId: result.row.id,
          detail: { version: result.row.version, enrolment: enrolmentId },
        },
        tx,
      );
    }
    return result;
  });
  return saved;
}

/** `waitingFor`: the parties who have still to sign the version just signed. */
export type SignResult = { ok: true; waitingFor: Party[] } | { ok: false; message: string };

/** Signs the version the signer read; refused if the text changed since they loaded it. */
export async function signAgreement(enrolmentId: string, actor: Actor, versionSeen: number): Promise<SignResult> {
  const db = await getDb();
  const [agreement] = await db
    .select()
    .from(learningAgreements)
    .where(eq(learningAgreements.enrolmentId, enrolmentId))
    .limit(1);
  if (!agreement) return { ok: false, message: "Write the agreement before signing it" };
  if (agreement.version !== versionSeen)
    return { ok: false, message: "The agreement changed while you were reading it. Read the new version, then sign" };
  if (AGREEMENT_FIELDS.some((field) => !agreement[field].trim()))
    return { ok: false, message: "Every part of the agreement must be filled in before it is signed" };
  let told: NoticeRow[] = [];
  const sign = db.transaction(async (tx): Promise<SignResult> => {
    const inserted = await tx
      .insert(learningAgreementSignatures)
      .values({
        agreementId: agreement.id,
        version: agreement.version,
        contentHash: agreement.contentHash,
        party: actor.party,
        userId: actor.userId,
        organisationId: actor.organisationId,
      })
      .onConflictDoNothing()
      .returning({ id: learningAgreementSignatures.id });
    if (!inserted[0]) return { ok: false, message: "This version is already signed for your role" };
    const signed = await tx
      .select({ party: learningAgreementSignatures.party })
      .from(learningAgreementSignatures)
      .where(
        and(
          eq(learningAgreementSignatures.agreementId, agreement.id),
          eq(learningAgreementSignatures.version, agreement.version),
        ),
      );
    await recordAudit(
      {
        ...actedBy({ ...actor, role: actor.party }),
        action: "learning_agreement.signed",
        subjectType: "learning_agreement",
        subjectId: agreement.id,
        detail: { version: agreement.version, contentHash: agreement.contentHash, party: actor.party },
      },
      tx,
    );
    const waitingFor = PARTIES.filter((p) => !signed.some((s) => s.party === p));
    // Whoever has still to sign this version is told, once per version.
    const year = await yearParties(tx, enrolmentId);
    if (year) {
      const by = await actorName(tx, actor.userId, "Someone");
      told = await recordNotices(tx, agreementNotices(year, agreement.version, waitingFor, by));
    }
    return { ok: true, waitingFor };
  });
  try {
    const result = await sign;
    await emailNoticesAfterCommit(told);
    return result;
  } catch (error) {
    // The database lets only the year's team manager sign as team manager (migration 0024).
    if (refusedByCheck(error)) return { ok: false, message: "Only the year's team manager signs as team manager" };
    throw error;
  }
}
