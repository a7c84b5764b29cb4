// npm run db:migrate — applies db/migrations to DATABASE_URL, or to the PGlite folder when it is unset.
// With DATABASE_OWNER_URL set, it migrates as that owner and then creates or updates the app's role,
// the one DATABASE_URL names, which owns nothing (db/app-role.ts).
import { migrateAsOwner, migrateDatabase, openDatabase } from "./client";

const { DATABASE_OWNER_URL: ownerUrl, DATABASE_URL: url } = process.env;
if (ownerUrl && url) {
  await migrateAsOwner(ownerUrl, url);
  console.log(`Migrations applied as the owner; the app's role "${new URL(url).username}" may read and write rows, and no more.`);
} else {
  const handle = await openDatabase();
  try {
    await migrateDatabase(handle);
    console.log(`Migrations applied (${handle.driver}: ${handle.location}).`);
  } finally {
    await handle.close();
  }
}
