/**
 * The query budget: the number of SQL statements a page needs must not grow with the data.
 * Each key page is asked for with 10 supervisees (and a learner with 10 pieces of evidence and
 * 10 supervision records), then with 100 of each: every page must send the same number of
 * statements both times. A loop that queries once per row fails here.
 */
import { format, subDays, subMonths } from "date-fns";
import { eq } from "drizzle-orm";
import {
  assessorAcceptances,
  assessorAppointments,
  auditEvents,
  candidateNumbers,
  careerRecordIssues,
  checkoutSessions,
  paymentEvents,
  payments,
  seatAssignments,
  seats,
  careerShares,
  criteriaConfirmations,
  criteriaSubmissions,
  criterionDecisions,
  cohorts,
  cpdRecords,
  courseworkAssignments,
  courseworkMarkerAllocations,
  courseworkBoardDecisions,
  courseworkBoardMarks,
  courseworkExaminerEndings,
  courseworkExaminers,
  courseworkMarks,
  courseworkSubmissions,
  enrolments,
  evidenceItems,
  evidenceVersions,
  lessonProgress,
  memberships,
  sharedSessionInvitees,
  sharedSessionMaterials,
  sharedSessionRegister,
  sharedSessions,
  supervisionSessions,
  users,
} from "#db/schema";
import { withTestDatabase } from "../support/database";
import { makeOrganisation, signedIn, type SignedIn } from "../support/fixtures";
import { get, siteHandler, type Handler } from "../support/site";

const t = withTestDatabase();
let handle: Handler;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let supervisor: SignedIn;
let lead: SignedIn;
let teamManager: SignedIn;
let learner: SignedIn;
let admin: SignedIn;
let cohortId: string;
let subject: { enrolmentId: string; membershipId: string };
let made = 0;
/** A university whose marker's queue and lead's assignment page grow with the Masters work handed in. */
let university: Awaited<ReturnType<typeof makeOrganisation>>;
let marker: SignedIn;
let universityLead: SignedIn;
let examiner: SignedIn;
let mastersCohortId: string;
let assignmentIds: string[] = [];
let firstSubmissionId: string;
/** A university's Masters cohort: its lead, a learner whose transcript is measured, one assignment through the board. */
let boardLead: SignedIn;
let mastersLearner: SignedIn;
let masters: { cohortId: string; assignmentId: string; decisionId: string; organisationId: string };
let mastersMade = 0;

const day = (d: Date) => format(d, "yyyy-MM-dd");

/**
 * Assessment against criteria (ADR 024): an independent assessor whose queue, and a lead whose
 * candidates, grow; a candidate whose evidence and submissions (each with its decisions) grow.
 */
let assessor: SignedIn;
let candidate: SignedIn;
let candidateEnrolmentId = "";
let latestSubmissionId = "";
let submissionsMade = 0;
let candidatesMade = 0;

/**
 * Shared multi-agency sessions (ADR 026): the lead's session, whose invitees (learners on CP lead,
 * each with a register entry and their evidence) grow; a partner invited to more and more sessions.
 */
let partner: SignedIn;
let sessionLearner: SignedIn;
let sharedSessionId = "";
let sessionPeopleMade = 0;

