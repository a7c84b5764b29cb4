/**
 * The platform admin's changes against a real database: each is audited naming who did it, and the
 * guard rails hold (no admin deactivates themselves, nothing leaves the platform without an admin,
 * a deactivated person's sessions end at once and a deactivated organisation is left out of every
 * session while its records stay). The admin's counts agree with the organisation's own page.
 */
import { and, eq } from "drizzle-orm";
import { auditEvents, invitations, memberships, sessions } from "#db/schema";
import { createInvitation, describeInvitation, signIn } from "~/modules/auth/accounts.server";
import { createSession, generateToken, validateSessionToken } from "~/modules/auth/session.server";
import {
  changeMemberRole,
  createOrganisation,
  findPeople,
  renameOrganisation,
  resendInvitation,
  setAccountActive,
  setOrganisationActive,
} from "~/modules/organisations/admin.server";
import { LAST_ADMIN } from "~/modules/organisations/admin";
import { listOrganisationsWithCounts, listPeople } from "~/modules/organisations/memberships.server";
import { headcount } from "~/modules/organisations/people";
import { withTestDatabase } from "../support/database";
import { emailsTo, makeMembership, makeOrganisation, makeUser, ORIGIN, requestFrom, tokenFromLink } from "../support/fixtures";

const t = withTestDatabase();

async function platform() {
  const org = await makeOrganisation(t.db, { kind: "platform", name: `Platform ${Math.random()}` });
  const alex = await makeUser(t.db, { name: "Alex Morgan" });
  const alexAdmin = await makeMembership(t.db, { userId: alex.id, organisationId: org.id, role: "admin" });
  const actor = { userId: alex.id, role: "admin", organisationId: org.id, ipAddress: "203.0.113.9" };
  return { org, alex, alexAdmin, actor };
}

async function auditOf(action: string, subjectId: string) {
  return t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.subjectId, subjectId)));
}

async function sessionOf(userId: string) {
  const token = generateToken();
  await createSession(token, userId);
  return token;
}

let p: Awaited<ReturnType<typeof platform>>;
beforeAll(async () => {
  p = await platform();
});

describe("organisations", () => {
  it("adds one with a free address and renames it, each audited with who and why", async () => {
    const first = await createOrganisation(p.actor, { name: "Eastmoor District Council", kind: "council", region: "North West" });
    expect(first.ok).toBe(true);
    const again = await createOrganisation(p.actor, { name: "eastmoor district council", kind: "council", region: null });
    expect(again).toEqual({ ok: false, field: "name", message: "An organisation already has this name" });
    if (!first.ok) throw new Error("not added");
    expect(await renameOrganisation(p.actor, first.id, "Eastmoor Borough Council")).toEqual({ ok: true });
    const [created] = await auditOf("organisation.created", first.id);
    expect(created).toMatchObject({ actorUserId: p.alex.id, actorRole: "admin", organisationId: first.id, ipAddress: "203.0.113.9" });
    const [renamed] = await auditOf("organisation.renamed", first.id);
    expect(renamed!.detail).toEqual({ from: "Eastmoor District Council", to: "Eastmoor Borough Council" });
  });

  it("deactivating one stops its members working in it and keeps everything; reactivating lets them back", async () => {
    const org = await makeOrganisation(t.db, { name: "Westbrook Council" });
    const other = await makeOrganisation(t.db, { name: "Aardvark Trust" });
    const priya = await makeUser(t.db, { name: "Priya Shah" });
    await makeMembership(t.db, { userId: priya.id, organisationId: org.id, role: "programme_lead" });
    await makeMembership(t.db, { userId: priya.id, organisationId: other.id, role: "supervisor" });
    const token = await sessionOf(priya.id);
    expect((await validateSessionToken(token))!.memberships.map((m) => m.organisationId).sort()).toEqual([org.id, other.id].sort());

    expect(await setOrganisationActive(p.actor, org.id, false, "Contract ended")).toEqual({ ok: true });
    const after = await validateSessionToken(token);
    expect(after!.memberships.map((m) => m.organisationId)).toEqual([other.id]);
    // Kept: the membership row is still there, only left out.
    expect(await t.db.select().from(memberships).where(eq(memberships.organisationId, org.id))).toHaveLength(1);
    const [event] = await auditOf("organisation.deactivated", org.id);
    expect(event).toMatchObject({ actorUserId: p.alex.id, organisationId: org.id, detail: { reason: "Contract ended" } });

    expect(await setOrganisationActive(p.actor, org.id, true, null)).toEqual({ ok: true });
    expect((await validateSessionToken(token))!.memberships).toHaveLength(2);
    expect(await auditOf("organisation.reactivated", org.id)).toHaveLength(1);
  });

  it("refuses to deactivate the admin's own organisation, or the last one holding an admin", async () => {
    const own = await setOrganisationActive(p.actor, p.org.id, false, "tidying up");
    expect(own).toMatchObject({ ok: false, message: "You cannot deactivate the organisation you are working in." });
    // Another admin, acting from elsewhere, is still refused: every admin is in this one.
    const second = await makeOrganisation(t.db, { kind: "platform", name: "Second team" });
    const sam = await makeUser(t.db, { name: "Sam Admin" });
    const samAdmin = await makeMembership(t.db, { userId: sam.id, organisationId: second.id, role: "admin" });
    await t.db.update(memberships).set({ active: false }).where(eq(memberships.id, samAdmin.id));
    const fromElsewhere = { ...p.actor, userId: sam.id, organisationId: second.id };
    expect(await setOrganisationActive(fromElsewhere, p.org.id, false, "tidying up")).toMatchObject({ ok: false, message: LAST_ADMIN });
    expect(await auditOf("organisation.deactivated", p.org.id)).toHaveLength(0);
  });
});

