/**
 * The portfolio of evidence: items, their versions (append-only) and attached files.
 * Access is decided by the caller (requireYearAccess, then the rules in ./rules); these
 * functions always scope an item to the enrolment it was asked for.
 */
import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import {
  enrolments,
  evidenceFeedback,
  evidenceFileContents,
  evidenceFiles,
  evidenceItems,
  evidenceReads,
  evidenceVersions,
  users,
} from "#db/schema";
import { actedBy, type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { getDb } from "~/utils/db.server";
import { isUuid } from "~/utils/ids";
import { feedbackNotice, observationNotice } from "~/modules/notices/notices";
import {
  actorName,
  emailNoticesAfterCommit,
  type NoticeRow,
  recordNotices,
  yearParties,
} from "~/modules/notices/notices.server";
import type { FileCheck } from "./files";
import { evidenceHash, type EvidenceKind, type EvidenceSummary } from "./rules";

/** Its role is the one the person acts in: learner, supervisor, assessor, programme_lead. */
export type PortfolioActor = AuditActor;

export interface EvidenceInput {
  title: string;
  occurredOn: string;
  body: string;
  capabilities: string[];
  details: Record<string, string>;
}

export interface UploadedFile {
  name: string;
  bytes: Buffer;
  check: Extract<FileCheck, { ok: true }>;
}

type Tx = Database;

async function storeFile(tx: Tx, itemId: string, actor: PortfolioActor, file: UploadedFile) {
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  const [row] = await tx
    .insert(evidenceFiles)
    .values({
      itemId,
      fileName: file.name,
      contentType: file.check.contentType,
      sizeBytes: file.bytes.length,
      sha256,
      uploadedById: actor.userId,
    })
    .returning();
  await tx.insert(evidenceFileContents).values({ fileId: row!.id, content: file.bytes });
  return row!;
}

/** The current version of every item in one learner's portfolio, newest practice first (one query). */
export async function listEvidence(enrolmentId: string) {
  return (await evidenceForEnrolments([enrolmentId])).get(enrolmentId) ?? [];
}

/** Current versions for many enrolments at once (the desk, the timeline), in one query. */
export async function evidenceForEnrolments(enrolmentIds: string[]) {
  const result = new Map<
    string,
    (EvidenceSummary & {
      createdAt: Date;
      createdByRole: string;
      version: number;
      toRead: boolean;
      fromLesson: boolean;
    })[]
  >(enrolmentIds.map((id) => [id, []]));
  if (enrolmentIds.length === 0) return result;
  const db = await getDb();
  const rows = await db
    .select({
      id: evidenceItems.id,
      enrolmentId: evidenceItems.enrolmentId,
      kind: evidenceItems.kind,
      createdByRole: evidenceItems.createdByRole,
      createdAt: evidenceItems.createdAt,
      version: evidenceVersions.version,
      title: evidenceVersions.title,
      occurredOn: evidenceVersions.occurredOn,
      capabilities: evidenceVersions.capabilities,
      details: evidenceVersions.details,
      // Whether the year's supervisor has still to read the version in force: one someone else saved
      // and they have not opened (evidence_reads).
      // A lesson's reflection the learner sent to the portfolio: shared with those who read the year.
      fromLesson: sql<boolean>`coalesce(${evidenceItems.sourceKey} like 'lesson-reflection:%', false)`,
      toRead: sql<boolean>`${enrolments.supervisorId} is not null
        and ${evidenceVersions.createdById} is distinct from ${enrolments.supervisorId}
        and not exists (select 1 from ${evidenceReads} r where r.item_id = ${evidenceItems.id}
          and r.version = ${evidenceItems.currentVersion} and r.reader_id = ${enrolments.supervisorId})`,
    })
    .from(evidenceItems)
    .innerJoin(
      evidenceVersions,
      and(eq(evidenceVersions.itemId, evidenceItems.id), eq(evidenceVersions.version, evidenceItems.currentVersion)),
    )
    .innerJoin(enrolments, eq(enrolments.id, evidenceItems.enrolmentId))
    .where(inArray(evidenceItems.enrolmentId, enrolmentIds))
    .orderBy(desc(evidenceVersions.occurredOn), desc(evidenceItems.createdAt));
  for (const r of rows) {
    result.get(r.enrolmentId)?.push({
      id: r.id,
      kind: r.kind,
      title: r.title,
      occurredOn: r.occurredOn,
      capabilities: r.capabilities,
      createdAt: r.createdAt,
      createdByRole: r.createdByRole,
      version: r.version,
      toRead: r.toRead,
      fromLesson: r.fromLesson,
      ...(r.kind === "direct_observation"
        ? { awaitingReflection: !r.details.learnerReflection?.trim(), byAssessor: r.createdByRole === "assessor" }
        : {}),
    });
  }
  return result;
}

/** One item with every version (newest first) and its files, or null if it is not in this enrolment. */
export async function findEvidence(enrolmentId: string, itemId: string | undefined) {
  if (!isUuid(itemId)) return null;
  const db = await getDb();
  const [item] = await db
    .select({ item: evidenceItems, authorName: users.name })
    .from(evidenceItems)
    .innerJoin(users, eq(users.id, evidenceItems.createdById))
    .where(and(eq(evidenceItems.id, itemId), eq(evidenceItems.enrolmentId, enrolmentId)))
    .limit(1);
  if (!item) return null;
  const [versions, files] = await Promise.all([
    db
      .select({ version: evidenceVersions, editorName: users.name })
      .from(evidenceVersions)
      .innerJoin(users, eq(users.id, evidenceVersions.createdById))
      .where(eq(evidenceVersions.itemId, itemId))
      .orderBy(desc(evidenceVersions.version)),
    db.select().from(evidenceFiles).where(eq(evidenceFiles.itemId, itemId)).orderBy(asc(evidenceFiles.uploadedAt)),
  ]);
  return { ...item.item, authorName: item.authorName, versions, files };
}

export type EvidenceRecord = NonNullable<Awaited<ReturnType<typeof findEvidence>>>;

/** Adds an item at version 1, with its file if one came with it, in one transaction. */
export async function createEvidence(
  enrolmentId: string,
  actor: PortfolioActor,
  kind: EvidenceKind,
  input: EvidenceInput,
  file?: UploadedFile | null,
  sourceKey?: string,
) {
  const db = await getDb();
  const told: NoticeRow[] = [];
  const item = await db.transaction((tx) => insertEvidence(tx, enrolmentId, actor, kind, input, file, sourceKey, told));
  await emailNoticesAfterCommit(told);
  return item;
}

/** The item, its first version, its file and the audit record, in the caller's transaction; null if the source key is taken. */
async function insertEvidence(
  tx: Tx,
  enrolmentId: string,
  actor: PortfolioActor,
  kind: EvidenceKind,
  input: EvidenceInput,
  file?: UploadedFile | null,
  sourceKey?: string,
  /** Notices this wrote, for the caller to email once the transaction commits. */
  told: NoticeRow[] = [],
) {
  const inserted = await tx
    .insert(evidenceItems)
    .values({ enrolmentId, kind, createdById: actor.userId, createdByRole: actor.role, sourceKey })
    .onConflictDoNothing()
    .returning();
  const item = inserted[0];
  if (!item) return null;
  const stored = file ? await storeFile(tx, item.id, actor, file) : null;
  const fileHashes = stored ? [stored.sha256] : [];
  // The hash is of exactly what is stored, so the next save of the same text finds it unchanged.
  const content = clean(input);
  const [version] = await tx
    .insert(evidenceVersions)
    .values({
      itemId: item.id,
      version: 1,
      ...content,
      fileIds: stored ? [stored.id] : [],
      contentHash: evidenceHash({ ...content, fileHashes }),
      createdById: actor.userId,
    })
    .returning();
  await recordAudit(
    {
      ...actedBy(actor),
      action: "evidence.created",
      subjectType: "evidence_item",
      subjectId: item.id,
      detail: {
        enrolment: enrolmentId,
        kind,
        version: 1,
        contentHash: version!.contentHash,
        files: fileHashes.length,
      },
      ipAddress: actor.ipAddress,
    },
    tx,
  );
  // An observer's record of the learner's practice waits for the learner's reflection: they are told.
  if (kind === "direct_observation") {
    const year = await yearParties(tx, enrolmentId);
    if (year && year.learner.id !== actor.userId) {
      const by = await actorName(tx, actor.userId, "Your observer");
      told.push(...(await recordNotices(tx, [observationNotice(year, { id: item.id, title: content.title }, by)])));
    }
  }
  return item;
}

function clean(input: EvidenceInput) {
  const details: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.details)) if (v.trim()) details[k] = v.trim();
  return {
    title: input.title.trim(),
    occurredOn: input.occurredOn,
    body: input.body.trim(),
    capabilities: [...new Set(input.capabilities)],
    details,
  };
}

