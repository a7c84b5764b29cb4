/** Sign-in, sign-up, password reset, password change and invitations. */
import { setTimeout as sleep } from "node:timers/promises";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { invitations, memberships, passwordResetTokens, users } from "#db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { listMembershipsForUser } from "~/modules/organisations/memberships.server";
import { claimInvitedSessions } from "~/modules/shared-sessions/sessions.server";
import type { Role } from "~/modules/organisations/roles";
import { getDb } from "~/utils/db.server";
import { sendEmail } from "~/utils/email.server";
import { mailTransport } from "~/utils/env.server";
import { hashPassword, verifyAgainstNothing, verifyPassword } from "./password.server";
import { beginSignInAttempt, markSignInSucceeded, signInWindowMinutes } from "./rate-limit.server";
import {
  createSession,
  generateToken,
  hashToken,
  invalidateSession,
  invalidateUserSessions,
  setActiveMembership,
} from "./session.server";
import {
  claimPendingSignIn,
  findPendingSignIn,
  isTwoFactorEnabled,
  proveSecondFactor,
  recoveryCodesLeft,
  startPendingSignIn,
  type CodeFailure,
} from "./two-factor.server";

export const RESET_LINK_LIFETIME_MS = 60 * 60_000;
export const INVITATION_LIFETIME_MS = 14 * 24 * 60 * 60_000;

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase();
}

export interface RequestDetails {
  ipAddress: string;
  userAgent?: string | null;
  origin: string;
}

async function findUserByEmail(email: string) {
  const db = await getDb();
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, normaliseEmail(email)))
    .limit(1);
  return user ?? null;
}

/** Opens a session, inside the caller's transaction (so it sees a membership written there). */
async function startSession(tx: Database, userId: string, details: RequestDetails) {
  const mine = await listMembershipsForUser(userId, tx);
  const token = generateToken();
  const session = await createSession(
    token,
    userId,
    {
      activeMembershipId: mine[0]?.id ?? null,
      ipAddress: details.ipAddress,
      userAgent: details.userAgent,
    },
    tx,
  );
  return { token, session, memberships: mine };
}

/**
 * A correct password alone is a session only for someone without two-factor sign-in.
 * Otherwise the answer is "not yet" (ok: false, so a caller that does not know about the
 * second step cannot mistake it for a session) with a pending sign-in token for that step.
 */
export type SignInResult =
  | { ok: true; token: string; userId: string; membershipCount: number }
  | { ok: false; reason: "invalid" | "rate_limited" }
  | { ok: false; reason: "second_step"; pendingToken: string; userId: string };

export async function signIn(
  emailInput: string,
  password: string,
  details: RequestDetails,
  redirectTo: string | null = null,
): Promise<SignInResult> {
  const email = normaliseEmail(emailInput);
  const attempt = await beginSignInAttempt(email, details.ipAddress);
  if (attempt.blocked) return { ok: false, reason: "rate_limited" };
  const user = await findUserByEmail(email);
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : await verifyAgainstNothing(password);
  // The attempt itself stays written outside this transaction (see beginSignInAttempt): a
  // failed or interrupted sign-in must still count. Success, session and audit go together.
  // A deactivated account is answered as a wrong password is: nothing says the address is known.
  if (!user || !valid || user.deactivatedAt) return { ok: false, reason: "invalid" };
  if (await isTwoFactorEnabled(user.id)) {
    // The password was right, so that attempt succeeded; security codes are counted on their own.
    await markSignInSucceeded(attempt.attemptId);
    return {
      ok: false,
      reason: "second_step",
      pendingToken: await startPendingSignIn(user.id, redirectTo),
      userId: user.id,
    };
  }
  const db = await getDb();
  const { token, memberships: mine } = await db.transaction(async (tx) => {
    await markSignInSucceeded(attempt.attemptId, tx);
    const started = await startSession(tx, user.id, details);
    await recordAudit(
      {
        actorUserId: user.id,
        action: "auth.sign_in",
        subjectType: "user",
        subjectId: user.id,
        ipAddress: details.ipAddress,
      },
      tx,
    );
    return started;
  });
  return { ok: true, token, userId: user.id, membershipCount: mine.length };
}

