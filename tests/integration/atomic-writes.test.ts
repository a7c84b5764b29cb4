/**
 * Each action's writes commit together or not at all (issue 7, "Faults"): the audit record is
 * the last statement of most actions, so making the database refuse it, inside the action's
 * transaction, stands in for a connection that drops between the statements. Every table must
 * then be exactly as it was before the action; with the refusal lifted, the same action goes
 * through. The one thing left outside on purpose is the sign-in attempt counter.
 */
import { eq, sql } from "drizzle-orm";
import { enrolments, panels, signInAttempts, type organisations } from "#db/schema";
import {
  acceptInvitation,
  createInvitation,
  requestPasswordReset,
  resetPassword,
  signIn,
} from "~/modules/auth/accounts.server";
import { createSession, generateToken, validateSessionToken } from "~/modules/auth/session.server";
import { findAgreement, saveAgreement, signAgreement } from "~/modules/first-year/agreement.server";
import { createEvidence, findEvidence, listEvidence, type UploadedFile } from "~/modules/portfolio/portfolio.server";
import { chairSignOutcome, certificateFor, findPanel, recordPanelOutcome } from "~/modules/signoff/panel.server";
import { reviewState } from "~/modules/signoff/reviews";
import {
  countersignReview,
  decideReview,
  reviewRecords,
  submitReview,
  type SignoffActor,
} from "~/modules/signoff/reviews.server";
import { listSessions, openActions, recordSession, type SessionInput } from "~/modules/supervision/supervision.server";
import { withTestDatabase } from "../support/database";
import { writeTestManifest } from "../support/manifest";
import { failureOf } from "../support/errors";
import { databaseFingerprint } from "../support/fingerprint";
import {
  emailsTo,
  findUserByEmail,
  makeMembership,
  makeOrganisation,
  makeUser,
  requestFrom,
  tokenFromLink,
} from "../support/fixtures";

// Issuing a certificate reads the programme and its frameworks from the content manifest.
const manifestFile = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const file = join(mkdtempSync(join(tmpdir(), "pp-atomic-")), "manifest.json");
  vi.stubEnv("CONTENT_MANIFEST", file);
  return file;
});

writeTestManifest(manifestFile);

const t = withTestDatabase();

const PASSWORD = "kettle orbit lantern moss";
const NEW_PASSWORD = "harbour violet anchor tide";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
const pdfUpload = (): UploadedFile => ({
  name: "observation-notes.pdf",
  bytes: PDF,
  check: { ok: true, kind: "pdf", contentType: "application/pdf" },
});

beforeAll(async () => {
  await t.db.execute(sql`
    create or replace function refuse_audit_for_test() returns trigger language plpgsql as $$
    begin
      raise exception 'audit refused for test: %', new.action;
    end
    $$`);
});

/**
 * Runs `action` while the database refuses to append the audit event named `auditAction`,
 * and answers how it failed and which tables it changed (none, if it was one transaction).
 */
async function withAuditRefused(auditAction: string, action: () => Promise<unknown>) {
  if (!/^[a-z_.]+$/.test(auditAction)) throw new Error(`Not an audit action: ${auditAction}`);
  const before = await databaseFingerprint(t.db);
  await t.db.execute(
    sql.raw(
      `create trigger refuse_audit_for_test before insert on audit_events for each row ` +
        `when (new.action = '${auditAction}') execute function refuse_audit_for_test()`,
    ),
  );
  let failure: string;
  try {
    failure = await failureOf(action());
  } finally {
    await t.db.execute(sql`drop trigger refuse_audit_for_test on audit_events`);
  }
  const after = await databaseFingerprint(t.db);
  const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
  return { failure, changed };
}

type Org = typeof organisations.$inferSelect;

