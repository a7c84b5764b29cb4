/**
 * Masters coursework: assignments opened for a cohort from a module's brief, learners' submissions
 * (append-only versions with their files), extensions, mitigating circumstances and anonymous
 * candidate numbers. What the assignment asks for lives in content/; rows name it by module slug.
 */
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  foreignKey,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { memberships, organisations } from "./organisations";
import { cohorts, enrolments } from "./programmes";
import { users } from "./users";

/** One module's assignment for one cohort, opened by the university's programme lead. */
export const courseworkAssignments = pgTable(
  "coursework_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    cohortId: uuid("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    programmeSlug: text("programme_slug").notNull(),
    moduleSlug: text("module_slug").notNull(),
    /** The deadline for everyone without an approved extension. */
    deadline: timestamp("deadline", { withTimezone: true }).notNull(),
    /** Taken from the module's brief when opened: work over it is flagged, not refused. */
    wordLimit: integer("word_limit").notNull(),
    openedById: uuid("opened_by_id")
      .notNull()
      .references(() => users.id),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("coursework_assignments_cohort_module").on(t.cohortId, t.moduleSlug),
    index("coursework_assignments_org").on(t.organisationId),
  ],
);

/**
 * Every version a learner hands in. Append-only: a replacement is a new version, and a version
 * handed in after the learner's deadline (with any extension) is marked late.
 */
export const courseworkSubmissions = pgTable(
  "coursework_submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assignmentId: uuid("assignment_id")
      .notNull()
      .references(() => courseworkAssignments.id),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id),
    version: integer("version").notNull(),
    /** 1, or 2 for a resubmission the lead opened after the board confirmed a fail. */
    attempt: integer("attempt").notNull().default(1),
    body: text("body").notNull(),
    fileIds: jsonb("file_ids").$type<string[]>().notNull(),
    /** Words in the text and in any Word document (a PDF's words are not counted). */
    wordCount: integer("word_count").notNull(),
    overLength: boolean("over_length").notNull(),
    /** The learner's deadline when it was handed in, and whether it came after it. */
    deadline: timestamp("deadline", { withTimezone: true }).notNull(),
    late: boolean("late").notNull(),
    /** SHA-256 over the text and the files' hashes: the receipt shows it. */
    contentHash: text("content_hash").notNull(),
    submittedById: uuid("submitted_by_id")
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("coursework_submissions_version").on(t.assignmentId, t.enrolmentId, t.version)],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** A file handed in (PDF or Word), kept like evidence files: its bytes apart, read only on download. */
export const courseworkFiles = pgTable(
  "coursework_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assignmentId: uuid("assignment_id")
      .notNull()
      .references(() => courseworkAssignments.id),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    /** Words in a Word document's text; null for a PDF. */
    wordCount: integer("word_count"),
    uploadedById: uuid("uploaded_by_id")
      .notNull()
      .references(() => users.id),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("coursework_files_learner").on(t.assignmentId, t.enrolmentId)],
);

export const courseworkFileContents = pgTable("coursework_file_contents", {
  fileId: uuid("file_id")
    .primaryKey()
    .references(() => courseworkFiles.id),
  content: bytea("content").notNull(),
});

/** A learner's request for more time, with their reasons. Append-only. */
export const courseworkExtensionRequests = pgTable(
  "coursework_extension_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assignmentId: uuid("assignment_id")
      .notNull()
      .references(() => courseworkAssignments.id),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id),
    reasons: text("reasons").notNull(),
    requestedDeadline: timestamp("requested_deadline", { withTimezone: true }).notNull(),
    requestedById: uuid("requested_by_id")
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("coursework_extension_requests_learner").on(t.assignmentId, t.enrolmentId)],
);

export const decisionOutcome = pgEnum("coursework_decision", ["approved", "refused"]);

