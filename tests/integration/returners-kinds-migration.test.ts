/**
 * The updating log's kinds were renamed to the regulator's words: a log kept before the change
 * must still read right after it. A database migrated up to just before the change is given
 * entries of the old kinds, then migrated to the end: structured learning is formal study, and
 * shadowing is supervised practice (keeping the word in what was done). Runs on PGlite, and on
 * the PostgreSQL server when DATABASE_URL is set.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase, type DatabaseHandle } from "#db/client";

/** A copy of the migrations that stops just before the hand-written migration of the kinds. */
function migrationsBeforeTheKinds() {
  const dir = mkdtempSync(path.join(tmpdir(), "pp-migrations-"));
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalFile = path.join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag.endsWith("_updating_kinds_sql"));
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

let handle: DatabaseHandle;
let dropDatabase: (() => Promise<void>) | undefined;
const folders: string[] = [];

beforeAll(async () => {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) handle = await openDatabase({ url: "", dataDir: "memory://" });
  else {
    const name = `pp_kinds_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    handle = await openDatabase({ url: url.toString() });
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
}, 60_000);

afterAll(async () => {
  await handle?.close();
  await dropDatabase?.();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

test("entries logged as structured learning and shadowing read as formal study and supervised practice", async () => {
  const before = migrationsBeforeTheKinds();
  folders.push(before);
  await migrateDatabase(handle, before);
  const { db } = handle;
  const rows = await db.execute(
    sql`insert into users (email, name, account_kind) values ('janet.kinds@example.test', 'Janet Okoye', 'returner') returning id`,
  );
  const userId = ((rows as unknown as { rows?: { id: string }[] }).rows ?? (rows as unknown as { id: string }[]))[0]!
    .id;
  await db.execute(sql`
    insert into updating_entries (user_id, "on", hours, kind, description, supervised_by) values
      (${userId}, '2026-11-02', 6, 'structured_learning', 'Refresher: the Care Act.', null),
      (${userId}, '2026-11-03', 6, 'shadowing', 'Went out with the duty team on two visits.', null),
      (${userId}, '2026-11-04', 6, 'shadowing', 'Shadowed a senior social worker.', null),
      (${userId}, '2026-11-05', 3, 'private_study', 'Read Working Together.', null),
      (${userId}, '2026-11-06', 6, 'supervised_practice', 'Co-worked an assessment.', 'Sam Carter')`);

  await migrateDatabase(handle);
  const after = await db.execute(
    sql`select "on"::text as on, kind::text as kind, description, supervised_by from updating_entries order by "on"`,
  );
  const list = (after as unknown as { rows?: unknown[] }).rows ?? (after as unknown as unknown[]);
  expect(list).toEqual([
    { on: "2026-11-02", kind: "formal_study", description: "Refresher: the Care Act.", supervised_by: null },
    {
      on: "2026-11-03",
      kind: "supervised_practice",
      description: "Shadowing: Went out with the duty team on two visits.",
      supervised_by: null,
    },
    {
      on: "2026-11-04",
      kind: "supervised_practice",
      description: "Shadowed a senior social worker.",
      supervised_by: null,
    },
    { on: "2026-11-05", kind: "private_study", description: "Read Working Together.", supervised_by: null },
    {
      on: "2026-11-06",
      kind: "supervised_practice",
      description: "Co-worked an assessment.",
      supervised_by: "Sam Carter",
    },
  ]);
  const kinds = await db.execute(sql`select unnest(enum_range(null::updating_kind))::text as kind`);
  const values = (
    (kinds as unknown as { rows?: { kind: string }[] }).rows ?? (kinds as unknown as { kind: string }[])
  ).map((r) => r.kind);
  expect(values).toEqual(["supervised_practice", "formal_study", "private_study"]);
}, 120_000);
