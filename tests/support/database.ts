/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a
 * newly created database on the PostgreSQL server when DATABASE_URL is set (CI runs both).
 */
import postgres from "postgres";
import { migrateDatabase, openDatabase, type DatabaseHandle } from "#db/client";
import { useDatabase } from "~/utils/db.server";

export async function createTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase({ url: "", dataDir: "memory://" });
    await migrateDatabase(handle);
    return handle;
  }
  const name = `pp_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  await migrateDatabase(handle);
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
    useDatabase(state.handle);
  });
  afterAll(async () => {
    useDatabase(undefined);
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