async function addSessionPeople(n: number) {
  const start = sessionPeopleMade;
  sessionPeopleMade += n;
  const people = await t.db
    .insert(users)
    .values(Array.from({ length: n }, (_, i) => ({ email: `cpl-${start + i}@budget.test`, name: `CP Lead ${start + i}`, accountKind: "invited" as const })))
    .returning({ id: users.id });
  await t.db.insert(memberships).values(people.map((p) => ({ userId: p.id, organisationId: org.id, role: "learner" as const, stage: "experienced" as const, team: "Child protection" })));
  const rows = await t.db
    .insert(enrolments)
    .values(people.map((p) => ({ userId: p.id, programmeSlug: "cp-lead-practitioner", organisationId: org.id, startedOn: day(subMonths(new Date(), 3)) })))
    .returning({ id: enrolments.id, userId: enrolments.userId });
  await t.db.insert(sharedSessionInvitees).values(rows.map((r) => ({ sessionId: sharedSessionId, party: "learner" as const, userId: r.userId, enrolmentId: r.id, invitedById: lead.userId })));
  await t.db.insert(sharedSessionRegister).values(rows.map((r, i) => ({ sessionId: sharedSessionId, userId: r.userId, status: i % 3 === 0 ? ("absent" as const) : ("attended" as const), recordedById: lead.userId, recordedByRole: "programme_lead" })));
  // More sessions, each with a handout, the partner and the learner invited to every one.
  const more = await t.db
    .insert(sharedSessions)
    .values(
      Array.from({ length: n }, (_, i) => ({
        organisationId: org.id,
        programmeSlug: "cp-lead-practitioner",
        moduleSlug: "joint-working-with-police-and-health",
        lessonSlug: "sharing-information-lawfully",
        startsAt: subDays(new Date(), (start + i) % 2 ? start + i : -(start + i)),
        minutes: 120,
        place: "Room 1",
        facilitatorId: lead.userId,
        createdById: lead.userId,
      })),
    )
    .returning({ id: sharedSessions.id });
  await t.db.insert(sharedSessionInvitees).values(
    more.flatMap((m) => [
      { sessionId: m.id, party: "partner" as const, userId: partner.userId, invitedById: lead.userId },
      { sessionId: m.id, party: "learner" as const, userId: sessionLearner.userId, enrolmentId: sessionLearnerEnrolmentId, invitedById: lead.userId },
    ]),
  );
  await t.db.insert(sharedSessionMaterials).values(more.map((m) => ({ sessionId: m.id, fileName: "handout.pdf", contentType: "application/pdf", sizeBytes: 10, sha256: "x", uploadedById: lead.userId })));
  await t.db.insert(sharedSessionRegister).values(more.map((m) => ({ sessionId: m.id, userId: partner.userId, status: "attended" as const, recordedById: lead.userId, recordedByRole: "programme_lead" })));
}
let sessionLearnerEnrolmentId = "";

/** A submission of every item the candidate has, confirmed, with a decision on each criterion. */
async function addSubmission() {
  submissionsMade += 1;
  const items = await t.db.select({ id: evidenceItems.id }).from(evidenceItems).where(eq(evidenceItems.enrolmentId, candidateEnrolmentId));
  const codes = ["APC-1.1", "APC-1.2", "APC-1.3"];
  const [submission] = await t.db
    .insert(criteriaSubmissions)
    .values({
      enrolmentId: candidateEnrolmentId,
      number: submissionsMade,
      criteria: codes,
      items: items.map((i, n) => ({ itemId: i.id, version: 1, contentHash: `h${n}`, title: `Piece ${n}`, kind: "reflective_log", criteria: [codes[n % 3]!] })),
      statements: codes.map((code) => ({ code, body: "How my evidence shows it." })),
      contentHash: `submission-${submissionsMade}`,
      submittedById: candidate.userId,
    })
    .returning();
  await t.db.insert(criteriaConfirmations).values({ submissionId: submission!.id, submissionHash: submission!.contentHash, userId: teamManager.userId, role: "team_manager" });
  await t.db.insert(criterionDecisions).values(
    codes.slice(0, 2).map((code) => ({ submissionId: submission!.id, submissionHash: submission!.contentHash, criterionCode: code, met: true, feedback: "Met.", userId: assessor.userId, role: "independent_assessor" })),
  );
  latestSubmissionId = submission!.id;
}

/** More candidates on the advanced practitioner programme, each appointed to the assessor and accepted. */
async function addCandidates(n: number) {
  const start = candidatesMade;
  candidatesMade += n;
  const people = await t.db
    .insert(users)
    .values(Array.from({ length: n }, (_, i) => ({ email: `candidate-${start + i}@budget.test`, name: `Candidate ${start + i}`, accountKind: "invited" as const })))
    .returning({ id: users.id });
  await t.db.insert(memberships).values(people.map((p) => ({ userId: p.id, organisationId: org.id, role: "learner" as const, stage: "experienced" as const, team: "Team B" })));
  const rows = await t.db
    .insert(enrolments)
    .values(people.map((p) => ({ userId: p.id, programmeSlug: "advanced-practitioner", organisationId: org.id, teamManagerId: teamManager.userId, startedOn: day(subMonths(new Date(), 6)) })))
    .returning({ id: enrolments.id });
  const appointments = await t.db
    .insert(assessorAppointments)
    .values(rows.map((r) => ({ enrolmentId: r.id, assessorId: assessor.userId, appointedById: lead.userId, appointedRole: "programme_lead" })))
    .returning({ id: assessorAppointments.id });
  await t.db.insert(assessorAcceptances).values(appointments.map((a) => ({ appointmentId: a.id, userId: assessor.userId, role: "independent_assessor", declaration: "None." })));
}

