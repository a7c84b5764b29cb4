import { and, eq } from "drizzle-orm";
import { invitations, memberships, users } from "#db/schema";
import {
  acceptInvitation,
  acceptInvitationAsUser,
  createInvitation,
  describeInvitation,
  signIn,
} from "~/modules/auth/accounts.server";
import { generateToken, validateSessionToken } from "~/modules/auth/session.server";
import { listAuditForOrganisation } from "~/modules/audit/audit.server";
import { listMembershipsForUser, listPendingInvitations } from "~/modules/organisations/memberships.server";
import { withTestDatabase } from "../support/database";
import {
  emailsTo,
  makeMembership,
  makeOrganisation,
  makeUser,
  ORIGIN,
  requestFrom,
  tokenFromLink,
} from "../support/fixtures";

const t = withTestDatabase();

const PASSWORD = "kettle orbit lantern moss";

async function leadOf(orgName: string) {
  const org = await makeOrganisation(t.db, { name: orgName });
  const lead = await makeUser(t.db, { name: `Lead of ${orgName}` });
  await makeMembership(t.db, { userId: lead.id, organisationId: org.id, role: "programme_lead" });
  const inviter = {
    userId: lead.id,
    name: lead.name,
    role: "programme_lead" as const,
    organisationId: org.id,
    organisationName: org.name,
  };
  return { org, lead, inviter };
}

/** Invites someone and returns the token from the emailed link. */
async function invite(
  inviter: Awaited<ReturnType<typeof leadOf>>["inviter"],
  person: {
    name: string;
    email: string;
    role: "learner" | "supervisor" | "assessor" | "programme_lead";
    jobTitle?: string;
  },
) {
  const invitation = await createInvitation(inviter, person, requestFrom());
  const mail = (await emailsTo(person.email.trim().toLowerCase())).find((m) =>
    m.subject.startsWith(inviter.organisationName),
  );
  if (!mail) throw new Error(`No invitation email to ${person.email}`);
  return { invitation, mail, token: tokenFromLink(mail, "/invitations") };
}

async function membershipsOf(userId: string, organisationId: string) {
  return t.db
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId)));
}

