/**
 * The database guards itself against the app: every append-only table refuses TRUNCATE (on either
 * database), and on the PostgreSQL server the app's own role, made by `npm run db:migrate` with
 * DATABASE_OWNER_URL, owns nothing, so it cannot disable a trigger, skip triggers with
 * session_replication_role, truncate, or update or delete an append-only row. The server cases need
 * PostgreSQL at 127.0.0.1:5432 (CI has it) and are skipped with a warning without it.
 */
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { migrateAsOwner } from "#db/client";
import { withTestDatabase } from "../support/database";
import { failureOf } from "../support/errors";
import { ADMIN_URL, postgresServerAnswers } from "../support/postgres-server";

const t = withTestDatabase();

/** Tables the migrations make append-only, by their triggers. */
async function appendOnlyTables(run: (query: string) => Promise<{ table: string }[]>) {
  const rows = await run(
    `select distinct event_object_table as table from information_schema.triggers
     where trigger_schema = 'public' and trigger_name like '%append_only' order by 1`,
  );
  return rows.map((r) => r.table);
}

test("every append-only table refuses TRUNCATE", async () => {
  const tables = await appendOnlyTables(async (q) => {
    // postgres.js answers with the rows, PGlite with an object holding them.
    const result = (await t.db.execute(sql.raw(q))) as unknown as { table: string }[] | { rows: { table: string }[] };
    return Array.isArray(result) ? result : result.rows;
  });
  expect(tables).toEqual(
    expect.arrayContaining(["anonymisation_decisions", "audit_events", "callback_notes", "certificates", "signoffs"]),
  );
  for (const table of tables)
    expect(await failureOf(t.db.execute(sql.raw(`truncate "${table}" cascade`))), table).toMatch(
      /append-only: TRUNCATE refused/,
    );
});

const havePostgres = await postgresServerAnswers();
if (!havePostgres) console.warn(`[app-role] PostgreSQL is not reachable at ${ADMIN_URL}: the app role's tests are skipped here (CI runs them).`);

describe.skipIf(!havePostgres)("the app's role on the PostgreSQL server", () => {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const database = `pp_role_${suffix}`;
  const role = `pp_app_${suffix}`;
  const urlAs = (user: string, password = "") => {
    const url = new URL(ADMIN_URL);
    url.username = user;
    url.password = password;
    url.pathname = `/${database}`;
    return url.toString();
  };
  const ownerUrl = urlAs(new URL(ADMIN_URL).username);
  const appUrl = urlAs(role, "app-secret-'quoted'");
  let admin: postgres.Sql;
  let app: postgres.Sql;

  beforeAll(async () => {
    admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${database}`);
    await migrateAsOwner(ownerUrl, appUrl);
    // Again, as every start does: the role is brought up to date, not made twice.
    await migrateAsOwner(ownerUrl, appUrl);
    app = postgres(appUrl, { max: 1, onnotice: () => {} });
  }, 120_000);

  afterAll(async () => {
    await app?.end({ timeout: 1 });
    await admin?.unsafe(`drop database if exists ${database} with (force)`);
    await admin?.unsafe(`drop role if exists ${role}`);
    await admin?.end({ timeout: 1 });
  });

  const refusal = async (statement: string) => {
    try {
      await app.unsafe(statement);
      return "allowed";
    } catch (error) {
      return (error as Error).message;
    }
  };

  test("reads and writes rows as the site does", async () => {
    const [made] = await app<{ id: string }[]>`
      insert into organisations (slug, name, kind) values (${`role-test-${suffix}`}, 'Role Test Council', 'council') returning id`;
    expect(made?.id).toBeTruthy();
    await app`update organisations set name = 'Role Test Borough' where id = ${made!.id}`;
    await app`insert into sign_in_attempts (email, ip_address, succeeded) values ('x@example.test', '203.0.113.1', false)`;
    const [row] = await app<{ name: string }[]>`select name from organisations where id = ${made!.id}`;
    expect(row?.name).toBe("Role Test Borough");
  });

  test("is no superuser and owns nothing", async () => {
    const [me] = await app<{ rolsuper: boolean; owned: number }[]>`
      select r.rolsuper, (select count(*)::int from pg_tables where tableowner = current_user) as owned
      from pg_roles r where r.rolname = current_user`;
    expect(me).toEqual({ rolsuper: false, owned: 0 });
  });

  test("cannot skip triggers with session_replication_role", async () => {
    expect(await refusal("set session_replication_role = replica")).toMatch(/permission denied/);
  });

  test("cannot disable a trigger, truncate, update or delete on any append-only table", async () => {
    const tables = await appendOnlyTables((q) => app.unsafe(q) as Promise<{ table: string }[]>);
    expect(tables.length).toBeGreaterThanOrEqual(10);
    for (const table of tables) {
      expect(await refusal(`alter table "${table}" disable trigger all`), table).toMatch(/must be owner/);
      expect(await refusal(`truncate "${table}"`), table).toMatch(/permission denied|append-only/);
      // Not every append-only table has an id (a decision is keyed by what it decides): set its first column to itself.
      const [first] = await app<{ name: string }[]>`
        select column_name as name from information_schema.columns
        where table_schema = 'public' and table_name = ${table} order by ordinal_position limit 1`;
      expect(await refusal(`update "${table}" set "${first!.name}" = "${first!.name}" where false`), table).toMatch(/permission denied/);
    }
    expect(await refusal(`delete from "audit_events" where false`)).toMatch(/permission denied/);
    expect(await refusal(`drop table "audit_events"`)).toMatch(/must be owner/);
    expect(await refusal(`create table sneaky (id int)`)).toMatch(/permission denied/);
  });
});
