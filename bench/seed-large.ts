/**
 * The large world for the benchmark: 50 employers (councils and voluntary organisations), each
 * with a programme lead, 10 practice supervisors (two of them also ASYE assessors), a team manager
 * for each of its teams and 200 NQSWs on the real ASYE programme from the content manifest, 20 to
 * a supervisor, each year naming its team's manager. Every learner has
 * what the demo world gives its NQSWs, in proportion to how far through the year they are:
 * lesson progress on the real lessons, knowledge check answers and reflections, a learning
 * agreement signed by all three (the NQSW, the supervisor and the team manager), supervision for every slot already due, weekly workload, a
 * portfolio of evidence with versions, and past review points submitted and signed off, with
 * the audit trail of all of it.
 *
 * Rows are made in memory (the same world every run, from one seed; ids rise one by one)
 * and sent with COPY, tens of thousands of rows a statement, with every constraint and trigger
 * in place. Append-only tables are only ever inserted into.
 */
import { format } from "date-fns";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import postgres, { type Sql } from "postgres";
import { TEXT, TOPLEVEL } from "#db/seed/demo-portfolio";
import { hashPassword } from "~/modules/auth/password.server";
import { agreementHash } from "~/modules/first-year/agreement";
import { reviewDates, supervisionSlots, yearInputFor } from "~/modules/first-year/year";
import { evidenceHash, frameworksFor, KIND_LABELS, type EvidenceKind } from "~/modules/portfolio/rules";
import type { Manifest } from "~/modules/programmes/content-schema";
import { lessonsInOrder } from "~/modules/programmes/progress";
import { submissionHash } from "~/modules/signoff/reviews";

export interface WorldSize {
  employers: number;
  supervisorsPerEmployer: number;
  learnersPerSupervisor: number;
}

export const FULL_SIZE: WorldSize = { employers: 50, supervisorsPerEmployer: 10, learnersPerSupervisor: 20 };

export const BENCH_PASSWORD = "Pathways-bench-2026";

type Row = Record<string, unknown>;

/** Column name and PostgreSQL type, in the order they are inserted. */
type Columns = [string, string][];

const COLUMNS = {
  organisations: [
    ["id", "uuid"],
    ["slug", "text"],
    ["name", "text"],
    ["kind", "organisation_kind"],
    ["region", "text"],
    ["created_at", "timestamptz"],
  ],
  users: [
    ["id", "uuid"],
    ["email", "text"],
    ["name", "text"],
    ["password_hash", "text"],
    ["password_changed_at", "timestamptz"],
    ["created_at", "timestamptz"],
  ],
  memberships: [
    ["id", "uuid"],
    ["user_id", "uuid"],
    ["organisation_id", "uuid"],
    ["role", "role"],
    ["job_title", "text"],
    ["team", "text"],
    ["stage", "learner_stage"],
    ["started_on", "date"],
    ["supervisor_id", "uuid"],
    ["created_at", "timestamptz"],
  ],
  cohorts: [
    ["id", "uuid"],
    ["organisation_id", "uuid"],
    ["programme_slug", "text"],
    ["name", "text"],
    ["starts_on", "date"],
    ["created_by_id", "uuid"],
    ["created_at", "timestamptz"],
  ],
  enrolments: [
    ["id", "uuid"],
    ["user_id", "uuid"],
    ["programme_slug", "text"],
    ["organisation_id", "uuid"],
    ["cohort_id", "uuid"],
    ["supervisor_id", "uuid"],
    ["team_manager_id", "uuid"],
    ["started_on", "date"],
    ["pathway", "text"],
    ["fte", "numeric"],
    ["enrolled_by_id", "uuid"],
    ["created_at", "timestamptz"],
  ],
  lesson_progress: [
    ["id", "uuid"],
    ["enrolment_id", "uuid"],
    ["module_slug", "text"],
    ["lesson_slug", "text"],
    ["first_viewed_at", "timestamptz"],
    ["last_viewed_at", "timestamptz"],
    ["completed_at", "timestamptz"],
  ],
  knowledge_check_attempts: [
    ["id", "uuid"],
    ["enrolment_id", "uuid"],
    ["module_slug", "text"],
    ["lesson_slug", "text"],
    ["answers", "jsonb"],
    ["score", "integer"],
    ["total", "integer"],
    ["submitted_at", "timestamptz"],
  ],
  lesson_reflections: [
    ["id", "uuid"],
    ["enrolment_id", "uuid"],
    ["module_slug", "text"],
    ["lesson_slug", "text"],
    ["reflection_id", "text"],
    ["body", "text"],
    ["status", "reflection_status"],
    ["updated_at", "timestamptz"],
  ],
  learning_agreements: [
    ["id", "uuid"],
    ["enrolment_id", "uuid"],
    ["goals", "text"],
    ["support", "text"],
    ["protected_time", "text"],
    ["caseload", "text"],
    ["version", "integer"],
    ["content_hash", "text"],
    ["updated_by_id", "uuid"],
    ["updated_at", "timestamptz"],
    ["created_at", "timestamptz"],
  ],
  learning_agreement_signatures: [
    ["id", "uuid"],
    ["agreement_id", "uuid"],
    ["version", "integer"],
    ["content_hash", "text"],
    ["party", "agreement_party"],
    ["user_id", "uuid"],
    ["organisation_id", "uuid"],
    ["signed_at", "timestamptz"],
  ],
  supervision_sessions: [
    ["id", "uuid"],
    ["enrolment_id", "uuid"],
    ["held_on", "date"],
    ["minutes", "integer"],
    ["kind", "supervision_kind"],
    ["agenda", "text"],
    ["discussion", "text"],
    ["decisions", "text"],
    ["recorded_by_id", "uuid"],
    ["recorded_at", "timestamptz"],
    ["acknowledged_at", "timestamptz"],
  ],
  supervision_actions: [
    ["id", "uuid"],
    ["enrolment_id", "uuid"],
    ["session_id", "uuid"],
    ["text", "text"],
    ["owner", "action_owner"],
    ["done_in_session_id", "uuid"],
    ["created_at", "timestamptz"],
  ],
  evidence_items: [
    ["id", "uuid"],
    ["enrolment_id", "uuid"],
    ["kind", "evidence_kind"],
    ["current_version", "integer"],
    ["created_by_id", "uuid"],
    ["created_by_role", "text"],
    ["created_at", "timestamptz"],
    ["updated_at", "timestamptz"],
  ],
  evidence_versions: [
    ["id", "uuid"],
    ["item_id", "uuid"],
    ["version", "integer"],
    ["title", "text"],
    ["occurred_on", "date"],
    ["body", "text"],
    ["capabilities", "jsonb"],
    ["details", "jsonb"],
    ["file_ids", "jsonb"],
    ["content_hash", "text"],
    ["created_by_id", "uuid"],
    ["created_at", "timestamptz"],
  ],
  review_submissions: [
    ["id", "uuid"],
    ["enrolment_id", "uuid"],
    ["review_code", "text"],
    ["number", "integer"],
    ["learner_comments", "text"],
    ["items", "jsonb"],
    ["content_hash", "text"],
    ["submitted_by_id", "uuid"],
    ["submitted_at", "timestamptz"],
  ],
  signoffs: [
    ["id", "uuid"],
    ["enrolment_id", "uuid"],
    ["review_code", "text"],
    ["submission_id", "uuid"],
    ["step", "signoff_step"],
    ["decision", "text"],
    ["outcome", "text"],
    ["comments", "text"],
    ["items", "jsonb"],
    ["content_hash", "text"],
    ["user_id", "uuid"],
    ["role", "text"],
    ["organisation_id", "uuid"],
    ["signed_at", "timestamptz"],
  ],
  workload_weeks: [
    ["id", "uuid"],
    ["enrolment_id", "uuid"],
    ["week_starting", "date"],
    ["caseload", "integer"],
    ["contracted_hours", "numeric"],
    ["protected_hours", "numeric"],
    ["recorded_by_id", "uuid"],
    ["updated_at", "timestamptz"],
  ],
  workload_limits: [
    ["enrolment_id", "uuid"],
    ["max_caseload", "integer"],
    ["set_by_id", "uuid"],
    ["updated_at", "timestamptz"],
  ],
  audit_events: [
    ["at", "timestamptz"],
    ["actor_user_id", "uuid"],
    ["actor_role", "text"],
    ["organisation_id", "uuid"],
    ["action", "text"],
    ["subject_type", "text"],
    ["subject_id", "text"],
    ["detail", "jsonb"],
  ],
} satisfies Record<string, Columns>;