/** Paid checkouts (ADR 027): the lead's organisation's, of two places with one given, and the learner's own. */
let paymentsMade = 0;
async function addPayments(n: number) {
  const start = paymentsMade;
  paymentsMade += n;
  const ids = Array.from({ length: n }, (_, i) => `budget_${start + i}`);
  const offered = (buyerId: string, organisationId: string | null, quantity: number) => (id: string) => ({
    stripeSessionId: `cs_test_${id}_${organisationId ? "org" : "own"}`,
    mode: "test" as const,
    buyerId,
    buyerRole: organisationId ? "programme_lead" : "learner",
    organisationId,
    programmeSlug: "masters",
    quantity,
    unitPence: 870000,
    vat: "exempt" as const,
    vatPence: 0,
    totalPence: 870000 * quantity,
  });
  const sessions = await t.db
    .insert(checkoutSessions)
    .values([...ids.map(offered(lead.userId, org.id, 2)), ...ids.map(offered(learner.userId, null, 1))])
    .returning();
  const events = await t.db
    .insert(paymentEvents)
    .values(sessions.map((s) => ({ stripeEventId: `evt_${s.stripeSessionId}`, type: "checkout.session.completed", livemode: false, objectId: s.stripeSessionId, occurredAt: new Date(), payload: {} })))
    .returning({ id: paymentEvents.id });
  await t.db.insert(payments).values(
    sessions.map((s, i) => ({ kind: "paid" as const, checkoutSessionId: s.id, paymentIntentId: `pi_${s.stripeSessionId}`, objectKey: s.id, amountPence: s.totalPence, eventId: events[i]!.id, occurredAt: new Date() })),
  );
  const places = await t.db
    .insert(seats)
    .values(sessions.flatMap((s) => Array.from({ length: s.quantity }, (_, i) => ({ checkoutSessionId: s.id, number: i + 1 }))))
    .returning();
  await t.db.insert(seatAssignments).values(
    places
      .filter((p) => p.number === 1)
      .map((p) => ({ seatId: p.id, kind: "assigned" as const, learnerId: learner.userId, enrolmentId: subject.enrolmentId, byId: lead.userId, byRole: "programme_lead", sequence: 1 })),
  );
}

/** Supervisees for the supervisor, each on the ASYE in the cohort, with a little of everything. */
async function addSupervisees(n: number) {
  const db = t.db;
  const start = made;
  made += n;
  const people = await db
    .insert(users)
    .values(Array.from({ length: n }, (_, i) => ({ email: `nqsw-${start + i}@budget.test`, name: `NQSW ${start + i}`, accountKind: "invited" as const })))
    .returning({ id: users.id });
  const startedOn = day(subMonths(new Date(), 5));
  await db.insert(memberships).values(
    people.map((p) => ({ userId: p.id, organisationId: org.id, role: "learner" as const, stage: "nqsw" as const, startedOn, supervisorId: supervisor.userId, team: "Children in need" })),
  );
  const years = await db
    .insert(enrolments)
    .values(people.map((p) => ({ userId: p.id, programmeSlug: "asye", organisationId: org.id, cohortId, supervisorId: supervisor.userId, teamManagerId: teamManager.userId, startedOn, pathway: "child-family" })))
    .returning({ id: enrolments.id, userId: enrolments.userId });
  await addRecords(years.map((y) => ({ enrolmentId: y.id, authorId: y.userId })), 2);
  // The audit trail grows with them: an approval naming each year, and a sign-in by each learner.
  await db.insert(auditEvents).values(
    years.flatMap((y) => [
      {
        actorUserId: supervisor.userId,
        actorRole: "supervisor",
        organisationId: org.id,
        action: "review.approved",
        subjectType: "review",
        subjectId: y.id,
        detail: { enrolment: y.id, review: "three-month", number: 1, outcome: "on_track" },
      },
      { actorUserId: y.userId, actorRole: "learner", organisationId: org.id, action: "membership.switched", subjectType: "user", subjectId: y.userId },
    ]),
  );
  await db.insert(lessonProgress).values(
    years.map((y) => ({ enrolmentId: y.id, moduleSlug: "the-first-year", lessonSlug: "how-the-year-runs", completedAt: new Date() })),
  );
}

/**
 * Masters learners on the university's cohort, each handing in two versions of both assignments;
 * half of the latest versions first-marked by the marker.
 */
