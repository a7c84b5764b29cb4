import { relations, sql } from "drizzle-orm";
import { boolean, check, date, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const organisationKind = pgEnum("organisation_kind", [
  "council",
  "voluntary",
  "university",
  "helpline",
  "platform",
]);

export const role = pgEnum("role", [
  "learner",
  "supervisor",
  "assessor",
  "programme_lead",
  "helpline_advisor",
  "admin",
  "team_manager",
  "marker",
  "external_examiner",
  "independent_assessor",
  "partner",
]);

/**
 * The agency a partner comes from (ADR 026): police, health or education staff invited to the CP lead
 * programme's shared multi-agency sessions. Held on the partner's membership of the organisation that
 * runs the programme, beside the agency's own name.
 */
export const partnerAgency = pgEnum("partner_agency", ["police", "health", "education"]);

/** Where a learner is in their career; drives their start page until enrolments exist. */
export const learnerStage = pgEnum("learner_stage", [
  "nqsw",
  "early_career",
  "experienced",
  "masters",
  "returner",
  "step_up",
]);

export const organisations = pgTable("organisations", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  kind: organisationKind("kind").notNull(),
  region: text("region"),
  /** Staff (supervisors, assessors, programme leads, admins) must use two-factor sign-in. */
  requireTwoFactor: boolean("require_two_factor").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  /**
   * Set by a platform admin: no one can work in the organisation any more (its memberships are
   * left out of every session), but every record it holds is kept.
   */
  deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
});

export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    role: role("role").notNull(),
    jobTitle: text("job_title"),
    team: text("team"),
    stage: learnerStage("stage"),
    /** The day the person started in this post (for an NQSW: the start of the first year). */
    startedOn: date("started_on", { mode: "string" }),
    /** For a learner: the practice supervisor who supervises them in this organisation. */
    supervisorId: uuid("supervisor_id").references(() => users.id, { onDelete: "set null" }),
    active: boolean("active").notNull().default(true),
    /** For a partner only: the kind of agency they work for, and its name ("Northmoor Police, Public Protection Unit"). */
    agencyKind: partnerAgency("agency_kind"),
    agency: text("agency"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A partner always says which agency they are from, and only a partner has one.
    check("memberships_partner_agency", sql`(${t.role}::text = 'partner' and ${t.agencyKind} is not null and ${t.agency} is not null) or (${t.role}::text <> 'partner' and ${t.agencyKind} is null and ${t.agency} is null)`),
    uniqueIndex("memberships_user_org_role").on(t.userId, t.organisationId, t.role),
    index("memberships_org_role").on(t.organisationId, t.role),
    index("memberships_supervisor")
      .on(t.supervisorId)
      .where(sql`${t.supervisorId} is not null`),
  ],
);

export const organisationsRelations = relations(organisations, ({ many }) => ({
  memberships: many(memberships),
}));

export const membershipsRelations = relations(memberships, ({ one }) => ({
  user: one(users, { fields: [memberships.userId], references: [users.id], relationName: "member" }),
  organisation: one(organisations, {
    fields: [memberships.organisationId],
    references: [organisations.id],
  }),
  supervisor: one(users, {
    fields: [memberships.supervisorId],
    references: [users.id],
    relationName: "supervisor",
  }),
}));
