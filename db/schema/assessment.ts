/**
 * Assessment against criteria (the advanced practitioner and Child Protection Lead Practitioner
 * programmes, ADR 024): statements, submissions, the line manager's confirmation, the independent
 * assessor's appointment and acceptance, and their decisions. Every table but none is append-only:
 * a change is a new row, and the current state is worked out from them.
 */
import { boolean, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { enrolments } from "./programmes";
import type { CoveredItem } from "./signoff";
import { users } from "./users";

/** A summary statement for one criterion: each save a new version (the candidate's latest stands). */
export const criterionStatements = pgTable(
  "criterion_statements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id),
    criterionCode: text("criterion_code").notNull(),
    version: integer("version").notNull(),
    body: text("body").notNull(),
    writtenById: uuid("written_by_id")
      .notNull()
      .references(() => users.id),
    writtenAt: timestamp("written_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("criterion_statements_version").on(t.enrolmentId, t.criterionCode, t.version)],
);

/** One statement as it was submitted. */
export interface SubmittedStatement {
  code: string;
  body: string;
}

/**
 * A portfolio put forward for assessment: the exact evidence versions mapped to the criteria, the
 * statements, and a hash over both. A resubmission is a new row with the next number.
 */
export const criteriaSubmissions = pgTable(
  "criteria_submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id),
    number: integer("number").notNull(),
    /** The criteria codes the programme had when submitted, in order. */
    criteria: jsonb("criteria").$type<string[]>().notNull(),
    items: jsonb("items").$type<(CoveredItem & { criteria: string[] })[]>().notNull(),
    statements: jsonb("statements").$type<SubmittedStatement[]>().notNull(),
    contentHash: text("content_hash").notNull(),
    submittedById: uuid("submitted_by_id")
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("criteria_submissions_number").on(t.enrolmentId, t.number)],
);

/** The line manager's signed confirmation of the practice claims in one submission. */
export const criteriaConfirmations = pgTable(
  "criteria_confirmations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => criteriaSubmissions.id),
    submissionHash: text("submission_hash").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role").notNull(),
    comments: text("comments").notNull().default(""),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("criteria_confirmations_once").on(t.submissionId)],
);

/**
 * The programme lead's appointment of an independent assessor to one candidate. The latest stands;
 * the database refuses an appointment of the candidate, their supervisor or their line manager.
 */
export const assessorAppointments = pgTable(
  "assessor_appointments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id),
    assessorId: uuid("assessor_id")
      .notNull()
      .references(() => users.id),
    appointedById: uuid("appointed_by_id")
      .notNull()
      .references(() => users.id),
    appointedRole: text("appointed_role").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("assessor_appointments_enrolment").on(t.enrolmentId, t.at), index("assessor_appointments_assessor").on(t.assessorId)],
);

/** The assessor accepting an appointment, with their declaration that they have no conflict of interest. */
export const assessorAcceptances = pgTable(
  "assessor_acceptances",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    appointmentId: uuid("appointment_id")
      .notNull()
      .references(() => assessorAppointments.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role").notNull(),
    /** The words they declared, kept as they read them. */
    declaration: text("declaration").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("assessor_acceptances_once").on(t.appointmentId)],
);

/** Met or not yet met, for one criterion of one submission, with feedback. */
export const criterionDecisions = pgTable(
  "criterion_decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => criteriaSubmissions.id),
    submissionHash: text("submission_hash").notNull(),
    criterionCode: text("criterion_code").notNull(),
    met: boolean("met").notNull(),
    feedback: text("feedback").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("criterion_decisions_once").on(t.submissionId, t.criterionCode)],
);

export const criteriaOutcome = pgEnum("criteria_outcome", ["achieved", "not_yet_achieved", "referred"]);

/** The assessor's overall outcome for one submission. */
export const criteriaOutcomes = pgTable(
  "criteria_outcomes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => criteriaSubmissions.id),
    submissionHash: text("submission_hash").notNull(),
    outcome: criteriaOutcome("outcome").notNull(),
    /** Not yet achieved: what to develop, and when to resubmit by. Referred: why. */
    developmentPlan: text("development_plan").notNull().default(""),
    resubmitBy: date("resubmit_by", { mode: "string" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("criteria_outcomes_once").on(t.submissionId)],
);
