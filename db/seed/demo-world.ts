/**
 * The demo world: three councils, a voluntary organisation, a university, the recruitment
 * helpline and the platform team, with people in every role. Each employer's teams have a team
 * manager, named on the assessed years of their team's NQSWs. Dates are relative to today
 * so the NQSWs are always at different months of their first year. Idempotent: rows are
 * matched by organisation slug and email, so running it twice changes nothing.
 */
import { addDays, format, isMonday, nextMonday, parseISO, subDays, subMonths } from "date-fns";
import { and, count, eq, inArray, isNull, sql } from "drizzle-orm";
import { hashPassword } from "~/modules/auth/password.server";
import { agreementHash } from "~/modules/first-year/agreement";
import { supervisionSlots } from "~/modules/first-year/year";
import { loadManifest } from "~/modules/programmes/catalogue.server";
import type { Manifest } from "~/modules/programmes/content-schema";
import { lessonsInOrder } from "~/modules/programmes/progress";
import type { Database } from "../client";
import { seedCareer } from "./demo-career";
import { isAssessedAgainstCriteria } from "~/modules/assessment/criteria";
import { seedAssessments } from "./demo-assessment";
import { seedCoursework } from "./demo-coursework";
import { seedDesk } from "./demo-desk";
import { seedMarking } from "./demo-marking";
import { seedPortfolios } from "./demo-portfolio";
import { seedReturnerRoute } from "./demo-route";
import { seedSharedSessions } from "./demo-shared-sessions";
import { seedDemoVacancies } from "./demo-vacancies";
import {
  auditEvents,
  cohorts,
  enrolments,
  learningAgreements,
  learningAgreementSignatures,
  lessonProgress,
  memberships,
  organisations,
  supervisionSessions,
  users,
} from "../schema";

export const DEMO_PASSWORD = "Pathways-demo-2026";

/** Northmoor's partners from police and health (ADR 026). */
export const PARTNERS = {
  police: "karen.fletcher@northmoorpolice.example",
  health: "deepa.menon@northmoornhs.example",
} as const;

type Org = typeof organisations.$inferInsert & { slug: string };
const ORGS: Org[] = [
  { slug: "northmoor", name: "Northmoor City Council", kind: "council", region: "North West" },
  { slug: "riverside", name: "Riverside Borough Council", kind: "council", region: "London" },
  { slug: "harbour-family-trust", name: "Harbour Family Trust", kind: "voluntary", region: "South West" },
  { slug: "eastbridge", name: "University of Eastbridge", kind: "university", region: "East of England" },
  // A council whose whole moderation round is ready: its journey (tests/e2e/moderation.spec.ts) is its own.
  { slug: "westmere", name: "Westmere County Council", kind: "council", region: "South East" },
  { slug: "return-helpline", name: "Social Work Return Helpline", kind: "helpline", region: null },
  { slug: "practice-pathways", name: "Practice Pathways", kind: "platform", region: null },
];

interface DemoMember {
  org: string;
  role: (typeof memberships.$inferInsert)["role"];
  jobTitle: string;
  team?: string;
  stage?: (typeof memberships.$inferInsert)["stage"];
  /** Months into the first year (or career); turned into a start date relative to today. */
  monthsIn?: number;
  /** A start still to come (an intake not yet begun): overrides monthsIn. */
  startsOn?: (today: Date) => string;
  supervisor?: string;
  /** Past the final assessment: the assessor's recommendation, signed off and countersigned. */
  finalRecommendation?: "pass" | "fail";
  /** A partner's agency (ADR 026): police, health or education, and its name. */
  agencyKind?: (typeof memberships.$inferInsert)["agencyKind"];
  agency?: string;
}

interface DemoPerson {
  name: string;
  email: string;
  accountKind?: "invited" | "returner" | "self_funding";
  helplineContactConsent?: boolean;
  memberships: DemoMember[];
}

const nqsw = (org: string, team: string, monthsIn: number, supervisor: string): DemoMember => ({
  org,
  role: "learner",
  jobTitle: "Newly qualified social worker",
  team,
  stage: "nqsw",
  monthsIn,
  supervisor,
});

