/**
 * External examiners, invited and appointed by a university's programme lead, against a real database
 * through the site as a browser would use it, on the demo world's University of Eastbridge: only a
 * university's lead may invite one or appoint one, to their own university's people; bad input is
 * refused beside its field with nothing written; an examiner sees the programme's marking only while
 * an appointment is current (not before its term, not after, not once ended), and otherwise a plain
 * page saying whom to ask; appointments and their endings refuse UPDATE and DELETE at the database.
 */
import { randomUUID } from "node:crypto";
import { addDays, format, subDays } from "date-fns";
import { and, eq, sql } from "drizzle-orm";
import { auditEvents, courseworkAssignments, courseworkExaminerEndings, courseworkExaminers, invitations, memberships, users } from "#db/schema";
import { withTestDatabase } from "../support/database";
import { failureOf } from "../support/errors";
import { makeOrganisation, signedIn, type SignedIn } from "../support/fixtures";
import { get, post, seedDemoWorld, sessionFor, siteHandler, type Handler } from "../support/site";

const t = withTestDatabase();
let handle: Handler;
const cookies: Record<string, string> = {};
let eastbridgeId = "";
let simonId = "";
let graceAppointmentId = "";
let markerMembershipId = "";
/** Westford: another university, with its own lead and its own examiner. */
let westfordLead: SignedIn;
let westfordExaminer: SignedIn;

const day = (d: Date) => format(d, "yyyy-MM-dd");
/** A page's HTML without the markers React puts between neighbouring pieces of text. */
const html = async (response: Response | Promise<Response>) => (await (await response).text()).replaceAll("<!-- -->", "");
const today = () => new Date();
const PAGE = "/organisation/examiners";

async function tables() {
  const [a] = await t.db.select({ n: sql<number>`count(*)::int` }).from(courseworkExaminers);
  const [e] = await t.db.select({ n: sql<number>`count(*)::int` }).from(courseworkExaminerEndings);
  return { appointments: a!.n, endings: e!.n };
}

async function send(cookie: string | undefined, fields: Record<string, string>) {
  const response = await handle(post(PAGE, new URLSearchParams(fields), cookie));
  return { status: response.status, location: response.headers.get("location"), html: (await response.text()).replaceAll("<!-- -->", "") };
}

const appoint = (cookie: string | undefined, fields: Partial<Record<"membershipId" | "programmeSlug" | "startsOn" | "endsOn", string>>) =>
  send(cookie, { intent: "appoint", programmeSlug: "masters", startsOn: day(subDays(today(), 1)), endsOn: day(addDays(today(), 365)), ...fields } as Record<string, string>);
const end = (cookie: string | undefined, appointmentId: string, reason: string) => send(cookie, { intent: "end", appointmentId, reason });

beforeAll(async () => {
  await seedDemoWorld(t.db);
  handle = (await siteHandler()).handle;
  for (const [who, email] of [
    ["simon", "simon.fairweather@eastbridge.example"],
    ["grace", "grace.adebayo@eastbridge.example"],
    ["marker", "aisha.rahman@eastbridge.example"],
    ["hannah", "hannah.clarke@eastbridge.example"],
    ["priya", "priya.shah@northmoor.example"],
  ] as const)
    cookies[who] = await sessionFor(t.db, email);
  const [simon] = await t.db
    .select({ id: users.id, organisationId: memberships.organisationId })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(eq(users.email, "simon.fairweather@eastbridge.example"));
  eastbridgeId = simon!.organisationId;
  simonId = simon!.id;
  const [grace] = await t.db
    .select({ id: courseworkExaminers.id })
    .from(courseworkExaminers)
    .innerJoin(memberships, eq(memberships.id, courseworkExaminers.membershipId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(users.email, "grace.adebayo@eastbridge.example"));
  graceAppointmentId = grace!.id;
  const [marker] = await t.db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.email, "aisha.rahman@eastbridge.example"), eq(memberships.role, "marker")));
  markerMembershipId = marker!.id;
  const westford = await makeOrganisation(t.db, { kind: "university", name: "University of Westford" });
  westfordLead = await signedIn(t.db, westford.id, "programme_lead", "Olu Bright");
  westfordExaminer = await signedIn(t.db, westford.id, "external_examiner", "Dr Ines Carvalho");
}, 180_000);

