import { and, count, eq, gte, lte } from "drizzle-orm";
import type { Database } from "#db/client";
import { signInAttempts } from "#db/schema";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";

export type AttemptKind = (typeof signInAttempts.$inferInsert)["kind"] & string;

/**
 * Failed sign-ins are counted per account and per address over a sliding window, in the
 * database so the limit holds across server processes. Each attempt is written *before*
 * the password (or security code) is checked and counts itself, so a burst of simultaneous
 * guesses cannot all pass the check while the first ones are still being checked.
 * Passwords and two-factor security codes are counted apart, with the same limits.
 *
 * The attempt is committed on its own, before and outside the sign-in's transaction, on
 * purpose: it must be visible to concurrent attempts while this one is still being checked,
 * and a sign-in that fails (or whose connection drops) must still count against the limit.
 * It is a counter, not part of any record: leaving it behind writes nothing half-done.
 * Marking it succeeded is part of the sign-in's transaction (see `signIn`).
 */
export async function beginSignInAttempt(
  email: string,
  ipAddress: string,
  kind: AttemptKind = "password",
): Promise<{ attemptId: number; blocked: boolean }> {
  const e = env();
  const db = await getDb();
  const [attempt] = await db
    .insert(signInAttempts)
    .values({ kind, email, ipAddress, succeeded: false })
    .returning({ id: signInAttempts.id });
  const attemptId = attempt!.id;
  const since = new Date(Date.now() - e.SIGN_IN_WINDOW_MINUTES * 60_000);
  const failuresUpToThis = (key: ReturnType<typeof eq>) =>
    db
      .select({ n: count() })
      .from(signInAttempts)
      .where(
        and(
          key,
          eq(signInAttempts.kind, kind),
          eq(signInAttempts.succeeded, false),
          gte(signInAttempts.at, since),
          lte(signInAttempts.id, attemptId),
        ),
      );
  const [[byAccount], [byAddress]] = await Promise.all([
    failuresUpToThis(eq(signInAttempts.email, email)),
    failuresUpToThis(eq(signInAttempts.ipAddress, ipAddress)),
  ]);
  const blocked =
    (byAccount?.n ?? 0) > e.SIGN_IN_MAX_FAILURES_PER_ACCOUNT ||
    (byAddress?.n ?? 0) > e.SIGN_IN_MAX_FAILURES_PER_ADDRESS;
  return { attemptId, blocked };
}

export async function markSignInSucceeded(attemptId: number, tx?: Database) {
  const db = tx ?? (await getDb());
  await db.update(signInAttempts).set({ succeeded: true }).where(eq(signInAttempts.id, attemptId));
}

export function signInWindowMinutes() {
  return env().SIGN_IN_WINDOW_MINUTES;
}
