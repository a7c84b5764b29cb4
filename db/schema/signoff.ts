import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { enrolments } from "./programmes";
import { users } from "./users";

/** One piece of evidence exactly as it was put forward or signed: the version and its hash. */
export interface CoveredItem {
  itemId: string;
  version: number;
  contentHash: string;
  title: string;
  kind: string;
}

/**
 * What the learner puts forward for a review point: the evidence (by exact version) and
 * their comments. A resubmission after a review is returned is a new row. Append-only.
 */
export const reviewSubmissions = pgTable(
  "review_submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id),
    /** The review point's code in the programme's rules, e.g. "three-month". */
    reviewCode: text("review_code").notNull(),
    number: integer("number").notNull(),
    learnerComments: text("learner_comments").notNull(),
    items: jsonb("items").$type<CoveredItem[]>().notNull(),
    /** SHA-256 of the comments and every item's version hash: what a sign-off approves. */
    contentHash: text("content_hash").notNull(),
    submittedById: uuid("submitted_by_id")
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("review_submissions_number").on(t.enrolmentId, t.reviewCode, t.number)],
);

export const signoffStep = pgEnum("signoff_step", ["supervisor_decision", "countersignature"]);

/**
 * A sign-off: who decided what, in which role and organisation, when, about exactly which
 * submission and evidence versions. Append-only: the database refuses UPDATE and DELETE.
 */
export const signoffs = pgTable(
  "signoffs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id),
    reviewCode: text("review_code").notNull(),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => reviewSubmissions.id),
    step: signoffStep("step").notNull(),
    /** approved | returned (supervisor), countersigned (manager). */
    decision: text("decision").notNull(),
    /** on_track | not_on_track for a review; pass | fail for the final assessment's recommendation. */
    outcome: text("outcome"),
    comments: text("comments").notNull().default(""),
    actionPlan: text("action_plan"),
    items: jsonb("items").$type<CoveredItem[]>().notNull(),
    contentHash: text("content_hash").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role").notNull(),
    organisationId: uuid("organisation_id"),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("signoffs_enrolment").on(t.enrolmentId, t.reviewCode),
    uniqueIndex("signoffs_once").on(t.submissionId, t.step),
  ],
);

/**
 * Decisions on passages that may identify a person who uses services: redact, or keep
 * (not identifying). The latest decision for a passage stands; none is ever changed.
 */
export const anonymisationDecisions = pgTable(
  "anonymisation_decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id),
    itemId: uuid("item_id").notNull(),
    version: integer("version").notNull(),
    findingKey: text("finding_key").notNull(),
    kind: text("kind").notNull(),
    passage: text("passage").notNull(),
    decision: text("decision").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role").notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("anonymisation_decisions_enrolment").on(t.enrolmentId, t.itemId, t.version)],
);
