/** Moderation panels, their outcomes and the certificates that follow a pass. */
import { randomBytes } from "node:crypto";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "#db/client";
import { certificates, enrolments, organisations, panelOutcomes, panels, users, type PanelCase } from "#db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { yearInputFor } from "~/modules/first-year/year";
import { findProgramme, loadManifest } from "~/modules/programmes/catalogue.server";
import { getDb } from "~/utils/db.server";
import { isUuid } from "~/utils/ids";
import { frameworksFor } from "~/modules/portfolio/rules";
import { caseState, panelSample, passed, type PanelOutcome } from "./panel";
import { reviewStates } from "./reviews";
import { reviewRecordsFor } from "./reviews.server";
import { englandDay } from "~/utils/england";

export interface PanelActor {
  userId: string;
  role: string;
  organisationId: string;
  ipAddress?: string;
}

/** Portfolios whose final assessment is signed off (recommended and countersigned), with the recommendation. */
export async function portfoliosForPanel(organisationId: string, programmeSlug: string) {
  const programme = findProgramme(programmeSlug);
  if (!programme?.assessment) return [];
  const db = await getDb();
  const rows = await db
    .select({ enrolment: enrolments, learnerName: users.name })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(
      and(
        eq(enrolments.organisationId, organisationId),
        eq(enrolments.programmeSlug, programmeSlug),
        eq(enrolments.status, "active"),
      ),
    );
  const records = await reviewRecordsFor(rows.map((r) => r.enrolment.id));
  return rows.flatMap(({ enrolment, learnerName }) => {
    const record = records.get(enrolment.id)!;
    const final = reviewStates(yearInputFor(enrolment, programme), record).find((r) => r.final);
    if (final?.state !== "complete") return [];
    const decision = [...record.signoffs]
      .reverse()
      .find((s) => s.reviewCode === final.code && s.step === "supervisor_decision" && s.decision === "approved");
    if (decision?.outcome !== "pass" && decision?.outcome !== "fail") return [];
    return [{ enrolmentId: enrolment.id, learnerName, recommendation: decision.outcome as "pass" | "fail" }];
  });
}

export async function createPanel(
  actor: PanelActor,
  input: { programmeSlug: string; name: string; sampleShare: number; chairId: string },
) {
  const candidates = await portfoliosForPanel(actor.organisationId, input.programmeSlug);
  const seed = encodeBase32UpperCaseNoPadding(randomBytes(10));
  const sample = panelSample(
    candidates.map(({ enrolmentId, recommendation }) => ({ enrolmentId, recommendation })),
    input.sampleShare,
    seed,
  );
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [panel] = await tx
      .insert(panels)
      .values({ ...input, organisationId: actor.organisationId, seed, sample, createdById: actor.userId })
      .returning();
    await recordAudit(
      {
        actorUserId: actor.userId,
        actorRole: actor.role,
        organisationId: actor.organisationId,
        action: "panel.created",
        subjectType: "panel",
        subjectId: panel!.id,
        detail: { seed, sampled: sample.length, of: candidates.length, share: input.sampleShare },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return panel!;
  });
}

export async function listPanels(organisationId: string) {
  const db = await getDb();
  return db
    .select({ panel: panels, chairName: users.name })
    .from(panels)
    .innerJoin(users, eq(users.id, panels.chairId))
    .where(eq(panels.organisationId, organisationId))
    .orderBy(desc(panels.createdAt));
}

/** A panel of this organisation, or null (another organisation's panel is not found). */
export async function findPanel(organisationId: string, panelId: string | undefined) {
  if (!isUuid(panelId)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ panel: panels, chairName: users.name })
    .from(panels)
    .innerJoin(users, eq(users.id, panels.chairId))
    .where(and(eq(panels.id, panelId), eq(panels.organisationId, organisationId)))
    .limit(1);
  if (!row) return null;
  const ids = row.panel.sample.map((c) => c.enrolmentId);
  const [outcomes, names] = await Promise.all([
    db.select().from(panelOutcomes).where(eq(panelOutcomes.panelId, panelId)).orderBy(asc(panelOutcomes.at)),
    ids.length
      ? db
          .select({ id: enrolments.id, name: users.name })
          .from(enrolments)
          .innerJoin(users, eq(users.id, enrolments.userId))
          .where(inArray(enrolments.id, ids))
      : Promise.resolve([]),
  ]);
  return { ...row, outcomes, names: new Map(names.map((n) => [n.id, n.name])) };
}

export type PanelRecord = NonNullable<Awaited<ReturnType<typeof findPanel>>>;
export type PanelResult = { ok: true; certificateCode?: string } | { ok: false; message: string };

/** One step of a panel outcome, written once (a unique index refuses a second) and audited, in the caller's transaction. */
async function writeOutcome(
  tx: Database,
  panel: PanelRecord,
  enrolmentId: string,
  actor: PanelActor,
  step: "recorded" | "chair_signed",
  outcome: string,
  reasons: string,
) {
  const inserted = await tx
    .insert(panelOutcomes)
    .values({ panelId: panel.panel.id, enrolmentId, step, outcome, reasons, userId: actor.userId, role: actor.role })
    .onConflictDoNothing()
    .returning({ id: panelOutcomes.id });
  if (!inserted[0]) return false;
  await recordAudit(
    {
      actorUserId: actor.userId,
      actorRole: actor.role,
      organisationId: actor.organisationId,
      action: step === "recorded" ? "panel.outcome_recorded" : "panel.outcome_signed",
      subjectType: "panel",
      subjectId: panel.panel.id,
      detail: { enrolment: enrolmentId, outcome },
      ipAddress: actor.ipAddress,
    },
    tx,
  );
  return true;
}