async function addMastersWork(n: number) {
  const db = t.db;
  const start = made;
  made += n;
  const people = await db
    .insert(users)
    .values(Array.from({ length: n }, (_, i) => ({ email: `ma-${start + i}@budget.test`, name: `MA Learner ${start + i}`, accountKind: "invited" as const })))
    .returning({ id: users.id });
  const years = await db
    .insert(enrolments)
    .values(people.map((p) => ({ userId: p.id, programmeSlug: "masters", organisationId: university.id, cohortId: mastersCohortId, startedOn: day(subMonths(new Date(), 5)) })))
    .returning({ id: enrolments.id, userId: enrolments.userId });
  await db.insert(candidateNumbers).values(years.map((y, i) => ({ enrolmentId: y.id, cohortId: mastersCohortId, number: `C${String(100000 + start + i)}` })));
  for (const assignmentId of assignmentIds) {
    const submissions = await db
      .insert(courseworkSubmissions)
      .values(
        years.flatMap((y) =>
          [1, 2].map((version) => ({
            assignmentId,
            enrolmentId: y.id,
            version,
            body: "My work.",
            fileIds: [],
            wordCount: 2,
            overLength: false,
            deadline: new Date(),
            late: false,
            contentHash: `hash-${y.id}-${version}`,
            submittedById: y.userId,
          })),
        ),
      )
      .returning({ id: courseworkSubmissions.id, version: courseworkSubmissions.version });
    firstSubmissionId ??= submissions[1]!.id;
    const latest = submissions.filter((s) => s.version === 2);
    await db.insert(courseworkMarks).values(
      latest
        .filter((_, i) => i % 2 === 0)
        .map((s, i) => ({
          assignmentId,
          submissionId: s.id,
          stage: "first" as const,
          kind: "mark" as const,
          mark: 40 + (i % 50),
          criteria: [],
          feedback: "Feedback.",
          markerId: marker.userId,
          markerRole: "marker",
        })),
    );
  }
}

/**
 * Masters learners (the first is the measured learner's own year) with work handed in, first-marked
 * and confirmed by the board: the cohort, the board's table and the confirmed marks grow.
 */
async function addMastersLearners(userIds: string[]) {
  const db = t.db;
  const years = await db
    .insert(enrolments)
    .values(userIds.map((userId) => ({ userId, programmeSlug: "masters", organisationId: masters.organisationId, cohortId: masters.cohortId, startedOn: day(subMonths(new Date(), 8)) })))
    .returning({ id: enrolments.id, userId: enrolments.userId });
  const handedIn = await db
    .insert(courseworkSubmissions)
    .values(
      years.map((y) => ({
        assignmentId: masters.assignmentId,
        enrolmentId: y.id,
        version: 1,
        body: "An account of practice.",
        fileIds: [],
        wordCount: 4,
        overLength: false,
        deadline: subDays(new Date(), 60),
        late: false,
        contentHash: `hash-${y.id}`,
        submittedById: y.userId,
      })),
    )
    .returning({ id: courseworkSubmissions.id, enrolmentId: courseworkSubmissions.enrolmentId });
  await db.insert(courseworkMarks).values(
    handedIn.map((h) => ({ assignmentId: masters.assignmentId, submissionId: h.id, stage: "first" as const, kind: "mark" as const, mark: 64, criteria: [], feedback: "Good.", markerId: boardLead.userId, markerRole: "marker" })),
  );
  await db.insert(courseworkBoardMarks).values(
    handedIn.map((h) => ({ decisionId: masters.decisionId, submissionId: h.id, enrolmentId: h.enrolmentId, version: 1, attempt: 1, mark: 64, cappedMark: 64, band: "merit", basis: "first-mark", credits: 30, feedback: "Good." })),
  );
}

async function addMastersPeers(n: number) {
  const start = mastersMade;
  mastersMade += n;
  const people = await t.db
    .insert(users)
    .values(Array.from({ length: n }, (_, i) => ({ email: `board-${start + i}@budget.test`, name: `MA student ${start + i}`, accountKind: "invited" as const })))
    .returning({ id: users.id });
  await t.db.insert(memberships).values(people.map((p) => ({ userId: p.id, organisationId: masters.organisationId, role: "learner" as const, stage: "masters" as const })));
  await addMastersLearners(people.map((p) => p.id));
}