/** Ends one session and records it, together. */
export async function signOut(sessionId: string, userId: string, details: Pick<RequestDetails, "ipAddress">) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await invalidateSession(sessionId, tx);
    await recordAudit(
      {
        actorUserId: userId,
        action: "auth.sign_out",
        subjectType: "user",
        subjectId: userId,
        ipAddress: details.ipAddress,
      },
      tx,
    );
  });
}

/** Makes one of the person's memberships the one their session works in, and records it, together. */
export async function switchMembership(
  sessionId: string,
  userId: string,
  membership: { id: string; role: Role; organisationId: string },
  details: Pick<RequestDetails, "ipAddress">,
) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await setActiveMembership(sessionId, membership.id, tx);
    await recordAudit(
      {
        actorUserId: userId,
        actorRole: membership.role,
        organisationId: membership.organisationId,
        action: "membership.switched",
        subjectType: "membership",
        subjectId: membership.id,
        ipAddress: details.ipAddress,
      },
      tx,
    );
  });
}

export type SecondStepResult =
  | {
      ok: true;
      token: string;
      userId: string;
      membershipCount: number;
      redirectTo: string | null;
      method: "security_code" | "recovery_code";
      recoveryCodesLeft: number;
    }
  | { ok: false; reason: CodeFailure | "expired" };

/**
 * The second step of signing in: the pending sign-in token from the password step and a
 * security code (or a recovery code). The token is spent only when the code is right, so a
 * mistyped code can be tried again, within the rate limit and the token's ten minutes.
 */
export async function completeTwoFactorSignIn(
  pendingToken: string,
  code: string,
  details: RequestDetails,
): Promise<SecondStepResult> {
  const pending = await findPendingSignIn(pendingToken);
  if (!pending) return { ok: false, reason: "expired" };
  const person = { id: pending.userId, email: pending.email };
  const proved = await proveSecondFactor(person, code, details, { during: "sign_in", allowRecoveryCode: true });
  if (!proved.ok) return proved;
  if (!(await claimPendingSignIn(pending.id))) return { ok: false, reason: "expired" };
  const db = await getDb();
  const { token, memberships: mine } = await db.transaction(async (tx) => {
    const started = await startSession(tx, person.id, details);
    await recordAudit(
      {
        actorUserId: person.id,
        action: "auth.sign_in",
        subjectType: "user",
        subjectId: person.id,
        detail: { twoFactor: proved.method },
        ipAddress: details.ipAddress,
      },
      tx,
    );
    return started;
  });
  return {
    ok: true,
    token,
    userId: person.id,
    membershipCount: mine.length,
    redirectTo: pending.redirectTo,
    method: proved.method,
    recoveryCodesLeft: proved.method === "recovery_code" ? await recoveryCodesLeft(person.id) : 0,
  };
}

export type SignUpResult = { ok: true; token: string; userId: string } | { ok: false; field: "email"; message: string };

export async function signUp(
  input: {
    name: string;
    email: string;
    password: string;
    kind: "returner" | "self_funding";
    helplineContactConsent: boolean;
  },
  details: RequestDetails,
): Promise<SignUpResult> {
  const email = normaliseEmail(input.email);
  if (await findUserByEmail(email)) {
    return {
      ok: false,
      field: "email",
      message: "An account already uses this email address. Sign in, or reset your password if you have forgotten it",
    };
  }
  const db = await getDb();
  const passwordHash = await hashPassword(input.password);
  // The account, its audit record and its first session are written together or not at all.
  const created = await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(users)
      .values({
        email,
        name: input.name.trim(),
        passwordHash,
        accountKind: input.kind,
        helplineContactConsent: input.kind === "returner" && input.helplineContactConsent,
        passwordChangedAt: new Date(),
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    const user = inserted[0];
    if (!user) return null;
    await recordAudit(
      {
        actorUserId: user.id,
        action: "auth.sign_up",
        subjectType: "user",
        subjectId: user.id,
        detail: { kind: input.kind },
        ipAddress: details.ipAddress,
      },
      tx,
    );
    const { token } = await startSession(tx, user.id, details);
    return { token, userId: user.id };
  });
  if (!created) {
    return { ok: false, field: "email", message: "An account already uses this email address. Sign in instead" };
  }
  return { ok: true, token: created.token, userId: created.userId };
}