type Table = keyof typeof COLUMNS;

/** Tables in the order they may be loaded: each refers only to tables in earlier steps. */
const STEPS: Table[][] = [
  ["organisations", "users"],
  ["memberships", "cohorts"],
  ["enrolments"],
  [
    "lesson_progress",
    "knowledge_check_attempts",
    "lesson_reflections",
    "learning_agreements",
    "supervision_sessions",
    "evidence_items",
    "review_submissions",
    "workload_weeks",
    "workload_limits",
    "audit_events",
  ],
  ["learning_agreement_signatures", "supervision_actions", "evidence_versions", "signoffs"],
];

/**
 * Collects rows per table and sends them with COPY, thousands of rows a statement. When any
 * table has a batch waiting, every table is sent, step by step (the tables of one step side by
 * side), so a row never arrives before the rows it refers to (callers add a parent before its
 * children) and every constraint is checked as usual. Rows are made while the last batch loads.
 */
class Loader {
  private pending = new Map<Table, string[]>();
  private loading: Promise<void> = Promise.resolve();
  readonly counts = new Map<Table, number>();

  constructor(
    private readonly client: Sql,
    private readonly uuid: () => string,
    private readonly batch = 20_000,
  ) {
    const stepped = STEPS.flat();
    if (stepped.length !== Object.keys(COLUMNS).length || new Set(stepped).size !== stepped.length)
      throw new Error("STEPS must name every table once");
  }

  async add(table: Table, row: Row) {
    let lines = this.pending.get(table);
    if (!lines) this.pending.set(table, (lines = []));
    const columns: Columns = COLUMNS[table];
    if (columns[0]![0] === "id" && row.id === undefined) row.id = this.uuid();
    let line = "";
    for (let i = 0; i < columns.length; i++) {
      const [name, type] = columns[i]!;
      if (i > 0) line += "\t";
      line += copyValue(row[name], type === "text" || type === "jsonb");
    }
    lines.push(line);
    if (lines.length >= this.batch) await this.send();
  }

  /** Starts loading what is waiting once the previous batch is in; returns when it has started. */
  waitedMs = 0;

