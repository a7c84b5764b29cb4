/**
 * Shared multi-agency sessions of the CP lead programme (issue 21, ADR 026) against a real database,
 * through the site as a browser would use it, on the demo world's Northmoor: the lead sets up a
 * session with a handout and invites a learner and a police partner, and invites a health partner
 * who is new to the platform through the invitation to join; the partners see their sessions and
 * materials and nothing else (a learner's record, portfolio, career record, other sessions); the
 * facilitator keeps the register once the session has started, and a learner's attendance becomes
 * evidence for CPL-2.5, bound to the register entry, corrected by a new entry. The register refuses
 * UPDATE and DELETE.
 */
import { and, desc, eq } from "drizzle-orm";
import {
  enrolments,
  evidenceItems,
  evidenceVersions,
  memberships,
  sharedSessionInvitees,
  sharedSessionMaterials,
  sharedSessionRegister,
  sharedSessions,
  users,
} from "#db/schema";
import { PARTNERS } from "#db/seed/demo-world";
import { acceptInvitation } from "~/modules/auth/accounts.server";
import { attendanceSourceKey } from "~/modules/shared-sessions/rules";
import { withTestDatabase } from "../support/database";
import { failureOf } from "../support/errors";
import { emailsTo, requestFrom, tokenFromLink } from "../support/fixtures";
import { get, post, seedDemoWorld, sessionFor, siteHandler, type Handler } from "../support/site";

const t = withTestDatabase();
let handle: Handler;
const cookies: Record<string, string> = {};
const people: Record<string, { id: string }> = {};
let sophieEnrolment = "";
let sophieMembership = "";
let karenMembership = "";
let sessionId = "";

const PDF: Buffer = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

function multipart(fields: [string, string][], file?: { field: string; name: string; bytes: Buffer }) {
  const body = new FormData();
  for (const [name, value] of fields) body.append(name, value);
  if (file) body.append(file.field, new File([new Uint8Array(file.bytes)], file.name, { type: "application/pdf" }));
  return body;
}

async function userByEmail(email: string) {
  const [row] = await t.db.select().from(users).where(eq(users.email, email));
  return row!;
}

beforeAll(async () => {
  await seedDemoWorld(t.db);
  handle = (await siteHandler()).handle;
  for (const [who, email] of [
    ["priya", "priya.shah@northmoor.example"],
    ["sophie", "sophie.bennett@northmoor.example"],
    ["karen", PARTNERS.police],
    ["daniel", "daniel.okafor@northmoor.example"],
    ["marcus", "marcus.reid@riverside.example"],
  ] as const) {
    cookies[who] = await sessionFor(t.db, email);
    people[who] = await userByEmail(email);
  }
  const [enrolment] = await t.db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.userId, people.sophie!.id), eq(enrolments.programmeSlug, "cp-lead-practitioner")));
  sophieEnrolment = enrolment!.id;
  const [sophie] = await t.db.select().from(memberships).where(eq(memberships.userId, people.sophie!.id));
  sophieMembership = sophie!.id;
  const [karen] = await t.db.select().from(memberships).where(eq(memberships.userId, people.karen!.id));
  karenMembership = karen!.id;
}, 180_000);