/**
 * How long asking for a reset link takes, whatever happens: the answer must not tell anyone, by its
 * timing, whether the address has an account. The work takes a few milliseconds; mail to an SMTP
 * server, which can take longer, is sent without waiting for it.
 */
export const RESET_ANSWER_MS = 400;

/** Always behaves the same, and takes the same time, whether or not the address has an account. */
export async function requestPasswordReset(emailInput: string, details: RequestDetails) {
  const answered = sleep(RESET_ANSWER_MS);
  await sendResetLink(emailInput, details);
  await answered;
}

async function sendResetLink(emailInput: string, details: RequestDetails) {
  const attempt = await beginSignInAttempt(normaliseEmail(emailInput), details.ipAddress, "password_reset");
  if (attempt.blocked) return;
  const user = await findUserByEmail(emailInput);
  if (!user || user.deactivatedAt) return;
  const token = generateToken();
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.insert(passwordResetTokens).values({
      id: hashToken(token),
      userId: user.id,
      expiresAt: new Date(Date.now() + RESET_LINK_LIFETIME_MS),
    });
    await recordAudit(
      {
        actorUserId: user.id,
        action: "auth.password_reset_requested",
        subjectType: "user",
        subjectId: user.id,
        ipAddress: details.ipAddress,
      },
      tx,
    );
  });
  // Sent only once the link is stored: a link that was never saved is never mailed.
  const sending = sendEmail({
    to: user.email,
    subject: "Reset your Practice Pathways password",
    text: [
      `Hello ${user.name},`,
      "",
      "Someone asked to reset the password for your Practice Pathways account. If it was you, use this link within the next hour:",
      "",
      `${details.origin}/reset-password/${token}`,
      "",
      "The link works once. If you did not ask for this, you can ignore this email: your password has not changed.",
    ].join("\n"),
  });
  if (mailTransport() === "smtp")
    sending.catch((error: unknown) => console.error("[mail] a password-reset link was not sent:", { userId: user.id, error }));
  else await sending;
}

/**
 * A one-time link to set a password, stored in the caller's transaction (the reset-password page
 * spends it). Mail it only once that transaction has committed. Used for accounts someone else
 * makes for a person, such as the helpline making a returner's account.
 */
export async function issuePasswordLink(tx: Database, userId: string, lifetimeMs = RESET_LINK_LIFETIME_MS) {
  const token = generateToken();
  await tx
    .insert(passwordResetTokens)
    .values({ id: hashToken(token), userId, expiresAt: new Date(Date.now() + lifetimeMs) });
  return token;
}

async function findUsableResetToken(token: string) {
  const db = await getDb();
  const [row] = await db
    .select({ id: passwordResetTokens.id, userId: passwordResetTokens.userId, email: users.email })
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .where(
      and(
        eq(passwordResetTokens.id, hashToken(token)),
        isNull(passwordResetTokens.usedAt),
        gt(passwordResetTokens.expiresAt, new Date()),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function checkResetToken(token: string) {
  const row = await findUsableResetToken(token);
  return row ? { email: row.email } : null;
}

/** Sets the new password, spends the link and signs the user out everywhere. */
export async function resetPassword(token: string, password: string, details: RequestDetails): Promise<boolean> {
  const row = await findUsableResetToken(token);
  if (!row) return false;
  const passwordHash = await hashPassword(password);
  const db = await getDb();
  const spent = await db.transaction(async (tx) => {
    const claimed = await tx
      .update(passwordResetTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResetTokens.id, row.id), isNull(passwordResetTokens.usedAt)))
      .returning({ id: passwordResetTokens.id });
    if (claimed.length === 0) return false;
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, row.userId));
    await spendResetLinks(tx, row.userId);
    await invalidateUserSessions(row.userId, undefined, tx);
    await recordAudit(
      {
        actorUserId: row.userId,
        action: "auth.password_reset",
        subjectType: "user",
        subjectId: row.userId,
        ipAddress: details.ipAddress,
      },
      tx,
    );
    return true;
  });
  return spent;
}