  async send() {
    const waiting = Date.now();
    await this.loading;
    this.waitedMs += Date.now() - waiting;
    const batch = this.pending;
    this.pending = new Map();
    this.loading = this.load(batch);
    this.loading.catch(() => {}); // reported by the next await of it
  }

  /** Sends everything still waiting and returns when it is all in. */
  async finish() {
    await this.send();
    await this.loading;
  }

  private async load(batch: Map<Table, string[]>) {
    for (const step of STEPS) {
      await Promise.all(
        step.map(async (name) => {
          const lines = batch.get(name);
          if (!lines?.length) return;
          const started = Date.now();
          const list = COLUMNS[name].map(([c]) => `"${c}"`).join(", ");
          // A connection of its own: postgres.js would otherwise send other queries down it mid-COPY.
          const connection = await this.client.reserve();
          try {
            const writable = await connection.unsafe(`copy "${name}" (${list}) from stdin`).writable();
            await pipeline(Readable.from([`${lines.join("\n")}\n`]), writable);
          } finally {
            connection.release();
          }
          this.counts.set(name, (this.counts.get(name) ?? 0) + lines.length);
          if (process.env.BENCH_DEBUG) console.log(`    ${name}: ${lines.length} rows in ${Date.now() - started} ms`);
        }),
      );
    }
  }
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** One value in COPY's text format. */
function copyValue(value: unknown, mayNeedEscape: boolean): string {
  if (value === null || value === undefined) return "\\N";
  const text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (!mayNeedEscape || !NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

/**
 * Version 7 UUIDs (time first) that rise one by one: every primary key, and every index that
 * starts with a parent's id, is filled from its right-hand end, which is far quicker to load
 * than random ids scattered over the whole index.
 */
function uuidSequence(at = Date.now()) {
  const ms = at.toString(16).padStart(12, "0");
  const prefix = `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7000-8`;
  let counter = 0;
  return () => {
    const hex = (counter++).toString(16).padStart(15, "0");
    return `${prefix}${hex.slice(0, 3)}-${hex.slice(3)}`;
  };
}

// Plain time arithmetic: date-fns's calendar-aware versions are too slow for a million rows.
const MINUTE = 60_000;
const addMinutes = (d: Date, n: number) => new Date(d.getTime() + n * MINUTE);
const addHours = (d: Date, n: number) => addMinutes(d, n * 60);
const addDays = (d: Date, n: number) => addMinutes(d, n * 1440);
const subDays = (d: Date, n: number) => addDays(d, -n);
const parseISO = (isoDay: string) => new Date(`${isoDay}T00:00:00`);

/** A small deterministic generator (mulberry32), so every run seeds the same world. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
  };
}

const PLACES = [
  "Ashworth",
  "Bramley",
  "Calderbrook",
  "Dunmere",
  "Eastwick",
  "Fellgate",
  "Greystone",
  "Hartwell",
  "Ivydale",
  "Kingsmoor",
  "Larchfield",
  "Millbrook",
  "Northfleet",
  "Oakhampton",
  "Penrose",
  "Queensbury",
  "Redcliffe",
  "Saltmarsh",
  "Thornbury",
  "Upperby",
  "Westholme",
  "Yarrowfield",
  "Alderley",
  "Bexham",
  "Coldharbour",
  "Deepdale",
  "Elmstead",
  "Foxton",
  "Glenmoor",
  "Hollinwood",
  "Kirkby Vale",
  "Lowther",
  "Marshfield",
  "Newbold",
  "Ormsby",
  "Pembury",
  "Ravensworth",
  "Stanwell",
  "Tidworth",
  "Whitmoor",
  "Brackenhurst",
  "Cranleigh Water",
  "Dovecote",
  "Fairhaven",
  "Hawksmoor",
  "Linthorpe",
  "Moorcroft",
  "Radley Cross",
  "Seabrook",
  "Wyndham",
];
const COUNCIL_KINDS = ["City Council", "Borough Council", "County Council", "Metropolitan Borough Council"];
const TRUST_KINDS = ["Children's Trust", "Family Trust", "Care Partnership"];
const REGIONS = [
  "North East",
  "North West",
  "Yorkshire and the Humber",
  "East Midlands",
  "West Midlands",
  "East of England",
  "London",
  "South East",
  "South West",
];
const FIRST_NAMES = [
  "Aaliyah",
  "Adam",
  "Aisha",
  "Alice",
  "Amir",
  "Amy",
  "Anna",
  "Ayesha",
  "Ben",
  "Bethany",
  "Callum",
  "Charlotte",
  "Chloe",
  "Daniel",
  "David",
  "Eleanor",
  "Ella",
  "Emily",
  "Emma",
  "Fatima",
  "Finn",
  "Georgia",
  "Grace",
  "Hannah",
  "Harry",
  "Imran",
  "Isla",
  "Jack",
  "Jade",
  "James",
  "Jasmine",
  "Joseph",
  "Kai",
  "Katie",
  "Laura",
  "Leah",
  "Liam",
  "Lucy",
  "Maya",
  "Megan",
  "Mohammed",
  "Naomi",
  "Nathan",
  "Niamh",
  "Olivia",
  "Omar",
  "Priya",
  "Rachel",
  "Rhys",
  "Rosie",
  "Ruby",
  "Ryan",
  "Sam",
  "Sara",
  "Sophie",
  "Tariq",
  "Thomas",
  "Tom",
  "Yusuf",
  "Zara",
];
const LAST_NAMES = [
  "Adams",
  "Ahmed",
  "Ali",
  "Anderson",
  "Begum",
  "Bell",
  "Brown",
  "Campbell",
  "Chen",
  "Clarke",
  "Cooper",
  "Davies",
  "Edwards",
  "Evans",
  "Fletcher",
  "Green",
  "Hall",
  "Harris",
  "Hughes",
  "Hussain",
  "Jackson",
  "James",
  "Johnson",
  "Jones",
  "Kaur",
  "Khan",
  "King",
  "Lewis",
  "Martin",
  "Mensah",
  "Mitchell",
  "Morgan",
  "Murphy",
  "Nowak",
  "O'Brien",
  "Okafor",
  "Owen",
  "Patel",
  "Phillips",
  "Price",
  "Rahman",
  "Roberts",
  "Robinson",
  "Scott",
  "Shah",
  "Singh",
  "Smith",
  "Taylor",
  "Thomas",
  "Thompson",
  "Turner",
  "Walker",
  "Ward",
  "Watson",
  "White",
  "Williams",
  "Wilson",
  "Wood",
  "Wright",
  "Young",
];
const CHILD_FAMILY_TEAMS = [
  "Children in need, East",
  "Children in need, West",
  "Assessment and intervention",
  "Child protection, North",
  "Child protection, South",
  "Children in care",
  "Family support",
  "Leaving care and young people",
];
const ADULT_TEAMS = [
  "Adults' locality team, North",
  "Adults' locality team, South",
  "Adults' hospital discharge team",
  "Adults' mental health team",
  "Adults' learning disability team",
  "Adults' safeguarding team",
];
const SUPERVISOR_TITLES = ["Practice supervisor", "Senior practitioner", "Team manager", "Advanced practitioner"];

const AGENDAS = [
  "Caseload and priorities; one case for reflection; learning since the last session; wellbeing.",
  "Progress against the learning agreement; a case discussion using the PCF domains; protected time; actions.",
  "Reflective discussion of a difficult visit; recording; evidence for the portfolio; wellbeing and workload.",
];
const DISCUSSIONS = [
  "Talked through the week's visits and recording. Reflected on one family's situation using the PCF domains; agreed what good evidence of it would look like for the portfolio.",
  "Went through the caseload case by case: two cases to close, one new referral to allocate with a joint first visit. Reflected on how the NQSW handled a parent's anger, and what she would do differently.",
  "Discussed a safeguarding concern raised by a school and the decision to hold a strategy discussion. Looked at the analysis in the assessment and how to make the reasoning visible. Checked protected time had been taken.",
  "Reviewed the learning agreement goals: confidence in assessment is growing; court work still new. Agreed shadowing on a final hearing. Talked about managing the emotional impact of the work.",
];
const ACTIONS = [
  "Bring one assessment to the next session to look at the analysis together",
  "Book the next direct observation with the assessor",
  "Shadow a colleague at a core group meeting",
  "Write up the reflective log on the home visit for the portfolio",
  "Read the lesson on analysis and judgement before the next session",
];
const REFLECTION_BODIES = [
  "In my last supervision most of the time went on case management. I want to ask for a part of each session to be about my own learning, starting with how I analyse risk rather than describe it.",
  "This reminded me of a visit last month where I rushed the ending. Next time I will leave time to summarise what we agreed and check the family understood what happens next.",
  "I have started to write the analysis section first and then the history, which keeps the reasoning clear. My supervisor said the last two assessments were easier to follow.",
];

export interface SeededWorld {
  counts: Record<string, number>;
  seconds: number;
}

/** Seeds the large world into an empty, migrated database at `url`. */
export async function seedLargeWorld(
  url: string,
  manifest: Manifest,
  size: WorldSize = FULL_SIZE,
  today = new Date(),
  log: (line: string) => void = () => {},
): Promise<SeededWorld> {
  const started = Date.now();
  // Its own connections: durability of each load statement is not waited for (a crash would
  // only lose this throwaway world), which the server's connections are not told.
  const client = postgres(url, { max: 8, onnotice: () => {}, connection: { synchronous_commit: "off" } });
  try {
    const counts = await seedEmployers(client, manifest, size, today, log);
    // As after any bulk load: the year-revision triggers leave several dead row versions a year
    // behind them, which autovacuum would clear in time; the measurement should not wait for it.
    log("  vacuum and analyse");
    await client.unsafe("vacuum (analyze)");
    return { counts, seconds: (Date.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

async function seedEmployers(
  client: Sql,
  manifest: Manifest,
  size: WorldSize,
  today: Date,
  log: (line: string) => void,
): Promise<Record<string, number>> {
  const programme = manifest.programmes.find((p) => p.slug === "asye");
  if (!programme?.assessment) throw new Error("The content manifest has no assessed ASYE programme");
  const rules = programme.assessment;
  const lessons = lessonsInOrder(programme);
  // Each employer has its own generator, so its people are the same whatever the world's size.
  let rand = generator(20260407);
  const uuid = uuidSequence();
  const load = new Loader(client, uuid);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const ts = (d: Date) => d.toISOString();
  const pad = (v: number) => String(v).padStart(2, "0");
  const day = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  // Learners who started on the same day at the same hours share a schedule.
  const schedules = new Map<
    string,
    { slots: ReturnType<typeof supervisionSlots>; reviews: ReturnType<typeof reviewDates> }
  >();
  const scheduleFor = (startedOn: string, fte: number) => {
    const key = `${startedOn}|${fte}`;
    let found = schedules.get(key);
    if (!found) {
      const year = yearInputFor({ startedOn, fte }, programme);
      schedules.set(key, (found = { slots: supervisionSlots(year), reviews: reviewDates(year) }));
    }
    return found;
  };
  const worldStart = subDays(today, 3 * 365);
  const usedEmails = new Set<string>();

  const person = async (orgDomain: string) => {
    const first = rand.pick(FIRST_NAMES);
    const last = rand.pick(LAST_NAMES);
    const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, "");
    let email = `${local}@${orgDomain}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@${orgDomain}`;
    usedEmails.add(email);
    const id = uuid();
    await load.add("users", {
      id,
      email,
      name: `${first} ${last}`,
      password_hash: passwordHash,
      password_changed_at: ts(worldStart),
      created_at: ts(worldStart),
    });
    return { id, name: `${first} ${last}` };
  };

  for (let o = 0; o < size.employers; o++) {
    rand = generator(20260407 + o);
    const place = PLACES[o % PLACES.length]! + (o >= PLACES.length ? ` ${Math.floor(o / PLACES.length) + 1}` : "");
    const voluntary = o % 5 === 4;
    const name = `${place} ${voluntary ? TRUST_KINDS[o % TRUST_KINDS.length] : COUNCIL_KINDS[o % COUNCIL_KINDS.length]}`;
    const slug = name
      .toLowerCase()
      .replace(/'/g, "")
      .replace(/[^a-z0-9]+/g, "-");
    const domain = `${place.toLowerCase().replace(/[^a-z]+/g, "")}.example`;
    const orgId = uuid();
    await load.add("organisations", {
      id: orgId,
      slug,
      name,
      kind: voluntary ? "voluntary" : "council",
      region: REGIONS[o % REGIONS.length],
      created_at: ts(worldStart),
    });
    const membership = (row: Row) => load.add("memberships", { id: uuid(), created_at: ts(worldStart), ...row });

    const lead = await person(domain);
    await membership({
      user_id: lead.id,
      organisation_id: orgId,
      role: "programme_lead",
      job_title: "Principal social worker and ASYE programme lead",
    });

    // Four intakes a year, one cohort each.
    const cohorts = [0, 1, 2, 3].map((q) => {
      const startsOn = subDays(today, 360 - q * 91);
      return { id: uuid(), startsOn, name: `${programme.title}: ${format(startsOn, "MMMM yyyy")} intake` };
    });
    for (const c of cohorts)
      await load.add("cohorts", {
        id: c.id,
        organisation_id: orgId,
        programme_slug: programme.slug,
        name: c.name,
        starts_on: day(c.startsOn),
        created_by_id: lead.id,
        created_at: ts(subDays(c.startsOn, 30)),
      });

    // One team manager for each team the employer's supervisors work in, named on its NQSWs' years.
    const teamManagers = new Map<string, string>();
    const teamManagerOf = async (team: string) => {
      let id = teamManagers.get(team);
      if (!id) {
        const manager = await person(domain);
        await membership({
          user_id: manager.id,
          organisation_id: orgId,
          role: "team_manager",
          job_title: "Team manager",
          team,
        });
        teamManagers.set(team, (id = manager.id));
      }
      return id;
    };

    for (let s = 0; s < size.supervisorsPerEmployer; s++) {
      // Councils have adults' and children's teams; the trusts are children's services.
      const adults = !voluntary && s % 2 === 1;
      const team = adults ? ADULT_TEAMS[s % ADULT_TEAMS.length]! : CHILD_FAMILY_TEAMS[s % CHILD_FAMILY_TEAMS.length]!;
      const supervisor = await person(domain);
      const isAssessor = s < 2;
      await membership({
        user_id: supervisor.id,
        organisation_id: orgId,
        role: "supervisor",
        job_title: SUPERVISOR_TITLES[s % SUPERVISOR_TITLES.length],
        team,
      });
      if (isAssessor)
        await membership({
          user_id: supervisor.id,
          organisation_id: orgId,
          role: "assessor",
          job_title: "ASYE assessor",
        });

      for (let l = 0; l < size.learnersPerSupervisor; l++) {
        const daysIn = rand.int(3, 359);
        const startedOn = day(subDays(today, daysIn));
        const learner = await person(domain);
        await membership({
          user_id: learner.id,
          organisation_id: orgId,
          role: "learner",
          job_title: "Newly qualified social worker",
          team,
          stage: "nqsw",
          started_on: startedOn,
          supervisor_id: supervisor.id,
        });
        await seedLearner({
          orgId,
          leadId: lead.id,
          teamManagerId: await teamManagerOf(team),
          supervisorId: supervisor.id,
          supervisorRole: isAssessor ? "assessor" : "supervisor",
          learnerId: learner.id,
          team,
          pathway: adults ? "adults" : "child-family",
          startedOn,
          daysIn,
          cohortId: cohorts.filter((c) => day(c.startsOn) <= startedOn).at(-1)?.id ?? cohorts[0]!.id,
        });
      }
    }
    if ((o + 1) % 10 === 0) log(`  ${o + 1} of ${size.employers} employers made`);
  }
  await load.finish();

  async function seedLearner(l: {
    orgId: string;
    leadId: string;
    teamManagerId: string;
    supervisorId: string;
    supervisorRole: "supervisor" | "assessor";
    learnerId: string;
    team: string;
    pathway: "adults" | "child-family";
    startedOn: string;
    daysIn: number;
    cohortId: string;
  }) {
    const start = parseISO(l.startedOn);
    const monthsIn = Math.min(12, Math.floor(l.daysIn / 30.44) + 1);
    const fte = rand.chance(0.06) ? 0.8 : 1;
    const enrolmentId = uuid();
    await load.add("enrolments", {
      id: enrolmentId,
      user_id: l.learnerId,
      programme_slug: programme!.slug,
      organisation_id: l.orgId,
      cohort_id: l.cohortId,
      supervisor_id: l.supervisorId,
      team_manager_id: l.teamManagerId,
      started_on: l.startedOn,
      pathway: l.pathway,
      fte,
      enrolled_by_id: l.leadId,
      created_at: ts(subDays(start, 14)),
    });
    const audit = (row: {
      at: Date;
      actor: string;
      role: string;
      action: string;
      type: string;
      id: string;
      detail: Row;
    }) =>
      load.add("audit_events", {
        at: ts(row.at),
        actor_user_id: row.actor,
        actor_role: row.role,
        organisation_id: l.orgId,
        action: row.action,
        subject_type: row.type,
        subject_id: row.id,
        detail: row.detail,
      });
    const at = (daysAfterStart: number, hour = 10) => addHours(addDays(start, Math.max(0, daysAfterStart)), hour);

    // Lessons: most NQSWs work through the programme's lessons early in the year.
    const viewed = Math.max(1, Math.min(lessons.length, 10 + 4 * (monthsIn - 1) + rand.int(-2, 2)));
    for (const [i, { module, lesson }] of lessons.slice(0, viewed).entries()) {
      const seenOn = at(Math.round(((i + 1) / (viewed + 1)) * l.daysIn), 9 + (i % 8));
      const completed = i < viewed - 1 || viewed === lessons.length;
      const key = { enrolment_id: enrolmentId, module_slug: module.slug, lesson_slug: lesson.slug };
      await load.add("lesson_progress", {
        ...key,
        first_viewed_at: ts(seenOn),
        last_viewed_at: ts(addMinutes(seenOn, lesson.minutes)),
        completed_at: completed ? ts(addMinutes(seenOn, lesson.minutes)) : null,
      });
      if (!completed) continue;
      if (lesson.checks.length && rand.chance(0.9)) {
        const answers: Record<string, number> = {};
        let score = 0;
        for (const check of lesson.checks) {
          const right = check.options.findIndex((o) => o.correct);
          const chosen = rand.chance(0.85) || right < 0 ? Math.max(0, right) : rand.int(0, check.options.length - 1);
          answers[check.id] = chosen;
          if (check.options[chosen]?.correct) score++;
        }
        await load.add("knowledge_check_attempts", {
          ...key,
          answers,
          score,
          total: lesson.checks.length,
          submitted_at: ts(addMinutes(seenOn, lesson.minutes - 2)),
        });
      }
      const prompt = lesson.reflections[0];
      if (prompt && rand.chance(0.3))
        await load.add("lesson_reflections", {
          ...key,
          reflection_id: prompt.id,
          body: rand.pick(REFLECTION_BODIES),
          status: "saved",
          updated_at: ts(addMinutes(seenOn, lesson.minutes)),
        });
    }

    // The learning agreement: signed by all three after the first month, being written before.
    if (monthsIn >= 2 || (l.daysIn > 10 && rand.chance(0.6))) {
      const content = {
        goals: `Build confidence in assessment and analysis in ${l.team}; evidence the Professional Capabilities Framework at ASYE level by the final review.`,
        support:
          "Weekly supervision for six weeks, then fortnightly; shadowing an experienced colleague on two complex visits; the NQSW peer group each month.",
        protectedTime:
          "Half a day each week (about 10%), kept free in the team diary, for learning, reflection and portfolio work.",
        caseload:
          "About 10% below an experienced colleague at the start, rising through the year; no child protection or safeguarding enquiries held alone in the first three months.",
      };
      const agreementId = uuid();
      const contentHash = agreementHash(content);
      await load.add("learning_agreements", {
        id: agreementId,
        enrolment_id: enrolmentId,
        goals: content.goals,
        support: content.support,
        protected_time: content.protectedTime,
        caseload: content.caseload,
        version: 1,
        content_hash: contentHash,
        updated_by_id: l.supervisorId,
        updated_at: ts(at(Math.min(10, l.daysIn - 1))),
        created_at: ts(at(Math.min(7, l.daysIn - 1))),
      });
      const parties: [string, string, number][] =
        monthsIn >= 2
          ? [
              ["learner", l.learnerId, 20],
              ["supervisor", l.supervisorId, 21],
              ["team_manager", l.teamManagerId, 22],
            ]
          : [["learner", l.learnerId, l.daysIn - 1]];
      for (const [party, userId, after] of parties) {
        await load.add("learning_agreement_signatures", {
          agreement_id: agreementId,
          version: 1,
          content_hash: contentHash,
          party,
          user_id: userId,
          organisation_id: l.orgId,
          signed_at: ts(at(after, 15)),
        });
        await audit({
          at: at(after, 15),
          actor: userId,
          role: party,
          action: "learning_agreement.signed",
          type: "learning_agreement",
          id: agreementId,
          detail: { version: 1, contentHash, party, enrolment: enrolmentId },
        });
      }
    }

    // Supervision for every slot already due; a few learners have missed their latest.
    const schedule = scheduleFor(l.startedOn, fte);
    const due = schedule.slots.filter((slot) => slot.due < today);
    const held = rand.chance(0.05) ? due.slice(0, -1) : due;
    const sessionIds = held.map(() => uuid());
    const actions: Row[] = [];
    for (const [i, slot] of held.entries()) {
      const heldOn = subDays(slot.due, rand.int(0, 3));
      const recordedAt = minDate(addHours(heldOn, 16 + rand.int(0, 20)), subDays(today, 0.05));
      const latest = i === held.length - 1;
      const acknowledged = addDays(recordedAt, rand.int(1, 3));
      const id = sessionIds[i]!;
      await load.add("supervision_sessions", {
        id,
        enrolment_id: enrolmentId,
        held_on: day(heldOn),
        minutes: slot.every === "week" ? 60 : 90,
        kind: rand.chance(0.85) ? "one_to_one" : rand.pick(["reflective", "group"]),
        agenda: rand.pick(AGENDAS),
        discussion: rand.pick(DISCUSSIONS),
        decisions: rand.chance(0.3) ? "Agreed a joint visit next week; no change to the caseload." : "",
        recorded_by_id: l.supervisorId,
        recorded_at: ts(recordedAt),
        acknowledged_at: (latest && rand.chance(0.4)) || acknowledged > today ? null : ts(acknowledged),
      });
      const withAction = rand.chance(0.35);
      if (withAction)
        actions.push({
          enrolment_id: enrolmentId,
          session_id: id,
          text: rand.pick(ACTIONS),
          owner: rand.chance(0.8) ? "learner" : "supervisor",
          done_in_session_id: latest ? null : sessionIds[i + 1],
          created_at: ts(recordedAt),
        });
      await audit({
        at: recordedAt,
        actor: l.supervisorId,
        role: "supervisor",
        action: "supervision.recorded",
        type: "supervision_session",
        id,
        detail: { enrolment: enrolmentId, heldOn: day(heldOn), actions: withAction ? 1 : 0 },
      });
    }
    // Actions after every session they name (one may be done in the next session).
    for (const action of actions) await load.add("supervision_actions", action);

    // The portfolio, in proportion to the year lived, across the PCF and the pathway's KSS.
    const share = Math.min(1, l.daysIn / 365);
    const codes = frameworksFor(rules!, l.pathway).flatMap((f) => TOPLEVEL[f] ?? []);
    const plan: { kind: EvidenceKind; index: number }[] = [];
    for (const r of rules!.evidence) {
      const n = Math.max(0, Math.round(r.count * share) + (rand.chance(0.2) ? 1 : 0));
      for (let i = 0; i < n; i++) plan.push({ kind: r.kind, index: i });
    }
    const span = Math.max(1, l.daysIn - 3);
    const versionsOf: {
      itemId: string;
      title: string;
      kind: EvidenceKind;
      occurredOn: string;
      versions: { version: number; at: Date; hash: string }[];
    }[] = [];
    let observations = 0;
    for (const [i, p] of plan.entries()) {
      const templates = TEXT[p.kind];
      if (!templates.length) continue;
      const template = templates[(p.index + i) % templates.length]!;
      const occurredOn = day(addDays(start, Math.round(((i + 1) / (plan.length + 1)) * span)));
      const capabilities = [...new Set([0, 1, 5].map((k) => codes[(i * 2 + k) % codes.length]!))];
      const byObserver = p.kind === "direct_observation";
      const role = byObserver
        ? l.supervisorRole === "assessor" && observations === 0
          ? "assessor"
          : "supervisor"
        : "learner";
      if (byObserver) observations++;
      const author = byObserver ? l.supervisorId : l.learnerId;
      const details: Record<string, string> = { ...(template.details ?? {}) };
      if (byObserver && rand.chance(0.85))
        details.learnerReflection =
          "The feedback matched what I felt: I was clearer about the worry than I expected to be. Next time I will summarise what we agreed before I leave.";
      const itemId = uuid();
      const createdAt = addHours(parseISO(occurredOn), 24 + 14);
      const extra = rand.chance(0.25) ? (rand.chance(0.2) ? 2 : 1) : 0;
      const versions: { version: number; at: Date; hash: string; body: string }[] = [];
      for (let v = 1; v <= 1 + extra; v++) {
        const versionAt = addDays(createdAt, (v - 1) * rand.int(5, 20));
        if (v > 1 && versionAt > today) break;
        const body =
          v === 1
            ? template.body
            : `${template.body}\n\nAdded after supervision (version ${v}): what I would do differently, and how it links to the capabilities mapped.`;
        const hash = evidenceHash({ title: template.title, occurredOn, body, capabilities, details, fileHashes: [] });
        versions.push({ version: v, at: versionAt, hash, body });
      }
      await load.add("evidence_items", {
        id: itemId,
        enrolment_id: enrolmentId,
        kind: p.kind,
        current_version: versions.length,
        created_by_id: author,
        created_by_role: role,
        created_at: ts(createdAt),
        updated_at: ts(versions.at(-1)!.at),
      });
      for (const v of versions) {
        await load.add("evidence_versions", {
          item_id: itemId,
          version: v.version,
          title: template.title,
          occurred_on: occurredOn,
          body: v.body,
          capabilities,
          details,
          file_ids: [],
          content_hash: v.hash,
          created_by_id: author,
          created_at: ts(v.at),
        });
        await audit({
          at: v.at,
          actor: author,
          role,
          action: v.version === 1 ? "evidence.created" : "evidence.revised",
          type: "evidence_item",
          id: itemId,
          detail:
            v.version === 1
              ? { enrolment: enrolmentId, kind: p.kind, version: 1, contentHash: v.hash, files: 0 }
              : {
                  enrolment: enrolmentId,
                  version: v.version,
                  contentHash: v.hash,
                  previous: versions[v.version - 2]!.hash,
                },
        });
      }
      versionsOf.push({ itemId, title: template.title, kind: p.kind, occurredOn, versions });
    }

    // Workload: one row for every week lived, recorded by the supervisor. The caseload rises
    // through the year; now and then a week is over the limit or short of protected time.
    const limit = rand.chance(0.7) ? rand.int(14, 18) : null;
    if (limit !== null)
      await load.add("workload_limits", {
        enrolment_id: enrolmentId,
        max_caseload: limit,
        set_by_id: l.supervisorId,
        updated_at: ts(at(21, 11)),
      });
    const firstMonday = addDays(start, 7 + ((8 - start.getDay()) % 7));
    for (let week = firstMonday, n = 0; addDays(week, 7) <= today; week = addDays(week, 7), n++) {
      await load.add("workload_weeks", {
        enrolment_id: enrolmentId,
        week_starting: day(week),
        caseload: 4 + Math.floor((n * 10) / 52) + rand.int(0, 2) + (rand.chance(0.03) ? 6 : 0),
        contracted_hours: Math.round(37 * fte * 100) / 100,
        // The programme's share of contracted hours, to the quarter hour; now and then a week falls short.
        protected_hours: rand.chance(0.06) ? 1.5 : Math.ceil(37 * fte * rules!.protectedTimeShare * 4) / 4,
        recorded_by_id: l.supervisorId,
        updated_at: ts(addHours(week, 4 * 24 + 17)),
      });
    }

    // Review points already past: submitted on the evidence there was, approved and countersigned;
    // a few learners' latest review waits for the supervisor's decision.
    const past = schedule.reviews.filter((r) => r.due < today);
    const waiting = rand.chance(0.06);
    for (const [i, r] of past.entries()) {
      const submittedAt = addHours(subDays(r.due, 5), 11);
      const items = versionsOf
        .filter((v) => v.occurredOn <= day(r.due) && v.versions[0]!.at <= submittedAt)
        .map((v) => {
          const current = v.versions.filter((x) => x.at <= submittedAt).at(-1)!;
          return {
            itemId: v.itemId,
            version: current.version,
            contentHash: current.hash,
            title: v.title,
            kind: KIND_LABELS[v.kind],
          };
        });
      if (!items.length) continue;
      const comments = `Since the start of my year I have grown in confidence in ${r.final ? "every part of my practice" : "assessment and in recording"}. The evidence shows my direct work with people and what colleagues say about it; next I want to work on analysis and on chairing meetings.`;
      const contentHash = submissionHash(comments, items);
      const submissionId = uuid();
      await load.add("review_submissions", {
        id: submissionId,
        enrolment_id: enrolmentId,
        review_code: r.code,
        number: 1,
        learner_comments: comments,
        items,
        content_hash: contentHash,
        submitted_by_id: l.learnerId,
        submitted_at: ts(submittedAt),
      });
      const event = (when: Date, actor: string, role: string, action: string, outcome?: string) =>
        audit({
          at: when,
          actor,
          role,
          action,
          type: "review",
          id: submissionId,
          detail: { enrolment: enrolmentId, review: r.code, number: 1, contentHash, ...(outcome ? { outcome } : {}) },
        });
      await event(submittedAt, l.learnerId, "learner", "review.submitted");
      if (waiting && i === past.length - 1) continue;
      const decidedAt = addHours(subDays(r.due, 3), 14);
      const countersignedAt = addHours(subDays(r.due, 1), 12);
      const common = {
        enrolment_id: enrolmentId,
        review_code: r.code,
        submission_id: submissionId,
        items,
        content_hash: contentHash,
        organisation_id: l.orgId,
      };
      await load.add("signoffs", {
        ...common,
        step: "supervisor_decision",
        decision: "approved",
        outcome: "on_track",
        comments: "A fair account, well evidenced. On track for this point in the year.",
        user_id: l.supervisorId,
        role: l.supervisorRole,
        signed_at: ts(decidedAt),
      });
      await event(decidedAt, l.supervisorId, l.supervisorRole, "review.approved", "on_track");
      if (countersignedAt > today) continue;
      await load.add("signoffs", {
        ...common,
        step: "countersignature",
        decision: "countersigned",
        outcome: null,
        comments: "",
        user_id: l.teamManagerId,
        role: "team_manager",
        signed_at: ts(countersignedAt),
      });
      await event(countersignedAt, l.teamManagerId, "team_manager", "review.countersigned");
    }
  }

  log(`  all loaded (waited ${(load.waitedMs / 1000).toFixed(0)} s for the database while making rows)`);
  return Object.fromEntries(load.counts);
}

function minDate(a: Date, b: Date) {
  return a < b ? a : b;
}
