/**
 * Demo vacancies and one introduction: six posts across Northmoor (North West), Riverside
 * (London) and Harbour Family Trust, adults' and children's, one past its closing date and one
 * withdrawn; and Janet Okoye's callback request (RTS-DEMO01) introduced to Northmoor, with an
 * interview arranged. Dates are relative to `today`. Matched by organisation and title, and by
 * the request's reference, so running it twice changes nothing.
 */
import { addDays, format, startOfMonth, subDays, subMonths } from "date-fns";
import { and, eq, inArray } from "drizzle-orm";
import { addWorkingDays } from "~/modules/returners/working-days";
import type { Database } from "../client";
import { callbackRequests, introductionEvents, introductions, organisations, users, vacancies } from "../schema";

export const DEMO_REQUEST_REFERENCE = "RTS-DEMO01";

const day = (d: Date) => format(d, "yyyy-MM-dd");

interface DemoVacancy {
  org: string;
  by: string;
  title: string;
  team: string;
  region: string;
  grade: string;
  salaryFrom: number;
  salaryTo: number;
  specialism: "adults" | "children" | "either";
  returnerFriendly: boolean;
  supervisionOffered: string;
  inductionOffered: string;
  description: string;
  /** Days from today to the closing date (negative: already closed). */
  closesIn: number;
  withdrawn?: boolean;
}

const VACANCIES: DemoVacancy[] = [
  {
    org: "northmoor",
    by: "priya.shah@northmoor.example",
    title: "Social worker, children in need (returners welcome)",
    team: "Children in need, East",
    region: "North West",
    grade: "Grade 8",
    salaryFrom: 37_938,
    salaryTo: 41_511,
    specialism: "children",
    returnerFriendly: true,
    supervisionOffered: "Weekly supervision with a senior practitioner for the first three months, then fortnightly.",
    inductionOffered: "A protected caseload of eight families for six months, and four weeks of shadowing first.",
    description:
      "Join a settled team of eleven in the east of the city. You will hold a mixed caseload of child in need work, with some child protection co-working once you are ready.",
    closesIn: 24,
  },
  {
    org: "northmoor",
    by: "priya.shah@northmoor.example",
    title: "Social worker, adults' locality team",
    team: "Adults' locality team, North",
    region: "North West",
    grade: "Grade 8",
    salaryFrom: 36_124,
    salaryTo: 40_476,
    specialism: "adults",
    returnerFriendly: true,
    supervisionOffered: "Monthly one-to-one supervision and a weekly group case discussion.",
    inductionOffered: "Two weeks of induction, including Care Act and mental capacity refreshers.",
    description: "Assessments, reviews and safeguarding enquiries with older people and adults with disabilities.",
    closesIn: 10,
  },
  {
    org: "northmoor",
    by: "priya.shah@northmoor.example",
    title: "Senior practitioner, fostering",
    team: "Fostering and kinship care",
    region: "North West",
    grade: "Grade 10",
    salaryFrom: 44_428,
    salaryTo: 47_754,
    specialism: "children",
    returnerFriendly: false,
    supervisionOffered: "Monthly supervision with the team manager.",
    inductionOffered: "A week of induction.",
    description: "",
    closesIn: -5,
  },
  {
    org: "riverside",
    by: "marcus.reid@riverside.example",
    title: "Social worker, assessment and intervention",
    team: "Assessment and intervention",
    region: "London",
    grade: "SO1/SO2",
    salaryFrom: 42_654,
    salaryTo: 48_315,
    specialism: "children",
    returnerFriendly: true,
    supervisionOffered: "Fortnightly supervision, and a returner mentor for the first year.",
    inductionOffered: "A six-week structured induction with a reduced caseload.",
    description: "Inner London weighting is included in the salary.",
    closesIn: 17,
  },
  {
    org: "riverside",
    by: "marcus.reid@riverside.example",
    title: "Approved mental health professional",
    team: "Mental health social work",
    region: "London",
    grade: "PO3",
    salaryFrom: 49_104,
    salaryTo: 52_287,
    specialism: "adults",
    returnerFriendly: false,
    supervisionOffered: "Monthly supervision with the AMHP lead.",
    inductionOffered: "A week of induction on the rota.",
    description: "",
    closesIn: 30,
    withdrawn: true,
  },
  {
    org: "harbour-family-trust",
    by: "ruth.adeyemi@harbourtrust.example",
    title: "Family support social worker",
    team: "Family support",
    region: "South West",
    grade: "Band 6",
    salaryFrom: 33_500,
    salaryTo: 37_000,
    specialism: "either",
    returnerFriendly: true,
    supervisionOffered: "Fortnightly reflective supervision.",
    inductionOffered: "Three weeks of shadowing across the trust's family hubs.",
    description: "Work alongside family support workers with families who want help early.",
    closesIn: 40,
  },
];

