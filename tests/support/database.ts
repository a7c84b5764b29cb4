/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a
 * newly created database on the PostgreSQL server when DATABASE_URL is set (CI runs both).
 * Each is a copy of the database that vitest's global setup migrated once for the run
 * (tests/support/database-template.ts); without that setup, the file migrates its own.
 */
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { inject } from "vitest";
import { migrateDatabase, openDatabase, type Database, type DatabaseHandle } from "#db/client";
import { queryTallyLogger } from "#db/query-count";
import * as schema from "#db/schema";
import { swapDatabase } from "~/utils/db.server";

/** A PGlite in memory, loaded from the migrated template (as openDatabase would make it, otherwise). */
async function pgliteFromTemplate(template: string): Promise<DatabaseHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const client = await PGlite.create({ loadDataDir: new Blob([readFileSync(template)]) });
  const db = drizzle(client, { schema, logger: queryTallyLogger }) as unknown as Database;
  let closed = false;
  return {
    db,
    driver: "pglite",
    location: "memory://",
    close: async () => {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}

export async function createTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const template = inject("pgliteTemplate");
    if (template) return pgliteFromTemplate(template);
    const handle = await openDatabase({ url: "", dataDir: "memory://" });
    await migrateDatabase(handle);
    return handle;
  }
  const template = inject("postgresTemplate");
  const name = `pp_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}${template ? ` template ${template}` : ""}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  if (!template) await migrateDatabase(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/** Opens a fresh database for the test file and makes the app's modules use it. */
export function withTestDatabase() {
  const state: { handle?: DatabaseHandle } = {};
  beforeAll(async () => {
    state.handle = await createTestDatabase();
    swapDatabase(state.handle);
  });
  afterAll(async () => {
    swapDatabase(undefined);
    await state.handle?.close();
  });
  return {
    get db() {
      if (!state.handle) throw new Error("The test database is not open yet");
      return state.handle.db;
    },
    get driver() {
      return state.handle?.driver;
    },
  };
}
