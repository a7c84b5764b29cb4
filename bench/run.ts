/**
 * npm run bench: seeds the large world into a fresh database on the local PostgreSQL server,
 * builds and starts the production server, signs in a sample of learners and supervisors (real
 * sessions, made with the app's own session helpers), and drives the key pages with autocannon
 * on loopback. Prints requests per second, p50/p99 latency and SQL queries per page, each page's
 * throughput as a share of a trivial page's, and writes the table to bench/results.md.
 *
 *   npm run bench [-- --keep] [--no-build] [--duration 10] [--warmup 2] [--connections 50]
 *                    [--employers 50] [--strict] [--only desk] [--profile] [--database NAME]
 *
 * PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server; the
 * database pp_bench_<timestamp> is made on it and dropped at the end unless --keep is given.
 * --database NAME measures again on a database an earlier --keep run left (no seeding; kept).
 * BENCH_PORT (default 3400) is where the server listens.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { migrateDatabase, openDatabase, type DatabaseHandle } from "#db/client";
import { sessionCookieName } from "~/modules/auth/cookie.server";
import { createSession, generateToken } from "~/modules/auth/session.server";
import type { Manifest } from "~/modules/programmes/content-schema";
import { lessonsInOrder } from "~/modules/programmes/progress";
// Named so that it does not read as a React hook.
import { swapDatabase as handDatabaseToApp } from "~/utils/db.server";
import { FULL_SIZE, seedLargeWorld } from "./seed-large";

const { values: args } = parseArgs({
  options: {
    keep: { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false },
    strict: { type: "boolean", default: false },
    /** Writes a V8 CPU profile of the server to bench/tmp/profile (open it in Chrome DevTools). */
    profile: { type: "boolean", default: false },
    /** Measures only the pages whose names contain this text (the trivial page always runs). */
    only: { type: "string" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    connections: { type: "string", default: "50" },
    employers: { type: "string", default: String(FULL_SIZE.employers) },
    /** Reuses a large world kept by an earlier run (--keep) instead of seeding a new one. */
    database: { type: "string" },
  },
});

const TARGET_P99_MS = 250;
const TARGET_SHARE = 0.3;
/** How many signed-in people each page is read as, in turn. */
const SAMPLE = 50;
const port = Number(process.env.BENCH_PORT ?? 3400);
const adminUrl = process.env.PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const connections = Number(args.connections);
const size = { ...FULL_SIZE, employers: Number(args.employers) };
const fullSize = size.employers >= FULL_SIZE.employers;
const tmp = path.resolve("bench/tmp");
const began = Date.now();
/** Worker processes of the measured server (one per core on a PostgreSQL server). */
let serverProcessCount = 1;

const elapsed = () => `${((Date.now() - began) / 1000).toFixed(0)} s`;
const say = (line: string) => console.log(`[bench ${elapsed()}] ${line}`);

interface Page {
  name: string;
  who: string;
  shown: string;
  /** The requests the page is read with, in turn: one per signed-in person. */
  requests: { path: string; cookie?: string }[];
  trivial?: boolean;
}

interface Measured {
  page: Page;
  rps: number;
  p50: number;
  p99: number;
  queries: string;
  total: number;
  timeouts: number;
  /** CPU milliseconds a request cost the server processes, and PostgreSQL's processes. */
  serverCpuMs: number;
  databaseCpuMs: number;
}

