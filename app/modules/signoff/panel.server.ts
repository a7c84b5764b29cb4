/** Moderation panels, their outcomes and the certificates that follow a pass. */
import { randomBytes } from "node:crypto";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { certificates, enrolments, organisations, panelOutcomes, panels, users, type PanelCase } from "#db/schema";
import { actedBy, type OrganisationActor, recordAudit } from "~/modules/audit/audit.server";
import { isoDate, yearEnd, yearInputFor } from "~/modules/first-year/year";
import { findProgramme, loadManifest } from "~/modules/programmes/catalogue.server";
import { getDb } from "~/utils/db.server";
import { isUuid } from "~/utils/ids";
import { frameworksFor } from "~/modules/portfolio/rules";
import { caseState, panelSample, passed, ratification, yearOutcome, type PanelOutcome, type YearOutcome } from "./panel";
import { reviewStates } from "./reviews";
import { reviewRecordsFor } from "./reviews.server";
import { englandDay } from "~/utils/england";
import { certificateNotice, panelOutcomeNotices } from "~/modules/notices/notices";
import { emailNoticesAfterCommit, type NoticeRow, recordNotices, yearParties } from "~/modules/notices/notices.server";
import { perYear } from "~/modules/first-year/year-cache.server";
import { cacheEntry } from "~/utils/cache.server";
import { newVerificationCode, normalVerificationCode } from "./verification-code.server";

export type PanelActor = OrganisationActor;

const FINAL_STEPS = ["chair_signed", "ratified"];

/**
 * The final panel outcomes (chair signed or ratified) about these portfolios, oldest first, with the
 * panel each came from: one query for any number.
 */
async function finalOutcomesFor(enrolmentIds: string[]) {
  if (!enrolmentIds.length) return [];
  const db = await getDb();
  return db
    .select({ outcome: panelOutcomes, sample: panels.sample, cases: panels.cases })
    .from(panelOutcomes)
    .innerJoin(panels, eq(panels.id, panelOutcomes.panelId))
    .where(and(inArray(panelOutcomes.enrolmentId, enrolmentIds), inArray(panelOutcomes.step, FINAL_STEPS)))
    .orderBy(asc(panelOutcomes.at));
}

/**
 * Portfolios whose final assessment is signed off (recommended and countersigned), with the
 * recommendation and the exact sign-off it came with, that no panel has yet given a final outcome
 * on that sign-off (an outcome from before sign-offs were named counts for the portfolio's
 * recommendation then, unless it extended the year).
 */
export async function portfoliosForPanel(organisationId: string, programmeSlug: string) {
  return (await roundCandidates(organisationId, programmeSlug)).map(({ enrolmentId, learnerName, recommendation }) => ({
    enrolmentId,
    learnerName,
    recommendation,
  }));
}

/** The portfolios a new panel's round would hold, each with the final assessment's sign-off and submission hash. */
async function roundCandidates(organisationId: string, programmeSlug: string) {
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
  const ids = rows.map((r) => r.enrolment.id);
  const [records, finals] = await Promise.all([reviewRecordsFor(ids), finalOutcomesFor(ids)]);
  return rows.flatMap(({ enrolment, learnerName }) => {
    const record = records.get(enrolment.id)!;
    const final = reviewStates(yearInputFor(enrolment, programme), record).find((r) => r.final);
    if (final?.state !== "complete") return [];
    const decision = [...record.signoffs]
      .reverse()
      .find((s) => s.reviewCode === final.code && s.step === "supervisor_decision" && s.decision === "approved");
    if (decision?.outcome !== "pass" && decision?.outcome !== "fail") return [];
    const decided = finals.some(
      ({ outcome: o }) =>
        o.enrolmentId === enrolment.id &&
        (o.signoffId === decision.id || (o.signoffId === null && o.outcome !== "extension")),
    );
    if (decided) return [];
    return [
      {
        enrolmentId: enrolment.id,
        learnerName,
        recommendation: decision.outcome as "pass" | "fail",
        signoffId: decision.id,
        submissionHash: decision.contentHash,
      },
    ];
  });
}

