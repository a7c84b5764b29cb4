/**
 * Each form is saved once (ADR 021). A page carries a key made when it was drawn (a hidden field,
 * so it works without JavaScript); the action claims a row for that key, who sent it, where and
 * what was sent, in the same transaction as the records the form makes. A double click, a resend
 * or a retry after a lost response finds the row and is sent where the first post went; two posts
 * at once cannot both insert it (the row's primary key), so one waits for the other and follows it.
 */
import { createHash, randomUUID } from "node:crypto";
import { eq, lt } from "drizzle-orm";
import { formSubmissions } from "#db/schema";
import type { Database } from "#db/client";
import { getDb, inTransaction, withAfterCommit } from "./db.server";
import { isUuid } from "./ids";

/** The hidden field that carries the key. */
export const SUBMISSION_KEY = "submissionKey";

/** A key for the forms of one page as it is drawn. */
export function newSubmissionKey(): string {
  return randomUUID();
}

/** A form as sent: its key, and a digest of everything else in it. */
export interface SentForm {
  key: string;
  digest: string;
}

/**
 * The key and digest of a submitted form, or null when it carries no usable key (a page drawn
 * before keys, a script): such a post is saved as before, without the guard.
 */
export function sentFormOf(formData: FormData): SentForm | null {
  const key = formData.get(SUBMISSION_KEY);
  if (typeof key !== "string" || !isUuid(key)) return null;
  const hash = createHash("sha256");
  for (const [name, value] of formData) {
    if (name === SUBMISSION_KEY) continue;
    hash.update(`${name.length}:${name}=`);
    if (typeof value === "string") hash.update(`${value.length}:${value}`);
    // A file is told apart by its name, size and type: a repeat sends the same file again.
    else hash.update(`file:${value.name.length}:${value.name}:${value.size}:${value.type}`);
    hash.update("\n");
  }
  return { key, digest: hash.digest("hex") };
}

function claimId(request: Request, sent: SentForm, who: string | null) {
  const url = new URL(request.url);
  return createHash("sha256")
    .update(JSON.stringify([sent.key, who ?? "", url.pathname + url.search, sent.digest]))
    .digest("hex");
}

/**
 * Where an earlier post of this very form sent the person, if it was saved: for an action that
 * checks, before saving, that the step is still waiting (a review already submitted is no longer
 * waiting), so a repeat is sent on as the first was instead of being refused.
 */
export async function savedBefore(request: Request, sent: SentForm | null, who: string | null): Promise<string | null> {
  if (!sent) return null;
  const db = await getDb();
  const [first] = await db
    .select({ location: formSubmissions.location })
    .from(formSubmissions)
    .where(eq(formSubmissions.id, claimId(request, sent, who)))
    .limit(1);
  return first?.location || null;
}

export type Outcome<R> =
  | { saved: true; location: string; /** True when an earlier post of this form had saved it. */ again: boolean }
  | { saved: false; refusal: R };

class Refused<R> {
  constructor(readonly refusal: R) {}
}
class AlreadySaved {}

/**
 * Runs `work` (which saves the form and answers where to send the person, or a refusal to give
 * back) at most once per sent form. Everything `work` writes through `getDb()` commits with the
 * claim; a refusal or an error rolls both back, so a form the person must correct keeps its key.
 * `who` is the signed-in person (null when signed out); `request` says which page's action it is.
 */
export async function saveOnce<R>(
  request: Request,
  sent: SentForm | null,
  who: string | null,
  work: () => Promise<string | Refusal<R>>,
): Promise<Outcome<R>> {
  if (!sent) {
    const result = await work();
    return typeof result === "string"
      ? { saved: true, location: result, again: false }
      : { saved: false, refusal: result.refusal };
  }
  const url = new URL(request.url);
  const id = claimId(request, sent, who);
  const db = await getDb();
  try {
    // Emails and the like wait for the claim and the records to commit together.
    return await withAfterCommit(() =>
      db.transaction(async (tx) => {
        const claimed = await tx
          .insert(formSubmissions)
          .values({ id })
          .onConflictDoNothing()
          .returning({ id: formSubmissions.id });
        if (!claimed.length) throw new AlreadySaved();
        const result = await inTransaction(tx as unknown as Database, work);
        if (typeof result !== "string") throw new Refused(result.refusal);
        await tx.update(formSubmissions).set({ location: result }).where(eq(formSubmissions.id, id));
        return { saved: true as const, location: result, again: false };
      }),
    );
  } catch (error) {
    if (error instanceof Refused) return { saved: false, refusal: error.refusal as R };
    if (!(error instanceof AlreadySaved)) throw error;
  }
  // The first post committed before this one could claim the key, so its row is there to read.
  const [first] = await db
    .select({ location: formSubmissions.location })
    .from(formSubmissions)
    .where(eq(formSubmissions.id, id))
    .limit(1);
  return { saved: true, location: first?.location || url.pathname, again: true };
}

/** What `work` answers when the form must come back to the person: nothing it wrote is kept. */
export interface Refusal<R> {
  refusal: R;
}
export function refuse<R>(refusal: R): Refusal<R> {
  return { refusal };
}

/** saveOnce for a form that, once read, is always saved: where to send the person. */
export async function savedOnce(
  request: Request,
  sent: SentForm | null,
  who: string | null,
  work: () => Promise<string>,
): Promise<string> {
  const outcome = await saveOnce<never>(request, sent, who, work);
  return outcome.saved ? outcome.location : new URL(request.url).pathname;
}

/**
 * How long a form's key is kept: a resend after a lost response comes within minutes, a page sent
 * again from the browser's history within days. After that a post with the key is saved again.
 */
export const SUBMISSION_KEY_DAYS = 30;

/** Removes the keys of forms sent more than SUBMISSION_KEY_DAYS ago (the server's hourly housekeeping). */
export async function purgeSubmissionKeys(now = new Date()) {
  const db = await getDb();
  const before = new Date(now.getTime() - SUBMISSION_KEY_DAYS * 86_400_000);
  const removed = await db
    .delete(formSubmissions)
    .where(lt(formSubmissions.createdAt, before))
    .returning({ id: formSubmissions.id });
  return removed.length;
}
