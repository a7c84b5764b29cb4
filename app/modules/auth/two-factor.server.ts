/**
 * Two-factor sign-in in the database: the authenticator app secret (encrypted), recovery
 * codes (hashed, single-use), the pending sign-in between password and code, and the
 * checks that turn it on, give new recovery codes and turn it off. Every code typed is
 * rate-limited (per account and per address) and every failure is in the audit trail.
 * See docs/decisions/009-two-factor.md.
 */
import { and, count, eq, gt, inArray, isNotNull, isNull, lt, or } from "drizzle-orm";
import QRCode from "qrcode";
import type { Database } from "#db/client";
import { pendingSignIns, twoFactorCredentials, twoFactorRecoveryCodes, users } from "#db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { listMembershipsForUser } from "~/modules/organisations/memberships.server";
import { getDb } from "~/utils/db.server";
import { englandDateTime } from "~/utils/england";
import { sendEmail } from "~/utils/email.server";
import { verifyPassword } from "./password.server";
import { beginSignInAttempt, markSignInSucceeded } from "./rate-limit.server";
import { openSecret, sealSecret } from "./secret-box.server";
import { generateToken, hashToken, invalidateUserSessions } from "./session.server";
import {
  checkSecurityCode,
  classifyCode,
  generateRecoveryCodes,
  hashRecoveryCode,
  newTotpSecret,
  otpauthUri,
  secretForTyping,
  twoFactorRequiredBy,
} from "./two-factor";

export const PENDING_SIGN_IN_LIFETIME_MS = 10 * 60_000;

interface Person {
  id: string;
  email: string;
}

interface Details {
  ipAddress: string;
  /** The session the person is using, on the account pages. */
  sessionId?: string;
}

export type CodeFailure = "wrong" | "replayed" | "rate_limited";

async function credentialOf(userId: string, db?: Database) {
  const handle = db ?? (await getDb());
  const [row] = await handle
    .select()
    .from(twoFactorCredentials)
    .where(eq(twoFactorCredentials.userId, userId))
    .limit(1);
  return row ?? null;
}

export async function recoveryCodesLeft(userId: string) {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(twoFactorRecoveryCodes)
    .where(and(eq(twoFactorRecoveryCodes.userId, userId), isNull(twoFactorRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** Organisations that require this person to use it (so it cannot be turned off). */
  requiredBy: string[];
}

export async function twoFactorStatus(userId: string): Promise<TwoFactorStatus> {
  const [credential, left, mine] = await Promise.all([
    credentialOf(userId),
    recoveryCodesLeft(userId),
    listMembershipsForUser(userId),
  ]);
  const enabledAt = credential?.enabledAt ?? null;
  return {
    enabled: !!enabledAt,
    enabledAt,
    recoveryCodesLeft: enabledAt ? left : 0,
    requiredBy: twoFactorRequiredBy(mine),
  };
}

export async function isTwoFactorEnabled(userId: string): Promise<boolean> {
  return !!(await credentialOf(userId))?.enabledAt;
}

/** The QR code as an SVG data: address (allowed by the site's img-src 'self' data: policy). */
export async function qrCodeImage(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

export type SetupDetails = { secret: string; typed: string; uri: string; qrCode: string };

/**
 * The secret being set up, made on first asking and kept (so reloading the page does not
 * spoil a QR code already scanned). Null when two-factor sign-in is already on.
 */
export async function pendingSetup(person: Person): Promise<SetupDetails | null> {
  const db = await getDb();
  const existing = await credentialOf(person.id);
  if (existing?.enabledAt) return null;
  let secret = existing ? openSecret(existing.secretCiphertext, person.id) : null;
  if (!secret) {
    // None yet, or sealed with a key this server no longer has: start again.
    secret = newTotpSecret();
    const secretCiphertext = sealSecret(secret, person.id);
    await db
      .insert(twoFactorCredentials)
      .values({ userId: person.id, secretCiphertext })
      .onConflictDoUpdate({
        target: twoFactorCredentials.userId,
        set: { secretCiphertext, createdAt: new Date(), lastUsedStep: null },
        // Never overwrite a secret that was switched on in the meantime.
        setWhere: isNull(twoFactorCredentials.enabledAt),
      });
    const stored = await credentialOf(person.id);
    if (stored?.enabledAt) return null;
    secret = stored ? openSecret(stored.secretCiphertext, person.id) : null;
    if (!secret) throw new Error("The two-factor secret could not be stored");
  }
  const uri = otpauthUri(secret, person.email);
  return { secret, typed: secretForTyping(secret), uri, qrCode: await qrCodeImage(uri) };
}

async function replaceRecoveryCodes(tx: Database, userId: string): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await tx.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, userId));
  await tx.insert(twoFactorRecoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code)! })));
  return codes;
}