async function main() {
  mkdirSync(tmp, { recursive: true });
  const reuse = args.database;
  if (reuse && !/^pp_bench_\w+$/.test(reuse))
    throw new Error(`--database takes the name of a kept bench database (pp_bench_…), not ${reuse}`);
  const dbName = reuse ?? `pp_bench_${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}`;
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const dbUrl = url.toString();
  // The runner makes cookies as the production server reads them.
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: dbUrl,
    QUERY_COUNT_HEADER: "true",
    SEED_DEMO_DATA: "false",
  };
  Object.assign(process.env, { NODE_ENV: "production", DATABASE_URL: dbUrl });

  await portIsFree(port);
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  let handle: DatabaseHandle | undefined;
  let server: ChildProcess | undefined;
  try {
    const building = args["no-build"] ? Promise.resolve() : run("npm", ["run", "build"], path.join(tmp, "build.log"));
    if (!args["no-build"]) say("building the production server (npm run build)…");
    if (!reuse) {
      await admin.unsafe(`create database ${dbName}`);
      say(`created database ${dbName}`);
    }
    handle = await openDatabase({ url: dbUrl });
    await migrateDatabase(handle);
    handDatabaseToApp(handle);
    await building;
    say("built");

    const manifest = JSON.parse(readFileSync("build/content/manifest.json", "utf8")) as Manifest;
    if (reuse) say(`measuring on the kept database ${dbName} (not seeded again)`);
    else {
      say(
        `seeding the large world: ${size.employers} employers × ${size.supervisorsPerEmployer} supervisors × ${size.learnersPerSupervisor} NQSWs…`,
      );
      const world = await seedLargeWorld(dbUrl, manifest, size, new Date(), say);
      say(`seeded in ${world.seconds.toFixed(0)} s`);
    }
    const dataset = await datasetSizes(handle);
    say(`dataset: ${describeDataset(dataset)}`);
    if (fullSize) checkMinimums(dataset);

    const pages = (await choosePages(handle, manifest)).filter(
      (p) => p.trivial || !args.only || p.name.toLowerCase().includes(args.only.toLowerCase()),
    );
    say(`signed in ${SAMPLE} NQSWs and ${SAMPLE} supervisors (sessions made with createSession)`);

    // BENCH_NODE_ARGS passes flags NODE_OPTIONS refuses (--trace-gc, say) to the server's processes.
    const nodeArgs = [
      ...(args.profile ? ["--cpu-prof", "--cpu-prof-dir", path.join(tmp, "profile")] : []),
      ...(process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
    ];
    server = spawn(process.execPath, [...nodeArgs, "app/server.js"], {
      env: serverEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const serverLog = createWriteStream(path.join(tmp, "server.log"));
    server.stdout!.pipe(serverLog);
    server.stderr!.pipe(serverLog);
    await serverReady(server);
    const pids = serverPids(server.pid!);
    serverProcessCount = pids.length > 1 ? pids.length - 1 : 1;
    say(
      `production server listening on 127.0.0.1:${port} (${serverProcessCount} process${serverProcessCount > 1 ? "es" : ""})`,
    );

    const queries = new Map<Page, string>();
    for (const page of pages) queries.set(page, await readOnce(page));

    // Every page once before any is measured: otherwise the first page measured would also pay for
    // the server's just-in-time compilation of the code all pages share.
    say(`warming the server up: each page for ${warmup} s`);
    for (const page of pages) {
      await load(page, warmup);
      await serverIdle(server.pid!);
    }

    const results: Measured[] = [];
    for (const page of pages) {
      say(`${page.name}: ${warmup} s warm-up, then ${duration} s at ${connections} connections`);
      // The server finishes what a run left in flight before the next run starts.
      await serverIdle(server.pid!);
      await load(page, warmup);
      await serverIdle(server.pid!);
      const serverBefore = cpuTicks(serverPids(server.pid!));
      const databaseBefore = cpuTicks(postgresPids());
      const r = await load(page, duration);
      const perRequest = (ticks: number) => (ticks * 10) / Math.max(1, r.total);
      const serverCpuMs = perRequest(cpuTicks(serverPids(server.pid!)) - serverBefore);
      const databaseCpuMs = perRequest(cpuTicks(postgresPids()) - databaseBefore);
      results.push({ page, ...r, queries: queries.get(page)!, serverCpuMs, databaseCpuMs });
      say(
        `  ${r.rps.toFixed(0)} requests/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.timeouts ? `, ${r.timeouts} timed out` : ""}; CPU a request: server ${serverCpuMs.toFixed(1)} ms, PostgreSQL ${databaseCpuMs.toFixed(1)} ms`,
      );
    }

    const pgVersion = (
      (await handle.db.execute(sql`show server_version`)) as unknown as { server_version: string }[]
    )[0]!.server_version;
    const report = formatReport(results, dataset, pgVersion);
    console.log(`\n${report}`);
    writeFileSync("bench/results.md", report);
    say("written to bench/results.md");
    const missed = results.filter((r) => !meets(r, trivialOf(results)));
    if (missed.length) {
      console.log(`MISSED the targets: ${missed.map((m) => m.page.name).join(", ")}`);
      if (args.strict) process.exitCode = 1;
    } else console.log(`Every page meets the targets (p99 < ${TARGET_P99_MS} ms, at least 30% of the trivial page).`);
  } finally {
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((resolve) => server!.once("exit", resolve));
    }
    handDatabaseToApp(undefined);
    await handle?.close();
    if (args.keep || reuse) say(`kept database ${dbName} (${dbUrl}); measure again with --database ${dbName}`);
    else {
      await admin.unsafe(`drop database if exists ${dbName} with (force)`);
      say(`dropped database ${dbName}`);
    }
    await admin.end();
    say(`done in ${elapsed()}`);
  }
}

/** Runs a command to completion, its output into a log file; fails with the log's tail. */
function run(command: string, commandArgs: string[], logFile: string) {
  return new Promise<void>((resolve, reject) => {
    const out = createWriteStream(logFile);
    const child = spawn(command, commandArgs, { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    child.once("exit", (code) => {
      out.end(() => {
        if (code === 0) resolve();
        else {
          const tail = readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
          reject(new Error(`${command} ${commandArgs.join(" ")} failed (exit ${code}):\n${tail}`));
        }
      });
    });
  });
}

function portIsFree(p: number) {
  return new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", () => reject(new Error(`Port ${p} is in use: set BENCH_PORT to another port`)));
    probe.listen(p, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

async function serverReady(server: ChildProcess) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server exited (${server.exitCode}): see bench/tmp/server.log`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("The server did not answer /healthz within 60 s: see bench/tmp/server.log");
}

/** User and system CPU time of these processes, in clock ticks (a hundredth of a second on Linux). */
function cpuTicks(pids: number[]) {
  let total = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      total += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process has gone
    }
  }
  return total;
}

function childPids(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    return children.flatMap((child) => [child, ...childPids(child)]);
  } catch {
    return [];
  }
}

/** The server process and, when it runs one process per core, its workers. */
function serverPids(pid: number) {
  return [pid, ...childPids(pid)];
}

function postgresPids() {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres";
      } catch {
        return false;
      }
    });
}

/** Waits until the server has used under a fifth of a core for half a second (Linux /proc). */
async function serverIdle(pid: number) {
  const ticks = () => cpuTicks(serverPids(pid));
  const deadline = Date.now() + 60_000;
  let quiet = 0;
  while (quiet < 2 && Date.now() < deadline) {
    const before = ticks();
    await new Promise((resolve) => setTimeout(resolve, 250));
    quiet = (ticks() - before) * 10 < 0.2 * 250 ? quiet + 1 : 0;
  }
}

type Rows<T> = T[];

async function rows<T>(handle: DatabaseHandle, query: ReturnType<typeof sql>) {
  return (await handle.db.execute(query)) as unknown as Rows<T>;
}

async function datasetSizes(handle: DatabaseHandle) {
  const [row] = await rows<Record<string, string>>(
    handle,
    sql`select
      (select count(*) from organisations where kind in ('council', 'voluntary')) as employers,
      (select count(*) from memberships where role = 'learner') as learners,
      (select count(distinct user_id) from memberships where role = 'supervisor') as supervisors,
      (select count(*) from enrolments) as enrolments,
      (select count(*) from lesson_progress) as lesson_progress,
      (select count(*) from evidence_items) as evidence_items,
      (select count(*) from evidence_versions) as evidence_versions,
      (select count(*) from supervision_sessions) as supervision_sessions,
      (select count(*) from review_submissions) as review_submissions,
      (select count(*) from signoffs) as signoffs,
      (select count(*) from workload_weeks) as workload_weeks,
      (select count(*) from audit_events) as audit_events`,
  );
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)])) as Record<string, number>;
}

const n = (value: number | undefined) => (value ?? 0).toLocaleString("en-GB");

function describeDataset(d: Record<string, number>) {
  return [
    `${n(d.learners)} learners across ${n(d.employers)} employers`,
    `${n(d.supervisors)} supervisors`,
    `${n(d.lesson_progress)} lesson-progress rows`,
    `${n(d.evidence_items)} evidence items (${n(d.evidence_versions)} versions)`,
    `${n(d.supervision_sessions)} supervision sessions`,
    `${n(d.review_submissions)} review submissions with ${n(d.signoffs)} sign-offs`,
    `${n(d.workload_weeks)} workload weeks`,
    `${n(d.audit_events)} audit events`,
  ].join(", ");
}

function checkMinimums(d: Record<string, number>) {
  const minimums: [string, number][] = [
    ["learners", 10_000],
    ["employers", 50],
    ["supervisors", 500],
    ["lesson_progress", 200_000],
    ["evidence_items", 50_000],
    ["supervision_sessions", 20_000],
  ];
  const short = minimums.filter(([k, min]) => (d[k] ?? 0) < min);
  if (short.length)
    throw new Error(`The large world is too small: ${short.map(([k, min]) => `${k} ${d[k]} < ${min}`).join(", ")}`);
}

/** Picks who reads each page, makes their sessions, and lists the requests. */
async function choosePages(handle: DatabaseHandle, manifest: Manifest): Promise<Page[]> {
  const asye = manifest.programmes.find((p) => p.slug === "asye")!;
  const lessons = lessonsInOrder(asye);
  const learners = await rows<{ membership_id: string; user_id: string }>(
    handle,
    sql`select m.id as membership_id, m.user_id from memberships m
        join enrolments e on e.user_id = m.user_id and e.programme_slug = 'asye' and e.status = 'active'
        where m.role = 'learner' and m.stage = 'nqsw'
        order by md5(m.id::text) limit ${SAMPLE}`,
  );
  const supervisors = await rows<{ membership_id: string; user_id: string; enrolment_id: string }>(
    handle,
    sql`select m.id as membership_id, m.user_id, e.id as enrolment_id from memberships m
        cross join lateral (select id from enrolments where supervisor_id = m.user_id and organisation_id = m.organisation_id
                            order by md5(id::text) limit 1) e
        where m.role = 'supervisor'
        order by md5(m.id::text) limit ${SAMPLE}`,
  );
  if (learners.length === 0 || supervisors.length === 0)
    throw new Error("The large world has no learners or supervisors");
  const cookie = async (userId: string, membershipId: string) => {
    const token = generateToken();
    await createSession(token, userId, { activeMembershipId: membershipId, userAgent: "npm run bench (autocannon)" });
    return `${sessionCookieName()}=${token}`;
  };
  const learnerCookies: string[] = [];
  for (const l of learners) learnerCookies.push(await cookie(l.user_id, l.membership_id));
  const supervisorCookies: string[] = [];
  for (const s of supervisors) supervisorCookies.push(await cookie(s.user_id, s.membership_id));
  return [
    {
      name: "Learner home",
      who: "NQSW",
      shown: "/learning",
      requests: learnerCookies.map((c) => ({ path: "/learning", cookie: c })),
    },
    {
      name: "Lesson page",
      who: "NQSW on the ASYE",
      shown: "/programmes/asye/<module>/<lesson>",
      requests: learnerCookies.map((c, i) => {
        const { module, lesson } = lessons[(i * 7) % lessons.length]!;
        return { path: `/programmes/asye/${module.slug}/${lesson.slug}`, cookie: c };
      }),
    },
    {
      name: "Supervisor's desk",
      who: "practice supervisor (~20 NQSWs)",
      shown: "/supervision",
      requests: supervisorCookies.map((c) => ({ path: "/supervision", cookie: c })),
    },
    {
      name: "A learner's year",
      who: "that learner's supervisor",
      shown: "/year/<enrolment>",
      requests: supervisors.map((s, i) => ({ path: `/year/${s.enrolment_id}`, cookie: supervisorCookies[i] })),
    },
    { name: "Public catalogue", who: "signed out", shown: "/programmes", requests: [{ path: "/programmes" }] },
    { name: "Trivial page (ceiling)", who: "signed out", shown: "/ping", requests: [{ path: "/ping" }], trivial: true },
  ];
}

const BROWSER_HEADERS = {
  accept: "text/html,application/xhtml+xml,application/xhtml+xml;q=0.9,*/*;q=0.8",
  "accept-language": "en-GB,en;q=0.9",
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64) npm-run-bench",
};

/**
 * Reads the page twice as each person: every answer must be 200. Returns the SQL statements it
 * took, the second time and, where different, the first (what is kept against a year's revision
 * is worked out on the first read).
 */
async function readOnce(page: Page) {
  const first = await statementsPerRead(page);
  const again = await statementsPerRead(page);
  if (first.statements !== again.statements) {
    const note = `${page.name}, read alone: ${first.medianMs.toFixed(1)} ms the first time (${first.statements} statements), ${again.medianMs.toFixed(1)} ms again (${again.statements}), medians of ${page.requests.length} people.`;
    say(note);
    coldReads.push(note);
  }
  return first.statements === again.statements ? again.statements : `${again.statements} (first read ${first.statements})`;
}

/** Notes on pages whose first read differs from the next (what is kept against a year's revision). */
const coldReads: string[] = [];

async function statementsPerRead(page: Page) {
  const counts = new Set<number>();
  const times: number[] = [];
  for (const r of page.requests) {
    const began = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}${r.path}`, {
      headers: { ...BROWSER_HEADERS, ...(r.cookie ? { cookie: r.cookie } : {}) },
      redirect: "manual",
    });
    await response.arrayBuffer();
    times.push(performance.now() - began);
    if (response.status !== 200)
      throw new Error(
        `${page.name}: GET ${r.path} answered ${response.status}${response.headers.get("location") ? ` (to ${response.headers.get("location")})` : ""}, not 200`,
      );
    const header = response.headers.get("x-query-count");
    if (header === null) throw new Error(`${page.name}: no X-Query-Count header (is QUERY_COUNT_HEADER=true?)`);
    counts.add(Number(header));
  }
  const sorted = [...counts].sort((a, b) => a - b);
  times.sort((a, b) => a - b);
  return {
    statements: sorted.length === 1 ? String(sorted[0]) : `${sorted[0]}–${sorted.at(-1)}`,
    medianMs: times[Math.floor(times.length / 2)] ?? 0,
  };
}

async function load(page: Page, seconds: number) {
  let turn = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    timeout: 30,
    headers: BROWSER_HEADERS,
    requests: [
      {
        method: "GET",
        setupRequest: (request) => {
          const next = page.requests[turn++ % page.requests.length]!;
          return {
            ...request,
            path: next.path,
            headers: { ...request.headers, ...(next.cookie ? { cookie: next.cookie } : {}) },
          };
        },
      },
    ],
  });
  // A wrong answer is a fault; a timeout is a (bad) measurement, shown in the table.
  const faults = result.non2xx + result.errors - result.timeouts;
  if (faults > 0 || result.requests.total === 0)
    throw new Error(
      `${page.name}: ${result.non2xx} answers were not 2xx and ${result.errors - result.timeouts} requests failed, of ${result.requests.total}; see bench/tmp/server.log`,
    );
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    timeouts: result.timeouts,
  };
}

