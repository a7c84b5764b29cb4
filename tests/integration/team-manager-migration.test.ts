/**
 * The team manager took over the programme lead's signatures (ADR 018). A database migrated up to
 * just before the change holds a year as it was then: a learning agreement signed by the NQSW, the
 * supervisor and the programme lead, and a 3-month review approved and countersigned by the lead.
 * Migrated to the end, nothing is changed or lost: the lead's agreement signature stays on record
 * and no longer counts, so the agreement waits for the team manager; the lead's countersignature
 * stands. From then on the database refuses a lead's agreement signature and a countersignature by
 * anyone but the year's team manager. Runs on PGlite, and on the PostgreSQL server when
 * DATABASE_URL is set.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase, type DatabaseHandle } from "#db/client";
import { agreementHash, agreementStatus } from "~/modules/first-year/agreement";
import { findAgreement } from "~/modules/first-year/agreement.server";
import { reviewState } from "~/modules/signoff/reviews";
import { reviewRecords } from "~/modules/signoff/reviews.server";
import { swapDatabase } from "~/utils/db.server";
import { failureOf } from "../support/errors";

/** A copy of the migrations that stops just before the team manager's. */
function migrationsBeforeTheTeamManager() {
  const dir = mkdtempSync(path.join(tmpdir(), "pp-migrations-"));
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalFile = path.join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag.endsWith("_team_manager"));
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
    const name = `pp_manager_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
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
  swapDatabase(undefined);
  await handle?.close();
  await dropDatabase?.();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** The rows a raw statement answers, whichever driver ran it. */
async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await handle.db.execute(query);
  return (result as unknown as { rows?: T[] }).rows ?? (result as unknown as T[]);
}

const one = async (query: ReturnType<typeof sql>) => (await rows<{ id: string }>(query))[0]!.id;

test("a year signed by the programme lead keeps its records, and its agreement waits for the team manager", async () => {
  const before = migrationsBeforeTheTeamManager();
  folders.push(before);
  await migrateDatabase(handle, before);
  const org = await one(
    sql`insert into organisations (slug, name, kind) values ('north', 'North Council', 'council') returning id`,
  );
  const person = (email: string, name: string) =>
    one(sql`insert into users (email, name) values (${email}, ${name}) returning id`);
  const nqsw = await person("amara.before@example.test", "Amara Before");
  const supervisor = await person("daniel.before@example.test", "Daniel Before");
  const lead = await person("priya.before@example.test", "Priya Before");
  const manager = await person("rachel.after@example.test", "Rachel After");
  await handle.db.execute(sql`insert into memberships (user_id, organisation_id, role) values
    (${nqsw}, ${org}, 'learner'), (${supervisor}, ${org}, 'supervisor'), (${lead}, ${org}, 'programme_lead')`);
  const enrolment =
    await one(sql`insert into enrolments (user_id, programme_slug, organisation_id, supervisor_id, started_on)
    values (${nqsw}, 'asye', ${org}, ${supervisor}, '2026-06-01') returning id`);
  const content = { goals: "Court skills", support: "Weekly supervision", protectedTime: "Thursdays", caseload: "Ten" };
  const hash = agreementHash(content);
  const agreement = await one(sql`insert into learning_agreements
    (enrolment_id, goals, support, protected_time, caseload, version, content_hash)
    values (${enrolment}, ${content.goals}, ${content.support}, ${content.protectedTime}, ${content.caseload}, 1, ${hash})
    returning id`);
  await handle.db
    .execute(sql`insert into learning_agreement_signatures (agreement_id, version, content_hash, party, user_id)
    values (${agreement}, 1, ${hash}, 'learner', ${nqsw}), (${agreement}, 1, ${hash}, 'supervisor', ${supervisor}),
           (${agreement}, 1, ${hash}, 'programme_lead', ${lead})`);
  const submission = await one(sql`insert into review_submissions
    (enrolment_id, review_code, number, learner_comments, items, content_hash, submitted_by_id)
    values (${enrolment}, 'three-month', 1, 'Three months in.', '[]'::jsonb, 'h1', ${nqsw}) returning id`);
  await handle.db.execute(sql`insert into signoffs
    (enrolment_id, review_code, submission_id, step, decision, outcome, items, content_hash, user_id, role)
    values (${enrolment}, 'three-month', ${submission}, 'supervisor_decision', 'approved', 'on_track', '[]'::jsonb, 'h1', ${supervisor}, 'supervisor'),
           (${enrolment}, 'three-month', ${submission}, 'countersignature', 'countersigned', null, '[]'::jsonb, 'h1', ${lead}, 'programme_lead')`);

  await migrateDatabase(handle);
  swapDatabase(handle);

  // Every signature is still there; the lead's no longer counts.
  const found = await findAgreement(enrolment);
  expect(found.signatures.map((s) => [s.party, s.signerName])).toEqual([
    ["learner", "Amara Before"],
    ["supervisor", "Daniel Before"],
    ["programme_lead", "Priya Before"],
  ]);
  const status = agreementStatus(found.agreement, found.signatures, new Date("2026-07-01"), new Date("2026-12-01"));
  expect(status).toMatchObject({ complete: false, missing: ["team_manager"], stale: [] });

  // The review the lead countersigned stays signed off.
  const records = await reviewRecords(enrolment, "three-month");
  expect(reviewState(records.submissions, records.signoffs).state).toBe("complete");
  expect(records.signoffs.map((s) => [s.step, s.role])).toEqual([
    ["supervisor_decision", "supervisor"],
    ["countersignature", "programme_lead"],
  ]);
  const [year] = await rows<{ team_manager_id: string | null }>(
    sql`select team_manager_id from enrolments where id = ${enrolment}`,
  );
  expect(year!.team_manager_id).toBeNull();

  // From here, a lead's agreement signature is refused, and so is a team manager not named on the year.
  await handle.db.execute(
    sql`insert into memberships (user_id, organisation_id, role) values (${manager}, ${org}, 'team_manager')`,
  );
  const sign = (party: string, userId: string) =>
    handle.db
      .execute(sql`insert into learning_agreement_signatures (agreement_id, version, content_hash, party, user_id)
      values (${agreement}, 1, ${hash}, ${party}::agreement_party, ${userId})`);
  expect(await failureOf(sign("programme_lead", lead))).toMatch(/programme lead no longer signs/);
  expect(await failureOf(sign("team_manager", manager))).toMatch(/Only the year's team manager signs/);

  // Named on the year, the team manager signs, and the agreement is complete.
  await handle.db.execute(sql`update enrolments set team_manager_id = ${manager} where id = ${enrolment}`);
  await sign("team_manager", manager);
  const signed = await findAgreement(enrolment);
  expect(
    agreementStatus(signed.agreement, signed.signatures, new Date("2026-07-01"), new Date("2026-12-01")),
  ).toMatchObject({ complete: true, missing: [] });
  expect(signed.signatures).toHaveLength(4);
});
