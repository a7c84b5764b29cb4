/**
 * Encryption at rest for two-factor secrets: AES-256-GCM with the key in TWO_FACTOR_KEY.
 * The user's id is bound in as additional data, so a stored secret copied onto another
 * person's row does not decrypt. Stored as `v1.<iv>.<ciphertext>.<tag>` (base64url).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { decodeKey, env } from "~/utils/env.server";

const FORMAT = "v1";

/** Used only when TWO_FACTOR_KEY is unset: fine for development and tests, never for real secrets. */
const DEVELOPMENT_KEY_SEED = "practice-pathways-DEVELOPMENT-ONLY-two-factor-key-not-secret";

export function twoFactorKey(): { key: Buffer; fallback: boolean } {
  const configured = env().TWO_FACTOR_KEY;
  const key = configured ? decodeKey(configured) : null;
  if (key) return { key, fallback: false };
  return { key: createHash("sha256").update(DEVELOPMENT_KEY_SEED).digest(), fallback: true };
}

export function sealSecret(plain: string, boundTo: string, key = twoFactorKey().key): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(boundTo));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [FORMAT, iv, body, tag].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** The secret, or null when the box was sealed with another key, for another person, or altered. */
export function openSecret(sealed: string, boundTo: string, key = twoFactorKey().key): string | null {
  const [format, iv, body, tag] = sealed.split(".");
  if (format !== FORMAT || !iv || !body || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
