import { PASSWORD_MIN_LENGTH } from "~/modules/auth/password-rules";
import { TextField } from "./forms";

export function NewPasswordFields({ errors }: { errors?: Record<string, string> }) {
  return (
    <>
      <TextField
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. A phrase of three or four unrelated words is easy to remember and hard to guess.`}
        error={errors?.password}
      />
      <TextField
        name="confirmPassword"
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        error={errors?.confirmPassword}
      />
    </>
  );
}
