/**
 * The demo world as the trust suites see it: a session for each kind of person, and for
 * every kind of id a URL can carry, one belonging to Northmoor (the home organisation)
 * and one belonging to Riverside (another council), so that each can be tried across
 * organisations.
 */
import { createHash } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { createEvidence } from "~/modules/portfolio/portfolio.server";
import type { Database } from "#db/client";
import {
  careerShares,
  callbackRequests,
  cohorts,
  courseworkAssignments,
  courseworkExtensionRequests,
  courseworkFileContents,
  courseworkFiles,
  courseworkMitigations,
  courseworkSubmissions,
  enrolments,
  evidenceFileContents,
  evidenceFiles,
  evidenceItems,
  introductionEvents,
  introductions,
  memberships,
  organisations,
  panels,
  sharedSessionMaterialContents,
  sharedSessionMaterials,
  sharedSessions,
  supervisionSessions,
  users,
  vacancies,
} from "#db/schema";
import { databaseFingerprint } from "./fingerprint";
import { seedDemoWorld, sessionFor } from "./site";

export { databaseFingerprint };

/** Who the suites act as. `subject` is the learner whose records the URLs point at. */
export const PEOPLE = {
  anonymous: null,
  subject: { email: "zainab.hussain@northmoor.example" },
  peer: { email: "amara.nwosu@northmoor.example" },
  supervisor: { email: "daniel.okafor@northmoor.example" },
  otherSupervisor: { email: "helen.marsh@northmoor.example", role: "supervisor" },
  assessor: { email: "helen.marsh@northmoor.example", role: "assessor" },
  lead: { email: "priya.shah@northmoor.example" },
  /** Zainab's team manager, who signs her agreement and countersigns her reviews. */
  teamManager: { email: "rachel.whitaker@northmoor.example" },
  /** A team manager at Northmoor whose team Zainab is not in. */
  otherTeamManager: { email: "imran.qureshi@northmoor.example" },
  earlyCareer: { email: "sophie.bennett@northmoor.example" },
  foreignLead: { email: "marcus.reid@riverside.example" },
  foreignSupervisor: { email: "farah.ali@riverside.example" },
  foreignLearner: { email: "chloe.evans@riverside.example" },
  foreignTeamManager: { email: "colin.baptiste@riverside.example" },
  helpline: { email: "mark.ellison@returnhelpline.example" },
  admin: { email: "alex.morgan@practicepathways.example" },
  returner: { email: "janet.okoye@example.com" },
  masters: { email: "hannah.clarke@eastbridge.example" },
  /** The University of Eastbridge's programme lead, who runs Hannah's Masters assignments. */
  universityLead: { email: "simon.fairweather@eastbridge.example" },
  /** Eastbridge's marker, allocated as first marker to Hannah's open assignment. */
  marker: { email: "aisha.rahman@eastbridge.example" },
  /** The external examiner of Eastbridge's MA: reads its marking and comments, nothing else. */
  examiner: { email: "grace.adebayo@eastbridge.example" },
  /** Northmoor's independent assessor of advanced practitioner portfolios: reads only the candidates appointed to her. */
  independentAssessor: { email: "olivia.hart@northmoor.example" },
  /**
   * A detective sergeant from the police, Northmoor's partner in its CP lead programme's shared sessions
   * (ADR 026): invited to the session the URLs name, and to nothing else on the site.
   */
  partner: { email: "karen.fletcher@northmoorpolice.example" },
} as const;

export type Person = keyof typeof PEOPLE;
export const EVERYONE = Object.keys(PEOPLE) as Person[];

/** The ids one organisation's records have, by URL parameter name. */
export type Ids = Record<string, string>;

export interface TrustWorld {
  cookies: Record<Person, string | undefined>;
  /** Northmoor's records: Zainab's year, Daniel's supervisee. */
  own: Ids;
  /** Riverside's records: Aisha's year. */
  foreign: Ids;
}

