// npm run jobs -- digest — sends today's digest (Europe/London) to whoever has not had it, for cron.
// Safe beside running servers and to run twice: each person's day is claimed once in the database.
import { closeDatabase } from "~/utils/db.server";
import { runDigest } from "./digest.server";

const job = process.argv[2];
if (job !== "digest") {
  console.error(`Name a job to run: npm run jobs -- digest${job ? ` (there is no job "${job}")` : ""}`);
  process.exit(1);
}
try {
  const run = await runDigest();
  console.log(`Digest for ${run.day}: sent ${run.sent}, already sent ${run.skipped}, failed ${run.failed}.`);
  if (run.failed) process.exitCode = 1;
} catch (error) {
  console.error(`The digest was not sent: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