/** External examiners of the marking university, each appointed by its lead, every other one's appointment ended early. */
async function addExaminers(n: number) {
  const start = made;
  made += n;
  const people = await t.db
    .insert(users)
    .values(Array.from({ length: n }, (_, i) => ({ email: `examiner-${start + i}@budget.test`, name: `Examiner ${start + i}`, accountKind: "invited" as const })))
    .returning({ id: users.id });
  const members = await t.db
    .insert(memberships)
    .values(people.map((p) => ({ userId: p.id, organisationId: university.id, role: "external_examiner" as const })))
    .returning({ id: memberships.id });
  const appointed = await t.db
    .insert(courseworkExaminers)
    .values(members.map((m) => ({ membershipId: m.id, organisationId: university.id, programmeSlug: "masters", startsOn: day(subMonths(new Date(), 6)), endsOn: day(subMonths(new Date(), -24)), appointedById: universityLead.userId, appointedByRole: "programme_lead" })))
    .returning({ id: courseworkExaminers.id });
  await t.db
    .insert(courseworkExaminerEndings)
    .values(appointed.filter((_, i) => i % 2 === 0).map((a) => ({ appointmentId: a.id, reason: "Took up a post at the university", endedById: universityLead.userId, endedByRole: "programme_lead" })));
}

/** Evidence items (at version 1) and supervision records for each enrolment. */
async function addRecords(years: { enrolmentId: string; authorId: string }[], each: number) {
  const db = t.db;
  const items = await db
    .insert(evidenceItems)
    .values(years.flatMap((y) => Array.from({ length: each }, () => ({ enrolmentId: y.enrolmentId, kind: "reflective_log" as const, createdById: y.authorId, createdByRole: "learner" }))))
    .returning({ id: evidenceItems.id, createdById: evidenceItems.createdById });
  await db.insert(evidenceVersions).values(
    items.map((item, i) => ({
      itemId: item.id,
      version: 1,
      title: `Reflection ${i + 1}`,
      occurredOn: day(subDays(new Date(), 1 + (i % 120))),
      body: "What I did, what I learned, and what I will do differently.",
      capabilities: ["PCF-1", "PCF-6"],
      details: {},
      fileIds: [],
      contentHash: `hash-${item.id}`,
      createdById: item.createdById,
    })),
  );
  await db.insert(supervisionSessions).values(
    years.flatMap((y) =>
      Array.from({ length: each }, (_, i) => ({
        enrolmentId: y.enrolmentId,
        heldOn: day(subDays(new Date(), 3 + i * 3)),
        minutes: 60,
        kind: "one_to_one" as const,
        agenda: "Caseload; one case for reflection.",
        discussion: "Talked through the week's visits.",
        decisions: "",
        recordedById: supervisor.userId,
        acknowledgedAt: new Date(),
      })),
    ),
  );
}