async function idsFor(db: Database, email: string, orgSlug: string, chairEmail: string): Promise<Ids> {
  const [org] = await db.select().from(organisations).where(eq(organisations.slug, orgSlug));
  const [learner] = await db.select().from(users).where(eq(users.email, email));
  const [chair] = await db.select().from(users).where(eq(users.email, chairEmail));
  const [membership] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, learner!.id), eq(memberships.organisationId, org!.id)));
  const [enrolment] = await db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.userId, learner!.id), eq(enrolments.programmeSlug, "asye")));
  const [item] = await db
    .select()
    .from(evidenceItems)
    .where(eq(evidenceItems.enrolmentId, enrolment!.id))
    .orderBy(asc(evidenceItems.createdAt))
    .limit(1);
  // The learner shares their career record with their employer, so its lead can read it (and only its lead).
  await db.insert(careerShares).values({ userId: learner!.id, organisationId: org!.id, shared: true, decidedById: learner!.id, decidedByRole: "learner" });
  // A record the learner has still to acknowledge, so its form is on the page.
  const [session] = await db
    .insert(supervisionSessions)
    .values({
      enrolmentId: enrolment!.id,
      heldOn: new Date().toISOString().slice(0, 10),
      minutes: 60,
      kind: "one_to_one",
      agenda: "Caseload; one case for reflection.",
      discussion: "Talked through the week's visits.",
      decisions: "",
      recordedById: enrolment!.supervisorId!,
    })
    .returning();
  // A reflection naming a child and a postcode, so that the anonymisation page has passages to decide.
  await createEvidence(
    enrolment!.id,
    { userId: learner!.id, role: "learner", organisationId: org!.id },
    "reflective_log",
    {
      title: "Reflection on a visit",
      occurredOn: new Date().toISOString().slice(0, 10),
      body: "I visited Jayden Smith at home in NM1 4QT. His date of birth is 12/03/2015 and his NHS number is 943 476 5919.",
      capabilities: ["PCF-1"],
      details: {},
    },
  );
  const [cohort] = await db.select().from(cohorts).where(eq(cohorts.organisationId, org!.id)).limit(1);
  const shared = await sharedSessionIdsFor(db, org!.id, chair!.id);
  const content = Buffer.from("%PDF-1.4\n% a note of a direct observation\n");
  const [file] = await db
    .insert(evidenceFiles)
    .values({
      itemId: item!.id,
      fileName: "observation-notes.pdf",
      contentType: "application/pdf",
      sizeBytes: content.length,
      sha256: createHash("sha256").update(content).digest("hex"),
      uploadedById: learner!.id,
    })
    .returning();
  await db.insert(evidenceFileContents).values({ fileId: file!.id, content });
  const [panel] = await db
    .insert(panels)
    .values({
      organisationId: org!.id,
      programmeSlug: "asye",
      name: `${org!.name} moderation panel`,
      sampleShare: 0.5,
      seed: "TRUSTSUITE",
      sample: [{ enrolmentId: enrolment!.id, recommendation: "pass" }],
      chairId: chair!.id,
      createdById: chair!.id,
    })
    .returning();
  if (!item || !session || !cohort) throw new Error(`The demo world lacks records for ${email}`);
  return {
    organisationId: org!.id,
    enrolmentId: enrolment!.id,
    membershipId: membership!.id,
    itemId: item.id,
    fileId: file!.id,
    sessionId: session.id,
    cohortId: cohort.id,
    panelId: panel!.id,
    ...shared,
    ...(await returnerIdsFor(db, org!.id, chair!.id, orgSlug === "northmoor")),
  };
}

/**
 * A shared session of the organisation and its first material: Northmoor's is the demo world's
 * strategy discussions session (Priya Shah facilitates; Sophie, Bethan and both partners invited);
 * Riverside, which runs no CP lead sessions in the demo, is given one of its own.
 */
async function sharedSessionIdsFor(db: Database, orgId: string, leadId: string): Promise<Ids> {
  let [session] = await db
    .select()
    .from(sharedSessions)
    .where(and(eq(sharedSessions.organisationId, orgId), eq(sharedSessions.lessonSlug, "strategy-discussions-and-joint-enquiries")));
  if (!session)
    [session] = await db
      .insert(sharedSessions)
      .values({
        organisationId: orgId,
        programmeSlug: "cp-lead-practitioner",
        moduleSlug: "joint-working-with-police-and-health",
        lessonSlug: "strategy-discussions-and-joint-enquiries",
        startsAt: new Date(Date.now() - 7 * 86_400_000),
        minutes: 120,
        place: "Riverside Town Hall",
        facilitatorId: leadId,
        createdById: leadId,
      })
      .returning();
  let [material] = await db.select().from(sharedSessionMaterials).where(eq(sharedSessionMaterials.sessionId, session!.id)).limit(1);
  if (!material) {
    const content = Buffer.from("%PDF-1.4\n% a handout\n");
    [material] = await db
      .insert(sharedSessionMaterials)
      .values({ sessionId: session!.id, fileName: "handout.pdf", contentType: "application/pdf", sizeBytes: content.length, sha256: createHash("sha256").update(content).digest("hex"), uploadedById: leadId })
      .returning();
    await db.insert(sharedSessionMaterialContents).values({ materialId: material!.id, content });
  }
  return { sharedSessionId: session!.id, materialId: material!.id };
}