describe("setting up a shared session", () => {
  it("lets the lead add a session with a handout, inviting a learner on the programme and a police partner", async () => {
    const refused = await handle(
      post(
        "/organisation/shared-sessions/new",
        multipart([
          ["topic", "multi-agency-child-protection-practice/conferences-plans-and-core-groups"],
          ["day", yesterday()],
          ["time", "10:00"],
          ["minutes", "180"],
          ["facilitatorId", people.priya!.id],
        ]),
        cookies.priya,
      ),
    );
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Enter where the session is held, an online link, or both");
    const made = await handle(
      post(
        "/organisation/shared-sessions/new",
        multipart(
          [
            ["topic", "multi-agency-child-protection-practice/conferences-plans-and-core-groups"],
            ["day", yesterday()],
            ["time", "10:00"],
            ["minutes", "180"],
            ["place", "Northmoor Civic Centre, Committee Room 2"],
            ["facilitatorId", people.priya!.id],
            ["learners", sophieEnrolment],
            ["partners", karenMembership],
          ],
          { field: "material", name: "core-group-briefing.pdf", bytes: PDF },
        ),
        cookies.priya,
      ),
    );
    expect(made.status).toBe(302);
    sessionId = /\/shared-sessions\/([0-9a-f-]{36})/.exec(made.headers.get("location")!)![1]!;
    const invitees = await t.db.select().from(sharedSessionInvitees).where(eq(sharedSessionInvitees.sessionId, sessionId));
    expect(invitees.map((i) => [i.party, i.userId]).sort()).toEqual(
      [
        ["learner", people.sophie!.id],
        ["partner", people.karen!.id],
      ].sort(),
    );
    expect(invitees.find((i) => i.party === "learner")!.enrolmentId).toBe(sophieEnrolment);
    const [material] = await t.db.select().from(sharedSessionMaterials).where(eq(sharedSessionMaterials.sessionId, sessionId));
    expect(material).toMatchObject({ fileName: "core-group-briefing.pdf", contentType: "application/pdf" });
  });

  it("refuses to invite someone who is not on the programme there, and a facilitator who is not staff", async () => {
    const [hannah] = await t.db.select().from(enrolments).innerJoin(users, eq(users.id, enrolments.userId)).where(eq(users.email, "hannah.clarke@eastbridge.example"));
    const base: [string, string][] = [
      ["topic", "joint-working-with-police-and-health"],
      ["day", yesterday()],
      ["time", "10:00"],
      ["minutes", "60"],
      ["link", "https://meet.example/cp"],
    ];
    const outsider = await handle(post("/organisation/shared-sessions/new", multipart([...base, ["facilitatorId", people.priya!.id], ["learners", hannah!.enrolments.id]]), cookies.priya));
    expect(outsider.status).toBe(400);
    const learnerFacilitates = await handle(post("/organisation/shared-sessions/new", multipart([...base, ["facilitatorId", people.sophie!.id]]), cookies.priya));
    expect(learnerFacilitates.status).toBe(400);
    expect(await learnerFacilitates.text()).toContain("Choose the facilitator from your organisation");
  });

  it("invites a partner new to the platform through the invitation to join, with their agency and sessions", async () => {
    const upcoming = (await t.db.select().from(sharedSessions)).filter((s) => s.startsAt.getTime() > Date.now());
    expect(upcoming.length).toBeGreaterThan(0);
    const noSessions = await handle(
      post(
        "/organisation/invite",
        new URLSearchParams({ name: "Tom Ashworth", email: "tom.ashworth@northmoorschools.example", role: "partner", agencyKind: "education", agency: "Northmoor Primary" }),
        cookies.priya,
      ),
    );
    expect(noSessions.status).toBe(400);
    expect(await noSessions.text()).toContain("Choose at least one shared session");
    const body = new URLSearchParams({
      name: "Tom Ashworth",
      email: "tom.ashworth@northmoorschools.example",
      role: "partner",
      jobTitle: "Designated safeguarding lead",
      agencyKind: "education",
      agency: "Northmoor Primary School",
    });
    // A session already held is not one to invite anyone to.
    const past = new URLSearchParams(body);
    past.append("sessions", sessionId);
    expect((await handle(post("/organisation/invite", past, cookies.priya))).status).toBe(400);
    body.append("sessions", upcoming[0]!.id);
    expect((await handle(post("/organisation/invite", body, cookies.priya))).status).toBe(302);
    const [email] = await emailsTo("tom.ashworth@northmoorschools.example");
    const accepted = await acceptInvitation(tokenFromLink(email!, "/invitations"), "Pathways-demo-2026", requestFrom());
    expect(accepted.ok).toBe(true);
    const tom = accepted.ok ? accepted.userId : "";
    const [member] = await t.db.select().from(memberships).where(eq(memberships.userId, tom));
    expect(member).toMatchObject({ role: "partner", agencyKind: "education", agency: "Northmoor Primary School" });
    const theirs = await t.db.select().from(sharedSessionInvitees).where(eq(sharedSessionInvitees.userId, tom));
    expect(theirs.map((i) => i.sessionId)).toEqual([upcoming[0]!.id]);
    expect((await (await handle(get("/shared-sessions", await sessionFor(t.db, "tom.ashworth@northmoorschools.example")))).text())).toContain("Sharing information lawfully");
  });
});