describe("inviting an external examiner", () => {
  it("is offered to a university's lead, who can invite one", async () => {
    const page = await html(handle(get("/organisation/invite", cookies.simon)));
    expect(page).toContain("External examiner");
    const before = await t.db.select().from(invitations);
    const sent = await handle(
      post("/organisation/invite", new URLSearchParams({ name: "Dr Femi Okonjo", email: "femi.okonjo@westford.example", role: "external_examiner" }), cookies.simon),
    );
    expect(sent.status).toBe(302);
    const after = await t.db.select().from(invitations).where(eq(invitations.email, "femi.okonjo@westford.example"));
    expect(after.map((i) => [i.role, i.organisationId])).toEqual([["external_examiner", eastbridgeId]]);
    expect((await t.db.select().from(invitations)).length).toBe(before.length + 1);
    // Not yet joined: the lead's examiners page says so, and that they are appointed once they accept.
    expect(await html(handle(get(PAGE, cookies.simon)))).toContain("Dr Femi Okonjo (femi.okonjo@westford.example): appoint them once they have accepted");
  });

  it("is not offered to a council's lead, and a council lead who posts it is told why beside the field", async () => {
    const page = await html(handle(get("/organisation/invite", cookies.priya)));
    expect(page).not.toContain("External examiner");
    const before = (await t.db.select().from(invitations)).length;
    const refused = await handle(
      post("/organisation/invite", new URLSearchParams({ name: "Someone", email: "someone@northmoor.example", role: "external_examiner" }), cookies.priya),
    );
    expect(refused.status).toBe(400);
    const answer = await html(refused);
    expect(answer).toContain("External examiners are invited by a university, to examine its Masters programme: choose another role");
    expect(answer).toContain('id="role-error"');
    expect((await t.db.select().from(invitations)).length).toBe(before);
  });
});

describe("the examiners page", () => {
  it("lists Grace Adebayo's appointment by Simon Fairweather, and is the university lead's alone", async () => {
    const response = await handle(get(PAGE, cookies.simon));
    expect(response.status).toBe(200);
    const page = await html(response);
    expect(page).toContain("Professor Grace Adebayo");
    expect(page).toContain("MA Advanced Social Work Practice");
    expect(page).toContain("Current");
    expect(page).toMatch(/Simon Fairweather, programme lead, on \d{1,2} \w+ \d{4}/);
    const [row] = await t.db.select().from(courseworkExaminers).where(eq(courseworkExaminers.id, graceAppointmentId));
    expect(row).toMatchObject({ appointedById: simonId, appointedByRole: "programme_lead", programmeSlug: "masters" });

    // Another university's lead has a page of their own, with nothing of Eastbridge's.
    const other = await handle(get(PAGE, westfordLead.cookie));
    expect(other.status).toBe(200);
    const otherHtml = await html(other);
    expect(otherHtml).toContain("Dr Ines Carvalho");
    expect(otherHtml).not.toContain("Grace Adebayo");
    for (const who of ["priya", "marker", "grace", "hannah"]) expect((await handle(get(PAGE, cookies[who]))).status, who).toBe(403);
    const signedOut = await handle(get(PAGE));
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toMatch(/^\/sign-in/);
  });

  it("refuses another university's lead Eastbridge's people and appointments, writing nothing", async () => {
    const before = await tables();
    const [graceMembership] = await t.db.select({ id: courseworkExaminers.membershipId }).from(courseworkExaminers).where(eq(courseworkExaminers.id, graceAppointmentId));
    const appointed = await appoint(westfordLead.cookie, { membershipId: graceMembership!.id, startsOn: day(addDays(today(), 800)), endsOn: day(addDays(today(), 900)) });
    expect(appointed.status).toBe(400);
    expect(appointed.html).toContain("Choose one of your university&#x27;s external examiners");
    const ended = await end(westfordLead.cookie, graceAppointmentId, "Not ours to end.");
    expect(ended.status).toBe(400);
    expect(ended.html).toContain("We could not find that appointment");
    for (const who of ["priya", "marker", "grace"]) expect((await end(cookies[who], graceAppointmentId, "No.")).status, who).toBe(403);
    expect(await tables()).toEqual(before);
  });

  it("answers bad input beside the field, keeps what was typed, and writes nothing", async () => {
    const before = await tables();
    const cases: [string, Parameters<typeof appoint>[1], string, string][] = [
      ["an unknown member", { membershipId: randomUUID() }, "membershipId", "Choose one of your university&#x27;s external examiners"],
      ["not a member id at all", { membershipId: "grace" }, "membershipId", "Choose one of your university&#x27;s external examiners"],
      ["a member without the role", { membershipId: markerMembershipId }, "membershipId", "Dr Aisha Rahman does not hold the external examiner role here: invite them as an external examiner first"],
      ["a programme that leads to no award", { membershipId: markerMembershipId, programmeSlug: "asye" }, "programmeSlug", "Choose one of your university&#x27;s Masters programmes"],
      ["an end before the start", { startsOn: "2027-09-01", endsOn: "2027-08-31" }, "endsOn", "The end date must be the same as or after the start date"],
      ["a term over four years", { startsOn: day(today()), endsOn: day(addDays(today(), 4 * 366)) }, "endsOn", "A term can be at most 4 years"],
      ["a term already over", { startsOn: "2020-09-01", endsOn: "2021-08-31" }, "endsOn", "The end date has passed"],
      ["a date that is not one", { startsOn: "2027-02-30" }, "startsOn", "Enter a real date"],
      ["no dates", { startsOn: "", endsOn: "" }, "startsOn", "Enter the first day of the term"],
    ];
    for (const [label, fields, field, message] of cases) {
      const answer = await appoint(cookies.simon, { membershipId: markerMembershipId, ...fields });
      expect(answer.status, label).toBe(400);
      expect(answer.html, label).toContain(message);
      expect(answer.html, label).toContain(`id="${field}-error"`);
      expect(answer.html, label).toContain('class="error-summary"');
    }
    // Grace already holds a current appointment: another that shares a day is refused, saying which.
    const [graceMembership] = await t.db.select({ id: courseworkExaminers.membershipId }).from(courseworkExaminers).where(eq(courseworkExaminers.id, graceAppointmentId));
    const overlap = await appoint(cookies.simon, { membershipId: graceMembership!.id, startsOn: day(addDays(today(), 30)) });
    expect(overlap.status).toBe(400);
    expect(overlap.html).toContain("Professor Grace Adebayo is already appointed to MA Advanced Social Work Practice from");
    expect(overlap.html).toContain(`value="${day(addDays(today(), 30))}"`);

    // Ending needs a reason, shown beside that appointment's own box.
    const noReason = await end(cookies.simon, graceAppointmentId, "  ");
    expect(noReason.status).toBe(400);
    expect(noReason.html).toContain("Say why the appointment ends early");
    expect(noReason.html).toContain(`id="reason-${graceAppointmentId}-error"`);
    expect(noReason.html).toContain(`href="#reason-${graceAppointmentId}"`);
    const unknown = await end(cookies.simon, randomUUID(), "Left the university.");
    expect(unknown.status).toBe(400);
    expect(unknown.html).toContain("We could not find that appointment");
    expect(await tables()).toEqual(before);
  });
});