export async function seedDemoVacancies(db: Database, today = new Date()) {
  const slugs = [...new Set(VACANCIES.map((v) => v.org)), "return-helpline"];
  const emails = [...new Set(VACANCIES.map((v) => v.by)), "mark.ellison@returnhelpline.example", "janet.okoye@example.com"];
  const orgRows = await db
    .select({ id: organisations.id, slug: organisations.slug })
    .from(organisations)
    .where(inArray(organisations.slug, slugs));
  const userRows = await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails));
  const orgId = new Map(orgRows.map((o) => [o.slug, o.id]));
  const userId = new Map(userRows.map((u) => [u.email, u.id]));
  if (slugs.some((s) => !orgId.has(s)) || emails.some((e) => !userId.has(e))) return;

  await db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: vacancies.id, organisationId: vacancies.organisationId, title: vacancies.title })
      .from(vacancies)
      .where(inArray(vacancies.organisationId, [...new Set(VACANCIES.map((v) => orgId.get(v.org)!))]));
    const has = new Set(existing.map((v) => `${v.organisationId}|${v.title}`));
    const missing = VACANCIES.filter((v) => !has.has(`${orgId.get(v.org)}|${v.title}`));
    if (missing.length)
      await tx.insert(vacancies).values(
        missing.map((v) => ({
          organisationId: orgId.get(v.org)!,
          title: v.title,
          team: v.team,
          region: v.region,
          grade: v.grade,
          salaryFrom: v.salaryFrom,
          salaryTo: v.salaryTo,
          specialism: v.specialism,
          returnerFriendly: v.returnerFriendly,
          supervisionOffered: v.supervisionOffered,
          inductionOffered: v.inductionOffered,
          description: v.description,
          closesOn: day(addDays(today, v.closesIn)),
          withdrawnAt: v.withdrawn ? subDays(today, 2) : null,
          postedById: userId.get(v.by)!,
          createdAt: subDays(today, 20),
        })),
      );

    // Janet's request, made three weeks ago; idempotent on its reference (another seed may have made it).
    const requestedAt = subDays(today, 21);
    await tx
      .insert(callbackRequests)
      .values({
        reference: DEMO_REQUEST_REFERENCE,
        helplineId: orgId.get("return-helpline")!,
        name: "Janet Okoye",
        email: "janet.okoye@example.com",
        phone: "07700 900412",
        region: "North West",
        specialism: "children",
        // As on her own profile (demo-route): lapsed six years and two months ago, so 60 updating days.
        lastPractisedOn: day(startOfMonth(subMonths(today, 6 * 12 + 5))),
        registrationStatus: "lapsed",
        lapsedOn: day(startOfMonth(subMonths(today, 6 * 12 + 2))),
        bestTimes: "Weekday mornings",
        consentToShare: true,
        consentRecordedAt: requestedAt,
        status: "introduced",
        callBackBy: addWorkingDays(requestedAt, 2),
        firstContactAt: addDays(requestedAt, 1),
        returnerId: userId.get("janet.okoye@example.com")!,
        createdAt: requestedAt,
        updatedAt: requestedAt,
      })
      .onConflictDoNothing({ target: callbackRequests.reference });
    const [request] = await tx
      .select({ id: callbackRequests.id })
      .from(callbackRequests)
      .where(eq(callbackRequests.reference, DEMO_REQUEST_REFERENCE));
    const [post] = await tx
      .select({ id: vacancies.id })
      .from(vacancies)
      .where(and(eq(vacancies.organisationId, orgId.get("northmoor")!), eq(vacancies.title, VACANCIES[0]!.title)));
    if (!request || !post) return;
    const introducedAt = subDays(today, 14);
    const [made] = await tx
      .insert(introductions)
      .values({
        requestId: request.id,
        vacancyId: post.id,
        organisationId: orgId.get("northmoor")!,
        introducedById: userId.get("mark.ellison@returnhelpline.example")!,
        status: "interview",
        interviewOn: day(addDays(today, 5)),
        createdAt: introducedAt,
        updatedAt: subDays(today, 7),
      })
      .onConflictDoNothing()
      .returning({ id: introductions.id });
    if (made)
      await tx.insert(introductionEvents).values([
        {
          introductionId: made.id,
          status: "introduced",
          byId: userId.get("mark.ellison@returnhelpline.example")!,
          createdAt: introducedAt,
        },
        {
          introductionId: made.id,
          status: "interview",
          note: `Interview on ${format(addDays(today, 5), "d MMMM yyyy")}. At the East team office, with the team manager.`,
          byId: userId.get("priya.shah@northmoor.example")!,
          createdAt: subDays(today, 7),
        },
      ]);
  });
}
