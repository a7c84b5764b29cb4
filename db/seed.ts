// npm run db:seed — adds the demo world (idempotent: what exists is left as it is).
import { migrateDatabase, openDatabase } from "./client";
import { seedDemoWorld } from "./seed/demo-world";

const handle = await openDatabase();
try {
  await migrateDatabase(handle);
  await seedDemoWorld(handle.db);
  console.log(`Demo world is in place (${handle.driver}: ${handle.location}).`);
} finally {
  await handle.close();
}
