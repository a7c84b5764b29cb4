import { AsyncLocalStorage } from "node:async_hooks";
import cluster from "node:cluster";
import { sql, type SQL } from "drizzle-orm";
import { migrateAsOwner, migrateDatabase, openDatabase, type Database, type DatabaseHandle } from "#db/client";

// The statement count of a request (X-Query-Count, the query budget), for the server's entry.
export { currentQueryTally, withQueryTally } from "#db/query-count";

// Kept on globalThis so that a development rebuild reuses the open database:
// PGlite allows one process per data folder, and postgres.js pools should not leak.
const holder = globalThis as typeof globalThis & { __ppDatabase?: Promise<DatabaseHandle> };

/** Opens (once) and migrates the database for this process. */
export function connectDatabase(): Promise<DatabaseHandle> {
  if (!holder.__ppDatabase) {
    holder.__ppDatabase = (async () => {
      const { DATABASE_OWNER_URL: ownerUrl, DATABASE_URL: url } = process.env;
      if (ownerUrl && url) {
        // The app's own role may not change the schema: the owner migrates (the primary process only).
        if (!cluster.isWorker) await migrateAsOwner(ownerUrl, url);
        return openDatabase();
      }
      const handle = await openDatabase();
      await migrateDatabase(handle);
      return handle;
    })();
    holder.__ppDatabase.catch(() => {
      holder.__ppDatabase = undefined;
    });
  }
  return holder.__ppDatabase;
}

let current: DatabaseHandle | undefined;

const statements = new WeakMap<Database, Map<string, unknown>>();

/**
 * A hot query built once per database and run with fresh placeholders each time. Drizzle builds a
 * query's SQL and its row mapping from the query builder on every call, which costs several times
 * what running a small query does; the statements every page sends (the session, the desk's,
 * a lesson's) are built once here instead.
 *
 *   const lookup = await preparedStatement("session", (db) => db.select()…where(eq(col, sql.placeholder("id"))).prepare("session"));
 *   const rows = await lookup.execute({ id });
 */
export async function preparedStatement<T>(name: string, build: (db: Database) => T): Promise<T> {
  const db = await getDb();
  let byName = statements.get(db);
  if (!byName) statements.set(db, (byName = new Map()));
  let statement = byName.get(name) as T | undefined;
  if (!statement) {
    statement = build(db);
    byName.set(name, statement);
  }
  return statement;
}

/**
 * Text values written into a statement as a constant array rather than sent as a parameter:
 * PostgreSQL finds a value in a constant array of nine or more by hash, but in a parameter's array
 * (as a prepared statement's generic plan has it) by comparing it with every element in turn; the
 * desk's lesson count ran four times slower so. For values fixed for a process's life (the
 * catalogue's lesson keys); any text is quoted safely.
 */
export function constantTextArray(values: readonly string[]): SQL {
  const elements = values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(",");
  return sql.raw(`'${`{${elements}}`.replace(/'/g, "''")}'::text[]`);
}

/** Tests and scripts hand in their own database. */
export function swapDatabase(handle: DatabaseHandle | undefined) {
  current = handle;
  if (handle) holder.__ppDatabase = Promise.resolve(handle);
  else holder.__ppDatabase = undefined;
}

const scopes = ((globalThis as typeof globalThis & { __ppTransactionScope?: AsyncLocalStorage<Database> }).__ppTransactionScope ??=
  new AsyncLocalStorage<Database>());

/**
 * Runs `work` with `getDb()` answering the transaction `tx`, so that everything a module writes
 * (its own transactions become savepoints) commits or rolls back with what the caller wrote in
 * `tx`: how a form's key is claimed with the records the form makes (save-once.server.ts).
 */
export function inTransaction<T>(tx: Database, work: () => Promise<T>): Promise<T> {
  return scopes.run(tx, work);
}

const afterCommits = ((globalThis as typeof globalThis & { __ppAfterCommit?: AsyncLocalStorage<(() => Promise<void>)[]> }).__ppAfterCommit ??=
  new AsyncLocalStorage<(() => Promise<void>)[]>());

/**
 * Runs `work` (which commits a transaction of the caller's) and then what was handed to
 * `afterCommit` inside it, once it has committed; nothing of it runs if `work` throws.
 */
export async function withAfterCommit<T>(work: () => Promise<T>): Promise<T> {
  const queue: (() => Promise<void>)[] = [];
  const result = await afterCommits.run(queue, work);
  for (const task of queue) await task();
  return result;
}

/**
 * Something to do once the records are committed, such as sending an email: inside a caller's
 * transaction (saveOnce) it waits for that to commit; otherwise it runs at once.
 */
export async function afterCommit(task: () => Promise<void>) {
  const queue = afterCommits.getStore();
  if (queue) queue.push(task);
  else await task();
}

export async function getDb(): Promise<Database> {
  const scoped = scopes.getStore();
  if (scoped) return scoped;
  if (current) return current.db;
  current = await connectDatabase();
  return current.db;
}

export async function closeDatabase() {
  const pending = holder.__ppDatabase;
  holder.__ppDatabase = undefined;
  current = undefined;
  if (pending) await (await pending).close();
}

/** True when the database answers a trivial query (for the health check). */
export async function databaseAnswers(): Promise<boolean> {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return true;
  } catch (error) {
    console.error("[database] did not answer:", error);
    return false;
  }
}

/**
 * True when the database refused a write by a check of its own (SQLSTATE 23514): a constraint, or a
 * trigger that raises check_violation, such as the one that lets only the year's team manager sign
 * as team manager (migration 0024). drizzle wraps the driver's error as `cause`.
 */
export function refusedByCheck(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (e.code === "23514") return true;
    e = e.cause as typeof e;
  }
  return false;
}

/**
 * A LIKE pattern that finds `text` anywhere, with LIKE's own wildcards and escape character in it
 * matched literally (so a search for "50%" or "a_b" finds just that).
 */
export function likeContaining(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