/** The programme lead's decision on an extension request: one per request, append-only. */
export const courseworkExtensionDecisions = pgTable("coursework_extension_decisions", {
  requestId: uuid("request_id")
    .primaryKey()
    .references(() => courseworkExtensionRequests.id),
  outcome: decisionOutcome("outcome").notNull(),
  /** The learner's new deadline when approved. */
  deadline: timestamp("deadline", { withTimezone: true }),
  note: text("note").notNull(),
  decidedById: uuid("decided_by_id")
    .notNull()
    .references(() => users.id),
  decidedByRole: text("decided_by_role").notNull(),
  decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Mitigating circumstances a learner puts forward for an assignment. Append-only. */
export const courseworkMitigations = pgTable(
  "coursework_mitigations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assignmentId: uuid("assignment_id")
      .notNull()
      .references(() => courseworkAssignments.id),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id),
    circumstances: text("circumstances").notNull(),
    submittedById: uuid("submitted_by_id")
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("coursework_mitigations_learner").on(t.assignmentId, t.enrolmentId)],
);

export const mitigationOutcome = pgEnum("coursework_mitigation_outcome", ["accepted", "not_accepted"]);

/** The programme lead's decision on mitigating circumstances, for the board: one each, append-only. */
export const courseworkMitigationDecisions = pgTable("coursework_mitigation_decisions", {
  mitigationId: uuid("mitigation_id")
    .primaryKey()
    .references(() => courseworkMitigations.id),
  outcome: mitigationOutcome("outcome").notNull(),
  note: text("note").notNull(),
  decidedById: uuid("decided_by_id")
    .notNull()
    .references(() => users.id),
  decidedByRole: text("decided_by_role").notNull(),
  decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The anonymous number a learner on a Masters cohort is known by to markers: unique in the cohort. */
export const candidateNumbers = pgTable(
  "candidate_numbers",
  {
    enrolmentId: uuid("enrolment_id")
      .primaryKey()
      .references(() => enrolments.id, { onDelete: "cascade" }),
    cohortId: uuid("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    number: text("number").notNull(),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("candidate_numbers_cohort_number").on(t.cohortId, t.number)],
);

/**
 * Who marks an assignment, at which stage, as the programme lead allocates them: a first marker, a
 * second marker and, when two marks are more than the scheme allows apart, a third reader. A
 * marker is never allocated two stages of the same assignment.
 */
export const markingStage = pgEnum("coursework_marking_stage", ["first", "second", "third"]);

export const courseworkMarkerAllocations = pgTable(
  "coursework_marker_allocations",
  {
    assignmentId: uuid("assignment_id")
      .notNull()
      .references(() => courseworkAssignments.id),
    stage: markingStage("stage").notNull(),
    markerId: uuid("marker_id")
      .notNull()
      .references(() => users.id),
    allocatedById: uuid("allocated_by_id")
      .notNull()
      .references(() => users.id),
    allocatedAt: timestamp("allocated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.stage] }), index("coursework_marker_allocations_marker").on(t.markerId)],
);

/**
 * The second-marking sample of one attempt of an assignment (1, or 2 for the resubmissions), drawn
 * once from a stored seed (marks.ts, secondMarkingSample): every fail, every mark near a band
 * boundary and a share of the rest. Append-only, so the sample can always be drawn again from its
 * seed and checked.
 */
export const courseworkSamples = pgTable(
  "coursework_samples",
  {
    assignmentId: uuid("assignment_id")
      .notNull()
      .references(() => courseworkAssignments.id),
    attempt: integer("attempt").notNull().default(1),
    seed: text("seed").notNull(),
    sharePercent: integer("share_percent").notNull(),
    drawnById: uuid("drawn_by_id")
      .notNull()
      .references(() => users.id),
    drawnByRole: text("drawn_by_role").notNull(),
    drawnAt: timestamp("drawn_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.attempt] })],
);

export const courseworkSampleMembers = pgTable(
  "coursework_sample_members",
  {
    assignmentId: uuid("assignment_id").notNull(),
    attempt: integer("attempt").notNull().default(1),
    /** The version first-marked when the sample was drawn. */
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => courseworkSubmissions.id),
    /** Why it is in the sample: "fail", "boundary", "share". */
    reasons: jsonb("reasons").$type<string[]>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.assignmentId, t.submissionId] }),
    foreignKey({
      name: "coursework_sample_members_sample_fk",
      columns: [t.assignmentId, t.attempt],
      foreignColumns: [courseworkSamples.assignmentId, courseworkSamples.attempt],
    }),
  ],
);

/** What a second or third marker says of the first mark; an agreed mark is recorded by each marker. */
export const markKind = pgEnum("coursework_mark_kind", ["mark", "agree", "propose", "agreed"]);

/**
 * A mark given to one submission version by one marker: append-only, naming who, in which role,
 * when and the exact version. A first marker gives a "mark" with each rubric criterion's band; a
 * second marker "agree"s with the first mark or "propose"s another with reasons; a third reader
 * gives a "mark"; when the first and second markers settle a difference, each records the same
 * "agreed" mark. Marks are provisional until the exam board confirms them.
 */
export const courseworkMarks = pgTable(
  "coursework_marks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assignmentId: uuid("assignment_id")
      .notNull()
      .references(() => courseworkAssignments.id),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => courseworkSubmissions.id),
    stage: markingStage("stage").notNull(),
    kind: markKind("kind").notNull(),
    mark: integer("mark").notNull(),
    /** Each rubric criterion's band, as the marker judged it, with an optional comment. */
    criteria: jsonb("criteria").$type<{ criterion: string; band: string; comment?: string }[]>().notNull(),
    /** Written feedback for the learner (first and third marks), or the reasons for a proposal. */
    feedback: text("feedback").notNull(),
    /** An annotated copy of the work, kept like a submitted file. */
    annotatedFileId: uuid("annotated_file_id").references(() => courseworkFiles.id),
    markerId: uuid("marker_id")
      .notNull()
      .references(() => users.id),
    markerRole: text("marker_role").notNull(),
    markedAt: timestamp("marked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("coursework_marks_submission").on(t.submissionId),
    index("coursework_marks_assignment").on(t.assignmentId, t.stage),
    /** One mark (or second marker's word) per stage per version; agreed marks may be recorded again until both match. */
    uniqueIndex("coursework_marks_one_per_stage")
      .on(t.submissionId, t.stage)
      .where(sql`${t.kind} <> 'agreed'`),
    check("coursework_marks_mark_range", sql`${t.mark} between 0 and 100`),
  ],
);

/**
 * An external examiner's appointment: the university's programme lead appoints a member who holds
 * the `external_examiner` role to one programme of the university, for a term (usually up to four
 * years). While an appointment is current (its term includes today in England and it has not been
 * ended) the examiner sees the sample, marks and feedback of that programme's assignments there, and
 * nothing else. A record: append-only at the database (migration 0040), naming who appointed, in
 * which role and when. A member may be appointed again after a term, never to two at once.
 */
export const courseworkExaminers = pgTable(
  "coursework_examiners",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    membershipId: uuid("membership_id")
      .notNull()
      .references(() => memberships.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    programmeSlug: text("programme_slug").notNull(),
    /** The first and last days of the term, in England. */
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }).notNull(),
    appointedById: uuid("appointed_by_id")
      .notNull()
      .references(() => users.id),
    appointedByRole: text("appointed_by_role").notNull(),
    appointedAt: timestamp("appointed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("coursework_examiners_membership").on(t.membershipId),
    index("coursework_examiners_org").on(t.organisationId),
    check("coursework_examiners_term", sql`${t.endsOn} >= ${t.startsOn} and ${t.endsOn} < (${t.startsOn} + interval '4 years')::date`),
  ],
);

/** An appointment ended before its term ran out, with the reason. Append-only; one per appointment. */
export const courseworkExaminerEndings = pgTable("coursework_examiner_endings", {
  appointmentId: uuid("appointment_id")
    .primaryKey()
    .references(() => courseworkExaminers.id),
  reason: text("reason").notNull(),
  endedById: uuid("ended_by_id")
    .notNull()
    .references(() => users.id),
  endedByRole: text("ended_by_role").notNull(),
  endedAt: timestamp("ended_at", { withTimezone: true }).notNull().defaultNow(),
});

/** An external examiner's comment on an assignment's marking, for the exam board. Append-only. */
export const courseworkExaminerComments = pgTable(
  "coursework_examiner_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assignmentId: uuid("assignment_id")
      .notNull()
      .references(() => courseworkAssignments.id),
    comment: text("comment").notNull(),
    examinerId: uuid("examiner_id")
      .notNull()
      .references(() => users.id),
    examinerRole: text("examiner_role").notNull(),
    commentedAt: timestamp("commented_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("coursework_examiner_comments_assignment").on(t.assignmentId)],
);

/**
 * The exam board's confirmation of an assignment's marks for one attempt (1, or 2 for the
 * resubmissions), signed in one step by the university's programme lead. Append-only; once it is
 * recorded the marks it names are released to the learners.
 */
export const courseworkBoardDecisions = pgTable(
  "coursework_board_decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assignmentId: uuid("assignment_id")
      .notNull()
      .references(() => courseworkAssignments.id),
    attempt: integer("attempt").notNull(),
    /** The name the lead signed with, as typed. */
    signedName: text("signed_name").notNull(),
    decidedById: uuid("decided_by_id")
      .notNull()
      .references(() => users.id),
    decidedByRole: text("decided_by_role").notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("coursework_board_decisions_attempt").on(t.assignmentId, t.attempt)],
);

/** The exact mark the board confirmed for each submission version: a snapshot, append-only. */
export const courseworkBoardMarks = pgTable(
  "coursework_board_marks",
  {
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => courseworkBoardDecisions.id),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => courseworkSubmissions.id),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id),
    version: integer("version").notNull(),
    attempt: integer("attempt").notNull(),
    /** The mark the work earned, and the mark that counts (capped on a resubmission). */
    mark: integer("mark").notNull(),
    cappedMark: integer("capped_mark").notNull(),
    band: text("band").notNull(),
    /** How the mark was reached: "first-mark", "second-marker-agreed", "agreed-by-both", "third-reader". */
    basis: text("basis").notNull(),
    credits: integer("credits").notNull(),
    /** The feedback released to the learner with the mark. */
    feedback: text("feedback").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.decisionId, t.submissionId] }),
    index("coursework_board_marks_enrolment").on(t.enrolmentId),
    check("coursework_board_marks_range", sql`${t.mark} between 0 and 100 and ${t.cappedMark} between 0 and 100`),
  ],
);