describe("what a partner sees", () => {
  it("lists their sessions, upcoming and past, and lets them open one and download its materials", async () => {
    const home = await handle(get("/home", cookies.karen));
    expect(home.headers.get("location")).toBe("/shared-sessions");
    const list = await (await handle(get("/shared-sessions", cookies.karen))).text();
    expect(list).toContain("Conferences, plans and core groups");
    expect(list).toContain("Strategy discussions and joint section 47 enquiries");
    expect(list).toContain("Upcoming");
    const page = await (await handle(get(`/shared-sessions/${sessionId}`, cookies.karen))).text();
    expect(page).toContain("core-group-briefing.pdf");
    // Nothing of anyone's attendance or record: no register, no list of who else is invited.
    expect(page).not.toContain("Attendance register");
    expect(page).not.toContain("Sophie Bennett");
    const [material] = await t.db.select().from(sharedSessionMaterials).where(eq(sharedSessionMaterials.sessionId, sessionId));
    const file = await handle(get(`/shared-sessions/${sessionId}/files/${material!.id}`, cookies.karen));
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
  });

  it("refuses them a learner's record, portfolio, assessment and career record, other sessions and the lead's pages", async () => {
    const [ecdp] = await t.db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.userId, people.sophie!.id), eq(enrolments.programmeSlug, "early-career")));
    const [notInvited] = await t.db
      .select({ id: sharedSessions.id })
      .from(sharedSessions)
      .where(eq(sharedSessions.lessonSlug, "achieving-best-evidence-and-medical-assessments"));
    for (const path of [
      `/learners/${sophieMembership}`,
      `/assessment/${sophieEnrolment}`,
      `/year/${sophieEnrolment}/portfolio`,
      `/year/${ecdp!.id}`,
      `/members/${sophieMembership}/career`,
      "/career",
      "/learning",
      "/organisation",
      "/organisation/shared-sessions",
      `/shared-sessions/${notInvited!.id}`,
      "/programmes/cp-lead-practitioner/joint-working-with-police-and-health/strategy-discussions-and-joint-enquiries",
    ]) {
      const response = await handle(get(path, cookies.karen));
      expect([403, 404], path).toContain(response.status);
    }
    // Their own account is theirs.
    expect((await handle(get("/account", cookies.karen))).status).toBe(200);
  });

  it("is refused the register, invitations and materials of a session they are invited to", async () => {
    const response = await handle(post(`/shared-sessions/${sessionId}`, new URLSearchParams({ intent: "register", [`status-${people.karen!.id}`]: "attended" }), cookies.karen));
    expect(response.status).toBe(403);
    expect(await t.db.select().from(sharedSessionRegister).where(eq(sharedSessionRegister.sessionId, sessionId))).toEqual([]);
  });

  it("does not let another council's lead see the session", async () => {
    expect((await handle(get(`/shared-sessions/${sessionId}`, cookies.marcus))).status).toBe(404);
  });
});

