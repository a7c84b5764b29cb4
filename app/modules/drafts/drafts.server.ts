import { and, eq, inArray, sql } from "drizzle-orm";
import { drafts } from "#db/schema";
import { getDb } from "~/utils/db.server";
import type { DraftFields } from "./drafts";

export async function saveDraft(userId: string, formKey: string, fields: DraftFields) {
  const db = await getDb();
  const [row] = await db
    .insert(drafts)
    .values({ userId, formKey, fields })
    .onConflictDoUpdate({ target: [drafts.userId, drafts.formKey], set: { fields, updatedAt: sql`now()` } })
    .returning({ updatedAt: drafts.updatedAt });
  return row!.updatedAt;
}

/** The person's own draft of a form, if they have one. Drafts are never shown to anyone else. */
export async function loadDraft(userId: string, formKey: string) {
  const db = await getDb();
  const [row] = await db
    .select({ fields: drafts.fields, updatedAt: drafts.updatedAt })
    .from(drafts)
    .where(and(eq(drafts.userId, userId), eq(drafts.formKey, formKey)))
    .limit(1);
  return row ?? null;
}

export async function discardDraft(userId: string, formKey: string) {
  const db = await getDb();
  await db.delete(drafts).where(and(eq(drafts.userId, userId), eq(drafts.formKey, formKey)));
}

/** The person's own drafts of several forms, in one statement, by form key. */
export async function loadDrafts(userId: string, formKeys: string[]) {
  const found = new Map<string, { fields: DraftFields; updatedAt: Date }>();
  if (formKeys.length === 0) return found;
  const db = await getDb();
  const rows = await db
    .select({ formKey: drafts.formKey, fields: drafts.fields, updatedAt: drafts.updatedAt })
    .from(drafts)
    .where(and(eq(drafts.userId, userId), inArray(drafts.formKey, formKeys)));
  for (const { formKey, ...draft } of rows) found.set(formKey, draft);
  return found;
}
