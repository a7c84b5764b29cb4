/** Enrolment, lesson progress, knowledge checks and reflections: the learner's state. */
import { format } from "date-fns";
import { and, desc, eq, getTableColumns, getTableName, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Database } from "#db/client";
import { enrolments, knowledgeCheckAttempts, lessonProgress, lessonReflections, yearRevisions } from "#db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { getDb, preparedStatement } from "~/utils/db.server";
import { frameworksFor, mappableCodes } from "~/modules/portfolio/rules";
import { findProgramme, loadManifest } from "./catalogue.server";
import type { AssessmentRules, Lesson } from "./content-schema";
import { scoreChecks, type LessonState } from "./progress";
import { englandToday } from "~/utils/england";

export type Enrolment = typeof enrolments.$inferSelect;

/** A time as epoch milliseconds, for JSON built in SQL (read back with `new Date(ms)`). */
const epochMs = (column: SQL.Aliased | AnyColumn) => sql`(extract(epoch from ${column}) * 1000)::float8`;

/** JSON built in SQL arrives parsed from postgres.js and as text from PGlite. */
function fromJson<T>(value: T | string): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

/** A lesson state as JSON built in SQL: times as epoch milliseconds. */
type LessonStatesJson = { moduleSlug: string; lessonSlug: string; viewed: number; completed: number | null }[];

/**
 * The enrolment of the statement's row, for a subquery in its selection: drizzle names columns there
 * without their table when the statement reads one table, which would make `id` the subquery's own.
 */
const rowEnrolmentId = sql`${sql.identifier(getTableName(enrolments))}.${sql.identifier(enrolments.id.name)}`;

/** The lesson states of the enrolment in the statement (`enrolments.id`), as JSON (LessonStatesJson). */
function lessonStatesJson() {
  return sql<LessonStatesJson>`(select coalesce(json_agg(json_build_object('moduleSlug', ${lessonProgress.moduleSlug}, 'lessonSlug', ${lessonProgress.lessonSlug}, 'viewed', ${epochMs(lessonProgress.lastViewedAt)}, 'completed', ${epochMs(lessonProgress.completedAt)})), '[]'::json) from ${lessonProgress} where ${lessonProgress.enrolmentId} = ${rowEnrolmentId})`;
}

function lessonStatesFromJson(json: LessonStatesJson | string): LessonState[] {
  return fromJson(json).map(({ moduleSlug, lessonSlug, viewed, completed }) => ({
    moduleSlug,
    lessonSlug,
    lastViewedAt: new Date(viewed),
    completedAt: completed === null ? null : new Date(completed),
  }));
}

export interface LessonReflection {
  reflectionId: string;
  body: string;
  draftBody: string | null;
  status: "draft" | "saved";
  updatedAt: Date;
  sentToPortfolioAt: Date | null;
}

/** The learner's active enrolment on a programme (placeholders userId and programmeSlug). */
const activeOnProgramme = and(
  eq(enrolments.userId, sql.placeholder("userId")),
  eq(enrolments.programmeSlug, sql.placeholder("programmeSlug")),
  eq(enrolments.status, "active"),
);

/**
 * What a learner's lesson page reads, in one statement: their active enrolment on the programme,
 * with its lesson states (as lessonStatesFor), their latest knowledge-check attempt on the lesson
 * (as latestCheckAttempt) and their reflections on it (as reflectionsFor). Null when they are not
 * enrolled on the programme.
 */
