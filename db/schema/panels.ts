import { index, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./organisations";
import { enrolments } from "./programmes";
import { users } from "./users";

export interface PanelCase {
  enrolmentId: string;
  /** The assessor's recommendation the case came with: every fail is read, and a sample of passes. */
  recommendation: "pass" | "fail";
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
 * final only once the chair signs it. Append-only: the database refuses UPDATE and DELETE.
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
    /** recorded (by a panel member) or chair_signed. */
    step: text("step").notNull(),
    outcome: text("outcome").notNull(),
    reasons: text("reasons").notNull().default(""),
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
  startedOn: text("started_on").notNull(),
  completedOn: text("completed_on").notNull(),
  issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
});