async function auditFailure(person: Person, during: string, reason: CodeFailure, details: Details) {
  await recordAudit({
    actorUserId: person.id,
    action: "auth.two_factor.failed",
    subjectType: "user",
    subjectId: person.id,
    detail: { during, reason },
    ipAddress: details.ipAddress,
  });
}

/**
 * Checks a code typed by `person` and spends it: a security code moves the last used time
 * step on (atomically, so the same code sent twice at once is accepted once), a recovery
 * code is marked used. Counted against the two-factor rate limit; failures are audited.
 */
export async function proveSecondFactor(
  person: Person,
  input: string,
  details: Details,
  options: { during: string; allowRecoveryCode: boolean; now?: number },
): Promise<{ ok: true; method: "security_code" | "recovery_code" } | { ok: false; reason: CodeFailure }> {
  const attempt = await beginSignInAttempt(person.email, details.ipAddress, "two_factor");
  const fail = async (reason: CodeFailure) => {
    await auditFailure(person, options.during, reason, details);
    return { ok: false as const, reason };
  };
  if (attempt.blocked) return fail("rate_limited");
  const typed = classifyCode(input);
  if (!typed || (typed.kind === "recovery_code" && !options.allowRecoveryCode)) return fail("wrong");
  const db = await getDb();
  const credential = await credentialOf(person.id);
  if (!credential?.enabledAt) return fail("wrong");

  if (typed.kind === "recovery_code") {
    const spent = await db
      .update(twoFactorRecoveryCodes)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(twoFactorRecoveryCodes.userId, person.id),
          eq(twoFactorRecoveryCodes.codeHash, hashRecoveryCode(typed.code)!),
          isNull(twoFactorRecoveryCodes.usedAt),
        ),
      )
      .returning({ id: twoFactorRecoveryCodes.id });
    if (spent.length === 0) return fail("wrong");
    await markSignInSucceeded(attempt.attemptId);
    await recordAudit({
      actorUserId: person.id,
      action: "auth.two_factor.recovery_code_used",
      subjectType: "user",
      subjectId: person.id,
      detail: { during: options.during, left: await recoveryCodesLeft(person.id) },
      ipAddress: details.ipAddress,
    });
    return { ok: true, method: "recovery_code" };
  }

  const secret = openSecret(credential.secretCiphertext, person.id);
  if (!secret) throw new Error("The two-factor secret cannot be read: is TWO_FACTOR_KEY the key it was stored with?");
  const check = checkSecurityCode(secret, typed.code, {
    now: options.now ?? Date.now(),
    lastUsedStep: credential.lastUsedStep,
  });
  if (!check.ok) return fail(check.reason);
  const moved = await db
    .update(twoFactorCredentials)
    .set({ lastUsedStep: check.step })
    .where(
      and(
        eq(twoFactorCredentials.userId, person.id),
        or(isNull(twoFactorCredentials.lastUsedStep), lt(twoFactorCredentials.lastUsedStep, check.step)),
      ),
    )
    .returning({ userId: twoFactorCredentials.userId });
  if (moved.length === 0) return fail("replayed");
  await markSignInSucceeded(attempt.attemptId);
  return { ok: true, method: "security_code" };
}

export type ConfirmSetupResult =
  { ok: true; recoveryCodes: string[] } | { ok: false; reason: CodeFailure | "not_started" };

/**
 * Switches two-factor sign-in on once the person shows a code from the secret they set up,
 * gives them their recovery codes (shown once), and signs them out on other devices.
 */