/**
 * The University of Eastbridge's open assignment (seeded for Hannah's cohort) and a file Hannah
 * handed in for it. There is no second university, so these ids are not swapped.
 */
async function courseworkIds(db: Database) {
  const [hannah] = await db
    .select({ userId: users.id, enrolmentId: enrolments.id, cohortId: enrolments.cohortId })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(eq(users.email, "hannah.clarke@eastbridge.example"));
  // The first module's assignment, still open (the demo world's later modules are marked already).
  const [assignment] = await db
    .select()
    .from(courseworkAssignments)
    .where(and(eq(courseworkAssignments.cohortId, hannah!.cohortId!), eq(courseworkAssignments.moduleSlug, "critical-practice-and-research-mindedness")));
  const content = Buffer.from("%PDF-1.4\n% Hannah's essay\n");
  const sha256 = createHash("sha256").update(content).digest("hex");
  const [file] = await db
    .insert(courseworkFiles)
    .values({
      assignmentId: assignment!.id,
      enrolmentId: hannah!.enrolmentId,
      fileName: "essay.pdf",
      contentType: "application/pdf",
      sizeBytes: content.length,
      sha256,
      uploadedById: hannah!.userId,
    })
    .returning();
  await db.insert(courseworkFileContents).values({ fileId: file!.id, content });
  const [submission] = await db.insert(courseworkSubmissions).values({
    assignmentId: assignment!.id,
    enrolmentId: hannah!.enrolmentId,
    version: 1,
    body: "",
    fileIds: [file!.id],
    wordCount: 0,
    overLength: false,
    deadline: assignment!.deadline,
    late: false,
    contentHash: sha256,
    submittedById: hannah!.userId,
  }).returning({ id: courseworkSubmissions.id });
  // An extension request and mitigating circumstances waiting for the lead, so their decision forms show.
  await db.insert(courseworkExtensionRequests).values({
    assignmentId: assignment!.id,
    enrolmentId: hannah!.enrolmentId,
    reasons: "My father was taken into hospital.",
    requestedDeadline: new Date(assignment!.deadline.getTime() + 14 * 86_400_000),
    requestedById: hannah!.userId,
  });
  await db.insert(courseworkMitigations).values({
    assignmentId: assignment!.id,
    enrolmentId: hannah!.enrolmentId,
    circumstances: "I was unwell for two weeks before the deadline.",
    submittedById: hannah!.userId,
  });
  // The marker's pages name the work by the submission's id (and its file by submissionFileId).
  return { assignmentId: assignment!.id, submissionFileId: file!.id, submissionId: submission!.id };
}

/**
 * Callback requests: the demo helpline's first (the helpline advisor's own), and one of a second
 * helpline, so that a swapped request id is another helpline's.
 */
async function callbackRequestIds(db: Database) {
  const [helpline] = await db.select().from(organisations).where(eq(organisations.slug, "return-helpline"));
  const [own] = await db
    .select()
    .from(callbackRequests)
    .where(eq(callbackRequests.helplineId, helpline!.id))
    .orderBy(asc(callbackRequests.reference))
    .limit(1);
  const [other] = await db
    .insert(organisations)
    .values({ slug: "other-helpline", name: "Another Returners' Helpline", kind: "helpline" })
    .returning();
  const [foreign] = await db
    .insert(callbackRequests)
    .values({
      reference: "RTS-FXRGN2",
      helplineId: other!.id,
      name: "Dana Whitlow",
      email: "dana.whitlow@example.net",
      phone: "07700 900 999",
      region: "London",
      specialism: "adults",
      lastPractisedOn: "2019-01-01",
      registrationStatus: "lapsed",
      lapsedOn: "2020-01-01",
      consentToShare: true,
      callBackBy: "2026-01-05",
    })
    .returning();
  if (!own) throw new Error("The demo world lacks callback requests");
  return { own: own.id, foreign: foreign!.id };
}

