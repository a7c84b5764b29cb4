/**
 * The rules of two-factor sign-in, as pure functions: time-based security codes (TOTP,
 * RFC 6238: SHA-1, 6 digits, 30 seconds, one step either side for a clock that drifts),
 * refusal of a code already used, recovery codes, and who an organisation may require
 * to use it. The database side is in two-factor.server.ts.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { Secret, TOTP } from "otpauth";
import type { Role } from "~/modules/organisations/roles";

export const TOTP_ISSUER = "Practice Pathways";
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes from the step before and the step after are accepted too (a phone's clock may be a little out). */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;

/** No 0/o, 1/i/l: a recovery code is read off paper. 31 characters, 5 per block, two blocks: ~49 bits. */
const RECOVERY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
const RECOVERY_BLOCK = 5;

/** The roles an organisation can require two-factor sign-in of; learners are never made to use it. */
export const TWO_FACTOR_ROLES = [
  "supervisor",
  "assessor",
  "team_manager",
  "programme_lead",
  "marker",
  "admin",
  "external_examiner",
  "independent_assessor",
] as const satisfies readonly Role[];

/** A new random secret (160 bits, as RFC 4226 recommends), in base32 as authenticator apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, accountName = "") {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: accountName,
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function otpauthUri(secret: string, accountName: string): string {
  return totp(secret, accountName).toString();
}

/** The secret in blocks of four, easier to type into an app by hand. */
export function secretForTyping(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

/** The code an app shows at `now` (for tests and the development tools; never sent to a browser). */
export function codeAt(secret: string, now: number): string {
  return totp(secret).generate({ timestamp: now });
}

export function timeStep(now: number): number {
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
}

/** Spaces and hyphens are allowed ("123 456"); anything else that is not 6 digits is not a security code. */
export function normaliseSecurityCode(input: string): string | null {
  const digits = input.replace(/[\s-]/g, "");
  return new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(digits) ? digits : null;
}

export type CodeCheck = { ok: true; step: number } | { ok: false; reason: "wrong" | "replayed" };

/**
 * Is `input` the right code at `now`? A code is good once: one from a time step at or
 * before the last one accepted (`lastUsedStep`) is refused as replayed, even if right.
 */
export function checkSecurityCode(
  secret: string,
  input: string,
  { now, lastUsedStep }: { now: number; lastUsedStep: number | null },
): CodeCheck {
  const code = normaliseSecurityCode(input);
  if (!code) return { ok: false, reason: "wrong" };
  const delta = totp(secret).validate({ token: code, timestamp: now, window: TOTP_WINDOW });
  if (delta === null) return { ok: false, reason: "wrong" };
  const step = timeStep(now) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return { ok: false, reason: "replayed" };
  return { ok: true, step };
}

function randomRecoveryCharacters(count: number): string {
  let out = "";
  const bytes = new Uint8Array(count * 2);
  while (out.length < count) {
    crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      // Rejection sampling keeps every character equally likely.
      const value = byte & 31;
      if (value < RECOVERY_ALPHABET.length && out.length < count) out += RECOVERY_ALPHABET[value];
    }
  }
  return out;
}

/** Ten different codes like "k7m2q-x9tn4". */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    const raw = randomRecoveryCharacters(RECOVERY_BLOCK * 2);
    codes.add(`${raw.slice(0, RECOVERY_BLOCK)}-${raw.slice(RECOVERY_BLOCK)}`);
  }
  return [...codes];
}

/** Case, spaces and hyphens do not matter; returns the 10 characters, or null when it cannot be a recovery code. */
export function normaliseRecoveryCode(input: string): string | null {
  const compact = input.toLowerCase().replace(/[\s-]/g, "");
  return new RegExp(`^[${RECOVERY_ALPHABET}]{${RECOVERY_BLOCK * 2}}$`).test(compact) ? compact : null;
}

/** Recovery codes are random and long, so one fast hash is enough (unlike a password). */
export function hashRecoveryCode(input: string): string | null {
  const code = normaliseRecoveryCode(input);
  return code ? encodeHexLowerCase(sha256(new TextEncoder().encode(code))) : null;
}

/** What a person typed at the second step: a security code from their app, or one of their recovery codes. */
export function classifyCode(
  input: string,
): { kind: "security_code"; code: string } | { kind: "recovery_code"; code: string } | null {
  const security = normaliseSecurityCode(input);
  if (security) return { kind: "security_code", code: security };
  const recovery = normaliseRecoveryCode(input);
  if (recovery) return { kind: "recovery_code", code: recovery };
  return null;
}

/**
 * The organisations that require this person to use two-factor sign-in: those that ask
 * it of staff, where the person holds a staff role. Learners and returners are never forced.
 */
export function twoFactorRequiredBy(
  memberships: readonly { role: Role; organisation: { name: string; requireTwoFactor: boolean } }[],
): string[] {
  const names = memberships
    .filter((m) => m.organisation.requireTwoFactor && (TWO_FACTOR_ROLES as readonly Role[]).includes(m.role))
    .map((m) => m.organisation.name);
  return [...new Set(names)];
}

/** Why someone may not reset a member's two-factor sign-in; null when they may. */
export type ResetRefusal = "not_allowed" | "other_organisation" | "self" | "admin";

/**
 * Who may reset a member's two-factor sign-in (for a member who has lost their phone and their
 * recovery codes): a platform admin, anyone's but their own; a programme lead, a member of their
 * own organisation's, but not their own (they prove who they are to someone else) and not a
 * platform admin's (an admin's account reaches every organisation).
 */
export function twoFactorResetRefusal(
  actor: { userId: string; role: Role; organisationId: string },
  member: { userId: string; organisationId: string; roles: readonly Role[] },
): ResetRefusal | null {
  if (actor.role !== "admin" && actor.role !== "programme_lead") return "not_allowed";
  if (actor.role === "programme_lead" && member.organisationId !== actor.organisationId) return "other_organisation";
  if (member.userId === actor.userId) return "self";
  if (actor.role === "programme_lead" && member.roles.includes("admin")) return "admin";
  return null;
}
