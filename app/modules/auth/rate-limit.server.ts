import { and, count, eq, gte } from "drizzle-orm";
import { signInAttempts } from "#db/schema";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";

/**
 * Failed sign-ins are counted per account and per address over a sliding window.
 * The counts live in the database so the limit holds across server processes.
 */
export async function signInBlocked(email: string, ipAddress: string): Promise<boolean> {
  const e = env();
  const db = await getDb();
  const since = new Date(Date.now() - e.SIGN_IN_WINDOW_MINUTES * 60_000);
  const [byAccount] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), eq(signInAttempts.succeeded, false), gte(signInAttempts.at, since)));
  if ((byAccount?.n ?? 0) >= e.SIGN_IN_MAX_FAILURES_PER_ACCOUNT) return true;
  const [byAddress] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(
      and(eq(signInAttempts.ipAddress, ipAddress), eq(signInAttempts.succeeded, false), gte(signInAttempts.at, since)),
    );
  return (byAddress?.n ?? 0) >= e.SIGN_IN_MAX_FAILURES_PER_ADDRESS;
}

export async function recordSignInAttempt(email: string, ipAddress: string, succeeded: boolean) {
  const db = await getDb();
  await db.insert(signInAttempts).values({ email, ipAddress, succeeded });
}

export function signInWindowMinutes() {
  return env().SIGN_IN_WINDOW_MINUTES;
}