function caseOf(panel: PanelRecord, enrolmentId: string): PanelCase | undefined {
  return panel.panel.sample.find((c) => c.enrolmentId === enrolmentId);
}

export async function recordPanelOutcome(
  panel: PanelRecord,
  enrolmentId: string,
  actor: PanelActor,
  outcome: PanelOutcome,
  reasons: string,
): Promise<PanelResult> {
  if (!caseOf(panel, enrolmentId)) return { ok: false, message: "That portfolio is not in this panel's sample" };
  if (caseState(enrolmentId, panel.outcomes).state !== "to_read")
    return { ok: false, message: "The panel's outcome for this portfolio is already recorded" };
  const db = await getDb();
  const written = await db.transaction((tx) =>
    writeOutcome(tx, panel, enrolmentId, actor, "recorded", outcome, reasons.trim()),
  );
  if (!written) return { ok: false, message: "The panel's outcome for this portfolio is already recorded" };
  return { ok: true };
}

/** The chair signs the recorded outcome; a pass the panel agrees with is certified there and then. */
export async function chairSignOutcome(
  panel: PanelRecord,
  enrolmentId: string,
  actor: PanelActor,
): Promise<PanelResult> {
  const found = caseOf(panel, enrolmentId);
  if (!found) return { ok: false, message: "That portfolio is not in this panel's sample" };
  if (panel.panel.chairId !== actor.userId) return { ok: false, message: "Only the panel's chair signs its outcomes" };
  const { state, recorded } = caseState(enrolmentId, panel.outcomes);
  if (state !== "recorded" || !recorded)
    return { ok: false, message: "There is no recorded outcome waiting for your signature" };
  const db = await getDb();
  // The chair's signature and the certificate it leads to are written together or not at all.
  return db.transaction(async (tx): Promise<PanelResult> => {
    const written = await writeOutcome(
      tx,
      panel,
      enrolmentId,
      actor,
      "chair_signed",
      recorded.outcome,
      recorded.reasons,
    );
    if (!written) return { ok: false, message: "The chair has already signed this outcome" };
    if (!passed(found.recommendation, recorded.outcome)) return { ok: true };
    const code = await issueCertificate(tx, enrolmentId, actor);
    return { ok: true, certificateCode: code };
  });
}

/** Codes people can read out: PP- and three groups of four letters and digits. */
function newCode() {
  const raw = encodeBase32UpperCaseNoPadding(randomBytes(8)).slice(0, 12);
  return `PP-${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
}

async function issueCertificate(tx: Database, enrolmentId: string, actor: PanelActor) {
  const [row] = await tx
    .select({ enrolment: enrolments, learnerName: users.name, organisationName: organisations.name })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .innerJoin(organisations, eq(organisations.id, enrolments.organisationId))
    .where(eq(enrolments.id, enrolmentId))
    .limit(1);
  const programme = findProgramme(row!.enrolment.programmeSlug)!;
  const code = newCode();
  const inserted = await tx
    .insert(certificates)
    .values({
      code,
      enrolmentId,
      learnerName: row!.learnerName,
      organisationName: row!.organisationName,
      programmeTitle: programme.title,
      // The frameworks the year was assessed against: the PCF with the learner's own KSS, not every one the programme lists.
      frameworks: frameworksFor(programme.assessment!, row!.enrolment.pathway)
        .map((id) => loadManifest().frameworks.find((f) => f.id === id)?.title ?? id)
        .join("; "),
      startedOn: row!.enrolment.startedOn,
      completedOn: englandDay(),
    })
    .onConflictDoNothing()
    .returning({ code: certificates.code });
  await recordAudit(
    {
      actorUserId: actor.userId,
      actorRole: actor.role,
      organisationId: actor.organisationId,
      action: "certificate.issued",
      subjectType: "enrolment",
      subjectId: enrolmentId,
      detail: { enrolment: enrolmentId, code },
      ipAddress: actor.ipAddress,
    },
    tx,
  );
  return inserted[0]?.code ?? code;
}

export async function certificateFor(enrolmentId: string) {
  const db = await getDb();
  const [row] = await db.select().from(certificates).where(eq(certificates.enrolmentId, enrolmentId)).limit(1);
  return row ?? null;
}

export async function certificateByCode(code: string) {
  const normal = code.trim().toUpperCase().replace(/\s+/g, "");
  if (!/^PP-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/.test(normal)) return null;
  const db = await getDb();
  const [row] = await db.select().from(certificates).where(eq(certificates.code, normal)).limit(1);
  return row ?? null;
}

/** The panel outcomes about one learner, with the panel's name (the appeal export). */
export async function panelOutcomesFor(enrolmentId: string) {
  const db = await getDb();
  return db
    .select({ outcome: panelOutcomes, panelName: panels.name, signerName: users.name })
    .from(panelOutcomes)
    .innerJoin(panels, eq(panels.id, panelOutcomes.panelId))
    .innerJoin(users, eq(users.id, panelOutcomes.userId))
    .where(eq(panelOutcomes.enrolmentId, enrolmentId))
    .orderBy(asc(panelOutcomes.at));
}
