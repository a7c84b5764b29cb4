import { date, integer, numeric, pgTable, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { enrolments } from "./programmes";
import { users } from "./users";

/** One week of an NQSW's workload: the cases held and the protected development time taken. */
export const workloadWeeks = pgTable(
  "workload_weeks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id, { onDelete: "cascade" }),
    /** The Monday that starts the week. */
    weekStarting: date("week_starting", { mode: "string" }).notNull(),
    caseload: integer("caseload").notNull(),
    contractedHours: numeric("contracted_hours", { precision: 5, scale: 2, mode: "number" }).notNull(),
    protectedHours: numeric("protected_hours", { precision: 5, scale: 2, mode: "number" }).notNull(),
    recordedById: uuid("recorded_by_id")
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("workload_weeks_week").on(t.enrolmentId, t.weekStarting)],
);

/** The employer's caseload limit for one learner, set by their supervisor or programme lead. */
export const workloadLimits = pgTable("workload_limits", {
  enrolmentId: uuid("enrolment_id")
    .primaryKey()
    .references(() => enrolments.id, { onDelete: "cascade" }),
  maxCaseload: integer("max_caseload").notNull(),
  setById: uuid("set_by_id")
    .notNull()
    .references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
