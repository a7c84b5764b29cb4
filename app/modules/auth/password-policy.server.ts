import { dictionary } from "@zxcvbn-ts/language-common";

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing cannot be used to tie up the server. */
export const PASSWORD_MAX_LENGTH = 256;

const common = new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));

export function isCommonPassword(password: string) {
  const lower = password.toLowerCase();
  if (common.has(lower)) return true;
  // "password1234" and "qwertyuiop12" are as guessable as their stems.
  const stem = lower.replace(/[\d!?.]+$/, "");
  return stem.length >= 4 && common.has(stem);
}

/** Returns what is wrong with a new password, in words a user can act on, or null when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `Password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH)
    return `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`;
  if (/^(.)\1+$/.test(password)) return "Password must not be one character repeated";
  if (isCommonPassword(password))
    return "That password is too common and easy to guess. Try a phrase of three or four unrelated words";
  const email = context.email?.trim().toLowerCase();
  if (email && password.toLowerCase().includes(email.split("@")[0] ?? email) && (email.split("@")[0]?.length ?? 0) >= 4)
    return "Password must not contain your email address";
  return null;
}