/** Once the password has changed, no earlier reset link may change it again. */
async function spendResetLinks(tx: Database, userId: string) {
  await tx
    .update(passwordResetTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
}

export type ChangePasswordResult = { ok: true } | { ok: false; field: "currentPassword"; message: string };

export async function changePassword(
  userId: string,
  currentSessionId: string,
  currentPassword: string,
  newPassword: string,
  details: RequestDetails,
): Promise<ChangePasswordResult> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user?.passwordHash) return { ok: false, field: "currentPassword", message: "Your current password is not right" };
  // Someone at an unlocked screen could otherwise guess the current password without limit.
  const attempt = await beginSignInAttempt(user.email, details.ipAddress);
  if (attempt.blocked) {
    return {
      ok: false,
      field: "currentPassword",
      message: `Too many wrong passwords. For your security, wait ${signInWindowMinutes()} minutes and try again`,
    };
  }
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    return { ok: false, field: "currentPassword", message: "Your current password is not right" };
  }
  await markSignInSucceeded(attempt.attemptId);
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, userId));
    await spendResetLinks(tx, userId);
    await invalidateUserSessions(userId, currentSessionId, tx);
    await recordAudit(
      {
        actorUserId: userId,
        action: "auth.password_changed",
        subjectType: "user",
        subjectId: userId,
        ipAddress: details.ipAddress,
      },
      tx,
    );
  });
  return { ok: true };
}

export interface InvitationInput {
  name: string;
  email: string;
  role: Role;
  jobTitle?: string;
  /** A partner's agency (ADR 026): its kind and name, carried to the membership they join. */
  agencyKind?: "police" | "health" | "education" | null;
  agency?: string | null;
}

export async function createInvitation(
  inviter: { userId: string; name: string; role: Role; organisationId: string; organisationName: string },
  input: InvitationInput,
  details: RequestDetails,
  /** More to write with the invitation, in its transaction (a partner's shared sessions). */
  alsoWrite?: (tx: Database, invitationId: string) => Promise<unknown>,
) {
  const token = generateToken();
  const email = normaliseEmail(input.email);
  const db = await getDb();
  const invitation = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(invitations)
      .values({
        tokenHash: hashToken(token),
        organisationId: inviter.organisationId,
        email,
        name: input.name.trim(),
        role: input.role,
        jobTitle: input.jobTitle?.trim() || null,
        agencyKind: input.role === "partner" ? (input.agencyKind ?? null) : null,
        agency: input.role === "partner" ? input.agency?.trim() || null : null,
        invitedById: inviter.userId,
        expiresAt: new Date(Date.now() + INVITATION_LIFETIME_MS),
      })
      .returning();
    await recordAudit(
      {
        actorUserId: inviter.userId,
        actorRole: inviter.role,
        organisationId: inviter.organisationId,
        action: "invitation.created",
        subjectType: "invitation",
        subjectId: row!.id,
        detail: { email, role: input.role },
        ipAddress: details.ipAddress,
      },
      tx,
    );
    await alsoWrite?.(tx, row!.id);
    return row;
  });
  // Sent only once the invitation is stored.
  await sendInvitationEmail({ email, name: input.name.trim() }, inviter, token, details.origin);
  return invitation!;
}

/** The invitation email, for a new invitation and for one sent again with a fresh link. */
export async function sendInvitationEmail(
  invitee: { email: string; name: string },
  inviter: { name: string; organisationName: string },
  token: string,
  origin: string,
) {
  await sendEmail({
    to: invitee.email,
    subject: `${inviter.organisationName} has invited you to Practice Pathways`,
    text: [
      `Hello ${invitee.name},`,
      "",
      `${inviter.name} at ${inviter.organisationName} has invited you to Practice Pathways, where your organisation keeps its social work learning, supervision and sign-offs.`,
      "",
      "Use this link to set your password and sign in. It works for 14 days:",
      "",
      `${origin}/invitations/${token}`,
    ].join("\n"),
  });
}