/**
 * A resubmission opened by the programme lead for a learner whose fail the board confirmed: the
 * attempt it opens and its deadline. Append-only; one per learner and attempt.
 */
export const courseworkResubmissions = pgTable(
  "coursework_resubmissions",
  {
    assignmentId: uuid("assignment_id")
      .notNull()
      .references(() => courseworkAssignments.id),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id),
    attempt: integer("attempt").notNull(),
    deadline: timestamp("deadline", { withTimezone: true }).notNull(),
    openedById: uuid("opened_by_id")
      .notNull()
      .references(() => users.id),
    openedByRole: text("opened_by_role").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.enrolmentId, t.attempt] })],
);

/**
 * A transcript issued as a PDF, with the code that verifies it and what it said: the learner, the
 * programme, the credits and the award. Append-only.
 */
export const transcriptIssues = pgTable(
  "transcript_issues",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull().unique(),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id),
    learnerName: text("learner_name").notNull(),
    institution: text("institution").notNull(),
    programmeTitle: text("programme_title").notNull(),
    totalCredits: integer("total_credits").notNull(),
    /** The award reached, or null below the lowest exit award. */
    award: text("award"),
    classification: text("classification"),
    issuedById: uuid("issued_by_id")
      .notNull()
      .references(() => users.id),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("transcript_issues_enrolment").on(t.enrolmentId)],
);
