/**
 * Shared multi-agency sessions of the CP lead programme (ADR 026): a session run by an organisation
 * for its programme, the learners and partners (police, health, education) invited to it, the
 * materials given out, and the facilitator's attendance register. The register is append-only: a
 * correction is a new entry, and the latest entry for a person is their attendance.
 */
import { sql } from "drizzle-orm";
import { check, customType, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { invitations } from "./auth";
import { organisations } from "./organisations";
import { enrolments } from "./programmes";
import { users } from "./users";

export const sharedSessions = pgTable(
  "shared_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** The programme whose content the session teaches; its programme.yml declares `sharedSessions`. */
    programmeSlug: text("programme_slug").notNull(),
    /** The topic: a module of the programme, and one of its lessons (or the whole module). */
    moduleSlug: text("module_slug").notNull(),
    lessonSlug: text("lesson_slug"),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    minutes: integer("minutes").notNull(),
    /** Where it is held, an online link, or both. */
    place: text("place"),
    link: text("link"),
    /** Who runs it and keeps the register: a member of staff of the organisation. */
    facilitatorId: uuid("facilitator_id")
      .notNull()
      .references(() => users.id),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("shared_sessions_org").on(t.organisationId, t.startsAt),
    index("shared_sessions_facilitator").on(t.facilitatorId),
    check("shared_sessions_place_or_link", sql`${t.place} is not null or ${t.link} is not null`),
    check("shared_sessions_minutes", sql`${t.minutes} between 15 and 600`),
  ],
);

export const sessionParty = pgEnum("shared_session_party", ["learner", "partner"]);

/**
 * Who is invited to a session. A learner is invited through their enrolment on the programme (their
 * attendance is evidence in that portfolio); a partner through their membership, or, before they
 * have accepted the invitation to join, through that invitation (`userId` is set when they accept).
 */
export const sharedSessionInvitees = pgTable(
  "shared_session_invitees",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sharedSessions.id, { onDelete: "cascade" }),
    party: sessionParty("party").notNull(),
    userId: uuid("user_id").references(() => users.id),
    enrolmentId: uuid("enrolment_id").references(() => enrolments.id),
    invitationId: uuid("invitation_id").references(() => invitations.id),
    invitedById: uuid("invited_by_id")
      .notNull()
      .references(() => users.id),
    invitedAt: timestamp("invited_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("shared_session_invitees_person").on(t.sessionId, t.userId),
    uniqueIndex("shared_session_invitees_invitation").on(t.sessionId, t.invitationId),
    index("shared_session_invitees_user").on(t.userId),
    index("shared_session_invitees_pending").on(t.invitationId).where(sql`${t.userId} is null`),
    check(
      "shared_session_invitees_who",
      sql`(${t.party} = 'learner' and ${t.userId} is not null and ${t.enrolmentId} is not null and ${t.invitationId} is null)
        or (${t.party} = 'partner' and ${t.enrolmentId} is null and (${t.userId} is not null or ${t.invitationId} is not null))`,
    ),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** A file given out for a session (slides, a case study, a briefing): its bytes are read only on download. */
export const sharedSessionMaterials = pgTable(
  "shared_session_materials",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sharedSessions.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    uploadedById: uuid("uploaded_by_id")
      .notNull()
      .references(() => users.id),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("shared_session_materials_session").on(t.sessionId)],
);

export const sharedSessionMaterialContents = pgTable("shared_session_material_contents", {
  materialId: uuid("material_id")
    .primaryKey()
    .references(() => sharedSessionMaterials.id, { onDelete: "cascade" }),
  content: bytea("content").notNull(),
});

export const attendance = pgEnum("attendance", ["attended", "apologies", "absent"]);

/**
 * The attendance register: one entry each time the facilitator records a person's attendance.
 * Append-only (the database refuses UPDATE, DELETE and TRUNCATE); the latest entry per person stands.
 */
export const sharedSessionRegister = pgTable(
  "shared_session_register",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sharedSessions.id),
    /** The person whose attendance it is. */
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    status: attendance("status").notNull(),
    recordedById: uuid("recorded_by_id")
      .notNull()
      .references(() => users.id),
    /** The role the facilitator recorded it in. */
    recordedByRole: text("recorded_by_role").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("shared_session_register_session").on(t.sessionId, t.userId, t.recordedAt)],
);
