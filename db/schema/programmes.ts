import { relations, sql } from "drizzle-orm";
import {
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organisations } from "./organisations";
import { users } from "./users";

/**
 * Learner state only: what a programme, module or lesson *is* lives in content/ and the
 * compiled manifest; rows here refer to it by stable slugs.
 */
export const cohorts = pgTable(
  "cohorts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    programmeSlug: text("programme_slug").notNull(),
    name: text("name").notNull(),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("cohorts_org").on(t.organisationId)],
);

/** "refunded": the place that paid for it was refunded, so access ended (ADR 027). */
export const enrolmentStatus = pgEnum("enrolment_status", ["active", "completed", "withdrawn", "refunded"]);

export const enrolments = pgTable(
  "enrolments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    programmeSlug: text("programme_slug").notNull(),
    /** Null when a learner enrolled themselves on a free programme. */
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    cohortId: uuid("cohort_id").references(() => cohorts.id, { onDelete: "set null" }),
    supervisorId: uuid("supervisor_id").references(() => users.id, { onDelete: "set null" }),
    /**
     * The learner's team manager (line manager, who allocates their work) for this year: one of the
     * organisation's team managers. Signs the learning agreement and countersigns reviews (ADR 018).
     */
    teamManagerId: uuid("team_manager_id").references(() => users.id, { onDelete: "set null" }),
    startedOn: date("started_on", { mode: "string" }).notNull(),
    status: enrolmentStatus("status").notNull().default("active"),
    /** For a programme with pathways (the ASYE: adults', or child and family): which one, by code. */
    pathway: text("pathway"),
    /** Working time as a share of full time; part-time work extends the assessed year pro rata. */
    fte: numeric("fte", { precision: 3, scale: 2, mode: "number" }).notNull().default(1),
    /** Pauses in the assessed year (long sickness, parental leave): every later date moves. */
    pauses: jsonb("pauses").$type<{ from: string; to: string; reason: string }[]>().notNull().default([]),
    /** Calendar days added to the end of the year and its final review. */
    extensionDays: integer("extension_days").notNull().default(0),
    /** Review points the employer has added to this year (the ASYE's optional 9-month review), by code. */
    optionalReviews: text("optional_reviews").array().notNull().default(sql`'{}'::text[]`),
    enrolledById: uuid("enrolled_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("enrolments_user_programme").on(t.userId, t.programmeSlug),
    index("enrolments_org").on(t.organisationId),
    index("enrolments_cohort").on(t.cohortId),
    index("enrolments_supervisor").on(t.supervisorId),
    index("enrolments_team_manager")
      .on(t.teamManagerId)
      .where(sql`${t.teamManagerId} is not null`),
  ],
);

/** The columns that tie a row to one lesson of one learner's enrolment (fresh builders per table). */
function lessonOfEnrolment() {
  return {
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id, { onDelete: "cascade" }),
    moduleSlug: text("module_slug").notNull(),
    lessonSlug: text("lesson_slug").notNull(),
  };
}

export const lessonProgress = pgTable(
  "lesson_progress",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ...lessonOfEnrolment(),
    firstViewedAt: timestamp("first_viewed_at", { withTimezone: true }).notNull().defaultNow(),
    lastViewedAt: timestamp("last_viewed_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("lesson_progress_lesson").on(t.enrolmentId, t.moduleSlug, t.lessonSlug)],
);

/** Every submitted knowledge check, kept with its score; the latest is shown. */
export const knowledgeCheckAttempts = pgTable(
  "knowledge_check_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ...lessonOfEnrolment(),
    /** Question id → index of the option chosen. */
    answers: jsonb("answers").$type<Record<string, number>>().notNull(),
    score: integer("score").notNull(),
    total: integer("total").notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("knowledge_check_attempts_lesson").on(t.enrolmentId, t.moduleSlug, t.lessonSlug)],
);

export const reflectionStatus = pgEnum("reflection_status", ["draft", "saved"]);

/**
 * A learner's answer to a lesson's reflective prompt. `body` is what they last saved;
 * `draftBody` is what they are typing now, kept while they type and never over the saved text.
 */
export const lessonReflections = pgTable(
  "lesson_reflections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ...lessonOfEnrolment(),
    reflectionId: text("reflection_id").notNull(),
    body: text("body").notNull().default(""),
    draftBody: text("draft_body"),
    status: reflectionStatus("status").notNull().default("draft"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set when the learner sends it to their portfolio (the portfolio arrives with the first-year issue). */
    sentToPortfolioAt: timestamp("sent_to_portfolio_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("lesson_reflections_prompt").on(t.enrolmentId, t.moduleSlug, t.lessonSlug, t.reflectionId)],
);

export const cohortsRelations = relations(cohorts, ({ one, many }) => ({
  organisation: one(organisations, { fields: [cohorts.organisationId], references: [organisations.id] }),
  enrolments: many(enrolments),
}));

export const enrolmentsRelations = relations(enrolments, ({ one, many }) => ({
  user: one(users, { fields: [enrolments.userId], references: [users.id] }),
  cohort: one(cohorts, { fields: [enrolments.cohortId], references: [cohorts.id] }),
  progress: many(lessonProgress),
}));

export const lessonProgressRelations = relations(lessonProgress, ({ one }) => ({
  enrolment: one(enrolments, { fields: [lessonProgress.enrolmentId], references: [enrolments.id] }),
}));