describe("inviting someone", () => {
  it("emails them a 14-day link from their organisation and describes the invitation to them", async () => {
    const { org, inviter } = await leadOf("Northmoor City Council");
    const { mail, token, invitation } = await invite(inviter, {
      name: " Amara Nwosu ",
      email: "Amara.Nwosu@Northmoor.example",
      role: "learner",
      jobTitle: "Newly qualified social worker",
    });
    expect(mail.to).toBe("amara.nwosu@northmoor.example");
    expect(mail.subject).toBe("Northmoor City Council has invited you to Practice Pathways");
    expect(mail.text).toContain("Hello Amara Nwosu,");
    expect(mail.text).toContain(`${ORIGIN}/invitations/${token}`);
    expect(mail.text).toContain("14 days");
    expect(invitation.tokenHash).not.toBe(token);
    const days = (invitation.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.99);
    expect(days).toBeLessThanOrEqual(14);

    expect(await describeInvitation(token)).toEqual({
      name: "Amara Nwosu",
      email: "amara.nwosu@northmoor.example",
      role: "learner",
      organisationName: "Northmoor City Council",
      hasAccount: false,
    });
    expect((await listPendingInvitations(org.id)).map((i) => i.email)).toEqual(["amara.nwosu@northmoor.example"]);
  });

  it("knows nothing of a made-up token", async () => {
    expect(await describeInvitation(generateToken())).toBeNull();
    expect(await acceptInvitation(generateToken(), PASSWORD, requestFrom())).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("accepting an invitation as a new person", () => {
  it("creates the account and the membership and signs them in to that organisation", async () => {
    const { org, inviter } = await leadOf("Riverside Borough Council");
    const { token, invitation } = await invite(inviter, {
      name: "Farah Ali",
      email: "farah.ali@riverside.example",
      role: "supervisor",
      jobTitle: "Practice supervisor",
    });

    const result = await acceptInvitation(token, PASSWORD, requestFrom());
    expect(result.ok).toBe(true);
    if (!result.ok) return;

    const [user] = await t.db.select().from(users).where(eq(users.id, result.userId));
    expect(user).toMatchObject({ email: "farah.ali@riverside.example", name: "Farah Ali", accountKind: "invited" });
    const joined = await membershipsOf(result.userId, org.id);
    expect(joined).toHaveLength(1);
    expect(joined[0]).toMatchObject({ role: "supervisor", jobTitle: "Practice supervisor", active: true });

    const session = await validateSessionToken(result.token);
    expect(session?.user.id).toBe(result.userId);
    expect(session?.session.activeMembershipId).toBe(joined[0]!.id);

    // The invitation is used up: a second accept, or a look at it, finds nothing.
    expect(await acceptInvitation(token, "another password here", requestFrom())).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await describeInvitation(token)).toBeNull();
    expect(await listPendingInvitations(org.id)).toEqual([]);
    const [row] = await t.db.select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(row?.userId).toBe(result.userId);
    expect(row?.acceptedAt).toBeInstanceOf(Date);

    // The password they chose works for signing in later; the refused second one does not.
    expect((await signIn("farah.ali@riverside.example", PASSWORD, requestFrom())).ok).toBe(true);
    expect((await signIn("farah.ali@riverside.example", "another password here", requestFrom())).ok).toBe(false);

    // The programme lead sees both events in the organisation's audit trail.
    const trail = await listAuditForOrganisation(org.id);
    expect(trail.map((e) => e.action).sort()).toEqual(["invitation.accepted", "invitation.created"]);
  });

  it("refuses an invitation that has expired or been withdrawn", async () => {
    const { inviter } = await leadOf("Harbour Family Trust");
    const expired = await invite(inviter, {
      name: "Ravi Patel",
      email: "ravi.patel@harbourtrust.example",
      role: "learner",
    });
    await t.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, expired.invitation.id));
    expect(await describeInvitation(expired.token)).toBeNull();
    expect(await acceptInvitation(expired.token, PASSWORD, requestFrom())).toEqual({ ok: false, reason: "invalid" });

    const revoked = await invite(inviter, {
      name: "Ben Thornton",
      email: "ben.thornton@harbourtrust.example",
      role: "supervisor",
    });
    await t.db.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, revoked.invitation.id));
    expect(await describeInvitation(revoked.token)).toBeNull();
    expect(await acceptInvitation(revoked.token, PASSWORD, requestFrom())).toEqual({ ok: false, reason: "invalid" });

    const created = await t.db.select().from(users).where(eq(users.email, "ravi.patel@harbourtrust.example"));
    expect(created).toEqual([]);
  });

  it("sends someone who already has a password to sign in first, without touching their password", async () => {
    const { inviter } = await leadOf("University of Eastbridge");
    const existing = await makeUser(t.db, { email: "hannah.clarke@eastbridge.example", password: PASSWORD });
    const { token } = await invite(inviter, {
      name: "Hannah Clarke",
      email: "Hannah.Clarke@eastbridge.example",
      role: "learner",
    });

    expect((await describeInvitation(token))?.hasAccount).toBe(true);
    expect(await acceptInvitation(token, "a takeover attempt pw", requestFrom())).toEqual({
      ok: false,
      reason: "has_account",
    });
    const [row] = await t.db.select().from(users).where(eq(users.id, existing.id));
    expect(row!.passwordHash).toBe(existing.passwordHash);
    expect(await describeInvitation(token)).not.toBeNull();
  });
});

describe("accepting an invitation while signed in", () => {
  it("adds the membership for the person it was sent to", async () => {
    const { org, inviter } = await leadOf("Second Council");
    const existing = await makeUser(t.db, { email: "helen.marsh@northmoor.example" });
    const { token } = await invite(inviter, {
      name: "Helen Marsh",
      email: "helen.marsh@northmoor.example",
      role: "assessor",
      jobTitle: "ASYE assessor",
    });

    expect(
      await acceptInvitationAsUser(token, { id: existing.id, email: "Helen.Marsh@Northmoor.example" }, requestFrom()),
    ).toBe(true);
    const mine = await listMembershipsForUser(existing.id);
    expect(mine.map((m) => [m.organisation.name, m.role, m.jobTitle])).toEqual([
      ["Second Council", "assessor", "ASYE assessor"],
    ]);
    expect(await acceptInvitationAsUser(token, existing, requestFrom())).toBe(false);
    expect(await membershipsOf(existing.id, org.id)).toHaveLength(1);
  });

  it("refuses someone signed in with a different email, who gains no membership", async () => {
    const { org, inviter } = await leadOf("Third Council");
    const intruder = await makeUser(t.db, { email: "intruder@elsewhere.example" });
    const { token } = await invite(inviter, {
      name: "Daniel Okafor",
      email: "daniel.okafor@northmoor.example",
      role: "programme_lead",
    });

    expect(await acceptInvitationAsUser(token, intruder, requestFrom())).toBe(false);
    expect(await membershipsOf(intruder.id, org.id)).toEqual([]);
    // The invitation is still there for the right person.
    expect((await describeInvitation(token))?.email).toBe("daniel.okafor@northmoor.example");
  });
});
