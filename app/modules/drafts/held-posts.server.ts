/**
 * What someone typed into a form whose session had ended (it expired, or they were signed out
 * elsewhere) is held on the server, sealed, for them in that browser, and put back on the form when
 * they have signed in again (ADR 020). Nothing else reads it: only the person whose session it was,
 * in the browser it came from, on the form it was sent to, within a day.
 */
import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { endedSessions, heldPosts } from "#db/schema";
import {
  HELD_POST_LIFETIME_MS,
  heldPostCookie,
  readHeldPostToken,
  readSessionToken,
} from "~/modules/auth/cookie.server";
import { openSecret, sealSecret } from "~/modules/auth/secret-box.server";
import { generateToken, hashToken } from "~/modules/auth/session.server";
import { getDb } from "~/utils/db.server";
import { readUploadForm } from "~/utils/uploads.server";
import { formPath, heldFields, type DraftFields, type HeldText } from "./drafts";

interface Sealed {
  fields: DraftFields;
  fileLeftOut: boolean;
}

/** The seal names the person, the browser and the form: a row copied onto another opens for none of them. */
const boundTo = (userId: string, browserKey: string, path: string) => `held-post:${userId}:${browserKey}:${path}`;

/** Who an ended session belonged to, if it ended within the day: the session row itself is gone. */
async function ownerOfEndedSession(db: Database, token: string) {
  const [row] = await db
    .select({ userId: endedSessions.userId })
    .from(endedSessions)
    .where(
      and(
        eq(endedSessions.id, hashToken(token)),
        gt(endedSessions.endedAt, new Date(Date.now() - HELD_POST_LIFETIME_MS)),
      ),
    )
    .limit(1);
  return row?.userId ?? null;
}

/**
 * Called by the sign-in gate when a form is sent without a valid session. When the browser's
 * session cookie names a session that ended within the day, what was typed (never a password, a
 * code or a file) is held for that session's person, and the answer is the cookie that binds it to
 * this browser. Null when there is nothing to hold or no one to hold it for: the post is then
 * answered as before, with the sign-in page.
 */
export async function holdPostOfEndedSession(request: Request): Promise<{ cookie: string; path: string } | null> {
  const token = readSessionToken(request);
  if (!token || request.bodyUsed) return null;
  try {
    const db = await getDb();
    const userId = await ownerOfEndedSession(db, token);
    if (!userId) return null;
    const upload = await readUploadForm(request, []);
    if (!upload) return null;
    const fields = heldFields(upload.formData.entries());
    if (!fields) return null;
    const path = formPath(new URL(request.url));
    const browserToken = readHeldPostToken(request) ?? generateToken();
    const browserKey = hashToken(browserToken);
    const sealed = sealSecret(
      JSON.stringify({ fields, fileLeftOut: upload.unexpected.length > 0 } satisfies Sealed),
      boundTo(userId, browserKey, path),
    );
    const now = new Date();
    await db
      .insert(heldPosts)
      .values({
        browserKey,
        userId,
        path,
        sealed,
        heldAt: now,
        expiresAt: new Date(now.getTime() + HELD_POST_LIFETIME_MS),
      })
      .onConflictDoUpdate({
        target: [heldPosts.browserKey, heldPosts.userId, heldPosts.path],
        set: { sealed, heldAt: now, expiresAt: new Date(now.getTime() + HELD_POST_LIFETIME_MS) },
      });
    await purgeHeldPosts(now, db);
    return { cookie: heldPostCookie(browserToken), path };
  } catch (error) {
    // Holding is a kindness on the way to the sign-in page; failing to hold must not stop it.
    console.error("[held-posts] could not hold a post after a session ended:", error);
    return null;
  }
}

/**
 * What this person sent to this form from this browser after their session ended, if anything: for
 * the form's loader, after its own access checks. No statement is sent unless the browser has the
 * held-post cookie.
 */
export async function heldPostFor(request: Request, userId: string): Promise<HeldText | null> {
  const browserToken = readHeldPostToken(request);
  if (!browserToken) return null;
  const browserKey = hashToken(browserToken);
  const path = formPath(new URL(request.url));
  const db = await getDb();
  const [row] = await db
    .select({ sealed: heldPosts.sealed, heldAt: heldPosts.heldAt })
    .from(heldPosts)
    .where(
      and(
        eq(heldPosts.browserKey, browserKey),
        eq(heldPosts.userId, userId),
        eq(heldPosts.path, path),
        gt(heldPosts.expiresAt, sql`now()`),
      ),
    )
    .limit(1);
  if (!row) return null;
  const opened = openSecret(row.sealed, boundTo(userId, browserKey, path));
  if (opened === null) return null;
  const { fields, fileLeftOut } = JSON.parse(opened) as Sealed;
  return { fields, fileLeftOut, heldAt: row.heldAt.toISOString() };
}

/**
 * The form has been sent again by its writer, signed in: the text lives on in that request (saved,
 * or put back on the form if it is refused), so the held copy is let go. Also how "discard" works.
 */
export async function releaseHeldPost(request: Request, userId: string, path = formPath(new URL(request.url))) {
  const browserToken = readHeldPostToken(request);
  if (!browserToken) return;
  const db = await getDb();
  await db
    .delete(heldPosts)
    .where(
      and(eq(heldPosts.browserKey, hashToken(browserToken)), eq(heldPosts.userId, userId), eq(heldPosts.path, path)),
    );
}

/** Held posts past their day, and ended sessions too old to hold a post for, are removed. */
export async function purgeHeldPosts(now = new Date(), tx?: Database) {
  const db = tx ?? (await getDb());
  await db.delete(heldPosts).where(lt(heldPosts.expiresAt, now));
  await db.delete(endedSessions).where(lt(endedSessions.endedAt, new Date(now.getTime() - HELD_POST_LIFETIME_MS)));
}

/**
 * When TWO_FACTOR_KEY is rotated, held posts are sealed again with the new key in the rotation's
 * transaction, so none is lost; one that opens with neither key could never be given back, and goes.
 */
export async function resealHeldPosts(tx: Database, oldKey: Buffer, newKey: Buffer) {
  const rows = await tx.select().from(heldPosts).for("update");
  let resealed = 0;
  for (const row of rows) {
    const bound = boundTo(row.userId, row.browserKey, row.path);
    const plain = openSecret(row.sealed, bound, oldKey);
    if (plain === null) {
      if (openSecret(row.sealed, bound, newKey) === null) await tx.delete(heldPosts).where(eq(heldPosts.id, row.id));
      continue;
    }
    await tx
      .update(heldPosts)
      .set({ sealed: sealSecret(plain, bound, newKey) })
      .where(eq(heldPosts.id, row.id));
    resealed += 1;
  }
  return resealed;
}
