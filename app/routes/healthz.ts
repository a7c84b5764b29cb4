import { sql } from "drizzle-orm";
import { getDb } from "~/utils/db.server";

/** For a load balancer: 200 when the database answers, 503 when it does not. */
export async function loader() {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return new Response("ok", { headers: { "Cache-Control": "no-store", "Content-Type": "text/plain" } });
  } catch (error) {
    console.error("[healthz] database did not answer:", error);
    return new Response("database unavailable", { status: 503, headers: { "Cache-Control": "no-store", "Content-Type": "text/plain" } });
  }
}