export type ReviseResult = { ok: true; version: number; changed: boolean } | { ok: false; message: string };

/**
 * Saves an edit as a new version; the earlier versions stay as they were. Refused when the
 * item moved on since the editor loaded it, so nobody overwrites an edit they have not seen.
 */
export async function reviseEvidence(
  enrolmentId: string,
  itemId: string,
  actor: PortfolioActor,
  versionSeen: number,
  input: EvidenceInput,
  changes: { addFile?: UploadedFile | null; removeFileIds?: string[] } = {},
): Promise<ReviseResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [item] = await tx
      .select()
      .from(evidenceItems)
      .where(and(eq(evidenceItems.id, itemId), eq(evidenceItems.enrolmentId, enrolmentId)))
      .for("update")
      .limit(1);
    if (!item) return { ok: false as const, message: "We could not find that evidence." };
    if (item.currentVersion !== versionSeen)
      return {
        ok: false as const,
        message: "Someone saved a newer version while you were editing. Read it, then make your change again",
      };
    const [current] = await tx
      .select()
      .from(evidenceVersions)
      .where(and(eq(evidenceVersions.itemId, itemId), eq(evidenceVersions.version, item.currentVersion)))
      .limit(1);
    const removed = new Set(changes.removeFileIds ?? []);
    const keptIds = current!.fileIds.filter((id) => !removed.has(id));
    const stored = changes.addFile ? await storeFile(tx, itemId, actor, changes.addFile) : null;
    const fileIds = stored ? [...keptIds, stored.id] : keptIds;
    const fileRows = fileIds.length
      ? await tx
          .select({ id: evidenceFiles.id, sha256: evidenceFiles.sha256 })
          .from(evidenceFiles)
          .where(inArray(evidenceFiles.id, fileIds))
      : [];
    const fileHashes = fileIds.map((id) => fileRows.find((f) => f.id === id)!.sha256);
    const content = clean(input);
    const contentHash = evidenceHash({ ...content, fileHashes });
    if (contentHash === current!.contentHash)
      return { ok: true as const, version: item.currentVersion, changed: false };
    const version = item.currentVersion + 1;
    await tx.insert(evidenceVersions).values({
      itemId,
      version,
      ...content,
      fileIds,
      contentHash,
      createdById: actor.userId,
    });
    await tx
      .update(evidenceItems)
      .set({ currentVersion: version, updatedAt: sql`now()` })
      .where(eq(evidenceItems.id, itemId));
    await recordAudit(
      {
        ...actedBy(actor),
        action: "evidence.revised",
        subjectType: "evidence_item",
        subjectId: itemId,
        detail: { enrolment: enrolmentId, version, contentHash, previous: current!.contentHash },
      },
      tx,
    );
    return { ok: true as const, version, changed: true };
  });
}