export async function lessonPageRecords(userId: string, programmeSlug: string, moduleSlug: string, lessonSlug: string) {
  const query = await preparedStatement("lesson_page_records", (db) => {
    const ofThisLesson = (table: typeof knowledgeCheckAttempts | typeof lessonReflections) =>
      and(
        eq(table.enrolmentId, rowEnrolmentId),
        eq(table.moduleSlug, sql.placeholder("moduleSlug")),
        eq(table.lessonSlug, sql.placeholder("lessonSlug")),
      );
    return db
      .select({
        enrolment: enrolments,
        lessons: lessonStatesJson(),
        // Null before the first attempt.
        attempt: sql<{
          answers: Record<string, number>;
          submitted: number;
        } | null>`(select json_build_object('answers', ${knowledgeCheckAttempts.answers}, 'submitted', ${epochMs(knowledgeCheckAttempts.submittedAt)}) from ${knowledgeCheckAttempts} where ${ofThisLesson(knowledgeCheckAttempts)} order by ${knowledgeCheckAttempts.submittedAt} desc limit 1)`,
        reflections: sql<
          {
            reflectionId: string;
            body: string;
            draftBody: string | null;
            status: "draft" | "saved";
            updated: number;
            sent: number | null;
          }[]
        >`(select coalesce(json_agg(json_build_object('reflectionId', ${lessonReflections.reflectionId}, 'body', ${lessonReflections.body}, 'draftBody', ${lessonReflections.draftBody}, 'status', ${lessonReflections.status}, 'updated', ${epochMs(lessonReflections.updatedAt)}, 'sent', ${epochMs(lessonReflections.sentToPortfolioAt)})), '[]'::json) from ${lessonReflections} where ${ofThisLesson(lessonReflections)})`,
      })
      .from(enrolments)
      .where(activeOnProgramme)
      .limit(1)
      .prepare("lesson_page_records");
  });
  const [row] = await query.execute({ userId, programmeSlug, moduleSlug, lessonSlug });
  if (!row) return null;
  const attempt = fromJson(row.attempt);
  return {
    enrolment: row.enrolment,
    states: lessonStatesFromJson(row.lessons),
    attempt: attempt && { answers: attempt.answers, submittedAt: new Date(attempt.submitted) },
    reflections: fromJson(row.reflections).map(
      ({ reflectionId, body, draftBody, status, updated, sent }): LessonReflection => ({
        reflectionId,
        body,
        draftBody,
        status,
        updatedAt: new Date(updated),
        sentToPortfolioAt: sent === null ? null : new Date(sent),
      }),
    ),
  };
}

/**
 * What the learner home reads, in one statement: the learner's active enrolments, newest first,
 * each with its year's revision, and the lesson states of each (as lessonStatesFor gives them).
 */
export async function enrolmentsWithLessons(userId: string): Promise<{
  enrolments: (Enrolment & { revision: number })[];
  lessons: Map<string, LessonState[]>;
}> {
  const query = await preparedStatement("enrolments_with_lessons", (db) =>
    db
      .select({
        enrolment: enrolments,
        revision: sql<number>`coalesce(${yearRevisions.revision}, 0)::int`,
        lessons: lessonStatesJson(),
      })
      .from(enrolments)
      .leftJoin(yearRevisions, eq(yearRevisions.enrolmentId, enrolments.id))
      .where(and(eq(enrolments.userId, sql.placeholder("userId")), eq(enrolments.status, "active")))
      .orderBy(desc(enrolments.startedOn))
      .prepare("enrolments_with_lessons"),
  );
  const rows = await query.execute({ userId });
  const lessons = new Map<string, LessonState[]>();
  for (const row of rows) lessons.set(row.enrolment.id, lessonStatesFromJson(row.lessons));
  return { enrolments: rows.map((r) => ({ ...r.enrolment, revision: r.revision })), lessons };
}

/** Active enrolments through one organisation for many learners, in one query. */
/** With each year's revision (0 for a year nothing has been recorded in), for what is kept against it. */
export async function listOrganisationEnrolments(
  organisationId: string,
  userIds: string[],
): Promise<(Enrolment & { revision: number })[]> {
  if (userIds.length === 0) return [];
  const query = await preparedStatement("organisation_enrolments", (db) =>
    db
      .select({ ...getTableColumns(enrolments), revision: sql<number>`coalesce(${yearRevisions.revision}, 0)::int` })
      .from(enrolments)
      .leftJoin(yearRevisions, eq(yearRevisions.enrolmentId, enrolments.id))
      .where(
        and(
          eq(enrolments.organisationId, sql.placeholder("organisationId")),
          sql`${enrolments.userId} = any(${sql.placeholder("userIds")}::uuid[])`,
          eq(enrolments.status, "active"),
        ),
      )
      .prepare("organisation_enrolments"),
  );
  return query.execute({ organisationId, userIds });
}

export async function findEnrolment(userId: string, programmeSlug: string): Promise<Enrolment | null> {
  const query = await preparedStatement("enrolment_on_programme", (db) =>
    db.select().from(enrolments).where(activeOnProgramme).limit(1).prepare("enrolment_on_programme"),
  );
  const [row] = await query.execute({ userId, programmeSlug });
  return row ?? null;
}