export const DEMO_PEOPLE: DemoPerson[] = [
  // Northmoor City Council
  {
    name: "Priya Shah",
    email: "priya.shah@northmoor.example",
    memberships: [
      { org: "northmoor", role: "programme_lead", jobTitle: "Principal social worker and ASYE programme lead" },
    ],
  },
  {
    name: "Daniel Okafor",
    email: "daniel.okafor@northmoor.example",
    memberships: [
      { org: "northmoor", role: "supervisor", jobTitle: "Practice supervisor", team: "Children in need, East" },
    ],
  },
  {
    name: "Helen Marsh",
    email: "helen.marsh@northmoor.example",
    memberships: [
      { org: "northmoor", role: "supervisor", jobTitle: "Senior practitioner", team: "Adults' locality team, North" },
      { org: "northmoor", role: "assessor", jobTitle: "ASYE assessor" },
    ],
  },
  {
    name: "Rachel Whitaker",
    email: "rachel.whitaker@northmoor.example",
    memberships: [
      { org: "northmoor", role: "team_manager", jobTitle: "Team manager", team: "Children in need, East" },
    ],
  },
  {
    name: "Imran Qureshi",
    email: "imran.qureshi@northmoor.example",
    memberships: [
      { org: "northmoor", role: "team_manager", jobTitle: "Team manager", team: "Adults' locality team, North" },
    ],
  },
  {
    name: "Amara Nwosu",
    email: "amara.nwosu@northmoor.example",
    memberships: [nqsw("northmoor", "Children in need, East", 1, "daniel.okafor@northmoor.example")],
  },
  {
    name: "Tom Gallagher",
    email: "tom.gallagher@northmoor.example",
    memberships: [nqsw("northmoor", "Children in need, East", 3, "daniel.okafor@northmoor.example")],
  },
  {
    name: "Zainab Hussain",
    email: "zainab.hussain@northmoor.example",
    memberships: [nqsw("northmoor", "Children in need, East", 6, "daniel.okafor@northmoor.example")],
  },
  {
    name: "Liam Doherty",
    email: "liam.doherty@northmoor.example",
    memberships: [nqsw("northmoor", "Adults' locality team, North", 2, "helen.marsh@northmoor.example")],
  },
  {
    name: "Grace Whitfield",
    email: "grace.whitfield@northmoor.example",
    memberships: [nqsw("northmoor", "Adults' locality team, North", 8, "helen.marsh@northmoor.example")],
  },
  {
    name: "Kwame Mensah",
    email: "kwame.mensah@northmoor.example",
    memberships: [nqsw("northmoor", "Adults' locality team, North", 11, "helen.marsh@northmoor.example")],
  },
  {
    name: "Sophie Bennett",
    email: "sophie.bennett@northmoor.example",
    memberships: [
      {
        org: "northmoor",
        role: "learner",
        jobTitle: "Social worker",
        team: "Children in need, East",
        stage: "early_career",
        // The early career programme takes its first intake in September 2027 (the ECDP replaces the
        // child and family ASYE only from then): Sophie is enrolled on it, waiting to start.
        startsOn: nextEarlyCareerIntake,
        supervisor: "daniel.okafor@northmoor.example",
      },
    ],
  },
  // Northmoor's advanced practitioner programme, assessed against its criteria by an independent
  // assessor from outside the candidates' teams (demo-assessment.ts).
  {
    name: "Dr Olivia Hart",
    email: "olivia.hart@northmoor.example",
    memberships: [
      {
        org: "northmoor",
        role: "independent_assessor",
        jobTitle: "Consultant social worker and independent assessor",
        team: "Practice quality and learning",
      },
    ],
  },
  ...(
    [
      ["Joanne Pierce", "joanne.pierce", "Adults' locality team, North"],
      ["Samuel Osei", "samuel.osei", "Children in need, East"],
      ["Ellen Brooks", "ellen.brooks", "Children in need, East"],
    ] as const
  ).map(([name, local, team]) => ({
    name,
    email: `${local}@northmoor.example`,
    memberships: [
      { org: "northmoor", role: "learner" as const, jobTitle: "Senior social worker", team, stage: "experienced" as const, monthsIn: local === "ellen.brooks" ? 1 : 10 },
    ],
  })),
  // Northmoor's partners from police and health, invited to the CP lead programme's shared
  // multi-agency sessions and to nothing else (demo-shared-sessions.ts, ADR 026).
  {
    name: "Karen Fletcher",
    email: PARTNERS.police,
    memberships: [
      {
        org: "northmoor",
        role: "partner",
        jobTitle: "Detective Sergeant",
        agencyKind: "police",
        agency: "Northmoor Police, Public Protection Unit",
      },
    ],
  },
  {
    name: "Deepa Menon",
    email: PARTNERS.health,
    memberships: [
      {
        org: "northmoor",
        role: "partner",
        jobTitle: "Named nurse for safeguarding children",
        agencyKind: "health",
        agency: "Northmoor Teaching Hospitals NHS Foundation Trust",
      },
    ],
  },
  // Riverside Borough Council
  {
    name: "Marcus Reid",
    email: "marcus.reid@riverside.example",
    memberships: [{ org: "riverside", role: "programme_lead", jobTitle: "Workforce development lead" }],
  },
  {
    name: "Farah Ali",
    email: "farah.ali@riverside.example",
    memberships: [
      { org: "riverside", role: "supervisor", jobTitle: "Practice supervisor", team: "Assessment and intervention" },
      { org: "riverside", role: "assessor", jobTitle: "ASYE assessor" },
    ],
  },
  {
    name: "Colin Baptiste",
    email: "colin.baptiste@riverside.example",
    memberships: [
      { org: "riverside", role: "team_manager", jobTitle: "Team manager", team: "Assessment and intervention" },
    ],
  },
  {
    name: "Chloe Evans",
    email: "chloe.evans@riverside.example",
    memberships: [nqsw("riverside", "Assessment and intervention", 4, "farah.ali@riverside.example")],
  },
  {
    name: "Jamal Campbell",
    email: "jamal.campbell@riverside.example",
    memberships: [nqsw("riverside", "Assessment and intervention", 7, "farah.ali@riverside.example")],
  },
  {
    name: "Aisha Rahman",
    email: "aisha.rahman@riverside.example",
    memberships: [nqsw("riverside", "Assessment and intervention", 9, "farah.ali@riverside.example")],
  },
  {
    name: "Owen Pritchard",
    email: "owen.pritchard@riverside.example",
    memberships: [nqsw("riverside", "Assessment and intervention", 12, "farah.ali@riverside.example")],
  },
  // Harbour Family Trust (voluntary)
  {
    name: "Ruth Adeyemi",
    email: "ruth.adeyemi@harbourtrust.example",
    memberships: [{ org: "harbour-family-trust", role: "programme_lead", jobTitle: "Head of practice" }],
  },
  {
    name: "Ben Thornton",
    email: "ben.thornton@harbourtrust.example",
    memberships: [
      { org: "harbour-family-trust", role: "supervisor", jobTitle: "Practice supervisor", team: "Family support" },
      { org: "harbour-family-trust", role: "assessor", jobTitle: "ASYE assessor" },
    ],
  },
  {
    name: "Deborah Lane",
    email: "deborah.lane@harbourtrust.example",
    memberships: [
      { org: "harbour-family-trust", role: "team_manager", jobTitle: "Service manager", team: "Family support" },
    ],
  },
  {
    name: "Megan Lloyd",
    email: "megan.lloyd@harbourtrust.example",
    memberships: [nqsw("harbour-family-trust", "Family support", 5, "ben.thornton@harbourtrust.example")],
  },
  {
    name: "Ravi Patel",
    email: "ravi.patel@harbourtrust.example",
    memberships: [nqsw("harbour-family-trust", "Family support", 10, "ben.thornton@harbourtrust.example")],
  },
  // Westmere County Council: four NQSWs past their final assessment (three recommended passes and a
  // fail), ready for a moderation round. Names with letters beyond Latin-1, printed on certificates.
  {
    name: "Nia Roberts",
    email: "nia.roberts@westmere.example",
    memberships: [{ org: "westmere", role: "programme_lead", jobTitle: "Principal social worker" }],
  },
  {
    name: "Carys Price",
    email: "carys.price@westmere.example",
    memberships: [
      { org: "westmere", role: "supervisor", jobTitle: "Practice supervisor", team: "Children in need" },
      { org: "westmere", role: "assessor", jobTitle: "ASYE assessor" },
    ],
  },
  {
    name: "Rhys Jenkins",
    email: "rhys.jenkins@westmere.example",
    memberships: [{ org: "westmere", role: "team_manager", jobTitle: "Team manager", team: "Children in need" }],
  },
  ...(
    [
      ["Łukasz Wójcik", "lukasz.wojcik", "pass"],
      ["Noémie Ní Bhriain", "noemie.nibhriain", "pass"],
      ["Zoë Smith-Okafor", "zoe.smith-okafor", "pass"],
      ["Siobhán D'Souza", "siobhan.dsouza", "fail"],
    ] as const
  ).map(([name, local, finalRecommendation]) => ({
    name,
    email: `${local}@westmere.example`,
    memberships: [
      { ...nqsw("westmere", "Children in need", 13, "carys.price@westmere.example"), finalRecommendation },
    ],
  })),
  // University of Eastbridge
  {
    name: "Simon Fairweather",
    email: "simon.fairweather@eastbridge.example",
    memberships: [
      { org: "eastbridge", role: "programme_lead", jobTitle: "Programme director, MA Advanced Social Work Practice" },
    ],
  },
  {
    name: "Hannah Clarke",
    email: "hannah.clarke@eastbridge.example",
    memberships: [
      { org: "eastbridge", role: "learner", jobTitle: "MA student (part-time)", stage: "masters", monthsIn: 5 },
    ],
  },
  // Eastbridge's markers: Aisha first-marks and Tom second-marks Hannah's open assignment (demo-coursework.ts).
  {
    name: "Dr Aisha Rahman",
    email: "aisha.rahman@eastbridge.example",
    memberships: [{ org: "eastbridge", role: "marker", jobTitle: "Senior lecturer in social work" }],
  },
  {
    name: "Tom Whitfield",
    email: "tom.whitfield@eastbridge.example",
    memberships: [{ org: "eastbridge", role: "marker", jobTitle: "Lecturer in social work" }],
  },
  // Eastbridge's MA cohorts, one at each stage of an assignment (their work is in demo-marking.ts):
  // Hannah's intake, five months in, with two classmates who have not handed in yet; and four
  // earlier intakes, each started further back, whose work is handed in, first-marked,
  // second-marked, or through the exam board.
  ...(
    [
      ["Ellie Watson", "ellie.watson", 5],
      ["Mohammed Iqbal", "mohammed.iqbal", 5],
      // Handed in their dissertations last week, awaiting first marking.
      ["Amy Jordan", "amy.jordan", 26],
      ["Marek Kowalski", "marek.kowalski", 26],
      ["Siân Howells", "sian.howells", 26],
      ["Ibrahim Sesay", "ibrahim.sesay", 26],
      // Evidence-informed assessment first-marked.
      ["Tariq Aziz", "tariq.aziz", 11],
      ["Holly Bennett", "holly.bennett", 11],
      ["Joanna Nowak", "joanna.nowak", 11],
      ["Kofi Boateng", "kofi.boateng", 11],
      ["Rebecca Hughes", "rebecca.hughes", 11],
      // Practice education and supervision second-marked, ready for the exam board.
      ["Nadia Karim", "nadia.karim", 14],
      ["Ewan Fraser", "ewan.fraser", 14],
      ["Chloe Adams", "chloe.adams", 14],
      ["Kwabena Asante", "kwabena.asante", 14],
      ["Lucy Marshall", "lucy.marshall", 14],
      // Leading practice and change through the exam board: Oliver failed it.
      ["Oliver Grant", "oliver.grant", 20],
      ["Fatima Begum", "fatima.begum", 20],
      ["Imogen Price", "imogen.price", 20],
      ["Aoife Brennan", "aoife.brennan", 20],
      ["Yusuf Khan", "yusuf.khan", 20],
    ] as const
  ).map(([name, local, monthsIn]) => ({
    name,
    email: `${local}@eastbridge.example`,
    memberships: [{ org: "eastbridge", role: "learner" as const, jobTitle: "MA student (part-time)", stage: "masters" as const, monthsIn }],
  })),
  {
    name: "Dr Joseph Mensah",
    email: "joseph.mensah@eastbridge.example",
    memberships: [{ org: "eastbridge", role: "marker", jobTitle: "Senior lecturer in social work (first marker)" }],
  },
  {
    name: "Dr Claire Donovan",
    email: "claire.donovan@eastbridge.example",
    memberships: [{ org: "eastbridge", role: "marker", jobTitle: "Lecturer in social work (second marker)" }],
  },
  {
    name: "Professor Grace Adebayo",
    email: "grace.adebayo@eastbridge.example",
    memberships: [{ org: "eastbridge", role: "external_examiner", jobTitle: "External examiner, MA Advanced Social Work Practice" }],
  },
  // The recruitment helpline, the platform team, and a returner who signed themselves up
  {
    name: "Mark Ellison",
    email: "mark.ellison@returnhelpline.example",
    memberships: [{ org: "return-helpline", role: "helpline_advisor", jobTitle: "Recruitment helpline advisor" }],
  },
  {
    name: "Alex Morgan",
    email: "alex.morgan@practicepathways.example",
    memberships: [{ org: "practice-pathways", role: "admin", jobTitle: "Platform administrator" }],
  },
  {
    name: "Janet Okoye",
    email: "janet.okoye@example.com",
    accountKind: "returner",
    helplineContactConsent: true,
    memberships: [],
  },
];