function trivialOf(results: Measured[]) {
  return results.find((r) => r.page.trivial)!;
}

function meets(r: Measured, trivial: Measured) {
  return r.page.trivial || (r.timeouts === 0 && r.p99 < TARGET_P99_MS && r.rps >= TARGET_SHARE * trivial.rps);
}

function cpuModel() {
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((l) => l.startsWith("model name"));
    return line?.split(":")[1]?.trim() ?? os.cpus()[0]?.model ?? "unknown CPU";
  } catch {
    return os.cpus()[0]?.model ?? "unknown CPU";
  }
}

function formatReport(results: Measured[], dataset: Record<string, number>, pgVersion: string) {
  const trivial = trivialOf(results);
  const lines = [
    "| page | signed in as | path | requests/s | p50 ms | p99 ms | SQL queries | CPU ms a request (server + PostgreSQL) | % of trivial | target |",
    "|---|---|---|--:|--:|--:|--:|--:|--:|:-:|",
    ...results.map((r) =>
      [
        r.page.name,
        r.page.who,
        `\`${r.page.shown}\``,
        r.rps.toFixed(0),
        String(r.p50),
        `${r.p99}${r.timeouts ? ` (${r.timeouts} timed out)` : ""}`,
        r.queries,
        `${r.serverCpuMs.toFixed(1)} + ${r.databaseCpuMs.toFixed(1)}`,
        r.page.trivial ? "100%" : `${Math.round((100 * r.rps) / trivial.rps)}%`,
        r.page.trivial ? "ceiling" : meets(r, trivial) ? "met" : "MISSED",
      ]
        .join(" | ")
        .replace(/^/, "| ")
        .replace(/$/, " |"),
    ),
  ];
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const machine = `${cpuModel()}, ${cores} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB; Node ${process.version}; PostgreSQL ${pgVersion}; ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return [
    "# Benchmark results",
    "",
    `Latest \`npm run bench\`: ${connections} connections for ${duration} s per page after a ${warmup} s warm-up (and every page's warm-up once before the first is measured), autocannon on loopback against the production server (\`node app/server.js\`, NODE_ENV=production: ${serverProcessCount === 1 ? "one process" : `${serverProcessCount} worker processes, one per core`}) on PostgreSQL. Signed-in pages are read in turn as ${SAMPLE} different people, each with a real session. Targets: p99 under ${TARGET_P99_MS} ms and at least ${TARGET_SHARE * 100}% of the trivial page's requests per second.`,
    "",
    ...lines,
    "",
    "The learner home is `/learning`, where `/home` sends a learner. SQL queries: statements one request sends (the X-Query-Count header), the session's included; where the first read of a page differs, it is given in brackets. CPU: the server's processes' and PostgreSQL's CPU time during the run, divided by the requests answered.",
    "",
    ...(coldReads.length
      ? [
          `A page's first read can need more: the desk and the year page work out what is then kept against the year's revision (ADR 014), and a lesson records that it was opened, which reading it again within ten minutes does not. Under load each person's page is read again and again, so the table measures the later reads. ${coldReads.join(" ")}`,
          "",
        ]
      : []),
    `Machine: ${machine}.`,
    "",
    `Data: ${describeDataset(dataset)}.`,
    "",
  ].join("\n");
}

main().catch((error) => {
  console.error(`\nnpm run bench FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