describe("the register", () => {
  const register = (id: string, statuses: Record<string, string>, cookie?: string) =>
    handle(post(`/shared-sessions/${id}`, new URLSearchParams({ intent: "register", ...Object.fromEntries(Object.entries(statuses).map(([k, v]) => [`status-${k}`, v])) }), cookie));

  async function sophiesEvidence() {
    const [item] = await t.db.select().from(evidenceItems).where(eq(evidenceItems.sourceKey, attendanceSourceKey(sessionId, sophieEnrolment)));
    if (!item) return null;
    const versions = await t.db.select().from(evidenceVersions).where(eq(evidenceVersions.itemId, item.id)).orderBy(desc(evidenceVersions.version));
    return { item, versions };
  }

  it("opens only when the session has started", async () => {
    const [upcoming] = (await t.db.select().from(sharedSessions).where(eq(sharedSessions.lessonSlug, "sharing-information-lawfully"))).filter((s) => s.startsAt.getTime() > Date.now());
    const response = await register(upcoming!.id, { [people.sophie!.id]: "attended" }, cookies.priya);
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("The register opens when the session starts");
  });

  it("makes a learner's attendance evidence for CPL-2.5, bound to the register entry, on their assessment page", async () => {
    expect(await sophiesEvidence()).toBeNull();
    const response = await register(sessionId, { [people.sophie!.id]: "attended", [people.karen!.id]: "attended" }, cookies.priya);
    expect(response.status).toBe(302);
    const entries = await t.db.select().from(sharedSessionRegister).where(eq(sharedSessionRegister.sessionId, sessionId));
    expect(entries).toHaveLength(2);
    const sophies = entries.find((e) => e.userId === people.sophie!.id)!;
    expect(sophies).toMatchObject({ status: "attended", recordedById: people.priya!.id, recordedByRole: "programme_lead" });
    const evidence = await sophiesEvidence();
    expect(evidence!.item.kind).toBe("shared_session");
    expect(evidence!.versions[0]!.capabilities).toEqual(["CPL-2.5"]);
    expect(evidence!.versions[0]!.details).toMatchObject({ registerEntry: sophies.id, session: sessionId, partners: "Police" });
    const page = await (await handle(get(`/assessment/${sophieEnrolment}`, cookies.sophie))).text();
    expect(page).toContain("Shared session: Conferences, plans and core groups");
    // Saving the register as it stands writes nothing.
    expect((await register(sessionId, { [people.sophie!.id]: "attended" }, cookies.priya)).status).toBe(302);
    expect(await t.db.select().from(sharedSessionRegister).where(eq(sharedSessionRegister.sessionId, sessionId))).toHaveLength(2);
  });

  it("keeps a correction as a new entry; the latest stands, and the evidence follows it", async () => {
    await register(sessionId, { [people.sophie!.id]: "absent" }, cookies.priya);
    let evidence = await sophiesEvidence();
    expect(evidence!.versions[0]!.version).toBe(2);
    expect(evidence!.versions[0]!.capabilities).toEqual([]);
    expect(evidence!.versions[0]!.title).toContain("(absent)");
    await register(sessionId, { [people.sophie!.id]: "attended" }, cookies.priya);
    evidence = await sophiesEvidence();
    expect(evidence!.versions[0]!.capabilities).toEqual(["CPL-2.5"]);
    const hers = await t.db
      .select()
      .from(sharedSessionRegister)
      .where(and(eq(sharedSessionRegister.sessionId, sessionId), eq(sharedSessionRegister.userId, people.sophie!.id)));
    expect(hers.map((e) => e.status).sort()).toEqual(["absent", "attended", "attended"]);
    const page = await (await handle(get(`/shared-sessions/${sessionId}`, cookies.sophie))).text();
    expect(page).toContain("Your attendance");
    expect(page).toContain("Attended");
  });

  it("is kept by the facilitator only: the lead of a session someone else facilitates cannot, the facilitator can", async () => {
    const made = await handle(
      post(
        "/organisation/shared-sessions/new",
        multipart([
          ["topic", "joint-working-with-police-and-health/sharing-information-lawfully"],
          ["day", yesterday()],
          ["time", "14:00"],
          ["minutes", "90"],
          ["link", "https://meet.northmoor.example/cp"],
          ["facilitatorId", people.daniel!.id],
          ["learners", sophieEnrolment],
        ]),
        cookies.priya,
      ),
    );
    const id = /\/shared-sessions\/([0-9a-f-]{36})/.exec(made.headers.get("location")!)![1]!;
    expect((await register(id, { [people.sophie!.id]: "apologies" }, cookies.priya)).status).toBe(403);
    expect((await register(id, { [people.sophie!.id]: "apologies" }, cookies.sophie)).status).toBe(403);
    expect((await handle(get(`/shared-sessions/${id}`, cookies.daniel))).status).toBe(200);
    expect((await register(id, { [people.sophie!.id]: "apologies" }, cookies.daniel)).status).toBe(302);
    const [entry] = await t.db.select().from(sharedSessionRegister).where(eq(sharedSessionRegister.sessionId, id));
    expect(entry).toMatchObject({ status: "apologies", recordedById: people.daniel!.id, recordedByRole: "supervisor" });
    // Apologies are no evidence: nothing is written to the portfolio.
    expect(await t.db.select().from(evidenceItems).where(eq(evidenceItems.sourceKey, attendanceSourceKey(id, sophieEnrolment)))).toEqual([]);
    // Someone not invited is not on the register's form, and nothing is recorded for them.
    await register(id, { [people.karen!.id]: "attended" }, cookies.daniel);
    expect(await t.db.select().from(sharedSessionRegister).where(and(eq(sharedSessionRegister.sessionId, id), eq(sharedSessionRegister.userId, people.karen!.id)))).toHaveLength(0);
  });

  it("refuses UPDATE and DELETE at the database", async () => {
    expect(await failureOf(t.db.update(sharedSessionRegister).set({ status: "absent" }))).toMatch(/append-only/);
    expect(await failureOf(t.db.delete(sharedSessionRegister))).toMatch(/append-only/);
    expect(await failureOf(t.db.update(sharedSessionRegister).set({ recordedById: people.sophie!.id }).where(eq(sharedSessionRegister.sessionId, sessionId)))).toMatch(/append-only/);
  });
});
