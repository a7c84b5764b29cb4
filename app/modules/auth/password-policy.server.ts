import { dictionary } from "@zxcvbn-ts/language-common";

import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-rules";

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

const common = new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));

export function isCommonPassword(password: string) {
  const lower = password.toLowerCase();
  if (common.has(lower)) return true;
  // "password1234" and "qwertyuiop12" are as guessable as their stems.
  const stem = lower.replace(/[\d!?.]+$/, "");
  return stem.length >= 4 && common.has(stem);
}

/** Returns what is wrong with a new password, in words a user can act on, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`;
  if (/^(.)\1+$/.test(password)) return "Password must not be one character repeated";
  if (isCommonPassword(password))
    return "That password is too common and easy to guess. Try a phrase of three or four unrelated words";
  return null;
}