/** Lesson states for many enrolments in one query, grouped by enrolment. */
export async function lessonStatesFor(enrolmentIds: string[]): Promise<Map<string, LessonState[]>> {
  const grouped = new Map<string, LessonState[]>(enrolmentIds.map((id) => [id, []]));
  if (enrolmentIds.length === 0) return grouped;
  const query = await preparedStatement("lesson_states", (db) =>
    db
      .select({
        enrolmentId: lessonProgress.enrolmentId,
        moduleSlug: lessonProgress.moduleSlug,
        lessonSlug: lessonProgress.lessonSlug,
        completedAt: lessonProgress.completedAt,
        lastViewedAt: lessonProgress.lastViewedAt,
      })
      .from(lessonProgress)
      .where(sql`${lessonProgress.enrolmentId} = any(${sql.placeholder("ids")}::uuid[])`)
      .prepare("lesson_states"),
  );
  const rows = await query.execute({ ids: enrolmentIds });
  for (const { enrolmentId, ...state } of rows) grouped.get(enrolmentId)?.push(state);
  return grouped;
}

export async function recordLessonView(enrolmentId: string, moduleSlug: string, lessonSlug: string) {
  const db = await getDb();
  await db
    .insert(lessonProgress)
    .values({ enrolmentId, moduleSlug, lessonSlug })
    .onConflictDoUpdate({
      target: [lessonProgress.enrolmentId, lessonProgress.moduleSlug, lessonProgress.lessonSlug],
      set: { lastViewedAt: sql`now()` },
    });
}

export async function setLessonComplete(
  enrolmentId: string,
  moduleSlug: string,
  lessonSlug: string,
  complete: boolean,
) {
  const db = await getDb();
  await db
    .insert(lessonProgress)
    .values({ enrolmentId, moduleSlug, lessonSlug, completedAt: complete ? new Date() : null })
    .onConflictDoUpdate({
      target: [lessonProgress.enrolmentId, lessonProgress.moduleSlug, lessonProgress.lessonSlug],
      set: {
        completedAt: complete ? sql`coalesce(${lessonProgress.completedAt}, now())` : null,
        lastViewedAt: sql`now()`,
      },
    });
}

export async function submitKnowledgeCheck(
  enrolmentId: string,
  moduleSlug: string,
  lesson: Lesson,
  ids: string[],
  answers: Record<string, number | undefined>,
) {
  const scored = scoreChecks(lesson, ids, answers);
  const chosen: Record<string, number> = {};
  for (const r of scored.results) if (r.chosen !== null) chosen[r.id] = r.chosen;
  const db = await getDb();
  await db.insert(knowledgeCheckAttempts).values({
    enrolmentId,
    moduleSlug,
    lessonSlug: lesson.slug,
    answers: chosen,
    score: scored.score,
    total: scored.total,
  });
  return scored;
}

export async function latestCheckAttempt(enrolmentId: string, moduleSlug: string, lessonSlug: string) {
  const query = await preparedStatement("latest_check_attempt", (db) =>
    db
      .select()
      .from(knowledgeCheckAttempts)
      .where(
        and(
          eq(knowledgeCheckAttempts.enrolmentId, sql.placeholder("enrolmentId")),
          eq(knowledgeCheckAttempts.moduleSlug, sql.placeholder("moduleSlug")),
          eq(knowledgeCheckAttempts.lessonSlug, sql.placeholder("lessonSlug")),
        ),
      )
      .orderBy(desc(knowledgeCheckAttempts.submittedAt))
      .limit(1)
      .prepare("latest_check_attempt"),
  );
  const [row] = await query.execute({ enrolmentId, moduleSlug, lessonSlug });
  return row ?? null;
}

export async function reflectionsFor(enrolmentId: string, moduleSlug: string, lessonSlug: string) {
  const query = await preparedStatement("lesson_reflections", (db) =>
    db
      .select()
      .from(lessonReflections)
      .where(
        and(
          eq(lessonReflections.enrolmentId, sql.placeholder("enrolmentId")),
          eq(lessonReflections.moduleSlug, sql.placeholder("moduleSlug")),
          eq(lessonReflections.lessonSlug, sql.placeholder("lessonSlug")),
        ),
      )
      .prepare("lesson_reflections"),
  );
  return query.execute({ enrolmentId, moduleSlug, lessonSlug });
}

