/**
 * The route back in: callback requests to the recruitment helpline, councils' vacancies,
 * introductions of returners to councils, and the returner's own updating and CPD logs.
 */
import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
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

export const specialism = pgEnum("specialism", ["adults", "children", "either"]);
export const registrationStatus = pgEnum("registration_status", ["registered", "lapsed", "never_registered"]);
export const callbackStatus = pgEnum("callback_status", ["new", "contacted", "introduced", "returned", "closed"]);
export const callOutcome = pgEnum("call_outcome", ["spoke", "no_answer", "left_message", "emailed", "note"]);
export const introductionStatus = pgEnum("introduction_status", [
  "introduced",
  "interview",
  "offered",
  "started",
  "declined",
  "withdrawn",
]);
/** Social Work England's kinds of updating (shadowing a social worker is supervised practice). */
export const updatingKind = pgEnum("updating_kind", ["supervised_practice", "formal_study", "private_study"]);

/** A member of the public's request for the helpline to call them back. */
export const callbackRequests = pgTable(
  "callback_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Quoted to the person and on the phone, e.g. RTS-7KQ2M9. */
    reference: text("reference").notNull().unique(),
    /** The helpline that answers it. */
    helplineId: uuid("helpline_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    email: text("email").notNull(),
    phone: text("phone").notNull(),
    region: text("region").notNull(),
    specialism: specialism("specialism").notNull(),
    /** The month they last practised as a social worker (the first of it). */
    lastPractisedOn: date("last_practised_on", { mode: "string" }).notNull(),
    registrationStatus: registrationStatus("registration_status").notNull(),
    /** The day a lapsed registration ended (requests made before the day was asked hold the first of the month). */
    lapsedOn: date("lapsed_on", { mode: "string" }),
    bestTimes: text("best_times").notNull().default(""),
    /** Consent to share their details with councils that have vacancies; introductions need it. */
    consentToShare: boolean("consent_to_share").notNull(),
    consentRecordedAt: timestamp("consent_recorded_at", { withTimezone: true }),
    status: callbackStatus("status").notNull().default("new"),
    /** Two working days after the request, bank holidays in England and Wales excluded. */
    callBackBy: date("call_back_by", { mode: "string" }).notNull(),
    firstContactAt: timestamp("first_contact_at", { withTimezone: true }),
    /** The account the advisor made for them, once made. */
    returnerId: uuid("returner_id").references(() => users.id, { onDelete: "set null" }),
    /** Where the request came from, for the rate limit on the public form. */
    ipAddress: text("ip_address").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("callback_requests_address").on(t.ipAddress, t.createdAt),
    index("callback_requests_queue").on(t.helplineId, t.status, t.createdAt),
    index("callback_requests_returner")
      .on(t.returnerId)
      .where(sql`${t.returnerId} is not null`),
  ],
);

/** A call (or attempt, or email) an advisor logged against a request. Append-only: the database refuses UPDATE and TRUNCATE (migration 0025). */
export const callbackNotes = pgTable(
  "callback_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => callbackRequests.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    outcome: callOutcome("outcome").notNull(),
    note: text("note").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("callback_notes_request").on(t.requestId, t.createdAt)],
);

/** A council's vacant post, listed publicly until its closing date passes. */
export const vacancies = pgTable(
  "vacancies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    team: text("team").notNull(),
    region: text("region").notNull(),
    grade: text("grade").notNull(),
    salaryFrom: integer("salary_from").notNull(),
    salaryTo: integer("salary_to").notNull(),
    specialism: specialism("specialism").notNull(),
    returnerFriendly: boolean("returner_friendly").notNull().default(false),
    supervisionOffered: text("supervision_offered").notNull(),
    inductionOffered: text("induction_offered").notNull(),
    description: text("description").notNull().default(""),
    /** The last day applications are taken. */
    closesOn: date("closes_on", { mode: "string" }).notNull(),
    /** Set when the council takes the post down before its closing date. */
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    postedById: uuid("posted_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("vacancies_open").on(t.closesOn, t.region), index("vacancies_organisation").on(t.organisationId)],
);

/** An advisor's introduction of a returner (with consent) to a council for one of its vacancies. */
export const introductions = pgTable(
  "introductions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => callbackRequests.id, { onDelete: "cascade" }),
    vacancyId: uuid("vacancy_id")
      .notNull()
      .references(() => vacancies.id, { onDelete: "cascade" }),
    /** The council introduced to (the vacancy's organisation), kept for scoping. */
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    introducedById: uuid("introduced_by_id")
      .notNull()
      .references(() => users.id),
    status: introductionStatus("status").notNull().default("introduced"),
    interviewOn: date("interview_on", { mode: "string" }),
    startsOn: date("starts_on", { mode: "string" }),
    councilNote: text("council_note").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("introductions_request_vacancy").on(t.requestId, t.vacancyId),
    index("introductions_organisation").on(t.organisationId, t.status),
  ],
);

/** Each change of an introduction's status, by whom: the history the returner and helpline see. */
export const introductionEvents = pgTable(
  "introduction_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    introductionId: uuid("introduction_id")
      .notNull()
      .references(() => introductions.id, { onDelete: "cascade" }),
    status: introductionStatus("status").notNull(),
    note: text("note").notNull().default(""),
    byId: uuid("by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("introduction_events_introduction").on(t.introductionId, t.createdAt)],
);

/** The returner's own account of where they stand: what decides the days needed, and the checklist. */
export const returnerProfiles = pgTable("returner_profiles", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  region: text("region"),
  specialism: specialism("specialism").notNull().default("either"),
  lastPractisedOn: date("last_practised_on", { mode: "string" }),
  registrationStatus: registrationStatus("registration_status").notNull().default("lapsed"),
  /** The day the registration lapsed (lapsed only): time off the register is counted from it, date to date. Answers given before that was asked hold the first of the month. */
  lapsedOn: date("lapsed_on", { mode: "string" }),
  registrationRestored: boolean("registration_restored").notNull().default(false),
  referencesReceived: boolean("references_received").notNull().default(false),
  supervisedStartAgreed: boolean("supervised_start_agreed").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One day or part-day of updating, as the returner declares it. */
export const updatingEntries = pgTable(
  "updating_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    on: date("on", { mode: "string" }).notNull(),
    hours: numeric("hours", { precision: 4, scale: 2, mode: "number" }).notNull(),
    kind: updatingKind("kind").notNull(),
    description: text("description").notNull(),
    /** For supervised practice: who supervised it. */
    supervisedBy: text("supervised_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("updating_entries_user").on(t.userId, t.on)],
);

/** A CPD record in Social Work England's shape. */
export const cpdRecords = pgTable(
  "cpd_records",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    recordedOn: date("recorded_on", { mode: "string" }).notNull(),
    activity: text("activity").notNull(),
    learning: text("learning").notNull(),
    impact: text("impact").notNull(),
    /** Social Work England professional standards, by number ("1".."6"). */
    standards: text("standards").array().notNull(),
    /** The conversation with another professional about it, if one was had. */
    peerReflection: text("peer_reflection"),
    peerName: text("peer_name"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("cpd_records_user").on(t.userId, t.recordedOn)],
);