async function findOpenInvitation(token: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.tokenHash, hashToken(token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function describeInvitation(token: string) {
  const invitation = await findOpenInvitation(token);
  if (!invitation) return null;
  const existing = await findUserByEmail(invitation.email);
  const db = await getDb();
  const org = await db.query.organisations.findFirst({ where: (o, { eq }) => eq(o.id, invitation.organisationId) });
  return {
    name: invitation.name,
    email: invitation.email,
    role: invitation.role,
    organisationName: org?.name ?? "",
    hasAccount: !!existing?.passwordHash,
  };
}

export type AcceptResult =
  { ok: true; token: string; userId: string } | { ok: false; reason: "invalid" | "has_account" };

/**
 * Accepting creates the account (or, for a known address with no password yet, sets it),
 * adds the membership and signs the person in. Someone who already has a password signs
 * in first and accepts with `acceptInvitationAsUser`.
 */
export async function acceptInvitation(
  token: string,
  password: string,
  details: RequestDetails,
): Promise<AcceptResult> {
  const invitation = await findOpenInvitation(token);
  if (!invitation) return { ok: false, reason: "invalid" };
  const existing = await findUserByEmail(invitation.email);
  if (existing?.passwordHash) return { ok: false, reason: "has_account" };
  const passwordHash = await hashPassword(password);
  const db = await getDb();
  // Claiming the invitation, the account, the membership, the session and the audit record: all or nothing.
  const accepted = await db.transaction(async (tx) => {
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    if (claimed.length === 0) return null;
    let id = existing?.id;
    if (id) {
      await tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, id));
    } else {
      const [created] = await tx
        .insert(users)
        .values({
          email: invitation.email,
          name: invitation.name,
          passwordHash,
          accountKind: "invited",
          passwordChangedAt: new Date(),
        })
        .returning({ id: users.id });
      id = created!.id;
    }
    await joinOrganisation(tx, invitation, id);
    const { token: sessionToken } = await startSession(tx, id, details);
    await recordAudit(
      {
        actorUserId: id,
        organisationId: invitation.organisationId,
        action: "invitation.accepted",
        subjectType: "invitation",
        subjectId: invitation.id,
        ipAddress: details.ipAddress,
      },
      tx,
    );
    return { token: sessionToken, userId: id };
  });
  if (!accepted) return { ok: false, reason: "invalid" };
  return { ok: true, token: accepted.token, userId: accepted.userId };
}

export async function acceptInvitationAsUser(
  token: string,
  user: { id: string; email: string },
  details: RequestDetails,
) {
  const invitation = await findOpenInvitation(token);
  if (!invitation || normaliseEmail(user.email) !== invitation.email) return false;
  const db = await getDb();
  const accepted = await db.transaction(async (tx) => {
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: new Date(), userId: user.id })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    if (claimed.length === 0) return false;
    await joinOrganisation(tx, invitation, user.id);
    await recordAudit(
      {
        actorUserId: user.id,
        organisationId: invitation.organisationId,
        action: "invitation.accepted",
        subjectType: "invitation",
        subjectId: invitation.id,
        ipAddress: details.ipAddress,
      },
      tx,
    );
    return true;
  });
  return accepted;
}

async function joinOrganisation(tx: Database, invitation: typeof invitations.$inferSelect, userId: string) {
  await tx.update(invitations).set({ userId }).where(eq(invitations.id, invitation.id));
  // A partner's agency comes with them (ADR 026); a partner invited again may come from another.
  const agency = invitation.role === "partner" ? { agencyKind: invitation.agencyKind, agency: invitation.agency } : {};
  await tx
    .insert(memberships)
    .values({
      userId,
      organisationId: invitation.organisationId,
      role: invitation.role,
      jobTitle: invitation.jobTitle,
      ...agency,
    })
    .onConflictDoUpdate({
      target: [memberships.userId, memberships.organisationId, memberships.role],
      set: { active: true, ...agency },
    });
  await claimInvitedSessions(tx, invitation.id, userId);
}