/** A learner in their assessed year, with a supervisor, a manager and a panel chair in the same council. */
async function year() {
  const org: Org = await makeOrganisation(t.db);
  const learner = await makeUser(t.db, { name: "Amara Nwosu" });
  const supervisor = await makeUser(t.db, { name: "Daniel Okafor" });
  const manager = await makeUser(t.db, { name: "Priya Shah" });
  const chair = await makeUser(t.db, { name: "Helen Marsh" });
  const teamManager = await makeUser(t.db, { name: "Rachel Whitaker" });
  await makeMembership(t.db, { userId: learner.id, organisationId: org.id, role: "learner" });
  await makeMembership(t.db, { userId: teamManager.id, organisationId: org.id, role: "team_manager" });
  await makeMembership(t.db, { userId: supervisor.id, organisationId: org.id, role: "supervisor" });
  await makeMembership(t.db, { userId: manager.id, organisationId: org.id, role: "programme_lead" });
  await makeMembership(t.db, { userId: chair.id, organisationId: org.id, role: "programme_lead" });
  const [enrolment] = await t.db
    .insert(enrolments)
    .values({
      userId: learner.id,
      programmeSlug: "asye",
      organisationId: org.id,
      supervisorId: supervisor.id,
      teamManagerId: teamManager.id,
      startedOn: "2025-09-01",
      pathway: "child-family",
    })
    .returning();
  const as = (user: { id: string }, role: string) => ({ userId: user.id, role, organisationId: org.id });
  return {
    org,
    enrolmentId: enrolment!.id,
    learner: as(learner, "learner"),
    supervisor: as(supervisor, "supervisor"),
    manager: as(manager, "programme_lead"),
    chair: as(chair, "programme_lead"),
    teamManager: as(teamManager, "team_manager"),
  };
}

const evidence = (title: string) => ({
  title,
  occurredOn: "2025-11-03",
  body: "I listened before asking about the school's concerns, and wrote down what the family said.",
  capabilities: ["PCF-1", "PCF-6"],
  details: {},
});

const session = (overrides: Partial<SessionInput> = {}): SessionInput => ({
  heldOn: "2025-09-12",
  minutes: 60,
  kind: "one_to_one",
  agenda: "Induction",
  discussion: "First visits",
  decisions: "",
  actions: [],
  doneActionIds: [],
  ...overrides,
});