export async function confirmSetup(
  person: Person,
  input: string,
  details: Details,
  now = Date.now(),
): Promise<ConfirmSetupResult> {
  const attempt = await beginSignInAttempt(person.email, details.ipAddress, "two_factor");
  const fail = async (reason: CodeFailure) => {
    await auditFailure(person, "setup", reason, details);
    return { ok: false as const, reason };
  };
  if (attempt.blocked) return fail("rate_limited");
  const credential = await credentialOf(person.id);
  if (!credential || credential.enabledAt) return { ok: false, reason: "not_started" };
  const secret = openSecret(credential.secretCiphertext, person.id);
  if (!secret) return { ok: false, reason: "not_started" };
  const check = checkSecurityCode(secret, input, { now, lastUsedStep: null });
  if (!check.ok) return fail(check.reason);
  const db = await getDb();
  const codes = await db.transaction(async (tx) => {
    const switched = await tx
      .update(twoFactorCredentials)
      .set({ enabledAt: new Date(), lastUsedStep: check.step })
      .where(
        and(
          eq(twoFactorCredentials.userId, person.id),
          eq(twoFactorCredentials.secretCiphertext, credential.secretCiphertext),
          isNull(twoFactorCredentials.enabledAt),
        ),
      )
      .returning({ userId: twoFactorCredentials.userId });
    if (switched.length === 0) return null;
    const fresh = await replaceRecoveryCodes(tx, person.id);
    await recordAudit(
      {
        actorUserId: person.id,
        action: "auth.two_factor.enabled",
        subjectType: "user",
        subjectId: person.id,
        ipAddress: details.ipAddress,
      },
      tx,
    );
    return fresh;
  });
  if (!codes) return { ok: false, reason: "not_started" };
  await markSignInSucceeded(attempt.attemptId);
  await invalidateUserSessions(person.id, details.sessionId);
  return { ok: true, recoveryCodes: codes };
}

/** Checks a password on the account pages, counted with the sign-in limits for passwords. */
async function checkPassword(
  person: Person,
  password: string,
  details: Details,
): Promise<"ok" | "wrong" | "rate_limited"> {
  const attempt = await beginSignInAttempt(person.email, details.ipAddress, "password");
  if (attempt.blocked) return "rate_limited";
  const db = await getDb();
  const [user] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, person.id)).limit(1);
  if (!user?.hash || !(await verifyPassword(user.hash, password))) return "wrong";
  await markSignInSucceeded(attempt.attemptId);
  return "ok";
}

export type ProofFailure = { ok: false; field: "code" | "password"; reason: CodeFailure };

/** New recovery codes, for someone who proves it is them with a security code or their password. */
export async function regenerateRecoveryCodes(
  person: Person,
  proof: { code: string } | { password: string },
  details: Details,
): Promise<{ ok: true; recoveryCodes: string[] } | ProofFailure | { ok: false; field: "form"; reason: "not_on" }> {
  if (!(await isTwoFactorEnabled(person.id))) return { ok: false, field: "form", reason: "not_on" };
  if ("code" in proof) {
    const proved = await proveSecondFactor(person, proof.code, details, {
      during: "recovery_codes",
      allowRecoveryCode: false,
    });
    if (!proved.ok) return { ok: false, field: "code", reason: proved.reason };
  } else {
    const checked = await checkPassword(person, proof.password, details);
    if (checked !== "ok") return { ok: false, field: "password", reason: checked };
  }
  const db = await getDb();
  const codes = await db.transaction(async (tx) => {
    const fresh = await replaceRecoveryCodes(tx, person.id);
    await recordAudit(
      {
        actorUserId: person.id,
        action: "auth.two_factor.recovery_codes_replaced",
        subjectType: "user",
        subjectId: person.id,
        ipAddress: details.ipAddress,
      },
      tx,
    );
    return fresh;
  });
  return { ok: true, recoveryCodes: codes };
}

export type TurnOffResult =
  | { ok: true }
  | ProofFailure
  | { ok: false; field: "form"; reason: "required"; requiredBy: string[] }
  | { ok: false; field: "form"; reason: "not_on" };

/** Turns two-factor sign-in off with the password and a code, unless an organisation requires it of this person. */
export async function turnOffTwoFactor(
  person: Person,
  password: string,
  code: string,
  details: Details,
): Promise<TurnOffResult> {
  const status = await twoFactorStatus(person.id);
  if (!status.enabled) return { ok: false, field: "form", reason: "not_on" };
  if (status.requiredBy.length) return { ok: false, field: "form", reason: "required", requiredBy: status.requiredBy };
  const checked = await checkPassword(person, password, details);
  if (checked !== "ok") return { ok: false, field: "password", reason: checked };
  const proved = await proveSecondFactor(person, code, details, { during: "turn_off", allowRecoveryCode: true });
  if (!proved.ok) return { ok: false, field: "code", reason: proved.reason };
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, person.id));
    await tx.delete(twoFactorCredentials).where(eq(twoFactorCredentials.userId, person.id));
    await tx.delete(pendingSignIns).where(eq(pendingSignIns.userId, person.id));
    await recordAudit(
      {
        actorUserId: person.id,
        action: "auth.two_factor.disabled",
        subjectType: "user",
        subjectId: person.id,
        ipAddress: details.ipAddress,
      },
      tx,
    );
  });
  return { ok: true };
}