beforeAll(async () => {
  ({ handle } = await siteHandler());
  org = await makeOrganisation(t.db, { name: "Budget City Council" });
  supervisor = await signedIn(t.db, org.id, "supervisor", "Sam Supervisor");
  lead = await signedIn(t.db, org.id, "programme_lead", "Lee Lead");
  teamManager = await signedIn(t.db, org.id, "team_manager", "Tia Manager");
  learner = await signedIn(t.db, org.id, "learner", "Lena Learner");
  const platform = await makeOrganisation(t.db, { name: "Budget platform team", kind: "platform" });
  admin = await signedIn(t.db, platform.id, "admin", "Ada Admin");
  const [cohort] = await t.db
    .insert(cohorts)
    .values({ organisationId: org.id, programmeSlug: "asye", name: "Autumn intake", startsOn: day(subMonths(new Date(), 5)) })
    .returning();
  cohortId = cohort!.id;
  // The learner whose own pages are measured: her records grow from 10 to 100 too.
  const [membership] = await t.db.select().from(memberships).where(eq(memberships.userId, learner.userId));
  await t.db.update(memberships).set({ stage: "nqsw", startedOn: day(subMonths(new Date(), 5)), supervisorId: supervisor.userId }).where(eq(memberships.id, membership!.id));
  const [year] = await t.db
    .insert(enrolments)
    .values({ userId: learner.userId, programmeSlug: "asye", organisationId: org.id, cohortId, supervisorId: supervisor.userId, teamManagerId: teamManager.userId, startedOn: day(subMonths(new Date(), 5)), pathway: "child-family" })
    .returning();
  subject = { enrolmentId: year!.id, membershipId: membership!.id };
  assessor = await signedIn(t.db, org.id, "independent_assessor", "Ida Assessor");
  candidate = await signedIn(t.db, org.id, "learner", "Cal Candidate");
  const [ap] = await t.db
    .insert(enrolments)
    .values({ userId: candidate.userId, programmeSlug: "advanced-practitioner", organisationId: org.id, teamManagerId: teamManager.userId, startedOn: day(subMonths(new Date(), 6)) })
    .returning();
  candidateEnrolmentId = ap!.id;
  const [appointment] = await t.db
    .insert(assessorAppointments)
    .values({ enrolmentId: ap!.id, assessorId: assessor.userId, appointedById: lead.userId, appointedRole: "programme_lead" })
    .returning();
  await t.db.insert(assessorAcceptances).values({ appointmentId: appointment!.id, userId: assessor.userId, role: "independent_assessor", declaration: "None." });
  partner = await signedIn(t.db, org.id, "partner", "Pat Partner");
  sessionLearner = await signedIn(t.db, org.id, "learner", "Sol Learner");
  const [cpl] = await t.db
    .insert(enrolments)
    .values({ userId: sessionLearner.userId, programmeSlug: "cp-lead-practitioner", organisationId: org.id, startedOn: day(subMonths(new Date(), 3)) })
    .returning();
  sessionLearnerEnrolmentId = cpl!.id;
  const [session] = await t.db
    .insert(sharedSessions)
    .values({
      organisationId: org.id,
      programmeSlug: "cp-lead-practitioner",
      moduleSlug: "joint-working-with-police-and-health",
      lessonSlug: "strategy-discussions-and-joint-enquiries",
      startsAt: subDays(new Date(), 1),
      minutes: 180,
      place: "Committee Room 2",
      facilitatorId: lead.userId,
      createdById: lead.userId,
    })
    .returning();
  sharedSessionId = session!.id;
  await t.db.insert(sharedSessionInvitees).values({ sessionId: sharedSessionId, party: "partner", userId: partner.userId, invitedById: lead.userId });
  university = await makeOrganisation(t.db, { name: "University of Budget", kind: "university" });
  marker = await signedIn(t.db, university.id, "marker", "Mo Marker");
  universityLead = await signedIn(t.db, university.id, "programme_lead", "Uma Lead");
  const [markingCohort] = await t.db
    .insert(cohorts)
    .values({ organisationId: university.id, programmeSlug: "masters", name: "MA intake", startsOn: day(subMonths(new Date(), 5)) })
    .returning();
  mastersCohortId = markingCohort!.id;
  const opened = await t.db
    .insert(courseworkAssignments)
    .values(
      ["critical-practice-and-research-mindedness", "evidence-informed-assessment"].map((moduleSlug) => ({
        organisationId: university.id,
        cohortId: mastersCohortId,
        programmeSlug: "masters",
        moduleSlug,
        deadline: subDays(new Date(), 1),
        wordLimit: 6000,
        openedById: universityLead.userId,
      })),
    )
    .returning({ id: courseworkAssignments.id });
  assignmentIds = opened.map((a) => a.id);
  await t.db.insert(courseworkMarkerAllocations).values(assignmentIds.map((assignmentId) => ({ assignmentId, stage: "first" as const, markerId: marker.userId, allocatedById: universityLead.userId })));
  // The examiner whose page grows with the marking university's work handed in and marked.
  examiner = await signedIn(t.db, university.id, "external_examiner", "Eve Examiner");
  await t.db.insert(courseworkExaminers).values({ membershipId: examiner.current.active!.id, organisationId: university.id, programmeSlug: "masters", startsOn: day(subMonths(new Date(), 6)), endsOn: day(subMonths(new Date(), -24)), appointedById: universityLead.userId, appointedByRole: "programme_lead" });

  const boardUniversity = await makeOrganisation(t.db, { name: "Budget University", kind: "university" });
  boardLead = await signedIn(t.db, boardUniversity.id, "programme_lead", "Una Lead");
  mastersLearner = await signedIn(t.db, boardUniversity.id, "learner", "Max Student");
  const [mastersCohort] = await t.db
    .insert(cohorts)
    .values({ organisationId: boardUniversity.id, programmeSlug: "masters", name: "MA intake", startsOn: day(subMonths(new Date(), 8)) })
    .returning();
  const [assignment] = await t.db
    .insert(courseworkAssignments)
    .values({ organisationId: boardUniversity.id, cohortId: mastersCohort!.id, programmeSlug: "masters", moduleSlug: "leading-practice-and-change", deadline: subDays(new Date(), 60), wordLimit: 6000, openedById: boardLead.userId })
    .returning();
  const [decision] = await t.db
    .insert(courseworkBoardDecisions)
    .values({ assignmentId: assignment!.id, attempt: 1, signedName: "Una Lead", decidedById: boardLead.userId, decidedByRole: "programme_lead" })
    .returning();
  masters = { cohortId: mastersCohort!.id, assignmentId: assignment!.id, decisionId: decision!.id, organisationId: boardUniversity.id };
  await addMastersLearners([mastersLearner.userId]);
}, 120_000);

