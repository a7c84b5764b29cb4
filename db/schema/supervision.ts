import { date, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { enrolments } from "./programmes";
import { users } from "./users";

export const supervisionKind = pgEnum("supervision_kind", ["one_to_one", "group", "reflective", "unplanned"]);

/** A supervision session, recorded by the supervisor and acknowledged by the learner. */
export const supervisionSessions = pgTable(
  "supervision_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id, { onDelete: "cascade" }),
    heldOn: date("held_on", { mode: "string" }).notNull(),
    minutes: integer("minutes").notNull(),
    kind: supervisionKind("kind").notNull(),
    agenda: text("agenda").notNull(),
    discussion: text("discussion").notNull(),
    decisions: text("decisions").notNull().default(""),
    recordedById: uuid("recorded_by_id")
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    learnerComment: text("learner_comment"),
  },
  (t) => [index("supervision_sessions_enrolment").on(t.enrolmentId, t.heldOn)],
);

export const actionOwner = pgEnum("action_owner", ["learner", "supervisor"]);

/** An action agreed in supervision; open actions are carried to the next session until done. */
export const supervisionActions = pgTable(
  "supervision_actions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id, { onDelete: "cascade" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => supervisionSessions.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    owner: actionOwner("owner").notNull(),
    /** The later session in which it was reported done. */
    doneInSessionId: uuid("done_in_session_id").references(() => supervisionSessions.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("supervision_actions_enrolment").on(t.enrolmentId)],
);
