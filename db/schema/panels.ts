import { index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./organisations";
import { enrolments } from "./programmes";
import { users } from "./users";

export interface PanelCase {
  enrolmentId: string;
  /** The assessor's recommendation the case came with: every fail is read, and a sample of passes. */
  recommendation: "pass" | "fail";
  /** The final assessment's sign-off (the assessor's recommendation) the case is about; absent on panels made before it was kept. */
  signoffId?: string;
  /** The hash of the submission that sign-off approved: the exact evidence and versions. */
  submissionHash?: string;
}

/** An internal moderation panel for an employer's portfolios. The sample is fixed when the panel is made. */
export const panels = pgTable(
  "panels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    programmeSlug: text("programme_slug").notNull(),
    name: text("name").notNull(),
    sampleShare: numeric("sample_share", { precision: 3, scale: 2, mode: "number" }).notNull(),
    /** The seed the sample of passes was drawn with, so the draw can be repeated and checked. */
    seed: text("seed").notNull(),
    sample: jsonb("sample").$type<PanelCase[]>().notNull(),
    /**
     * Every portfolio of the round (the sample and the passes not drawn), fixed when the panel is made:
     * the chair ratifies the passes not drawn. Null on panels made before rounds were kept whole.
     */
    cases: jsonb("cases").$type<PanelCase[]>(),
    chairId: uuid("chair_id")
      .notNull()
      .references(() => users.id),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("panels_org").on(t.organisationId)],
);

/**
 * The panel's outcome for one portfolio: agree, disagree (with reasons) or an extension;
 * final only once the chair signs it, or, for a pass not drawn for reading, once the chair
 * ratifies it (step "ratified"). Append-only: the database refuses UPDATE and DELETE.
 */
export const panelOutcomes = pgTable(
  "panel_outcomes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    panelId: uuid("panel_id")
      .notNull()
      .references(() => panels.id),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id),
    /** recorded (by a panel member), chair_signed, or ratified (a pass not drawn, confirmed by the chair). */
    step: text("step").notNull(),
    outcome: text("outcome").notNull(),
    reasons: text("reasons").notNull().default(""),
    /**
     * The final assessment's sign-off (signoffs.id) the outcome is about; null on outcomes recorded
     * before it was kept. No foreign key: sign-offs, like outcomes, are never deleted, and a key
     * would make TRUNCATE on signoffs fail before its append-only trigger could say why.
     */
    signoffId: uuid("signoff_id"),
    /** The hash of the submission that sign-off approved: the exact evidence and versions. */
    submissionHash: text("submission_hash"),
    /** For an extension: the days the panel adds to the year. */
    extensionDays: integer("extension_days"),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("panel_outcomes_once").on(t.panelId, t.enrolmentId, t.step)],
);

/** A certificate issued after the panel; anyone can check its code on the public page. */
export const certificates = pgTable("certificates", {
  id: uuid("id").primaryKey().defaultRandom(),
  code: text("code").notNull().unique(),
  enrolmentId: uuid("enrolment_id")
    .notNull()
    .unique()
    .references(() => enrolments.id),
  learnerName: text("learner_name").notNull(),
  organisationName: text("organisation_name").notNull(),
  programmeTitle: text("programme_title").notNull(),
  frameworks: text("frameworks").notNull(),
  /** The programme's start date. */
  startedOn: text("started_on").notNull(),
  /** The day the certificate was issued (the panel's decision); kept for certificates issued before the two dates below. */
  completedOn: text("completed_on").notNull(),
  /** The programme's end date: the year's last day after part-time working, pauses and extensions. */
  endsOn: text("ends_on"),
  /** The day the panel's outcome became final (the chair's signature or ratification), in England. */
  decidedOn: text("decided_on"),
  issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
  /**
   * Who decided the award: null for a moderation panel (the first year), "independent_assessor" for a
   * programme assessed against criteria (ADR 024).
   */
  decidedBy: text("decided_by"),
  /** What the award is, in words the certificate and the verify page print (a programme's own award). */
  awardNote: text("award_note"),
});