describe("an examiner's access", () => {
  it("is a plain page saying whom to ask until they are appointed, then the programme's marking, until the appointment is ended", async () => {
    const kofi = await signedIn(t.db, eastbridgeId, "external_examiner", "Dr Kofi Mensah");
    const waiting = await handle(get("/examining", kofi.cookie));
    expect(waiting.status).toBe(200);
    const waitingHtml = await html(waiting);
    expect(waitingHtml).toContain("You are not appointed to examine a programme at present");
    expect(waitingHtml).toContain("Simon Fairweather");
    expect(waitingHtml).toContain("simon.fairweather@eastbridge.example");
    expect(waitingHtml).not.toContain("Leading practice and change");
    const [assignment] = await t.db.select({ id: courseworkAssignments.id }).from(courseworkAssignments).where(eq(courseworkAssignments.organisationId, eastbridgeId)).limit(1);
    expect((await handle(post("/examining", new URLSearchParams({ assignmentId: assignment!.id, comment: "Too soon." }), kofi.cookie))).status).toBe(403);

    const appointed = await appoint(cookies.simon, { membershipId: kofi.current.active!.id });
    expect(appointed.status).toBe(302);
    const [row] = await t.db.select().from(courseworkExaminers).where(eq(courseworkExaminers.membershipId, kofi.current.active!.id));
    expect(row).toMatchObject({ appointedById: simonId, appointedByRole: "programme_lead", programmeSlug: "masters" });
    expect(appointed.location).toBe(`${PAGE}?appointed=${row!.id}#appointment-${row!.id}`);
    const notice = await html(handle(get(`${PAGE}?appointed=${row!.id}`, cookies.simon)));
    expect(notice).toContain("Dr Kofi Mensah is appointed external examiner of MA Advanced Social Work Practice");

    const reading = await html(handle(get("/examining", kofi.cookie)));
    expect(reading).toContain("Examining: MA Advanced Social Work Practice");
    expect(reading).toContain("Leading practice and change");
    expect(reading).toContain("Your appointment runs from");
    expect((await handle(post("/examining", new URLSearchParams({ assignmentId: assignment!.id, comment: "Read the sample." }), kofi.cookie))).status).toBe(302);

    const ended = await end(cookies.simon, row!.id, "Appointed by mistake: Dr Mensah examines at Westford.");
    expect(ended.status).toBe(302);
    const [ending] = await t.db.select().from(courseworkExaminerEndings).where(eq(courseworkExaminerEndings.appointmentId, row!.id));
    expect(ending).toMatchObject({ endedById: simonId, endedByRole: "programme_lead", reason: "Appointed by mistake: Dr Mensah examines at Westford." });
    const after = await handle(get("/examining", kofi.cookie));
    expect(after.status).toBe(200);
    const afterHtml = await html(after);
    expect(afterHtml).toContain("was ended on");
    expect(afterHtml).toContain("To be appointed again, ask");
    expect(afterHtml).not.toContain("Leading practice and change");
    expect((await handle(post("/examining", new URLSearchParams({ assignmentId: assignment!.id, comment: "Still here?" }), kofi.cookie))).status).toBe(403);
    expect((await end(cookies.simon, row!.id, "Again.")).html).toContain("already been ended");

    // Both steps are in the audit trail, in words, naming who and in which role.
    const trail = await t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, kofi.current.active!.id));
    expect(trail.map((e) => [e.action, e.actorUserId, e.actorRole])).toEqual([
      ["coursework.examiner_appointed", simonId, "programme_lead"],
      ["coursework.examiner_appointment_ended", simonId, "programme_lead"],
    ]);
    const words = await html(handle(get("/organisation/audit", cookies.simon)));
    expect(words).toContain("Simon Fairweather appointed Dr Kofi Mensah external examiner of MA Advanced Social Work Practice from");
    expect(words).toContain("Simon Fairweather ended Dr Kofi Mensah&#x27;s appointment as external examiner of MA Advanced Social Work Practice early, because “Appointed by mistake");

    // An ended appointment does not stand in the way of another.
    expect((await appoint(cookies.simon, { membershipId: kofi.current.active!.id })).status).toBe(302);
    expect(await html(handle(get("/examining", kofi.cookie)))).toContain("Examining: MA Advanced Social Work Practice");
  });

  it("is nothing outside the term: before its first day and after its last", async () => {
    const early = await signedIn(t.db, eastbridgeId, "external_examiner", "Dr Early Bird");
    const late = await signedIn(t.db, eastbridgeId, "external_examiner", "Dr Late Comer");
    expect((await appoint(cookies.simon, { membershipId: early.current.active!.id, startsOn: day(addDays(today(), 1)), endsOn: day(addDays(today(), 400)) })).status).toBe(302);
    // A term that has run out (written as it was when it was current).
    await t.db.insert(courseworkExaminers).values({
      membershipId: late.current.active!.id,
      organisationId: eastbridgeId,
      programmeSlug: "masters",
      startsOn: day(subDays(today(), 800)),
      endsOn: day(subDays(today(), 1)),
      appointedById: simonId,
      appointedByRole: "programme_lead",
      appointedAt: subDays(today(), 830),
    });
    const upcoming = await html(handle(get("/examining", early.cookie)));
    expect(upcoming).toContain("Your appointment has not started yet");
    expect(upcoming).not.toContain("Leading practice and change");
    const over = await html(handle(get("/examining", late.cookie)));
    expect(over).toContain("Your term as external examiner of MA Advanced Social Work Practice ended on");
    expect(over).not.toContain("Leading practice and change");
    const [expired] = await t.db.select({ id: courseworkExaminers.id }).from(courseworkExaminers).where(eq(courseworkExaminers.membershipId, late.current.active!.id));
    expect((await end(cookies.simon, expired!.id, "Tidying up.")).html).toContain("there is nothing left to end");
  });

  it("and another university's examiner sees nothing of Eastbridge's while unappointed", async () => {
    const page = await html(handle(get("/examining", westfordExaminer.cookie)));
    expect(page).toContain("You are not appointed to examine a programme at present");
    expect(page).toContain("Olu Bright");
    expect(page).not.toContain("Simon Fairweather");
  });
});