/** After a correct password: a token for the second step, bound to the person, good once for ten minutes. */
export async function startPendingSignIn(userId: string, redirectTo: string | null): Promise<string> {
  const token = generateToken();
  const db = await getDb();
  const now = new Date();
  await db.insert(pendingSignIns).values({
    id: hashToken(token),
    userId,
    redirectTo,
    createdAt: now,
    expiresAt: new Date(now.getTime() + PENDING_SIGN_IN_LIFETIME_MS),
  });
  return token;
}

/** The person a pending sign-in token belongs to, while it is unused and in date. */
export async function findPendingSignIn(token: string) {
  const db = await getDb();
  const [row] = await db
    .select({
      id: pendingSignIns.id,
      userId: pendingSignIns.userId,
      redirectTo: pendingSignIns.redirectTo,
      email: users.email,
    })
    .from(pendingSignIns)
    .innerJoin(users, eq(users.id, pendingSignIns.userId))
    .where(
      and(
        eq(pendingSignIns.id, hashToken(token)),
        isNull(pendingSignIns.usedAt),
        gt(pendingSignIns.expiresAt, new Date()),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Spends a pending sign-in: true for the one request that claims it. */
export async function claimPendingSignIn(id: string): Promise<boolean> {
  const db = await getDb();
  const claimed = await db
    .update(pendingSignIns)
    .set({ usedAt: new Date() })
    .where(and(eq(pendingSignIns.id, id), isNull(pendingSignIns.usedAt), gt(pendingSignIns.expiresAt, new Date())))
    .returning({ id: pendingSignIns.id });
  return claimed.length === 1;
}

export async function deleteExpiredPendingSignIns(now = new Date()) {
  const db = await getDb();
  await db.delete(pendingSignIns).where(lt(pendingSignIns.expiresAt, now));
}

/** How long a new phone may take to be confirmed once the move has been started. */
export const REPLACEMENT_LIFETIME_MS = 15 * 60_000;

type MoveDetails = Details & { sessionId: string };

export type StartMoveResult = { ok: true } | ProofFailure | { ok: false; field: "form"; reason: "not_on" };

/**
 * Starts moving two-factor sign-in to a new phone, for someone who proves it is them with their
 * password (counted like changing the password) and a code from the old phone or a recovery code.
 * A new secret is made and kept beside the old one, for this session only: the old phone goes on
 * working until a code from the new one is confirmed (`confirmNewPhone`).
 */
export async function startMovingToNewPhone(
  person: Person,
  password: string,
  code: string,
  details: MoveDetails,
): Promise<StartMoveResult> {
  if (!(await isTwoFactorEnabled(person.id))) return { ok: false, field: "form", reason: "not_on" };
  const checked = await checkPassword(person, password, details);
  if (checked !== "ok") return { ok: false, field: "password", reason: checked };
  const proved = await proveSecondFactor(person, code, details, { during: "new_phone", allowRecoveryCode: true });
  if (!proved.ok) return { ok: false, field: "code", reason: proved.reason };
  const db = await getDb();
  const started = await db.transaction(async (tx) => {
    const rows = await tx
      .update(twoFactorCredentials)
      .set({
        replacementCiphertext: sealSecret(newTotpSecret(), person.id),
        replacementStartedAt: new Date(),
        replacementSessionId: details.sessionId,
      })
      .where(and(eq(twoFactorCredentials.userId, person.id), isNotNull(twoFactorCredentials.enabledAt)))
      .returning({ userId: twoFactorCredentials.userId });
    if (rows.length === 0) return false;
    await recordAudit(
      {
        actorUserId: person.id,
        action: "auth.two_factor.new_phone_started",
        subjectType: "user",
        subjectId: person.id,
        detail: { proof: proved.method },
        ipAddress: details.ipAddress,
      },
      tx,
    );
    return true;
  });
  return started ? { ok: true } : { ok: false, field: "form", reason: "not_on" };
}

/** The replacement secret started in this session, while it is in date; null otherwise. */
async function replacementOf(person: Person, sessionId: string, now = Date.now()) {
  const credential = await credentialOf(person.id);
  if (
    !credential?.enabledAt ||
    !credential.replacementCiphertext ||
    !credential.replacementStartedAt ||
    credential.replacementSessionId !== sessionId ||
    now - credential.replacementStartedAt.getTime() >= REPLACEMENT_LIFETIME_MS
  )
    return null;
  const secret = openSecret(credential.replacementCiphertext, person.id);
  return secret ? { secret, sealed: credential.replacementCiphertext } : null;
}

/** The QR code and key for the new phone, while a move started in this session waits to be confirmed. */
export async function newPhoneSetup(person: Person, sessionId: string): Promise<SetupDetails | null> {
  const replacement = await replacementOf(person, sessionId);
  if (!replacement) return null;
  const uri = otpauthUri(replacement.secret, person.email);
  return {
    secret: replacement.secret,
    typed: secretForTyping(replacement.secret),
    uri,
    qrCode: await qrCodeImage(uri),
  };
}

export type ConfirmNewPhoneResult = { ok: true } | { ok: false; reason: CodeFailure | "not_started" };

/**
 * Replaces the old phone's secret with the new one, once the person shows a code from the new
 * phone; signs them out on other devices (the old phone may be in someone else's hands) and
 * tells them by email. Recovery codes stay as they are: they are on paper, not on the phone.
 */
export async function confirmNewPhone(
  person: Person,
  input: string,
  details: MoveDetails & { origin: string },
  now = Date.now(),
): Promise<ConfirmNewPhoneResult> {
  const attempt = await beginSignInAttempt(person.email, details.ipAddress, "two_factor");
  const fail = async (reason: CodeFailure) => {
    await auditFailure(person, "new_phone", reason, details);
    return { ok: false as const, reason };
  };
  if (attempt.blocked) return fail("rate_limited");
  const replacement = await replacementOf(person, details.sessionId, now);
  if (!replacement) return { ok: false, reason: "not_started" };
  const check = checkSecurityCode(replacement.secret, input, { now, lastUsedStep: null });
  if (!check.ok) return fail(check.reason);
  const db = await getDb();
  const moved = await db.transaction(async (tx) => {
    const rows = await tx
      .update(twoFactorCredentials)
      .set({
        secretCiphertext: replacement.sealed,
        lastUsedStep: check.step,
        replacementCiphertext: null,
        replacementStartedAt: null,
        replacementSessionId: null,
      })
      .where(
        and(
          eq(twoFactorCredentials.userId, person.id),
          eq(twoFactorCredentials.replacementCiphertext, replacement.sealed),
          isNotNull(twoFactorCredentials.enabledAt),
        ),
      )
      .returning({ userId: twoFactorCredentials.userId });
    if (rows.length === 0) return false;
    await recordAudit(
      {
        actorUserId: person.id,
        action: "auth.two_factor.moved_to_new_phone",
        subjectType: "user",
        subjectId: person.id,
        ipAddress: details.ipAddress,
      },
      tx,
    );
    await invalidateUserSessions(person.id, details.sessionId, tx);
    return true;
  });
  if (!moved) return { ok: false, reason: "not_started" };
  await markSignInSucceeded(attempt.attemptId);
  await sendEmail(newPhoneEmail(person, details.origin, new Date(now)));
  return { ok: true };
}

/** Stops a move that has not been confirmed: the old phone was working all along. */
export async function cancelNewPhone(person: Person, sessionId: string) {
  const db = await getDb();
  await db
    .update(twoFactorCredentials)
    .set({ replacementCiphertext: null, replacementStartedAt: null, replacementSessionId: null })
    .where(and(eq(twoFactorCredentials.userId, person.id), eq(twoFactorCredentials.replacementSessionId, sessionId)));
}

function newPhoneEmail(person: Person, origin: string, at: Date) {
  return {
    to: person.email,
    subject: "Two-factor sign-in was moved to a new device",
    text: [
      "Hello,",
      "",
      `Two-factor sign-in for your Practice Pathways account (${person.email}) was moved to a new device on ${englandDateTime(at)}. Security codes from the old device no longer work, and you have been signed out everywhere else. Your recovery codes have not changed.`,
      "",
      "If this was you, there is nothing more to do.",
      "",
      "If it was not you, someone may know your password. Reset it now at",
      `${origin}/forgot-password`,
      "and tell your programme lead (or the Practice Pathways team) straight away.",
    ].join("\n"),
  };
}

/** Which of these people have two-factor sign-in on, in one statement (for lists of people). */
export async function twoFactorOnAmong(userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const db = await getDb();
  const rows = await db
    .select({ userId: twoFactorCredentials.userId })
    .from(twoFactorCredentials)
    .where(and(inArray(twoFactorCredentials.userId, [...userIds]), isNotNull(twoFactorCredentials.enabledAt)));
  return new Set(rows.map((r) => r.userId));
}
