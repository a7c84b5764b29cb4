/**
 * The demo world (invented councils, people and their records) is added on the first start of the
 * embedded database, or with SEED_DEMO_DATA=true, but it is not part of the server build: its code is
 * loaded from db/seed, through tsx, only when the database is empty, so a production server carries
 * none of it. (`npm run db:seed` runs the same seed on its own.)
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { count } from "drizzle-orm";
import type { Database } from "#db/client";
import { organisations } from "#db/schema";

type DemoWorldModule = typeof import("#db/seed/demo-world");

/** Seeds the demo world if the database has no organisation yet; says whether it did. */
export async function seedDemoWorldIfEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(organisations);
  if ((row?.n ?? 0) > 0) return false;
  const seed = await loadDemoWorld();
  try {
    return await seed.module.seedIfEmpty(db);
  } finally {
    await seed.unregister();
  }
}

/** The seed's TypeScript, compiled by tsx in a namespace of its own that is let go once it has run. */
async function loadDemoWorld() {
  const { register } = await import("tsx/esm/api");
  const api = register({ namespace: "demo-world", tsconfig: path.resolve("tsconfig.json") });
  const file = pathToFileURL(path.resolve("db/seed/demo-world.ts")).href;
  const module = (await api.import(file, import.meta.url)) as DemoWorldModule;
  return { module, unregister: api.unregister };
}