describe("appointments and their endings", () => {
  it("refuse UPDATE and DELETE at the database", async () => {
    expect(await failureOf(t.db.update(courseworkExaminers).set({ endsOn: "2099-12-31" }).where(eq(courseworkExaminers.id, graceAppointmentId)))).toMatch(/append-only/);
    expect(await failureOf(t.db.delete(courseworkExaminers).where(eq(courseworkExaminers.id, graceAppointmentId)))).toMatch(/append-only/);
    expect(await failureOf(t.db.update(courseworkExaminerEndings).set({ reason: "Changed" }))).toMatch(/append-only/);
    expect(await failureOf(t.db.delete(courseworkExaminerEndings))).toMatch(/append-only/);
    // And a term over four years, or ending before it starts, whoever writes it.
    const base = { membershipId: westfordExaminer.current.active!.id, organisationId: eastbridgeId, programmeSlug: "masters", appointedById: simonId, appointedByRole: "programme_lead" };
    expect(await failureOf(t.db.insert(courseworkExaminers).values({ ...base, startsOn: "2027-09-01", endsOn: "2031-09-01" }))).toMatch(/coursework_examiners_term/);
    expect(await failureOf(t.db.insert(courseworkExaminers).values({ ...base, startsOn: "2027-09-01", endsOn: "2027-08-31" }))).toMatch(/coursework_examiners_term/);
  });
});