describe("an action whose audit record cannot be written leaves nothing behind", () => {
  it("recording a supervision session: no session, none of its actions, and the earlier action it closed stays open", async () => {
    const y = await year();
    await recordSession(
      y.enrolmentId,
      y.supervisor,
      session({ actions: [{ text: "Read the thresholds document", owner: "learner" }] }),
    );
    const [earlier] = await openActions(y.enrolmentId);
    const second = session({
      heldOn: "2025-09-26",
      actions: [
        { text: "Book shadowing with the duty team", owner: "supervisor" },
        { text: "Write up the core group", owner: "learner" },
      ],
      doneActionIds: [earlier!.id],
    });

    const { failure, changed } = await withAuditRefused("supervision.recorded", () =>
      recordSession(y.enrolmentId, y.supervisor, second),
    );
    expect(failure).toMatch(/audit refused for test: supervision\.recorded/);
    expect(changed).toEqual([]);
    expect(await listSessions(y.enrolmentId)).toHaveLength(1);
    expect((await openActions(y.enrolmentId)).map((a) => a.text)).toEqual(["Read the thresholds document"]);

    await recordSession(y.enrolmentId, y.supervisor, second);
    expect(await listSessions(y.enrolmentId)).toHaveLength(2);
    expect((await openActions(y.enrolmentId)).map((a) => a.text)).toEqual([
      "Book shadowing with the duty team",
      "Write up the core group",
    ]);
  });

  it("adding evidence with a file: no item, no version, no file and no file contents", async () => {
    const y = await year();
    const { failure, changed } = await withAuditRefused("evidence.created", () =>
      createEvidence(y.enrolmentId, y.learner, "reflective_log", evidence("Home visit"), pdfUpload()),
    );
    expect(failure).toMatch(/audit refused for test: evidence\.created/);
    expect(changed).toEqual([]);
    expect(await listEvidence(y.enrolmentId)).toEqual([]);

    const item = await createEvidence(y.enrolmentId, y.learner, "reflective_log", evidence("Home visit"), pdfUpload());
    expect((await findEvidence(y.enrolmentId, item!.id))?.files).toHaveLength(1);
  });

  it("countersigning a review: no countersignature, and the review still waits for one", async () => {
    const y = await year();
    const item = await createEvidence(y.enrolmentId, y.learner, "reflective_log", evidence("Core group"));
    const learner: SignoffActor = y.learner;
    expect(await submitReview(y.enrolmentId, "three-month", learner, "Ready for my review.", [item!.id])).toEqual({
      ok: true,
    });
    const [submission] = (await reviewRecords(y.enrolmentId, "three-month")).submissions;
    expect(
      await decideReview(y.enrolmentId, "three-month", y.supervisor, submission!.id, {
        decision: "approved",
        outcome: "on_track",
        comments: "A good three months.",
        actionPlan: null,
      }),
    ).toEqual({ ok: true });
    const stateOf = async () => {
      const { submissions, signoffs } = await reviewRecords(y.enrolmentId, "three-month");
      return { state: reviewState(submissions, signoffs).state, signoffs: signoffs.length };
    };

    const { failure, changed } = await withAuditRefused("review.countersigned", () =>
      countersignReview(y.enrolmentId, "three-month", y.teamManager, submission!.contentHash, "Agreed."),
    );
    expect(failure).toMatch(/audit refused for test: review\.countersigned/);
    expect(changed).toEqual([]);
    expect(await stateOf()).toEqual({ state: "approved", signoffs: 1 });

    expect(
      await countersignReview(y.enrolmentId, "three-month", y.teamManager, submission!.contentHash, "Agreed."),
    ).toEqual({ ok: true });
    expect(await stateOf()).toEqual({ state: "complete", signoffs: 2 });
  });

  it("signing the learning agreement: no signature", async () => {
    const y = await year();
    const actor = { userId: y.learner.userId, party: "learner" as const, organisationId: y.org.id };
    const content = {
      goals: "Build confidence on duty.",
      support: "Weekly supervision for the first six weeks.",
      protectedTime: "10% of working time.",
      caseload: "No more than 12 children.",
    };
    const { row } = await saveAgreement(y.enrolmentId, actor, content);
    const supervisor = { userId: y.supervisor.userId, party: "supervisor" as const, organisationId: y.org.id };

    const { failure, changed } = await withAuditRefused("learning_agreement.signed", () =>
      signAgreement(y.enrolmentId, supervisor, row.version),
    );
    expect(failure).toMatch(/audit refused for test: learning_agreement\.signed/);
    expect(changed).toEqual([]);
    expect((await findAgreement(y.enrolmentId)).signatures).toEqual([]);

    expect(await signAgreement(y.enrolmentId, supervisor, row.version)).toMatchObject({ ok: true });
    expect((await findAgreement(y.enrolmentId)).signatures.map((s) => s.party)).toEqual(["supervisor"]);
  });

  it("the chair signing a pass: neither the signed outcome nor the certificate (the certificate's audit record is the last write)", async () => {
    const y = await year();
    const [row] = await t.db
      .insert(panels)
      .values({
        organisationId: y.org.id,
        programmeSlug: "asye",
        name: "Spring panel",
        sampleShare: 0.5,
        seed: "TESTSEED",
        sample: [{ enrolmentId: y.enrolmentId, recommendation: "pass" }],
        chairId: y.chair.userId,
        createdById: y.manager.userId,
      })
      .returning();
    const read = async () => (await findPanel(y.org.id, row!.id))!;
    expect(await recordPanelOutcome(await read(), y.enrolmentId, y.manager, "agree", "")).toEqual({ ok: true });
    const panel = await read();

    const { failure, changed } = await withAuditRefused("certificate.issued", () =>
      chairSignOutcome(panel, y.enrolmentId, y.chair),
    );
    expect(failure).toMatch(/audit refused for test: certificate\.issued/);
    expect(changed).toEqual([]);
    expect((await read()).outcomes.map((o) => o.step)).toEqual(["recorded"]);
    expect(await certificateFor(y.enrolmentId)).toBeNull();

    const signed = await chairSignOutcome(panel, y.enrolmentId, y.chair);
    expect(signed).toMatchObject({ ok: true, certificateCode: expect.stringMatching(/^PP-/) });
    expect((await read()).outcomes.map((o) => o.step)).toEqual(["recorded", "chair_signed"]);
  });

  it("accepting an invitation: no account, no membership, no session, and the invitation stays open", async () => {
    const org = await makeOrganisation(t.db, { name: "Northmoor" });
    const lead = await makeUser(t.db, { name: "Priya Shah" });
    await makeMembership(t.db, { userId: lead.id, organisationId: org.id, role: "programme_lead" });
    const inviter = {
      userId: lead.id,
      name: lead.name,
      role: "programme_lead" as const,
      organisationId: org.id,
      organisationName: org.name,
    };
    await createInvitation(
      inviter,
      { name: "Zainab Hussain", email: "zainab@northmoor.example", role: "learner" },
      requestFrom(),
    );
    const [mail] = await emailsTo("zainab@northmoor.example");
    const token = tokenFromLink(mail!, "/invitations");

    const { failure, changed } = await withAuditRefused("invitation.accepted", () =>
      acceptInvitation(token, PASSWORD, requestFrom()),
    );
    expect(failure).toMatch(/audit refused for test: invitation\.accepted/);
    expect(changed).toEqual([]);
    expect(await findUserByEmail(t.db, "zainab@northmoor.example")).toBeNull();

    const accepted = await acceptInvitation(token, PASSWORD, requestFrom());
    expect(accepted.ok).toBe(true);
    if (!accepted.ok) return;
    expect((await validateSessionToken(accepted.token))?.session.activeMembershipId).not.toBeNull();
  });

  it("resetting a password: the password, the link and the other sessions stay as they were", async () => {
    const user = await makeUser(t.db, { email: "chloe.evans@riverside.example", password: PASSWORD });
    const elsewhere = generateToken();
    await createSession(elsewhere, user.id);
    await requestPasswordReset(user.email, requestFrom());
    const [mail] = await emailsTo(user.email);
    const token = tokenFromLink(mail!, "/reset-password");

    const { failure, changed } = await withAuditRefused("auth.password_reset", () =>
      resetPassword(token, NEW_PASSWORD, requestFrom()),
    );
    expect(failure).toMatch(/audit refused for test: auth\.password_reset/);
    expect(changed).toEqual([]);
    expect(await validateSessionToken(elsewhere)).not.toBeNull();

    expect(await resetPassword(token, NEW_PASSWORD, requestFrom())).toBe(true);
    expect(await validateSessionToken(elsewhere)).toBeNull();
  });
});

describe("signing in when its audit record cannot be written", () => {
  it("opens no session, and only the attempt counter (kept outside on purpose) is written, still counted as failed", async () => {
    const user = await makeUser(t.db, { email: "marcus.reid@riverside.example", password: PASSWORD });
    const { failure, changed } = await withAuditRefused("auth.sign_in", () =>
      signIn(user.email, PASSWORD, requestFrom("198.51.100.23")),
    );
    expect(failure).toMatch(/audit refused for test: auth\.sign_in/);
    expect(changed).toEqual(["sign_in_attempts"]);
    const attempts = await t.db.select().from(signInAttempts).where(eq(signInAttempts.email, user.email));
    expect(attempts.map((a) => a.succeeded)).toEqual([false]);

    expect(await signIn(user.email, PASSWORD, requestFrom("198.51.100.23"))).toMatchObject({ ok: true });
  });
});