describe("people", () => {
  it("finds people by part of their name or email, with where they work", async () => {
    const org = await makeOrganisation(t.db, { name: "Findley Council" });
    const noemie = await makeUser(t.db, { name: "Noémie Ní Bhriain", email: "noemie.nibhriain@findley.example" });
    await makeMembership(t.db, { userId: noemie.id, organisationId: org.id, role: "learner" });
    expect((await findPeople("ní bhriain")).map((f) => f.email)).toEqual(["noemie.nibhriain@findley.example"]);
    expect((await findPeople("NIBHRIAIN@"))[0]!.memberships).toEqual([{ role: "learner", organisation: "Findley Council" }]);
    expect(await findPeople("%")).toEqual([]);
  });

  it("deactivating someone ends their sessions at once and stops them signing in; reactivating lets them", async () => {
    const org = await makeOrganisation(t.db);
    const daniel = await makeUser(t.db, { name: "Daniel Okafor", password: "Correct-horse-battery-9" });
    await makeMembership(t.db, { userId: daniel.id, organisationId: org.id, role: "supervisor" });
    const token = await sessionOf(daniel.id);
    expect(await validateSessionToken(token)).not.toBeNull();

    expect(await setAccountActive(p.actor, daniel.id, false, "Left Northmoor")).toEqual({ ok: true });
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, daniel.id))).toEqual([]);
    expect(await validateSessionToken(token)).toBeNull();
    expect(await signIn(daniel.email, "Correct-horse-battery-9", requestFrom())).toEqual({ ok: false, reason: "invalid" });
    const [event] = await auditOf("user.deactivated", daniel.id);
    expect(event).toMatchObject({ actorUserId: p.alex.id, actorRole: "admin", detail: { reason: "Left Northmoor" } });

    expect(await setAccountActive(p.actor, daniel.id, true, null)).toEqual({ ok: true });
    expect(await signIn(daniel.email, "Correct-horse-battery-9", requestFrom())).toMatchObject({ ok: true });
  });

  it("refuses an admin their own account, and the last admin's", async () => {
    expect(await setAccountActive(p.actor, p.alex.id, false, "testing")).toMatchObject({
      ok: false,
      field: "reason",
      message: expect.stringMatching(/your own account/),
    });
    // A second admin may deactivate Alex while Alex is not the last; then Alex is gone, and the
    // second admin is the last: no one can take them away.
    const kim = await makeUser(t.db, { name: "Kim Admin" });
    await makeMembership(t.db, { userId: kim.id, organisationId: p.org.id, role: "admin" });
    const asKim = { ...p.actor, userId: kim.id };
    expect(await setAccountActive(asKim, p.alex.id, false, "leaving")).toEqual({ ok: true });
    const lee = await makeUser(t.db, { name: "Lee Admin" });
    const leeAdmin = await makeMembership(t.db, { userId: lee.id, organisationId: p.org.id, role: "admin" });
    // Lee's account is deactivated by Kim; then Kim is the last admin, and reactivating Alex restores two.
    expect(await setAccountActive(asKim, lee.id, false, "temporary")).toEqual({ ok: true });
    const asLee = { ...p.actor, userId: lee.id };
    expect(await setAccountActive(asLee, kim.id, false, "a stale page")).toMatchObject({ ok: false, message: LAST_ADMIN });
    expect(await changeMemberRole(asLee, leeAdmin.id, "admin")).toMatchObject({ ok: false });
    expect(await setAccountActive(asKim, p.alex.id, true, null)).toEqual({ ok: true });
    expect(await setAccountActive(asKim, lee.id, true, null)).toEqual({ ok: true });
  });

  it("changes a member's role in their organisation, audited there, and refuses a role they already hold", async () => {
    const org = await makeOrganisation(t.db, { name: "Rolesby Council" });
    const helen = await makeUser(t.db, { name: "Helen Marsh" });
    const supervisor = await makeMembership(t.db, { userId: helen.id, organisationId: org.id, role: "supervisor" });
    await makeMembership(t.db, { userId: helen.id, organisationId: org.id, role: "assessor" });
    expect(await changeMemberRole(p.actor, supervisor.id, "assessor")).toMatchObject({
      ok: false,
      field: "role",
      message: "Helen Marsh already holds the role of assessor at Rolesby Council",
    });
    expect(await changeMemberRole(p.actor, supervisor.id, "admin")).toMatchObject({ ok: false, field: "role" });
    expect(await changeMemberRole(p.actor, supervisor.id, "team_manager")).toEqual({ ok: true });
    const [row] = await t.db.select().from(memberships).where(eq(memberships.id, supervisor.id));
    expect(row!.role).toBe("team_manager");
    const [event] = await auditOf("membership.role_changed", supervisor.id);
    expect(event).toMatchObject({ actorUserId: p.alex.id, organisationId: org.id, detail: { from: "supervisor", to: "team_manager" } });
    expect(await changeMemberRole(p.actor, p.alexAdmin.id, "admin")).toMatchObject({ ok: false });
  });

  it("sends an invitation again with a new link; the old link stops working", async () => {
    const org = await makeOrganisation(t.db, { name: "Invitely Council" });
    const lead = await makeUser(t.db, { name: "Priya Shah" });
    const invitation = await createInvitation(
      { userId: lead.id, name: "Priya Shah", role: "programme_lead", organisationId: org.id, organisationName: org.name },
      { name: "Tom Gallagher", email: "tom.gallagher@invitely.example", role: "learner" },
      requestFrom(),
    );
    const oldToken = tokenFromLink((await emailsTo("tom.gallagher@invitely.example"))[0]!, "/invitations");
    const sent = await resendInvitation(p.actor, invitation.id, ORIGIN);
    expect(sent).toEqual({ ok: true, email: "tom.gallagher@invitely.example" });
    const mails = await emailsTo("tom.gallagher@invitely.example");
    expect(mails).toHaveLength(2);
    expect(mails[0]!.text).toContain("Priya Shah at Invitely Council has invited you");
    const newToken = tokenFromLink(mails[0]!, "/invitations");
    expect(newToken).not.toBe(oldToken);
    expect(await describeInvitation(oldToken)).toBeNull();
    expect(await describeInvitation(newToken)).toMatchObject({ name: "Tom Gallagher", organisationName: "Invitely Council" });
    const [event] = await auditOf("invitation.resent", invitation.id);
    expect(event).toMatchObject({ actorUserId: p.alex.id, organisationId: org.id });

    await t.db.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, invitation.id));
    expect(await resendInvitation(p.actor, invitation.id, ORIGIN)).toMatchObject({ ok: false });
    expect(await emailsTo("tom.gallagher@invitely.example")).toHaveLength(2);
  });

  it("does not send an invitation again into a deactivated organisation, and changes nothing", async () => {
    const org = await makeOrganisation(t.db, { name: "Closedown Council", deactivatedAt: new Date() });
    const lead = await makeUser(t.db);
    const invitation = await createInvitation(
      { userId: lead.id, name: "A Lead", role: "programme_lead", organisationId: org.id, organisationName: org.name },
      { name: "Late Invitee", email: "late@closedown.example", role: "learner" },
      requestFrom(),
    );
    const [before] = await t.db.select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(await resendInvitation(p.actor, invitation.id, ORIGIN)).toMatchObject({ ok: false, message: expect.stringMatching(/deactivated/) });
    const [after] = await t.db.select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(after!.tokenHash).toBe(before!.tokenHash);
    expect(await auditOf("invitation.resent", invitation.id)).toHaveLength(0);
  });
});

describe("counts", () => {
  it("are the organisation's own: each person once, however many staff roles they hold", async () => {
    const org = await makeOrganisation(t.db, { name: "Countly Council" });
    const helen = await makeUser(t.db, { name: "Helen Marsh" });
    await makeMembership(t.db, { userId: helen.id, organisationId: org.id, role: "supervisor" });
    await makeMembership(t.db, { userId: helen.id, organisationId: org.id, role: "assessor" });
    for (const name of ["Amara Nwosu", "Zainab Hussain"]) {
      const learner = await makeUser(t.db, { name });
      await makeMembership(t.db, { userId: learner.id, organisationId: org.id, role: "learner" });
    }
    const gone = await makeUser(t.db);
    await makeMembership(t.db, { userId: gone.id, organisationId: org.id, role: "learner", active: false });
    const listed = (await listOrganisationsWithCounts()).find((o) => o.id === org.id)!;
    expect(headcount(await listPeople(org.id))).toEqual({ learners: 2, staff: 1, partners: 0 });
    const { learners, staff } = headcount(await listPeople(org.id));
    expect({ learners: listed.learners, staff: listed.staff }).toEqual({ learners, staff });
  });
});