/** The team manager of a team of an organisation (by their membership), whom its NQSWs' years name. */
export function teamManagerOf(org: string, team: string | undefined): string | null {
  if (!team) return null;
  const manager = DEMO_PEOPLE.find((p) =>
    p.memberships.some((m) => m.role === "team_manager" && m.org === org && m.team === team),
  );
  return manager?.email ?? null;
}

function startDate(monthsIn: number, today: Date) {
  // Month N of the year began (N - 1) months ago, a few days in.
  return format(subDays(subMonths(today, monthsIn - 1), 4), "yyyy-MM-dd");
}

/** When a demo member's year began (or begins). */
function startOf(m: DemoMember, today: Date) {
  return m.startsOn ? m.startsOn(today) : startDate(m.monthsIn ?? 1, today);
}

/** The first Monday in September from which the early career programme runs, on or after today. */
function nextEarlyCareerIntake(today: Date) {
  for (let year = Math.max(2027, today.getFullYear()); ; year += 1) {
    const first = new Date(year, 8, 1);
    const intake = isMonday(first) ? first : nextMonday(first);
    if (format(intake, "yyyy-MM-dd") >= format(today, "yyyy-MM-dd")) return format(intake, "yyyy-MM-dd");
  }
}

export async function seedDemoWorld(db: Database, today = new Date()) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    await tx.insert(organisations).values(ORGS).onConflictDoNothing();
    await tx
      .insert(users)
      .values(
        DEMO_PEOPLE.map((p) => ({
          name: p.name,
          email: p.email,
          passwordHash,
          accountKind: p.accountKind ?? "invited",
          helplineContactConsent: p.helplineContactConsent ?? false,
          passwordChangedAt: today,
        })),
      )
      .onConflictDoNothing();
    const orgRows = await tx
      .select({ id: organisations.id, slug: organisations.slug })
      .from(organisations)
      .where(
        inArray(
          organisations.slug,
          ORGS.map((o) => o.slug),
        ),
      );
    const userRows = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(
        inArray(
          sql`lower(${users.email})`,
          DEMO_PEOPLE.map((p) => p.email),
        ),
      );
    const orgId = new Map(orgRows.map((o) => [o.slug, o.id]));
    const userId = new Map(userRows.map((u) => [u.email, u.id]));
    const rows = DEMO_PEOPLE.flatMap((p) =>
      p.memberships.map((m) => ({
        userId: userId.get(p.email)!,
        organisationId: orgId.get(m.org)!,
        role: m.role,
        jobTitle: m.jobTitle,
        team: m.team ?? null,
        stage: m.stage ?? null,
        startedOn: m.monthsIn || m.startsOn ? startOf(m, today) : null,
        supervisorId: m.supervisor ? userId.get(m.supervisor)! : null,
        agencyKind: m.agencyKind ?? null,
        agency: m.agency ?? null,
      })),
    );
    await tx.insert(memberships).values(rows).onConflictDoNothing();
    const manifest = tryLoadManifest();
    if (manifest) {
      await seedEnrolments(tx, manifest, orgId, userId, today);
      await seedCoursework(tx, manifest, today);
      await seedMarking(tx, manifest, today);
    }
  });
  const manifest = tryLoadManifest();
  if (manifest) await seedAssessments(db, manifest, today);
  await seedReturnerRoute(db, today);
  // The desk's introduced requests need the vacancies.
  await seedDemoVacancies(db, today);
  await seedDesk(db, today);
  if (manifest) await seedCareer(db, manifest, DEMO_PASSWORD, today);
  // After Bethan's career: she is on the CP lead programme with Sophie.
  if (manifest) await seedSharedSessions(db, manifest, today);
}

