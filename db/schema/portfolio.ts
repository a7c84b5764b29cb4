import {
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { EVIDENCE_KINDS } from "./evidence-kinds";
import { enrolments } from "./programmes";
import { users } from "./users";

export const evidenceKind = pgEnum("evidence_kind", EVIDENCE_KINDS);

/**
 * One piece of evidence in a learner's portfolio. What it says lives in its versions: every
 * edit adds a version, and `currentVersion` names the one in force.
 */
export const evidenceItems = pgTable(
  "evidence_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id, { onDelete: "cascade" }),
    kind: evidenceKind("kind").notNull(),
    currentVersion: integer("current_version").notNull().default(1),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    /** The role the author acted in: a direct observation by the assessor counts as one. */
    createdByRole: text("created_by_role").notNull(),
    /** Where the item came from when not written here, e.g. "lesson-reflection:<id>"; sent once. */
    sourceKey: text("source_key").unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("evidence_items_enrolment").on(t.enrolmentId, t.kind)],
);

/** Kind-specific fields of a version (who gave feedback, the observer's judgement, the learner's reflection…). */
export type EvidenceDetails = Record<string, string>;

/** Every version of every evidence item. Append-only: the database refuses UPDATE and DELETE. */
export const evidenceVersions = pgTable(
  "evidence_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => evidenceItems.id),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    /** When the practice, feedback or learning happened (not when it was written up). */
    occurredOn: date("occurred_on", { mode: "string" }).notNull(),
    body: text("body").notNull(),
    capabilities: jsonb("capabilities").$type<string[]>().notNull(),
    details: jsonb("details").$type<EvidenceDetails>().notNull(),
    fileIds: jsonb("file_ids").$type<string[]>().notNull(),
    /** SHA-256 over everything above and the attached files' hashes: a sign-off names it. */
    contentHash: text("content_hash").notNull(),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("evidence_versions_item_version").on(t.itemId, t.version)],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** A file attached to an evidence item. Its bytes are in `evidence_file_contents`, read only on download. */
export const evidenceFiles = pgTable(
  "evidence_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => evidenceItems.id),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    uploadedById: uuid("uploaded_by_id")
      .notNull()
      .references(() => users.id),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("evidence_files_item").on(t.itemId)],
);

export const evidenceFileContents = pgTable("evidence_file_contents", {
  fileId: uuid("file_id")
    .primaryKey()
    .references(() => evidenceFiles.id),
  content: bytea("content").notNull(),
});

/**
 * What a person is typing in a long form, saved as they type so it survives a lost
 * connection or an expired session. One row per person and form; removed when the form is sent.
 */
export const drafts = pgTable(
  "drafts",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    formKey: text("form_key").notNull(),
    fields: jsonb("fields").$type<Record<string, string | string[]>>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("drafts_user_form").on(t.userId, t.formKey)],
);

/**
 * Who has read which version of an item: opening an item records it for the reader, once per
 * version, so "to read" counts versions the supervisor has not opened rather than recent ones.
 */
export const evidenceReads = pgTable(
  "evidence_reads",
  {
    itemId: uuid("item_id")
      .notNull()
      .references(() => evidenceItems.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    readerId: uuid("reader_id")
      .notNull()
      .references(() => users.id),
    readAt: timestamp("read_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("evidence_reads_item_version_reader").on(t.itemId, t.version, t.readerId)],
);

/**
 * Feedback on one version of an item, and the replies to it: a thread between the supervisor (or
 * assessor) and the learner. Append-only: what was said stays as it was said.
 */
export const evidenceFeedback = pgTable(
  "evidence_feedback",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => evidenceItems.id),
    version: integer("version").notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    /** The role the author wrote in (learner, supervisor, assessor, team manager). */
    authorRole: text("author_role").notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("evidence_feedback_item").on(t.itemId, t.version, t.createdAt)],
);
