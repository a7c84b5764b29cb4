import { accessSync, constants, mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Logger } from "drizzle-orm/logger";
import { appRoleOf, ensureAppRole } from "./app-role";
import { queryTallyLogger } from "./query-count";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The drizzle database, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Database;
  driver: "pglite" | "postgres";
  /** Where the data lives: the PGlite folder, or the server URL without its password. */
  location: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A PostgreSQL URL. Defaults to DATABASE_URL; when neither is set PGlite is used. */
  url?: string;
  /** The PGlite data folder, or "memory://" for a throwaway database. Defaults to PGLITE_DIR or .data/pglite. */
  dataDir?: string;
  /** Prints or counts statements; by default each is counted in the current query tally. */
  logger?: Logger;
}

export const MIGRATIONS_FOLDER = path.resolve(process.env.MIGRATIONS_DIR ?? "db/migrations");

export async function openDatabase(options: OpenOptions = {}): Promise<DatabaseHandle> {
  const url = options.url ?? process.env.DATABASE_URL;
  if (url && !options.dataDir) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(url, {
      max: Number(process.env.DATABASE_POOL_MAX ?? 10),
      onnotice: () => {},
      // A request waits for a connection, so neither may take long: postgres.js by default
      // waits 30 s for a connection and, after repeated failures in an outage, up to 20 s
      // before trying again, and a page would hang that long instead of answering 503 and
      // recovering as soon as the server is back.
      connect_timeout: 10,
      backoff: reconnectDelay,
    });
    const db = drizzle(client, { schema, logger: options.logger ?? queryTallyLogger }) as unknown as Database;
    return {
      db,
      driver: "postgres",
      location: redactUrl(url),
      close: () => client.end({ timeout: 5 }),
    };
  }

  const dataDir = options.dataDir ?? process.env.PGLITE_DIR ?? ".data/pglite";
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  if (!dataDir.startsWith("memory://")) checkWritableFolder(path.resolve(dataDir));
  const client = await PGlite.create(dataDir);
  const db = drizzle(client, { schema, logger: options.logger ?? queryTallyLogger }) as unknown as Database;
  let closed = false;
  return {
    db,
    driver: "pglite",
    location: dataDir,
    close: async () => {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}

/** The embedded database's folder must exist or be creatable, and be writable, or nothing can start. */
function checkWritableFolder(folder: string) {
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.R_OK | constants.W_OK);
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    const why =
      code === "EACCES" || code === "EPERM"
        ? "this user may not write there"
        : code === "EROFS"
          ? "the disk is read-only"
          : code === "ENOSPC"
            ? "the disk is full"
            : (error as Error).message;
    throw new Error(
      `the embedded database's folder ${folder} cannot be used (${why}). Set PGLITE_DIR to a folder this user can write, or DATABASE_URL to use a PostgreSQL server.`,
      { cause: error },
    );
  }
}

export async function migrateDatabase(handle: DatabaseHandle, migrationsFolder = MIGRATIONS_FOLDER) {
  if (handle.driver === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await migrate(handle.db as any, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await migrate(handle.db as any, { migrationsFolder });
  }
}

/** Seconds before a failed connection is tried again: 50 ms doubling, never more than 2 s. */
export function reconnectDelay(retries: number) {
  return Math.min(0.05 * 2 ** retries, 2);
}

/**
 * Migrations as the owner of the tables (DATABASE_OWNER_URL), then the app's role (the one
 * DATABASE_URL names) made or brought up to date, owning nothing (see db/app-role.ts).
 */
export async function migrateAsOwner(ownerUrl: string, appUrl: string) {
  const owner = await openDatabase({ url: ownerUrl, logger: { logQuery: () => {} } });
  try {
    await migrateDatabase(owner);
  } finally {
    await owner.close();
  }
  const { default: postgres } = await import("postgres");
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await ensureAppRole(sql, appRoleOf(appUrl));
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function redactUrl(url: string) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres";
  }
}