function tryLoadManifest(): Manifest | null {
  try {
    return loadManifest();
  } catch (error) {
    console.warn(`Demo enrolments skipped: ${(error as Error).message}`);
    return null;
  }
}

/** Which programme each kind of demo learner is on, and how far through the lessons they are. */
function programmeFor(m: DemoMember): { slug: string; share: number } | null {
  if (m.role !== "learner") return null;
  switch (m.stage) {
    case "nqsw":
      return { slug: "asye", share: Math.min((m.monthsIn ?? 1) / 12, 1) * 0.9 };
    case "early_career":
      return { slug: "early-career", share: m.startsOn ? 0 : 0.6 };
    case "masters":
      return { slug: "masters", share: 0.3 };
    case "experienced":
      return { slug: "advanced-practitioner", share: m.monthsIn && m.monthsIn > 6 ? 0.9 : 0.1 };
    default:
      return null;
  }
}

async function seedEnrolments(
  tx: Database,
  manifest: Manifest,
  orgId: Map<string, string>,
  userId: Map<string, string>,
  today: Date,
) {
  const programmes = new Map(manifest.programmes.map((p) => [p.slug, p]));
  const wanted = DEMO_PEOPLE.flatMap((person) =>
    person.memberships.flatMap((m) => {
      const target = programmeFor(m);
      return target && programmes.has(target.slug) ? [{ person, m, ...target }] : [];
    }),
  );
  const janet = DEMO_PEOPLE.find((p) => p.accountKind === "returner");
  // One cohort per employer and programme; a university's Masters has one per intake (learners
  // who started in the same month), so its cohorts stand at different stages of their work.
  const cohortKey = (w: (typeof wanted)[number]) =>
    `${w.m.org}|${w.slug}|${programmes.get(w.slug)?.award ? startOf(w.m, today).slice(0, 7) : ""}`;
  const cohortIds = new Map<string, string>();
  for (const key of new Set(wanted.map(cohortKey))) {
    const [org, slug] = key.split("|") as [string, string];
    const starts = wanted
      .filter((w) => cohortKey(w) === key)
      .map((w) => startOf(w.m, today))
      .sort()[0]!;
    const name = `${programmes.get(slug)!.title}: ${format(new Date(starts), "MMMM yyyy")} intake`;
    const existing = await tx.query.cohorts.findFirst({
      where: (c, { and, eq }) =>
        and(eq(c.organisationId, orgId.get(org)!), eq(c.programmeSlug, slug), eq(c.name, name)),
    });
    const id =
      existing?.id ??
      (
        await tx
          .insert(cohorts)
          .values({ organisationId: orgId.get(org)!, programmeSlug: slug, name, startsOn: starts })
          .returning()
      )[0]!.id;
    cohortIds.set(key, id);
  }
  const managerOf = (w: (typeof wanted)[number]) => {
    const programme = programmes.get(w.slug);
    // An assessed year's team manager signs in it; a candidate's line manager confirms their practice claims.
    const email = programme && (programme.assessment || isAssessedAgainstCriteria(programme)) ? teamManagerOf(w.m.org, w.m.team) : null;
    return email ? userId.get(email)! : null;
  };
  const enrolmentRows: (typeof enrolments.$inferInsert)[] = wanted.map((w) => ({
    userId: userId.get(w.person.email)!,
    pathway: pathwayFor(programmes.get(w.slug)!, w.m),
    programmeSlug: w.slug,
    organisationId: orgId.get(w.m.org)!,
    cohortId: cohortIds.get(cohortKey(w))!,
    supervisorId: w.m.supervisor ? userId.get(w.m.supervisor)! : null,
    teamManagerId: managerOf(w),
    startedOn: startOf(w.m, today),
  }));
  if (janet && programmes.has("return-to-social-work")) {
    enrolmentRows.push({
      userId: userId.get(janet.email)!,
      programmeSlug: "return-to-social-work",
      organisationId: null,
      cohortId: null,
      supervisorId: null,
      startedOn: format(subDays(today, 20), "yyyy-MM-dd"),
    });
  }
  await tx.insert(enrolments).values(enrolmentRows).onConflictDoNothing();
  // A demo world seeded before years named their team manager is given them now (ADR 018).
  for (const row of enrolmentRows.filter((e) => e.teamManagerId))
    await tx
      .update(enrolments)
      .set({ teamManagerId: row.teamManagerId })
      .where(
        and(
          eq(enrolments.userId, row.userId),
          eq(enrolments.programmeSlug, row.programmeSlug),
          isNull(enrolments.teamManagerId),
        ),
      );
  const saved = await tx
    .select({ id: enrolments.id, userId: enrolments.userId, programmeSlug: enrolments.programmeSlug })
    .from(enrolments)
    .where(
      inArray(
        enrolments.userId,
        enrolmentRows.map((e) => e.userId),
      ),
    );
  const progressRows = saved.flatMap((e) => {
    const programme = programmes.get(e.programmeSlug)!;
    const w = wanted.find((x) => userId.get(x.person.email) === e.userId && x.slug === e.programmeSlug);
    const share = w?.share ?? 0.2;
    const all = lessonsInOrder(programme);
    const done = Math.max(1, Math.round(all.length * share));
    return all.slice(0, done).map((r, i) => ({
      enrolmentId: e.id,
      moduleSlug: r.module.slug,
      lessonSlug: r.lesson.slug,
      completedAt: subDays(today, done - i),
      lastViewedAt: subDays(today, done - i),
    }));
  });
  if (progressRows.length) await tx.insert(lessonProgress).values(progressRows).onConflictDoNothing();
  await seedAgreements(tx, saved, wanted, userId, today);
  await seedSupervision(tx, manifest, saved, wanted, userId, today);
  const assessors = new Set(
    DEMO_PEOPLE.filter((p) => p.memberships.some((m) => m.role === "assessor")).map((p) => p.email),
  );
  await seedPortfolios(
    tx,
    manifest,
    wanted.flatMap((w) => {
      const e = saved.find((x) => x.userId === userId.get(w.person.email) && x.programmeSlug === w.slug);
      if (!e || !w.m.supervisor) return [];
      return [
        {
          enrolmentId: e.id,
          programmeSlug: w.slug,
          pathway: pathwayFor(programmes.get(w.slug)!, w.m),
          startedOn: startOf(w.m, today),
          monthsIn: w.m.startsOn ? 0 : (w.m.monthsIn ?? 1),
          learnerId: e.userId,
          supervisorId: userId.get(w.m.supervisor)!,
          supervisorIsAssessor: assessors.has(w.m.supervisor),
          teamManagerId: managerOf(w),
          reviewWaiting: w.person.email.startsWith("grace.whitfield"),
          finalRecommendation: w.m.finalRecommendation,
        },
      ];
    }),
    today,
  );
}

