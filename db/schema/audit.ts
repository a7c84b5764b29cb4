import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * The audit trail. Append-only: a trigger in the migrations refuses UPDATE and
 * DELETE. No foreign keys, so the trail outlives the rows it talks about.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id"),
    actorRole: text("actor_role"),
    organisationId: uuid("organisation_id"),
    action: text("action").notNull(),
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
    ipAddress: text("ip_address"),
  },
  (t) => [
    index("audit_events_org_at").on(t.organisationId, t.at),
    index("audit_events_subject").on(t.subjectType, t.subjectId),
  ],
);
