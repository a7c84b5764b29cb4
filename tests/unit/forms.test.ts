import { z } from "zod";
import { changePasswordSchema, invitationSchema, signInSchema, signUpSchema } from "~/modules/auth/schemas.server";
import { formValues, parseForm, readForm } from "~/utils/forms";

function form(entries: [string, string][]) {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

describe("parseForm", () => {
  it("returns the parsed data when the form is valid", () => {
    const result = parseForm(
      form([
        ["email", "  Priya.Shah@Northmoor.example "],
        ["password", "x"],
      ]),
      signInSchema,
    );
    expect(result).toEqual({ ok: true, data: { email: "Priya.Shah@Northmoor.example", password: "x" } });
  });

  it("takes the first value of a duplicated field, so a second cannot slip past validation", () => {
    const valid = parseForm(
      form([
        ["email", "a@example.com"],
        ["email", "not an email"],
        ["password", "x"],
      ]),
      signInSchema,
    );
    expect(valid.ok && valid.data.email).toBe("a@example.com");

    const invalid = parseForm(
      form([
        ["email", "not an email"],
        ["email", "a@example.com"],
        ["password", "x"],
      ]),
      signInSchema,
    );
    expect(invalid.ok).toBe(false);
    expect(!invalid.ok && invalid.errors.email).toMatch(/correct format/);
  });

  it("keys each error by its field, with the message a person can act on", () => {
    const result = parseForm(
      form([
        ["email", ""],
        ["name", "Amara"],
      ]),
      signUpSchema,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      email: "Enter your email address",
      password: "Enter a password",
      kind: "Select why you are joining",
    });
  });

  it("gives one message per field, the first", () => {
    const result = parseForm(
      form([
        ["email", "x".repeat(300)],
        ["password", "x"],
      ]),
      signInSchema,
    );
    expect(!result.ok && result.errors.email).toBe("Email address must be 254 characters or fewer");
  });

  it("puts a cross-field problem against the field to correct", () => {
    const result = parseForm(
      form([
        ["currentPassword", "old one here"],
        ["password", "kettle orbit lantern"],
        ["confirmPassword", "kettle orbit lantren"],
      ]),
      changePasswordSchema,
    );
    expect(!result.ok && result.errors).toEqual({ confirmPassword: "The passwords do not match" });
  });

  it("applies the password policy to a new password and reports it against that field", () => {
    const result = parseForm(
      form([
        ["name", "Ruth Taylor"],
        ["email", "ruth@example.com"],
        ["password", "Password1234"],
        ["kind", "returner"],
      ]),
      signUpSchema,
    );
    expect(!result.ok && result.errors).toEqual({ password: expect.stringMatching(/too common/) });
    const short = parseForm(
      form([
        ["currentPassword", "anything at all"],
        ["password", "short one"],
        ["confirmPassword", "short one"],
      ]),
      changePasswordSchema,
    );
    expect(!short.ok && short.errors).toEqual({ password: "Password must be at least 12 characters" });
  });

  it("does not apply the new-password policy to signing in with an existing password", () => {
    expect(
      parseForm(
        form([
          ["email", "a@example.com"],
          ["password", "password"],
        ]),
        signInSchema,
      ).ok,
    ).toBe(true);
  });

  it("puts a problem with the whole form under 'form'", () => {
    const schema = z.object({ a: z.string() }).refine(() => false, { message: "Something is wrong" });
    const result = parseForm(form([["a", "x"]]), schema);
    expect(!result.ok && result.errors).toEqual({ form: "Something is wrong" });
  });

  it("echoes typed values back for the page but never a password, token or code", () => {
    const result = parseForm(
      form([
        ["name", "Amara Nwosu"],
        ["email", "amara@"],
        ["password", "kettle orbit lantern"],
        ["confirmPassword", "kettle orbit lantern"],
        ["currentPassword", "old secret value"],
        ["resetToken", "abc"],
        ["mfaCode", "123456"],
      ]),
      signUpSchema,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.values).toEqual({ name: "Amara Nwosu", email: "amara@" });
    expect(JSON.stringify(result)).not.toContain("kettle orbit lantern");
    expect(JSON.stringify(result)).not.toContain("old secret value");
  });

  it("echoes the first of duplicated values, matching what was validated", () => {
    expect(
      formValues(
        form([
          ["name", "First"],
          ["name", "Second"],
        ]),
      ),
    ).toEqual({ name: "First" });
  });

  it("lower-cases an invited person's email and drops an empty job title's spaces", () => {
    const result = parseForm(
      form([
        ["name", " Chloe Evans "],
        ["email", "Chloe.Evans@Riverside.example"],
        ["role", "learner"],
        ["jobTitle", "  "],
      ]),
      invitationSchema,
    );
    expect(result).toEqual({
      ok: true,
      data: { name: "Chloe Evans", email: "chloe.evans@riverside.example", role: "learner", jobTitle: "" },
    });
  });

  it("refuses to invite someone as a platform admin or helpline advisor", () => {
    for (const role of ["admin", "helpline_advisor"]) {
      const result = parseForm(
        form([
          ["name", "X Y"],
          ["email", "x@example.com"],
          ["role", role],
        ]),
        invitationSchema,
      );
      expect(!result.ok && result.errors.role).toBe("Select the role they will have");
    }
  });
});

describe("readForm", () => {
  it("parses a posted form", async () => {
    const request = new Request("https://pathways.test/sign-in", {
      method: "POST",
      body: new URLSearchParams({ email: "a@example.com", password: "x" }),
    });
    expect(await readForm(request, signInSchema)).toEqual({
      ok: true,
      data: { email: "a@example.com", password: "x" },
    });
  });

  it("answers a body that is not a form with a form-level error, not a crash", async () => {
    const request = new Request("https://pathways.test/sign-in", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=nope" },
      body: "garbage",
    });
    expect(await readForm(request, signInSchema)).toEqual({
      ok: false,
      errors: { form: "We could not read that form. Please try again." },
      values: {},
    });
  });
});

describe("formValues", () => {
  it("keeps a postcode, which is not a secret code", () => {
    expect(
      formValues(
        form([
          ["postcode", "M1 1AE"],
          ["recoveryCode", "abcd-efgh"],
        ]),
      ),
    ).toEqual({ postcode: "M1 1AE" });
  });
});

describe("blankAsMissing", () => {
  it("treats an empty box as missing rather than zero", async () => {
    const { blankAsMissing } = await import("~/utils/forms.server");
    const schema = z.object({ cases: blankAsMissing(z.coerce.number({ error: "Enter the number of cases" }).min(0)) });
    expect(parseForm(form([["cases", ""]]), schema)).toMatchObject({
      ok: false,
      errors: { cases: "Enter the number of cases" },
    });
    expect(parseForm(form([["cases", "  "]]), schema)).toMatchObject({ ok: false });
    expect(parseForm(form([["cases", "0"]]), schema)).toEqual({ ok: true, data: { cases: 0 } });
  });
});