/** A file's bytes, only if it belongs to this item of this enrolment. */
export async function readEvidenceFile(enrolmentId: string, itemId: string, fileId: string | undefined) {
  if (!isUuid(fileId)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ file: evidenceFiles, content: evidenceFileContents.content })
    .from(evidenceFiles)
    .innerJoin(evidenceItems, eq(evidenceItems.id, evidenceFiles.itemId))
    .innerJoin(evidenceFileContents, eq(evidenceFileContents.fileId, evidenceFiles.id))
    .where(
      and(eq(evidenceFiles.id, fileId), eq(evidenceFiles.itemId, itemId), eq(evidenceItems.enrolmentId, enrolmentId)),
    )
    .limit(1);
  return row ?? null;
}

/**
 * Sends a saved lesson reflection to the portfolio as evidence, once: sending it again
 * answers with the item it already became. `alsoWrite` (e.g. marking the reflection sent)
 * runs in the same transaction as the evidence, so neither is written without the other.
 */
export async function sendToPortfolio(
  enrolmentId: string,
  actor: PortfolioActor,
  sourceKey: string,
  input: EvidenceInput,
  alsoWrite?: (tx: Database) => Promise<void>,
): Promise<string> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const find = async () =>
      (
        await tx
          .select({ id: evidenceItems.id })
          .from(evidenceItems)
          .where(and(eq(evidenceItems.sourceKey, sourceKey), eq(evidenceItems.enrolmentId, enrolmentId)))
          .limit(1)
      )[0]?.id;
    const existing = await find();
    const id =
      existing ??
      (await insertEvidence(tx, enrolmentId, actor, "lesson_reflection", input, null, sourceKey))?.id ??
      (await find());
    if (!id) throw new Error(`Evidence ${sourceKey} exists, but not in enrolment ${enrolmentId}`);
    await alsoWrite?.(tx);
    return id;
  });
}

