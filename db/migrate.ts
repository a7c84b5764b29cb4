// npm run db:migrate — applies db/migrations to DATABASE_URL, or to the PGlite folder when it is unset.
import { migrateDatabase, openDatabase } from "./client";

const handle = await openDatabase();
try {
  await migrateDatabase(handle);
  console.log(`Migrations applied (${handle.driver}: ${handle.location}).`);
} finally {
  await handle.close();
}
