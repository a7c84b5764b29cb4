import { sql } from "drizzle-orm";
import type { Database } from "#db/client";

/** Row counts and a checksum of every table, to prove a refused request changed nothing. */
export async function databaseFingerprint(
  db: Database,
  ignore: readonly string[] = [],
): Promise<Record<string, string>> {
  const tables = (await db.execute(
    sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
  )) as unknown as { tablename: string }[] | { rows: { tablename: string }[] };
  const names = (Array.isArray(tables) ? tables : tables.rows)
    .map((t) => t.tablename)
    .filter((t) => !ignore.includes(t));
  const parts = names.map(
    (name) =>
      sql`select ${name}::text as name, count(*)::text as rows, coalesce(md5(string_agg(md5(t::text), '' order by md5(t::text))), '') as sum from ${sql.identifier(name)} t`,
  );
  const result = (await db.execute(sql.join(parts, sql` union all `))) as unknown as
    { name: string; rows: string; sum: string }[] | { rows: { name: string; rows: string; sum: string }[] };
  const rows = Array.isArray(result) ? result : result.rows;
  return Object.fromEntries(rows.map((r) => [r.name, `${r.rows}:${r.sum}`]));
}
