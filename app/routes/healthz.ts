import { databaseAnswers } from "~/utils/db.server";

/** For a load balancer: 200 when the database answers, 503 when it does not. */
export async function loader() {
  const ok = await databaseAnswers();
  return new Response(ok ? "ok" : "database unavailable", {
    status: ok ? 200 : 503,
    headers: { "Cache-Control": "no-store", "Content-Type": "text/plain" },
  });
}
