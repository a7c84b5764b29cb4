import { bigint, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { enrolments } from "./programmes";
import { users } from "./users";

/** The learning agreement for one learner's assessed year; edited in place, every edit a new version. */
export const learningAgreements = pgTable("learning_agreements", {
  id: uuid("id").primaryKey().defaultRandom(),
  enrolmentId: uuid("enrolment_id")
    .notNull()
    .unique()
    .references(() => enrolments.id, { onDelete: "cascade" }),
  goals: text("goals").notNull().default(""),
  support: text("support").notNull().default(""),
  protectedTime: text("protected_time").notNull().default(""),
  caseload: text("caseload").notNull().default(""),
  version: integer("version").notNull().default(1),
  /** SHA-256 of the four fields: a signature names the exact text it agreed to. */
  contentHash: text("content_hash").notNull(),
  updatedById: uuid("updated_by_id").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Who signs a learning agreement: the NQSW, their supervisor (or assessor) and their team manager.
 * `programme_lead` is kept for the signatures given before the team manager signed in the lead's
 * place (ADR 018): they stay on record, and no longer count.
 */
export const agreementParty = pgEnum("agreement_party", ["learner", "supervisor", "programme_lead", "team_manager"]);

/** Sign-offs of a learning agreement. Append-only: the database refuses UPDATE and DELETE. */
export const learningAgreementSignatures = pgTable(
  "learning_agreement_signatures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agreementId: uuid("agreement_id")
      .notNull()
      .references(() => learningAgreements.id),
    version: integer("version").notNull(),
    contentHash: text("content_hash").notNull(),
    party: agreementParty("party").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    organisationId: uuid("organisation_id"),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("learning_agreement_signatures_agreement").on(t.agreementId),
    uniqueIndex("learning_agreement_signatures_once").on(t.agreementId, t.version, t.party),
  ],
);

/**
 * How many times anything of one learner's assessed year has changed: agreement, supervision,
 * workload, evidence, reviews, sign-offs, panel outcomes, certificate. Kept by triggers in the
 * database (migration 0017), so no write can forget it; what is worked out from a year (the
 * desk's line, the year page) is kept in memory against it and thrown away when it moves.
 */
export const yearRevisions = pgTable("year_revisions", {
  enrolmentId: uuid("enrolment_id")
    .primaryKey()
    .references(() => enrolments.id, { onDelete: "cascade" }),
  revision: bigint("revision", { mode: "number" }).notNull().default(1),
  changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * How many times anything a supervisor's desk shows has changed: their supervisees' memberships and
 * names, those people's enrolments through the organisation, their years' revisions, and lessons
 * completed. Kept by triggers in the database (migration 0046), so the desk kept in memory is checked
 * against one row read by its key instead of a statement that reads every supervisee again. No
 * foreign keys: a counter outlives the rows it counts changes to, harmlessly.
 */
export const deskRevisions = pgTable(
  "desk_revisions",
  {
    organisationId: uuid("organisation_id").notNull(),
    supervisorId: uuid("supervisor_id").notNull(),
    revision: bigint("revision", { mode: "number" }).notNull().default(1),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.supervisorId] })],
);