/**
 * A vacancy of the organisation with an introduction to it (of a callback request made for it).
 * The requestId it returns is overridden by callbackRequestIds' in buildTrustWorld.
 */
async function returnerIdsFor(db: Database, orgId: string, leadId: string, own: boolean): Promise<Ids> {
  const [helpline] = await db.select().from(organisations).where(eq(organisations.slug, "return-helpline"));
  const [advisor] = await db.select().from(users).where(eq(users.email, PEOPLE.helpline.email));
  const today = new Date().toISOString().slice(0, 10);
  const [vacancy] = await db
    .insert(vacancies)
    .values({
      organisationId: orgId,
      title: "Social worker (trust suite)",
      team: "Assessment",
      region: own ? "North West" : "London",
      grade: "Grade 8",
      salaryFrom: 36_000,
      salaryTo: 40_000,
      specialism: "children",
      returnerFriendly: true,
      supervisionOffered: "Weekly",
      inductionOffered: "Four weeks",
      closesOn: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`.replace("-02-29", "-02-28"),
      postedById: leadId,
    })
    .returning();
  const [request] = await db
    .insert(callbackRequests)
    .values({
      reference: own ? "RTS-TRUST1" : "RTS-TRUST2",
      helplineId: own ? helpline!.id : orgId,
      name: own ? "Nadia Brook" : "Owen Hale",
      email: own ? "nadia.brook@example.com" : "owen.hale@example.com",
      phone: "07700 900123",
      region: own ? "North West" : "London",
      specialism: "children",
      lastPractisedOn: "2021-03-01",
      registrationStatus: "lapsed",
      consentToShare: true,
      consentRecordedAt: new Date(),
      callBackBy: today,
    })
    .returning();
  const [introduction] = await db
    .insert(introductions)
    .values({ requestId: request!.id, vacancyId: vacancy!.id, organisationId: orgId, introducedById: advisor!.id })
    .returning();
  await db.insert(introductionEvents).values({ introductionId: introduction!.id, status: "introduced", byId: advisor!.id });
  return { vacancyId: vacancy!.id, requestId: request!.id, introductionId: introduction!.id };
}

export async function buildTrustWorld(db: Database): Promise<TrustWorld> {
  await seedDemoWorld(db);
  const cookies = {} as Record<Person, string | undefined>;
  for (const person of EVERYONE) {
    const who = PEOPLE[person];
    cookies[person] = who ? await sessionFor(db, who.email, "role" in who ? who.role : undefined) : undefined;
  }
  const requests = await callbackRequestIds(db);
  return {
    cookies,
    own: {
      ...(await idsFor(db, "zainab.hussain@northmoor.example", "northmoor", "helen.marsh@northmoor.example")),
      requestId: requests.own,
      ...(await courseworkIds(db)),
    },
    foreign: {
      ...(await idsFor(db, "aisha.rahman@riverside.example", "riverside", "marcus.reid@riverside.example")),
      requestId: requests.foreign,
    },
  };
}

/** The table a statement writes to, if it writes. */
export function writesTo(statement: string): string | undefined {
  const match = /^\s*(?:insert\s+into|update|delete\s+from)\s+"?(\w+)"?/i.exec(statement);
  return match?.[1];
}

/**
 * Keeps the database's fingerprint between requests, recomputing it only after a request
 * that sent a statement which writes (nothing else can change a table), so that checking
 * each request costs little.
 */
export class Watched {
  private last?: Record<string, string>;
  constructor(
    private readonly db: Database,
    private readonly ignore: readonly string[],
  ) {}

  private async fingerprint() {
    this.last ??= await databaseFingerprint(this.db, this.ignore);
    return this.last;
  }

  /** Tables whose rows changed during a request that sent `statements`. */
  async changedBy(statements: readonly string[]): Promise<string[]> {
    const before = await this.fingerprint();
    if (!statements.some((q) => writesTo(q) && !this.ignore.includes(writesTo(q)!))) return [];
    const after = await databaseFingerprint(this.db, this.ignore);
    this.last = after;
    return Object.keys(after).filter((table) => after[table] !== before[table]);
  }
}