/**
 * Writes evidence that comes from another record (a shared session's register, ADR 026), in the
 * caller's transaction: the item named by `sourceKey` is made on first use and, after that, given a
 * new version whenever what the record says changes. Nothing is written when it says the same.
 * `create: false` writes only to an item that exists already (an absence is no evidence to start).
 */
export async function recordSourcedEvidence(
  tx: Tx,
  enrolmentId: string,
  actor: PortfolioActor,
  kind: EvidenceKind,
  sourceKey: string,
  input: EvidenceInput,
  options: { create: boolean },
): Promise<{ itemId: string; version: number } | null> {
  const [item] = await tx
    .select()
    .from(evidenceItems)
    .where(and(eq(evidenceItems.sourceKey, sourceKey), eq(evidenceItems.enrolmentId, enrolmentId)))
    .for("update")
    .limit(1);
  if (!item) {
    if (!options.create) return null;
    const made = await insertEvidence(tx, enrolmentId, actor, kind, input, null, sourceKey);
    if (!made) throw new Error(`Evidence ${sourceKey} exists, but not in enrolment ${enrolmentId}`);
    return { itemId: made.id, version: 1 };
  }
  const [current] = await tx
    .select()
    .from(evidenceVersions)
    .where(and(eq(evidenceVersions.itemId, item.id), eq(evidenceVersions.version, item.currentVersion)))
    .limit(1);
  const content = clean(input);
  const contentHash = evidenceHash({ ...content, fileHashes: [] });
  if (contentHash === current!.contentHash) return { itemId: item.id, version: item.currentVersion };
  const version = item.currentVersion + 1;
  await tx.insert(evidenceVersions).values({ itemId: item.id, version, ...content, fileIds: [], contentHash, createdById: actor.userId });
  await tx.update(evidenceItems).set({ currentVersion: version, updatedAt: sql`now()` }).where(eq(evidenceItems.id, item.id));
  await recordAudit(
    {
      ...actedBy(actor),
      action: "evidence.revised",
      subjectType: "evidence_item",
      subjectId: item.id,
      detail: { enrolment: enrolmentId, version, contentHash, previous: current!.contentHash },
    },
    tx,
  );
  return { itemId: item.id, version };
}

/** Every version of every item of one learner's portfolio, oldest first (the appeal export). */
export async function allVersionsFor(enrolmentId: string) {
  const db = await getDb();
  return db
    .select({ item: evidenceItems, version: evidenceVersions, editorName: users.name })
    .from(evidenceVersions)
    .innerJoin(evidenceItems, eq(evidenceItems.id, evidenceVersions.itemId))
    .innerJoin(users, eq(users.id, evidenceVersions.createdById))
    .where(eq(evidenceItems.enrolmentId, enrolmentId))
    .orderBy(asc(evidenceItems.createdAt), asc(evidenceVersions.version));
}