/** The ASYE's pathway follows the team: adults' teams are on the adults' pathway, the rest child and family. */
function pathwayFor(programme: Manifest["programmes"][number], m: DemoMember): string | null {
  const pathways = programme.assessment?.pathways;
  if (!pathways?.length) return null;
  const code = m.team?.startsWith("Adults") ? "adults" : "child-family";
  return pathways.some((p) => p.code === code) ? code : null;
}

/**
 * Supervision held for every slot already due, so the desk shows a healthy year; Tom
 * Gallagher's most recent slot is left unrecorded, so one supervisee shows a missed session.
 */
async function seedSupervision(
  tx: Database,
  manifest: Manifest,
  saved: { id: string; userId: string; programmeSlug: string }[],
  wanted: { person: DemoPerson; m: DemoMember; slug: string }[],
  userId: Map<string, string>,
  today: Date,
) {
  const [already] = await tx.select({ n: count() }).from(supervisionSessions);
  if ((already?.n ?? 0) > 0) return;
  const rows: (typeof supervisionSessions.$inferInsert)[] = [];
  for (const w of wanted) {
    const programme = manifest.programmes.find((p) => p.slug === w.slug);
    const enrolment = saved.find((e) => e.userId === userId.get(w.person.email) && e.programmeSlug === w.slug);
    if (!programme?.assessment || !enrolment || !w.m.supervisor) continue;
    const slots = supervisionSlots({
      startedOn: startOf(w.m, today),
      lengthMonths: programme.lengthMonths,
      rules: programme.assessment,
    });
    const past = slots.filter((slot) => slot.due < today);
    const held = w.person.email.startsWith("tom.gallagher") ? past.slice(0, -1) : past;
    for (const slot of held) {
      rows.push({
        enrolmentId: enrolment.id,
        heldOn: format(subDays(slot.due, 2), "yyyy-MM-dd"),
        minutes: slot.every === "week" ? 60 : 90,
        kind: "one_to_one",
        agenda: "Caseload and priorities; one case for reflection; learning since the last session; wellbeing.",
        discussion:
          "Talked through the week's visits and recording. Reflected on one family's situation using the PCF domains; agreed what good evidence of it would look like for the portfolio.",
        decisions: "",
        recordedById: userId.get(w.m.supervisor)!,
        recordedAt: subDays(slot.due, 2),
        acknowledgedAt: subDays(slot.due, 1),
      });
    }
  }
  if (!rows.length) return;
  const sessions = await tx.insert(supervisionSessions).values(rows).returning();
  await tx.insert(auditEvents).values(
    sessions.map((s) => ({
      at: s.recordedAt,
      actorUserId: s.recordedById,
      actorRole: "supervisor",
      action: "supervision.recorded",
      subjectType: "supervision_session",
      subjectId: s.id,
      detail: { enrolment: s.enrolmentId, heldOn: s.heldOn, actions: 0 },
    })),
  );
}

