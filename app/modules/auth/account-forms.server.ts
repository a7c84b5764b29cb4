/** Form schemas for the account pages, used by their actions (server-only: the policy needs the common-password list). */
import { z } from "zod";
import { INVITABLE_ROLES } from "~/modules/organisations/roles";
import { isUuid } from "~/utils/ids";
import { passwordProblem } from "./password-policy.server";

const text = (label: string, max: number) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} must be ${max} characters or fewer`);

export const emailField = z
  .string({ error: "Enter your email address" })
  .trim()
  .min(1, "Enter your email address")
  .max(254, "Email address must be 254 characters or fewer")
  .pipe(z.email({ error: "Enter an email address in the correct format, like name@example.com" }));

const passwordInput = (message: string) =>
  z.string({ error: message }).min(1, message).max(1024, "Password is too long");

/** A password being chosen: it must also pass the password policy. */
const newPasswordInput = (message: string) =>
  passwordInput(message).superRefine((password, ctx) => {
    const problem = passwordProblem(password);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const signInSchema = z.object({
  email: emailField,
  password: passwordInput("Enter your password"),
  redirectTo: z.string().max(2000).optional(),
});

export const signUpSchema = z.object({
  name: text("your full name", 120),
  email: emailField,
  password: newPasswordInput("Enter a password"),
  kind: z.enum(["returner", "self_funding"], { error: "Select why you are joining" }),
  helplineConsent: z.literal("yes").optional(),
});

export const forgotPasswordSchema = z.object({ email: emailField });

export const newPasswordSchema = z
  .object({
    password: newPasswordInput("Enter a new password"),
    confirmPassword: passwordInput("Confirm your new password"),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match",
  });

export const changePasswordSchema = z
  .object({
    currentPassword: passwordInput("Enter your current password"),
    password: newPasswordInput("Enter a new password"),
    confirmPassword: passwordInput("Confirm your new password"),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match",
  });

export const invitationSchema = z
  .object({
    name: text("their full name", 120),
    email: emailField.transform((e) => e.toLowerCase()),
    role: z.enum(INVITABLE_ROLES, { error: "Select the role they will have" }),
    jobTitle: z.string().trim().max(120, "Job title must be 120 characters or fewer").optional(),
    // A partner from police, health or education (ADR 026): their agency and the shared sessions they come to.
    agencyKind: z.enum(["police", "health", "education"], { error: "Select police, health or education" }).optional(),
    agency: z.string().trim().max(200, "The agency's name must be 200 characters or fewer").optional(),
    sessions: z.array(z.string().refine(isUuid, "Choose sessions from the list")).max(100).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.role !== "partner") return;
    if (!v.agencyKind) ctx.addIssue({ code: "custom", path: ["agencyKind"], message: "Select whether the partner is from police, health or education" });
    if (!v.agency) ctx.addIssue({ code: "custom", path: ["agency"], message: "Enter the partner's agency, for example Northmoor Police, Public Protection Unit" });
    if (!v.sessions.length) ctx.addIssue({ code: "custom", path: ["sessions"], message: "Choose at least one shared session to invite the partner to" });
  });

/** Choosing which organisation and role to work in. */
export const switchOrganisationSchema = z.object({
  membershipId: z
    .string({ error: "Select the organisation and role you are working in" })
    .min(1, "Select the organisation and role you are working in"),
});

const EITHER = "Enter the security code from your authenticator app, or your password";

/** Asking for new recovery codes: a security code or the password. */
export const newRecoveryCodesSchema = z
  .object({
    code: z.string().trim().max(20, "Enter the 6-digit security code from your authenticator app").default(""),
    password: z.string().max(1024, "Password is too long").default(""),
  })
  .refine((v) => v.code !== "" || v.password !== "", { path: ["code"], message: EITHER });

/** Turning two-factor sign-in off: the password and a code. */
export const turnOffTwoFactorSchema = z.object({
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(1024, "Password is too long"),
  code: z
    .string({ error: "Enter a security code from your authenticator app, or a recovery code" })
    .trim()
    .min(1, "Enter a security code from your authenticator app, or a recovery code")
    .max(40, "Enter a security code from your authenticator app, or a recovery code"),
});

/** Confirming two-factor set-up with a code from the app. */
export const twoFactorSetupSchema = z.object({
  code: z
    .string({ error: "Enter the security code from your authenticator app" })
    .trim()
    .min(1, "Enter the security code from your authenticator app")
    .max(20, "Enter the 6-digit security code from your authenticator app"),
});

/** The second step of signing in: a code from the app, or a recovery code. */
export const twoFactorSignInSchema = z.object({
  method: z.enum(["app", "recovery"]).default("app"),
  code: z.string().max(100, "That is too long to be a code").default(""),
});

/** An organisation's settings: whether its staff must use two-factor sign-in. */
export const twoFactorPolicySchema = z.object({ requireTwoFactor: z.literal("yes").optional() });

/** Moving two-factor sign-in to a new phone: first the password and a code from the old phone (or a recovery code), then a code from the new one. */
export const newPhoneSchema = z.discriminatedUnion(
  "intent",
  [
    turnOffTwoFactorSchema.extend({ intent: z.literal("prove") }),
    twoFactorSetupSchema.extend({ intent: z.literal("confirm") }),
    z.object({ intent: z.literal("cancel") }),
  ],
  { error: "We could not read that form. Please try again." },
);

/** A programme lead or admin resetting a member's two-factor sign-in: why, and that they have checked it is the member asking. */
export const resetTwoFactorSchema = z.object({
  reason: z
    .string({ error: "Enter why you are resetting their two-factor sign-in" })
    .trim()
    .min(1, "Enter why you are resetting their two-factor sign-in")
    .max(1000, "The reason must be 1,000 characters or fewer"),
  confirm: z.literal("yes", {
    error: "Confirm that you have checked it is them asking",
  }),
});