/**
 * A career that has gone on longer: more CPD records, more share choices (ending shared with the
 * learner's employer) and more career record PDFs issued, for the learner and the Masters learner.
 */
let careerMade = 0;
async function addCareerRecords(n: number) {
  for (const person of [learner, mastersLearner]) {
    await t.db.insert(cpdRecords).values(
      Array.from({ length: n }, (_, i) => ({
        userId: person.userId,
        recordedOn: day(subDays(new Date(), i + careerMade)),
        activity: `CPD activity ${careerMade + i}`,
        learning: "Learnt",
        impact: "Changed",
        standards: ["3"],
        peerName: i % 2 ? "A Peer" : null,
        peerReflection: i % 2 ? "Talked it through" : null,
      })),
    );
    await t.db.insert(careerRecordIssues).values(
      Array.from({ length: n }, (_, i) => ({ code: `budget-${person.userId}-${careerMade + i}`, userId: person.userId, personName: "x", awards: [], stage: "x" })),
    );
  }
  await t.db.insert(careerShares).values(
    Array.from({ length: n }, (_, i) => ({ userId: learner.userId, organisationId: org.id, shared: i % 2 === 1, at: new Date(Date.now() - (n - i) * 1000 - careerMade * 1e6) })),
  );
  await t.db.insert(careerShares).values({ userId: learner.userId, organisationId: org.id, shared: true });
  careerMade += n;
}

function pages(): { label: string; path: string; as: () => SignedIn | undefined }[] {
  const y = `/year/${subject.enrolmentId}`;
  return [
    { label: "supervisor's desk", path: "/supervision", as: () => supervisor },
    { label: "learner's year (supervisor)", path: y, as: () => supervisor },
    { label: "portfolio", path: `${y}/portfolio`, as: () => supervisor },
    { label: "supervision records", path: `${y}/supervision`, as: () => supervisor },
    { label: "reviews", path: `${y}/reviews`, as: () => supervisor },
    { label: "history", path: `${y}/history`, as: () => supervisor },
    { label: "workload", path: `${y}/workload`, as: () => supervisor },
    { label: "learner page", path: `/learners/${subject.membershipId}`, as: () => supervisor },
    { label: "team (team manager)", path: "/team", as: () => teamManager },
    { label: "learner's year (team manager)", path: y, as: () => teamManager },
    { label: "reviews (team manager)", path: `${y}/reviews`, as: () => teamManager },
    { label: "people (lead)", path: "/organisation", as: () => lead },
    { label: "cohorts", path: "/organisation/cohorts", as: () => lead },
    { label: "a cohort", path: `/organisation/cohorts/${cohortId}`, as: () => lead },
    { label: "grants", path: "/organisation/grants", as: () => lead },
    { label: "panels", path: "/organisation/panels", as: () => lead },
    { label: "audit trail", path: "/organisation/audit", as: () => lead },
    { label: "audit trail, filtered", path: "/organisation/audit?person=nqsw&kind=reviews&from=2020-01-01", as: () => lead },
    { label: "audit trail export", path: "/organisation/audit.csv", as: () => lead },
    { label: "audit trail (admin)", path: `/organisation/audit?organisation=${org.id}`, as: () => admin },
    { label: "organisations (admin)", path: "/admin", as: () => admin },
    { label: "an organisation (admin)", path: `/admin/organisations/${org.id}`, as: () => admin },
    { label: "find a person (admin)", path: "/admin/people?q=nqsw", as: () => admin },
    { label: "a person (admin)", path: `/admin/people/${supervisor.userId}`, as: () => admin },
    { label: "learner home", path: "/learning", as: () => learner },
    { label: "learner's own year", path: y, as: () => learner },
    { label: "a lesson", path: "/programmes/asye/the-first-year/how-the-year-runs", as: () => learner },
    { label: "catalogue", path: "/programmes", as: () => undefined },
    { label: "marking queue", path: "/marking", as: () => marker },
    { label: "work to mark", path: `/marking/${firstSubmissionId}`, as: () => marker },
    { label: "assignment (lead, marking)", path: `/organisation/assignments/${assignmentIds[0]}`, as: () => universityLead },
    { label: "Masters transcript", path: "/transcript", as: () => mastersLearner },
    { label: "exam board", path: `/organisation/assignments/${masters.assignmentId}/board`, as: () => boardLead },
    { label: "external examiners (lead)", path: "/organisation/examiners", as: () => universityLead },
    { label: "examining (examiner)", path: "/examining", as: () => examiner },
    { label: "career record (learner)", path: "/career", as: () => learner },
    { label: "career record (Masters)", path: "/career", as: () => mastersLearner },
    { label: "career record (lead)", path: `/members/${subject.membershipId}/career`, as: () => lead },
    { label: "candidate's assessment", path: `/assessment/${candidateEnrolmentId}`, as: () => candidate },
    { label: "candidate's home", path: "/learning", as: () => candidate },
    { label: "candidates (lead)", path: "/organisation/candidates", as: () => lead },
    { label: "assessing queue", path: "/assessing", as: () => assessor },
    { label: "a submission to assess", path: `/assessing/${latestSubmissionId}`, as: () => assessor },
    { label: "places (lead)", path: "/organisation/places", as: () => lead },
    { label: "your payments (learner)", path: "/payments", as: () => learner },
    { label: "payments (admin)", path: "/admin/payments", as: () => admin },
    { label: "payments, filtered (admin)", path: `/admin/payments?kind=paid&programme=masters&organisation=${org.id}&from=2020-01-01`, as: () => admin },
    { label: "payments export (admin)", path: "/admin/payments.csv", as: () => admin },
    { label: "shared sessions (partner)", path: "/shared-sessions", as: () => partner },
    { label: "shared sessions (learner)", path: "/shared-sessions", as: () => sessionLearner },
    { label: "a shared session (partner)", path: `/shared-sessions/${sharedSessionId}`, as: () => partner },
    { label: "a shared session (lead)", path: `/shared-sessions/${sharedSessionId}`, as: () => lead },
    { label: "shared sessions (lead)", path: "/organisation/shared-sessions", as: () => lead },
    { label: "new shared session", path: "/organisation/shared-sessions/new", as: () => lead },
    { label: "invite someone (lead)", path: "/organisation/invite", as: () => lead },
  ];
}