/**
 * Everyone past their first month has a learning agreement signed by all three (the NQSW, the
 * supervisor and the team manager); month-1 NQSWs are still agreeing theirs. A demo world seeded when
 * the programme lead signed in the team manager's place keeps those signatures, which no longer
 * count, and is given the team manager's signature on the same version (ADR 018).
 */
async function seedAgreements(
  tx: Database,
  saved: { id: string; userId: string; programmeSlug: string }[],
  wanted: { person: DemoPerson; m: DemoMember; slug: string }[],
  userId: Map<string, string>,
  today: Date,
) {
  for (const w of wanted) {
    const manager = teamManagerOf(w.m.org, w.m.team);
    if (w.m.startsOn || (w.m.monthsIn ?? 1) < 2 || !w.m.supervisor || !manager) continue;
    const enrolment = saved.find((e) => e.userId === userId.get(w.person.email) && e.programmeSlug === w.slug);
    if (!enrolment) continue;
    const content = {
      goals: `Build confidence in assessment and analysis in ${w.m.team ?? "the team"}; evidence the Professional Capabilities Framework at ASYE level by the final review.`,
      support:
        "Weekly supervision for six weeks, then fortnightly; shadowing an experienced colleague on two complex visits; the NQSW peer group each month.",
      protectedTime:
        "Half a day each week (about 10%), kept free in the team diary, for learning, reflection and portfolio work.",
      caseload:
        "About 10% below an experienced colleague at the start, rising through the year; no child protection or safeguarding enquiries held alone in the first three months.",
    };
    const signedOn = addDays(parseISO(startOf(w.m, today)), 20);
    const parties = (
      [
        ["learner", w.person.email],
        ["supervisor", w.m.supervisor],
        ["team_manager", manager],
      ] as const
    ).map(([party, email], i) => ({ party, userId: userId.get(email)!, at: addDays(signedOn, i) }));
    const [inserted] = await tx
      .insert(learningAgreements)
      .values({ enrolmentId: enrolment.id, ...content, contentHash: agreementHash(content) })
      .onConflictDoNothing()
      .returning();
    const agreement =
      inserted ??
      (await tx.query.learningAgreements.findFirst({ where: (a, { eq }) => eq(a.enrolmentId, enrolment.id) }));
    // An agreement someone has since changed is theirs: nobody is signed for on it.
    if (!agreement || (!inserted && agreement.contentHash !== agreementHash(content))) continue;
    const already = await tx
      .select({ party: learningAgreementSignatures.party })
      .from(learningAgreementSignatures)
      .where(
        and(
          eq(learningAgreementSignatures.agreementId, agreement.id),
          eq(learningAgreementSignatures.version, agreement.version),
        ),
      );
    const missing = parties.filter((p) => !already.some((a) => a.party === p.party));
    if (!missing.length) continue;
    await tx.insert(learningAgreementSignatures).values(
      missing.map((p) => ({
        agreementId: agreement.id,
        version: agreement.version,
        contentHash: agreement.contentHash,
        party: p.party,
        userId: p.userId,
        signedAt: p.at,
      })),
    );
    // The demo history reads as if each had signed here.
    await tx.insert(auditEvents).values(
      missing.map((p) => ({
        at: p.at,
        actorUserId: p.userId,
        actorRole: p.party,
        action: "learning_agreement.signed",
        subjectType: "learning_agreement",
        subjectId: agreement.id,
        detail: {
          version: agreement.version,
          contentHash: agreement.contentHash,
          party: p.party,
          enrolment: enrolment.id,
        },
      })),
    );
  }
}

/** Seeds only a database with no organisations yet; returns whether it did. */
export async function seedIfEmpty(db: Database) {
  const [row] = await db.select({ n: count() }).from(organisations);
  if ((row?.n ?? 0) > 0) return false;
  await seedDemoWorld(db);
  return true;
}
