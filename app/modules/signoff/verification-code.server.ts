/**
 * The codes that let anyone check a document the platform issued (the first-year certificate, the
 * Masters transcript) at the verify page: PP- and three groups of four letters and digits, easy to
 * read out, and the same two lines on every PDF that carries one.
 */
import { randomBytes } from "node:crypto";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";

/** A new code: 60 random bits, in base 32 (A–Z, 2–7), as PP-ABCD-EFGH-JKLM. */
export function newVerificationCode() {
  const raw = encodeBase32UpperCaseNoPadding(randomBytes(8)).slice(0, 12);
  return `PP-${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
}

/** A code as typed (any case, spaces), in its stored form, or null if it cannot be one. */
export function normalVerificationCode(code: string) {
  const normal = code.trim().toUpperCase().replace(/\s+/g, "");
  return /^PP-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/.test(normal) ? normal : null;
}

/** What a PDF prints so a reader can check it: the code, and the address where it verifies. */
export function verificationLines(code: string, verifyUrl: string) {
  return { code: `Verification code ${code}`, where: `Check it at ${verifyUrl}` };
}
