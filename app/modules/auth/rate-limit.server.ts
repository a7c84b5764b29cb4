import { setTimeout as sleep } from "node:timers/promises";
import { and, eq, gte, lt, or, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { signInAttempts } from "#db/schema";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { KNOWN_ADDRESS_DAYS, RESET_LIMITS, signInThrottle, type Failures } from "./throttle";

export type AttemptKind = (typeof signInAttempts.$inferInsert)["kind"] & string;

/**
 * Failed sign-ins are counted per account-and-address pair, per address and per account over a
 * sliding window, in the database so the limits hold across server processes, and held back as
 * `signInThrottle` says (slowed, or for a pair refused; never the whole address). Each attempt is
 * written *before* the password (or security code) is checked, and counts the failures before it, so
 * a burst of simultaneous guesses cannot all pass the check while the first ones are being checked.
 * Passwords and two-factor security codes are counted apart, with the same limits; requests for a
 * password-reset link apart again, with their own (`RESET_LIMITS`).
 *
 * The attempt is committed on its own, before and outside the sign-in's transaction, on
 * purpose: it must be visible to concurrent attempts while this one is still being checked,
 * and a sign-in that fails (or whose connection drops) must still count against the limit.
 * It is a counter, not part of any record: leaving it behind writes nothing half-done.
 * Marking it succeeded is part of the sign-in's transaction (see `signIn`). A refused attempt
 * does not wait; an allowed one waits its delay here, before the caller checks anything.
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
  const knownSince = new Date(Date.now() - KNOWN_ADDRESS_DAYS * 24 * 60 * 60_000);
  const failed = (also: ReturnType<typeof sql>) =>
    sql<number>`count(*) filter (where not ${signInAttempts.succeeded} and ${also})`.mapWith(Number);
  const [failures] = await db
    .select({
      pair: failed(sql`${signInAttempts.email} = ${email} and ${signInAttempts.ipAddress} = ${ipAddress}`),
      address: failed(sql`${signInAttempts.ipAddress} = ${ipAddress}`),
      account: failed(sql`${signInAttempts.email} = ${email}`),
      knownAddress: sql<boolean>`exists (
        select 1 from ${signInAttempts} known
        where known.email = ${email} and known.ip_address = ${ipAddress} and known.succeeded and known.at >= ${knownSince.toISOString()}::timestamptz)`.mapWith(
        Boolean,
      ),
    })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.kind, kind),
        or(eq(signInAttempts.email, email), eq(signInAttempts.ipAddress, ipAddress)),
        gte(signInAttempts.at, since),
        lt(signInAttempts.id, attemptId),
      ),
    );
  const throttle =
    kind === "password_reset"
      ? signInThrottle({ ...(failures as Failures), knownAddress: false }, RESET_LIMITS)
      : signInThrottle(failures as Failures, {
          pairLimit: e.SIGN_IN_PAIR_LIMIT,
          addressFree: e.SIGN_IN_ADDRESS_SLOWS_AFTER,
          accountFree: e.SIGN_IN_ACCOUNT_SLOWS_AFTER,
          accountLimit: e.SIGN_IN_ACCOUNT_LIMIT,
        });
  if (throttle.delayMs > 0) await sleep(throttle.delayMs);
  return { attemptId, blocked: throttle.refused };
}

export async function markSignInSucceeded(attemptId: number, tx?: Database) {
  const db = tx ?? (await getDb());
  await db.update(signInAttempts).set({ succeeded: true }).where(eq(signInAttempts.id, attemptId));
}

export function signInWindowMinutes() {
  return env().SIGN_IN_WINDOW_MINUTES;
}
