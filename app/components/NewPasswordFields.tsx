import { TextField } from "./forms";

export function NewPasswordFields({ errors, minLength }: { errors?: Record<string, string>; minLength: number }) {
  return (
    <>
      <TextField
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${minLength} characters. A phrase of three or four unrelated words is easy to remember and hard to guess.`}
        error={errors?.password}
      />
      <TextField name="confirmPassword" label="Confirm new password" type="password" autoComplete="new-password" error={errors?.confirmPassword} />
    </>
  );
}