async function measure() {
  const counts: Record<string, { count: number; statements: string[] }> = {};
  for (const page of pages()) {
    // Once to settle anything a first visit records (a lesson's first opening), then measured.
    await (await handle(get(page.path, page.as()?.cookie))).arrayBuffer();
    const tally = { count: 0, statements: [] as string[] };
    const response = await handle(get(page.path, page.as()?.cookie), tally);
    await response.arrayBuffer();
    expect(response.status, `${page.label} (${page.path})`).toBe(200);
    counts[page.label] = tally;
  }
  return counts;
}

test("no page sends more SQL statements with 100 supervisees than with 10", async () => {
  await addSupervisees(9);
  await addRecords([{ enrolmentId: subject.enrolmentId, authorId: learner.userId }], 10);
  await addMastersWork(10);
  await addMastersPeers(9);
  await addExaminers(9);
  await addCareerRecords(10);
  await addRecords([{ enrolmentId: candidateEnrolmentId, authorId: candidate.userId }], 10);
  await addCandidates(9);
  await addSubmission();
  await addPayments(10);
  await addSessionPeople(10);
  const small = await measure();
  await addSupervisees(90);
  await addRecords([{ enrolmentId: subject.enrolmentId, authorId: learner.userId }], 90);
  await addMastersWork(90);
  await addMastersPeers(90);
  await addExaminers(90);
  await addCareerRecords(90);
  await addRecords([{ enrolmentId: candidateEnrolmentId, authorId: candidate.userId }], 90);
  await addCandidates(90);
  // A second submission: more submissions, each with its decisions, and more items in the one read.
  await addSubmission();
  await addPayments(90);
  await addSessionPeople(90);
  const large = await measure();

  const grew = Object.keys(small)
    .filter((label) => large[label]!.count !== small[label]!.count)
    .map((label) => `${label}: ${small[label]!.count} → ${large[label]!.count}\n  ${large[label]!.statements.join("\n  ")}`);
  expect(grew, "pages whose statement count grew with the data").toEqual([]);
  // A sanity floor: pages that show records read them from the database at all.
  expect(small["supervisor's desk"]!.count).toBeGreaterThan(2);
  expect(small["team (team manager)"]!.count).toBeGreaterThan(2);
  expect(small["marking queue"]!.count).toBeGreaterThan(2);
  console.log(
    "Statements per page (10 → 100 supervisees):\n" +
      Object.keys(small)
        .map((label) => `  ${label.padEnd(30)} ${small[label]!.count}`)
        .join("\n"),
  );
}, 300_000);
