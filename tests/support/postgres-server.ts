/** The PostgreSQL server the server-only tests use (CI always has one at 127.0.0.1:5432). */
import postgres from "postgres";

export const ADMIN_URL = process.env.PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** Whether the server answers; the tests that need it are skipped, with a warning, when it does not. */
export async function postgresServerAnswers() {
  const probe = postgres(ADMIN_URL, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await probe`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await probe.end({ timeout: 1 });
  }
}
