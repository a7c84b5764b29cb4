/**
 * The role the app connects as on a PostgreSQL server owns nothing: it may read and write rows, and
 * no more. Only the owner (who runs the migrations) can disable a trigger, and only a superuser can
 * set `session_replication_role` (which skips triggers); TRUNCATE is not granted, and UPDATE and
 * DELETE are revoked wherever a table is append-only. So a bug or an injected statement in the app
 * cannot get round the append-only records, whatever it sends.
 *
 * `ensureAppRole` creates the role named in DATABASE_URL (with its password) or brings an existing
 * one up to date, and grants it exactly that on every table the migrations made. `npm run db:migrate`
 * and the server's start-up call it after migrating as DATABASE_OWNER_URL.
 */
import type postgres from "postgres";

export interface AppRole {
  name: string;
  password: string | null;
}

/** The role and password a connection URL names. */
export function appRoleOf(url: string): AppRole {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.username);
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name))
    throw new Error(`DATABASE_URL must name the app's role in lower case letters, digits and _ (got "${name}")`);
  return { name, password: parsed.password ? decodeURIComponent(parsed.password) : null };
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

export async function ensureAppRole(owner: postgres.Sql, role: AppRole) {
  const [me] = await owner<{ name: string }[]>`select current_user as name`;
  if (me!.name === role.name) throw new Error("DATABASE_URL and DATABASE_OWNER_URL name the same role: the app must not own the tables");
  const [existing] = await owner<{ rolsuper: boolean }[]>`select rolsuper from pg_roles where rolname = ${role.name}`;
  const login = role.password ? `LOGIN PASSWORD ${literal(role.password)}` : "LOGIN";
  const limits = "NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT";
  if (existing) await owner.unsafe(`ALTER ROLE ${role.name} ${limits} ${login}`);
  else await owner.unsafe(`CREATE ROLE ${role.name} ${limits} ${login}`);

  const [here] = await owner<{ db: string }[]>`select current_database() as db`;
  await owner.unsafe(`GRANT CONNECT ON DATABASE "${here!.db.replace(/"/g, '""')}" TO ${role.name}`);
  await owner.unsafe(`GRANT USAGE ON SCHEMA public TO ${role.name}`);
  // From scratch every time, so a privilege given by hand (or by an older version) does not linger.
  await owner.unsafe(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role.name}`);
  await owner.unsafe(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role.name}`);
  await owner.unsafe(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role.name}`);
  // What each append-only trigger refuses, the role is not granted either.
  const refused = await owner<{ table: string; event: string }[]>`
    select distinct event_object_table as table, event_manipulation as event
    from information_schema.triggers
    where trigger_schema = 'public' and trigger_name like '%append_only' and event_manipulation in ('UPDATE', 'DELETE')`;
  for (const { table, event } of refused) await owner.unsafe(`REVOKE ${event} ON "${table}" FROM ${role.name}`);
}
