import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./organisations";
import { users } from "./users";

/**
 * A person's choice to share their career record with an employer they belong to, or to stop:
 * one row per choice, never changed (append-only), so the latest row for a person and organisation
 * is the choice in force and the rows before it are its history. When the person's last active
 * membership of the organisation ends, the database itself adds a row that ends the share
 * (reason "membership_ended"), so a former employer's access ends with the membership.
 */
export const careerShares = pgTable(
  "career_shares",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    shared: boolean("shared").notNull(),
    /** "chosen" (the person decided) or "membership_ended" (written by the database as they left). */
    reason: text("reason").notNull().default("chosen"),
    /** Who made the choice (the person themselves); null when the database ended it with the membership. */
    decidedById: uuid("decided_by_id").references(() => users.id),
    decidedByRole: text("decided_by_role"),
    /** The clock's time, not the transaction's: two choices in one transaction still come in order. */
    at: timestamp("at", { withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [index("career_shares_person").on(t.userId, t.organisationId, t.at)],
);

/** One award as a career record PDF listed it: what the verify page says back. */
export interface CareerIssueAward {
  title: string;
  /** The organisation that awarded it. */
  by: string;
  /** The award's own verification code (a certificate's, a transcript's), when it has one. */
  code: string | null;
  /** The day it was awarded (yyyy-mm-dd), when known. */
  on: string | null;
}

/**
 * A career record issued as a PDF, with the code that verifies it and the verified awards it
 * listed, as they stood that day. Append-only.
 */
export const careerRecordIssues = pgTable(
  "career_record_issues",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull().unique(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    personName: text("person_name").notNull(),
    awards: jsonb("awards").$type<CareerIssueAward[]>().notNull(),
    /** The furthest stage of the path reached, in words ("Experienced social worker"). */
    stage: text("stage").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("career_record_issues_person").on(t.userId)],
);
