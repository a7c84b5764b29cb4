/**
 * Vitest's global setup: migrates one database once per run, and each test file starts from a
 * copy of it instead of building and migrating its own (PGlite's initdb alone takes 1.5–3 s of CPU a
 * file). The copy is the same database the file would have made: the same migrations, run once.
 *
 * - PGlite: a migrated in-memory database's data folder, dumped to a tar file that each file loads
 *   (`PGlite.create({ loadDataDir })`, as PGlite's own `clone()` does).
 * - PostgreSQL (DATABASE_URL set): a migrated database that each file's database is created from
 *   (`create database … template …`); dropped when the run ends.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { migrateDatabase, openDatabase } from "#db/client";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated PGlite data folder, as a tar file (PGlite runs). */
    pgliteTemplate: string;
    /** The migrated database on the server to copy (PostgreSQL runs). */
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase({ url: "", dataDir: "memory://" });
    await migrateDatabase(handle);
    // drizzle keeps the client it was given: the PGlite instance openDatabase made.
    const client = (handle.db as unknown as { $client: PGlite }).$client;
    await client.query("checkpoint");
    const dump = await client.dumpDataDir("none");
    await handle.close();
    const dir = path.resolve(".data/test-cache");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `pglite-migrated-${process.pid}.tar`);
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide("pgliteTemplate", file);
    project.provide("postgresTemplate", "");
    return () => rmSync(file, { force: true });
  }

  const name = `pp_template_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  await migrateDatabase(handle);
  // No one may be connected to a template while it is copied.
  await handle.close();
  project.provide("pgliteTemplate", "");
  project.provide("postgresTemplate", name);
  return async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}