/**
 * Saves what the learner is typing as a draft, beside (never over) the text they last saved;
 * saving makes the text the saved version and clears the draft.
 */
export async function saveReflection(
  enrolmentId: string,
  moduleSlug: string,
  lessonSlug: string,
  reflectionId: string,
  body: string,
  status: "draft" | "saved",
) {
  const db = await getDb();
  const key = { enrolmentId, moduleSlug, lessonSlug, reflectionId };
  const target = [
    lessonReflections.enrolmentId,
    lessonReflections.moduleSlug,
    lessonReflections.lessonSlug,
    lessonReflections.reflectionId,
  ];
  if (status === "draft") {
    await db
      .insert(lessonReflections)
      .values({ ...key, body: "", draftBody: body, status: "draft" })
      .onConflictDoUpdate({ target, set: { draftBody: body, updatedAt: sql`now()` } });
  } else {
    await db
      .insert(lessonReflections)
      .values({ ...key, body, draftBody: null, status: "saved" })
      .onConflictDoUpdate({ target, set: { body, draftBody: null, status: "saved", updatedAt: sql`now()` } });
  }
}

/** Inside the caller's transaction when one is given (sendToPortfolio passes the evidence's). */
/**
 * A saved lesson reflection as a portfolio item: mapped only to the capabilities this learner's
 * portfolio maps to (so the item can be edited later), or to all of the lesson's when none are.
 */
export function reflectionAsEvidence(
  rules: AssessmentRules,
  pathway: string | null,
  lesson: Lesson,
  reflection: { reflectionId: string; body: string; updatedAt: Date },
) {
  const prompt = lesson.reflections.find((r) => r.id === reflection.reflectionId)?.prompt ?? "";
  const codes = mappableCodes(loadManifest().frameworks, frameworksFor(rules, pathway));
  const mappable = lesson.capabilities.filter((c) => codes.has(c));
  return {
    title: `Reflection: ${lesson.title}`,
    occurredOn: format(reflection.updatedAt, "yyyy-MM-dd"),
    body: `${prompt}\n\n${reflection.body}`,
    capabilities: mappable.length ? mappable : lesson.capabilities,
    details: {},
  };
}

export async function markSentToPortfolio(reflectionRowId: string, tx?: Database) {
  const db = tx ?? (await getDb());
  await db
    .update(lessonReflections)
    .set({ sentToPortfolioAt: sql`coalesce(${lessonReflections.sentToPortfolioAt}, now())` })
    .where(eq(lessonReflections.id, reflectionRowId));
}

export type SelfEnrolResult =
  { ok: true; enrolment: Enrolment } | { ok: false; reason: "not_open" | "paid" | "withdrawn" };

/** Learners may enrol themselves only on free programmes that allow it; the enrolment and its audit record commit together. */
export async function selfEnrol(
  userId: string,
  programmeSlug: string,
  today = englandToday(),
  details: { ipAddress?: string | null } = {},
): Promise<SelfEnrolResult> {
  const programme = findProgramme(programmeSlug);
  if (!programme || !programme.selfEnrol) return { ok: false, reason: "not_open" };
  if (programme.price) return { ok: false, reason: "paid" };
  const db = await getDb();
  return db.transaction(async (tx): Promise<SelfEnrolResult> => {
    await tx
      .insert(enrolments)
      .values({ userId, programmeSlug, startedOn: format(today, "yyyy-MM-dd"), enrolledById: userId })
      .onConflictDoNothing();
    // An enrolment that already exists is left as it is: one an employer withdrew stays withdrawn.
    const [row] = await tx
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.userId, userId), eq(enrolments.programmeSlug, programmeSlug)))
      .limit(1);
    if (!row || row.status !== "active") return { ok: false, reason: "withdrawn" };
    await recordAudit(
      {
        actorUserId: userId,
        action: "enrolment.self_enrolled",
        subjectType: "enrolment",
        subjectId: row.id,
        detail: { programme: programmeSlug },
        ipAddress: details.ipAddress,
      },
      tx,
    );
    return { ok: true, enrolment: row };
  });
}