export async function createPanel(
  actor: PanelActor,
  input: { programmeSlug: string; name: string; sampleShare: number; chairId: string },
) {
  const candidates = await roundCandidates(actor.organisationId, input.programmeSlug);
  const seed = encodeBase32UpperCaseNoPadding(randomBytes(10));
  const cases: PanelCase[] = candidates.map(({ enrolmentId, recommendation, signoffId, submissionHash }) => ({
    enrolmentId,
    recommendation,
    signoffId,
    submissionHash,
  }));
  const sample = panelSample(cases, input.sampleShare, seed);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [panel] = await tx
      .insert(panels)
      .values({ ...input, organisationId: actor.organisationId, seed, sample, cases, createdById: actor.userId })
      .returning();
    await recordAudit(
      {
        ...actedBy(actor),
        action: "panel.created",
        subjectType: "panel",
        subjectId: panel!.id,
        detail: { seed, sampled: sample.length, of: candidates.length, share: input.sampleShare },
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
  const round = roundOf(row.panel);
  const ids = round.map((c) => c.enrolmentId);
  const [outcomes, elsewhere, names] = await Promise.all([
    db.select().from(panelOutcomes).where(eq(panelOutcomes.panelId, panelId)).orderBy(asc(panelOutcomes.at)),
    ids.length
      ? db
          .select({ enrolmentId: panelOutcomes.enrolmentId, signoffId: panelOutcomes.signoffId })
          .from(panelOutcomes)
          .where(
            and(
              inArray(panelOutcomes.enrolmentId, ids),
              inArray(panelOutcomes.step, FINAL_STEPS),
              ne(panelOutcomes.panelId, panelId),
            ),
          )
      : Promise.resolve([]),
    ids.length
      ? db
          .select({ id: enrolments.id, name: users.name })
          .from(enrolments)
          .innerJoin(users, eq(users.id, enrolments.userId))
          .where(inArray(enrolments.id, ids))
      : Promise.resolve([]),
  ]);
  // A portfolio another panel has already given a final outcome on the same sign-off is not decided twice.
  const finalElsewhere = new Set(
    elsewhere
      .filter((e) => {
        const c = round.find((r) => r.enrolmentId === e.enrolmentId);
        return !c?.signoffId || !e.signoffId || e.signoffId === c.signoffId;
      })
      .map((e) => e.enrolmentId),
  );
  return { ...row, round, outcomes, finalElsewhere, names: new Map(names.map((n) => [n.id, n.name])) };
}

/** Every portfolio of a panel's round; a panel made before rounds were kept whole knew only its sample. */
export function roundOf(panel: { sample: PanelCase[]; cases: PanelCase[] | null }) {
  return panel.cases ?? panel.sample;
}

export type PanelRecord = NonNullable<Awaited<ReturnType<typeof findPanel>>>;
export type PanelResult = { ok: true; certificateCode?: string } | { ok: false; message: string };

/** One step of a panel outcome, written once (a unique index refuses a second) and audited, in the caller's transaction. */
async function writeOutcome(
  tx: Database,
  panel: PanelRecord,
  enrolmentId: string,
  actor: PanelActor,
  step: "recorded" | "chair_signed" | "ratified",
  outcome: string,
  reasons: string,
  extensionDays: number | null = null,
) {
  const found = panel.round.find((c) => c.enrolmentId === enrolmentId);
  const inserted = await tx
    .insert(panelOutcomes)
    .values({
      panelId: panel.panel.id,
      enrolmentId,
      step,
      outcome,
      reasons,
      extensionDays: outcome === "extension" ? extensionDays : null,
      signoffId: found?.signoffId ?? null,
      submissionHash: found?.submissionHash ?? null,
      userId: actor.userId,
      role: actor.role,
    })
    .onConflictDoNothing()
    .returning({ id: panelOutcomes.id });
  if (!inserted[0]) return false;
  await recordAudit(
    {
      ...actedBy(actor),
      action:
        step === "recorded" ? "panel.outcome_recorded" : step === "ratified" ? "panel.pass_ratified" : "panel.outcome_signed",
      subjectType: "panel",
      subjectId: panel.panel.id,
      detail: {
        enrolment: enrolmentId,
        outcome,
        ...(extensionDays && outcome === "extension" ? { extensionDays } : {}),
        ...(found?.signoffId ? { signoff: found.signoffId, submissionHash: found.submissionHash } : {}),
      },
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
  extensionDays: number | null = null,
): Promise<PanelResult> {
  if (!caseOf(panel, enrolmentId)) return { ok: false, message: "That portfolio is not in this panel's sample" };
  if (panel.finalElsewhere.has(enrolmentId))
    return { ok: false, message: "Another panel has already given this portfolio its final outcome" };
  if (caseState(enrolmentId, panel.outcomes).state !== "to_read")
    return { ok: false, message: "The panel's outcome for this portfolio is already recorded" };
  if (outcome === "extension" && !extensionDays)
    return { ok: false, message: "Say how many days the panel extends the year by" };
  const db = await getDb();
  const written = await db.transaction((tx) =>
    writeOutcome(tx, panel, enrolmentId, actor, "recorded", outcome, reasons.trim(), extensionDays),
  );
  if (!written) return { ok: false, message: "The panel's outcome for this portfolio is already recorded" };
  return { ok: true };
}

/**
 * The chair signs the recorded outcome, and the year follows it in the same transaction: a pass the
 * panel agrees with, or a fail it overturns, is certified there and then; an extension adds its days
 * to the year (its end date and final assessment move).
 */
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
  if (panel.finalElsewhere.has(enrolmentId))
    return { ok: false, message: "Another panel has already given this portfolio its final outcome" };
  const db = await getDb();
  const told: NoticeRow[] = [];
  // The chair's signature and the certificate it leads to are written together or not at all.
  const result = await db.transaction(async (tx): Promise<PanelResult> => {
    const written = await writeOutcome(
      tx,
      panel,
      enrolmentId,
      actor,
      "chair_signed",
      recorded.outcome,
      recorded.reasons,
      recorded.extensionDays,
    );
    if (!written) return { ok: false, message: "The chair has already signed this outcome" };
    const extended = recorded.outcome === "extension" && !!recorded.extensionDays;
    const pass = !extended && passed(found.recommendation, recorded.outcome);
    const year = await yearParties(tx, enrolmentId);
    if (year)
      told.push(
        ...(await recordNotices(
          tx,
          panelOutcomeNotices(year, { id: `${panel.panel.id}:${enrolmentId}`, passed: pass, extensionDays: extended ? recorded.extensionDays : null }),
        )),
      );
    if (extended) {
      await extendYear(tx, panel, enrolmentId, recorded.extensionDays!, actor);
      return { ok: true };
    }
    if (!pass) return { ok: true };
    const code = await issueCertificate(tx, enrolmentId, actor, told);
    return { ok: true, certificateCode: code };
  });
  await emailNoticesAfterCommit(told);
  return result;
}

/** The panel's extension moves the end of the year and its final assessment by its days. */
async function extendYear(tx: Database, panel: PanelRecord, enrolmentId: string, days: number, actor: PanelActor) {
  const [row] = await tx
    .update(enrolments)
    .set({ extensionDays: sql`${enrolments.extensionDays} + ${days}` })
    .where(eq(enrolments.id, enrolmentId))
    .returning({ extensionDays: enrolments.extensionDays });
  await recordAudit(
    {
      ...actedBy(actor),
      action: "year.settings_changed",
      subjectType: "enrolment",
      subjectId: enrolmentId,
      detail: { extensionDays: row?.extensionDays, panel: panel.panel.id, addedByPanel: days },
    },
    tx,
  );
}

export type RatifyResult = { ok: true; ratified: number } | { ok: false; message: string };

/**
 * The chair ratifies, in one signed step, every pass of the round the panel did not draw for
 * reading: one append-only outcome for each (the chair, their role, the time, and the final
 * assessment's sign-off and submission it covers), each certified in the same transaction. Only
 * once every portfolio the panel read has its final outcome.
 */
export async function ratifyPasses(panel: PanelRecord, actor: PanelActor): Promise<RatifyResult> {
  if (panel.panel.chairId !== actor.userId) return { ok: false, message: "Only the panel's chair ratifies its passes" };
  const plan = ratification(panel.round, panel.panel.sample, panel.outcomes, panel.finalElsewhere);
  if (plan.waitingForSample > 0)
    return {
      ok: false,
      message: `Sign the outcome of every portfolio the panel read first: ${plan.waitingForSample} still ${plan.waitingForSample === 1 ? "waits" : "wait"}`,
    };
  if (!plan.toRatify.length) return { ok: false, message: "There are no passes left to ratify" };
  const db = await getDb();
  const told: NoticeRow[] = [];
  const result = await db.transaction(async (tx): Promise<RatifyResult> => {
    for (const c of plan.toRatify) {
      const written = await writeOutcome(tx, panel, c.enrolmentId, actor, "ratified", "agree", "");
      // A second click races for the same rows: the unique index refuses them, and the whole step is undone.
      if (!written) throw new RatifiedTwice();
      await issueCertificate(tx, c.enrolmentId, actor, told);
    }
    return { ok: true, ratified: plan.toRatify.length };
  }).catch((error: unknown) => {
    if (error instanceof RatifiedTwice) return { ok: false as const, message: "These passes have already been ratified" };
    throw error;
  });
  if (result.ok) await emailNoticesAfterCommit(told);
  return result;
}

class RatifiedTwice extends Error {}

async function issueCertificate(tx: Database, enrolmentId: string, actor: PanelActor, told: NoticeRow[]) {
  const [row] = await tx
    .select({ enrolment: enrolments, learnerName: users.name, organisationName: organisations.name })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .innerJoin(organisations, eq(organisations.id, enrolments.organisationId))
    .where(eq(enrolments.id, enrolmentId))
    .limit(1);
  const programme = findProgramme(row!.enrolment.programmeSlug)!;
  const code = newVerificationCode();
  const today = englandDay();
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
      endsOn: isoDate(yearEnd(yearInputFor(row!.enrolment, programme))),
      decidedOn: today,
      completedOn: today,
    })
    .onConflictDoNothing()
    .returning({ code: certificates.code });
  await recordAudit(
    {
      ...actedBy(actor),
      action: "certificate.issued",
      subjectType: "enrolment",
      subjectId: enrolmentId,
      detail: { enrolment: enrolmentId, code },
    },
    tx,
  );
  const year = await yearParties(tx, enrolmentId);
  if (year && inserted[0]) told.push(...(await recordNotices(tx, [certificateNotice(year, inserted[0].code)])));
  return inserted[0]?.code ?? code;
}

export async function certificateFor(enrolmentId: string) {
  const db = await getDb();
  const [row] = await db.select().from(certificates).where(eq(certificates.enrolmentId, enrolmentId)).limit(1);
  return row ?? null;
}

export async function certificateByCode(code: string) {
  const normal = normalVerificationCode(code);
  if (!normal) return null;
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

export interface YearPanelOutcome {
  outcome: YearOutcome;
  /** The England date the outcome became final (ISO), or null while waiting. */
  decidedOn: string | null;
  certificateCode: string | null;
}

/** Each year's panel outcome (null before one is final), in the data cache. */
const PANEL_OUTCOMES = cacheEntry<YearPanelOutcome | null>("panel-outcome");

/**
 * The panel's final word on each of these years (the latest final outcome, so a year extended and
 * then passed reads as passed), with its certificate: one query for any number of years. A year no
 * panel has decided is absent.
 */
export async function panelOutcomesForYears(enrolmentIds: string[]) {
  const result = new Map<string, YearPanelOutcome>();
  if (!enrolmentIds.length) return result;
  const db = await getDb();
  const rows = await db
    .select({ outcome: panelOutcomes, sample: panels.sample, cases: panels.cases, code: certificates.code })
    .from(panelOutcomes)
    .innerJoin(panels, eq(panels.id, panelOutcomes.panelId))
    .leftJoin(certificates, eq(certificates.enrolmentId, panelOutcomes.enrolmentId))
    .where(and(inArray(panelOutcomes.enrolmentId, enrolmentIds), inArray(panelOutcomes.step, FINAL_STEPS)))
    .orderBy(asc(panelOutcomes.at));
  for (const { outcome, sample, cases, code } of rows) {
    const c = roundOf({ sample, cases }).find((x) => x.enrolmentId === outcome.enrolmentId);
    if (!c) continue;
    result.set(outcome.enrolmentId, {
      outcome: yearOutcome(c.recommendation, outcome),
      decidedOn: englandDay(outcome.at),
      certificateCode: code,
    });
  }
  return result;
}

/**
 * The same, cached against each year's revision (year-cache.server.ts; panel outcomes and
 * certificates move it): a learner's start page asks the database again only when a year changed.
 */
export async function keptPanelOutcomes(years: { enrolment: { id: string }; revision: number }[], today: Date) {
  return perYear(PANEL_OUTCOMES, years, today, "", async (missing) => {
    const found = await panelOutcomesForYears(missing.map((y) => y.enrolment.id));
    return new Map(missing.map((y) => [y.enrolment.id, found.get(y.enrolment.id) ?? null]));
  });
}

export async function panelOutcomeForYear(enrolmentId: string) {
  return (await panelOutcomesForYears([enrolmentId])).get(enrolmentId) ?? null;
}