/** Exact versions of items in one learner's portfolio, e.g. those a review named (one query). */
export async function versionsAt(enrolmentId: string, wanted: { itemId: string; version: number }[]) {
  if (!wanted.length) return [];
  const db = await getDb();
  const rows = await db
    .select({ kind: evidenceItems.kind, version: evidenceVersions })
    .from(evidenceVersions)
    .innerJoin(evidenceItems, eq(evidenceItems.id, evidenceVersions.itemId))
    .where(
      and(
        eq(evidenceItems.enrolmentId, enrolmentId),
        inArray(
          evidenceVersions.itemId,
          wanted.map((w) => w.itemId),
        ),
      ),
    );
  return rows.filter((r) => wanted.some((w) => w.itemId === r.version.itemId && w.version === r.version.version));
}

/** The files ever attached to these items of one enrolment, by name and size (not their content). */
export async function filesOfItems(enrolmentId: string, itemIds: string[]) {
  if (!itemIds.length) return [];
  const db = await getDb();
  return db
    .select({ id: evidenceFiles.id, itemId: evidenceFiles.itemId, fileName: evidenceFiles.fileName, sizeBytes: evidenceFiles.sizeBytes })
    .from(evidenceFiles)
    .innerJoin(evidenceItems, eq(evidenceItems.id, evidenceFiles.itemId))
    .where(and(eq(evidenceItems.enrolmentId, enrolmentId), inArray(evidenceFiles.itemId, itemIds)))
    .orderBy(asc(evidenceFiles.uploadedAt));
}

/** Records that `readerId` has opened this version of the item (once: a second opening changes nothing). */
export async function recordRead(itemId: string, version: number, readerId: string) {
  const db = await getDb();
  await db.insert(evidenceReads).values({ itemId, version, readerId }).onConflictDoNothing();
}

/** The feedback thread on each version of an item, oldest first, with who wrote each entry. */
export async function feedbackOn(itemId: string) {
  const db = await getDb();
  return db
    .select({
      id: evidenceFeedback.id,
      version: evidenceFeedback.version,
      body: evidenceFeedback.body,
      authorRole: evidenceFeedback.authorRole,
      authorName: users.name,
      createdAt: evidenceFeedback.createdAt,
    })
    .from(evidenceFeedback)
    .innerJoin(users, eq(users.id, evidenceFeedback.authorId))
    .where(eq(evidenceFeedback.itemId, itemId))
    .orderBy(asc(evidenceFeedback.createdAt), asc(evidenceFeedback.id));
}

/**
 * Adds feedback (or a reply) to one version of an item, audited in the same transaction. The
 * version must exist: feedback names exactly what it is about.
 */
export async function addFeedback(
  enrolmentId: string,
  itemId: string,
  version: number,
  actor: AuditActor,
  body: string,
): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const [found] = await tx
      .select({ id: evidenceVersions.id, title: evidenceVersions.title })
      .from(evidenceVersions)
      .innerJoin(evidenceItems, eq(evidenceItems.id, evidenceVersions.itemId))
      .where(
        and(
          eq(evidenceVersions.itemId, itemId),
          eq(evidenceVersions.version, version),
          eq(evidenceItems.enrolmentId, enrolmentId),
        ),
      )
      .limit(1);
    if (!found)
      return { ok: false as const, message: "That version of the evidence no longer exists. Reload the page." };
    const [row] = await tx
      .insert(evidenceFeedback)
      .values({ itemId, version, authorId: actor.userId, authorRole: actor.role, body })
      .returning({ id: evidenceFeedback.id });
    await recordAudit(
      {
        ...actedBy(actor),
        action: "evidence.feedback_added",
        subjectType: "evidence_item",
        subjectId: itemId,
        detail: { enrolment: enrolmentId, version },
      },
      tx,
    );
    // The other side of the thread is told: the learner of feedback, the supervisor of a reply.
    const year = await yearParties(tx, enrolmentId);
    const by = await actorName(tx, actor.userId, "Someone");
    const notice =
      year &&
      feedbackNotice(
        year,
        { id: itemId, version, title: found.title },
        { id: row!.id, byLearner: actor.userId === year.learner.id, by },
      );
    const told = notice ? await recordNotices(tx, [notice]) : [];
    return { ok: true as const, id: row!.id, told };
  });
  if (result.ok) await emailNoticesAfterCommit(result.told);
  return result.ok ? { ok: true, id: result.id } : result;
}
