import { z } from "zod";
import { changePasswordSchema, invitationSchema, signInSchema, signUpSchema } from "~/modules/auth/account-forms.server";
import { dayField, isDayInRange, isInvisibleOnly, NUL_MESSAGE, numberInBox, parseSubmission } from "~/utils/forms.server";

function form(entries: [string, string][]) {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

describe("parseSubmission", () => {
  it("returns the parsed data when the form is valid", async () => {
    const result = await parseSubmission(
      form([
        ["email", "  Priya.Shah@Northmoor.example "],
        ["password", "x"],
      ]),
      signInSchema,
    );
    expect(result).toEqual({
      ok: true,
      data: { email: "Priya.Shah@Northmoor.example", password: "x" },
      values: { email: "  Priya.Shah@Northmoor.example " },
      sent: null,
    });
  });

  it("takes the first value of a duplicated field, so a second cannot slip past validation", async () => {
    const valid = await parseSubmission(
      form([
        ["email", "a@example.com"],
        ["email", "not an email"],
        ["password", "x"],
      ]),
      signInSchema,
    );
    expect(valid.ok && valid.data.email).toBe("a@example.com");

    const invalid = await parseSubmission(
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

  it("keys each error by its field, with the message a person can act on", async () => {
    const result = await parseSubmission(
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

  it("gives one message per field, the first", async () => {
    const result = await parseSubmission(
      form([
        ["email", "x".repeat(300)],
        ["password", "x"],
      ]),
      signInSchema,
    );
    expect(!result.ok && result.errors.email).toBe("Email address must be 254 characters or fewer");
  });

  it("puts a cross-field problem against the field to correct", async () => {
    const result = await parseSubmission(
      form([
        ["currentPassword", "old one here"],
        ["password", "kettle orbit lantern"],
        ["confirmPassword", "kettle orbit lantren"],
      ]),
      changePasswordSchema,
    );
    expect(!result.ok && result.errors).toEqual({ confirmPassword: "The passwords do not match" });
  });

  it("applies the password policy to a new password and reports it against that field", async () => {
    const result = await parseSubmission(
      form([
        ["name", "Ruth Taylor"],
        ["email", "ruth@example.com"],
        ["password", "Password1234"],
        ["kind", "returner"],
      ]),
      signUpSchema,
    );
    expect(!result.ok && result.errors).toEqual({ password: expect.stringMatching(/too common/) });
    const short = await parseSubmission(
      form([
        ["currentPassword", "anything at all"],
        ["password", "short one"],
        ["confirmPassword", "short one"],
      ]),
      changePasswordSchema,
    );
    expect(!short.ok && short.errors).toEqual({ password: "Password must be at least 12 characters" });
  });

  it("does not apply the new-password policy to signing in with an existing password", async () => {
    const result = await parseSubmission(
      form([
        ["email", "a@example.com"],
        ["password", "password"],
      ]),
      signInSchema,
    );
    expect(result.ok).toBe(true);
  });

  it("puts a problem with the whole form under 'form'", async () => {
    const schema = z.object({ a: z.string() }).refine(() => false, { message: "Something is wrong" });
    const result = await parseSubmission(form([["a", "x"]]), schema);
    expect(!result.ok && result.errors).toEqual({ form: "Something is wrong" });
  });

  it("echoes typed values back for the page but never a password, token or code", async () => {
    const result = await parseSubmission(
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

  it("echoes the first of duplicated values, matching what was validated", async () => {
    const result = await parseSubmission(
      form([
        ["name", "First"],
        ["name", "Second"],
      ]),
      z.object({ name: z.string() }),
    );
    expect(result.values).toEqual({ name: "First" });
  });

  it("lower-cases an invited person's email and drops an empty job title's spaces", async () => {
    const result = await parseSubmission(
      form([
        ["name", " Chloe Evans "],
        ["email", "Chloe.Evans@Riverside.example"],
        ["role", "learner"],
        ["jobTitle", "  "],
      ]),
      invitationSchema,
    );
    expect(result).toMatchObject({
      ok: true,
      data: { name: "Chloe Evans", email: "chloe.evans@riverside.example", role: "learner", jobTitle: "" },
    });
  });

  it("refuses to invite someone as a platform admin or helpline advisor", async () => {
    for (const role of ["admin", "helpline_advisor"]) {
      const result = await parseSubmission(
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

describe("parseSubmission of a request", () => {
  it("parses a posted form", async () => {
    const request = new Request("https://pathways.test/sign-in", {
      method: "POST",
      body: new URLSearchParams({ email: "a@example.com", password: "x" }),
    });
    expect(await parseSubmission(request, signInSchema)).toEqual({
      ok: true,
      data: { email: "a@example.com", password: "x" },
      values: { email: "a@example.com" },
      sent: null,
    });
  });

  it("answers a body that is not a form with a form-level error, not a crash", async () => {
    const request = new Request("https://pathways.test/sign-in", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=nope" },
      body: "garbage",
    });
    expect(await parseSubmission(request, signInSchema)).toEqual({
      ok: false,
      errors: { form: "We could not read that form. Please try again." },
      values: {},
    });
  });
});

describe("the values put back", () => {
  it("keeps what was typed after a valid submission too, for a refusal the schema cannot see", async () => {
    const result = await parseSubmission(
      form([
        ["name", "Amara Nwosu"],
        ["password", "kettle orbit lantern"],
      ]),
      z.object({ name: z.string(), password: z.string() }),
    );
    expect(result).toEqual({
      ok: true,
      data: { name: "Amara Nwosu", password: "kettle orbit lantern" },
      values: { name: "Amara Nwosu" },
      sent: null,
    });
  });

  it("reads every ticked box of a list field, and gives them back as a list", async () => {
    const schema = z.object({ evidence: z.array(z.string()).min(1, "Choose at least one piece"), note: z.string() });
    const ticked = await parseSubmission(
      form([
        ["evidence", "a"],
        ["note", "first"],
        ["evidence", "b"],
        ["note", "second"],
      ]),
      schema,
      { lists: ["evidence"] },
    );
    expect(ticked).toEqual({
      ok: true,
      data: { evidence: ["a", "b"], note: "first" },
      values: { evidence: ["a", "b"], note: "first" },
      sent: null,
    });
    const none = await parseSubmission(form([["note", "typed"]]), schema, { lists: ["evidence"] });
    expect(none).toEqual({
      ok: false,
      errors: { evidence: "Choose at least one piece" },
      values: { evidence: [], note: "typed" },
    });
  });

  it("cuts a very long value it puts back, and skips a file", async () => {
    const data = form([["body", "x".repeat(30_000)]]);
    data.append("file", new File(["%PDF"], "a.pdf"));
    const result = await parseSubmission(data, z.object({ body: z.string().max(10) }));
    expect(!result.ok && result.errors.body).toBeTruthy();
    expect(result.values.body).toHaveLength(20_000);
    expect(result.values).not.toHaveProperty("file");
  });

  it("keeps a postcode, which is not a secret code", async () => {
    const result = await parseSubmission(
      form([
        ["postcode", "M1 1AE"],
        ["recoveryCode", "abcd-efgh"],
      ]),
      z.object({}),
    );
    expect(result.values).toEqual({ postcode: "M1 1AE" });
  });
});

describe("blankAsMissing", () => {
  it("treats an empty box as missing rather than zero", async () => {
    const { blankAsMissing } = await import("~/utils/forms.server");
    const schema = z.object({ cases: blankAsMissing(z.coerce.number({ error: "Enter the number of cases" }).min(0)) });
    expect(await parseSubmission(form([["cases", ""]]), schema)).toMatchObject({
      ok: false,
      errors: { cases: "Enter the number of cases" },
    });
    expect(await parseSubmission(form([["cases", "  "]]), schema)).toMatchObject({ ok: false });
    expect(await parseSubmission(form([["cases", "0"]]), schema)).toMatchObject({ ok: true, data: { cases: 0 } });
  });
});

describe("bad input at the edge (issue 18 item 8)", () => {
  it("refuses a NUL byte in any field with a message, and gives back the text without it", async () => {
    const result = await parseSubmission(
      form([
        ["name", "Amara\0 Nwosu"],
        ["email", "amara@example.org"],
        ["password", "a long enough pass\0phrase"],
        ["kind", "returner"],
      ]),
      signUpSchema,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.name).toBe(NUL_MESSAGE);
    expect(result.errors.password).toBe(NUL_MESSAGE);
    expect(result.values.name).toBe("Amara Nwosu");
    expect(result.values.password).toBeUndefined();
  });

  it("reads a name made only of invisible characters as no name", async () => {
    expect(isInvisibleOnly("  \u200b\u202e ")).toBe(true);
    expect(isInvisibleOnly("\u2066\u2069\ufeff\u3164")).toBe(true);
    expect(isInvisibleOnly("")).toBe(false);
    const result = await parseSubmission(
      form([
        ["name", "  \u200b\u202e "],
        ["email", "someone@example.org"],
        ["role", "learner"],
      ]),
      invitationSchema,
    );
    expect(!result.ok && result.errors.name).toBe("Enter their full name");
  });

  it("accepts names in every alphabet", async () => {
    for (const name of ["Łukasz Wójcik", "Noémie Ní Bhriain", "Siobhán D'Souza", "محمد علي", "李华"]) {
      expect(isInvisibleOnly(name)).toBe(false);
      const result = await parseSubmission(
        form([
          ["name", name],
          ["email", "someone@example.org"],
          ["role", "learner"],
        ]),
        invitationSchema,
      );
      expect(result.ok && result.data.name, name).toBe(name);
    }
  });

  it("reads numbers written in digits only: not hex, binary, exponents or signs", () => {
    const minutes = numberInBox(z.number({ error: "Enter the minutes" }).int("Enter whole minutes").min(0));
    const read = (typed: string) => {
      const r = minutes.safeParse(typed);
      return r.success ? r.data : r.error.issues[0]!.message;
    };
    expect(read("45")).toBe(45);
    expect(read(" 5")).toBe(5);
    expect(read("5 ")).toBe(5);
    expect(read("0x10")).toBe("Enter the minutes");
    expect(read("1e1")).toBe("Enter the minutes");
    expect(read("0b101")).toBe("Enter the minutes");
    expect(read("+5")).toBe("Enter the minutes");
    expect(read("-5")).toBe("Enter the minutes");
    expect(read("Infinity")).toBe("Enter the minutes");
    expect(read("4.5")).toBe("Enter whole minutes");
    expect(minutes.safeParse("").success).toBe(false);
    expect(numberInBox(z.number().optional()).parse("  ")).toBeUndefined();
  });

  it("takes dates from 1 January 1900 to 31 December 2100", () => {
    expect(isDayInRange("1900-01-01")).toBe(true);
    expect(isDayInRange("1899-12-31")).toBe(false);
    expect(isDayInRange("2100-12-31")).toBe(true);
    expect(isDayInRange("2101-01-01")).toBe(false);
    expect(isDayInRange("2027-02-30")).toBe(false);
    const day = dayField("Enter the date, for example 2027-01-04");
    const message = (typed: string) => {
      const r = day.safeParse(typed);
      return r.success ? "ok" : r.error.issues[0]!.message;
    };
    expect(message("1900-01-01")).toBe("ok");
    expect(message("2100-12-31")).toBe("ok");
    expect(message("1899-12-31")).toMatch(/from 1 January 1900 to 31 December 2100/);
    expect(message("2101-01-01")).toMatch(/from 1 January 1900 to 31 December 2100/);
    expect(message("+02027-01-01")).toBe("Enter the date, for example 2027-01-04");
    expect(message("2027-02-30")).toBe("Enter a real date");
  });
});

describe("the form's key (issue 18 item 7)", () => {
  it("comes with a valid form that carries one, with a digest of everything else sent", async () => {
    const key = "0b6f1a52-2c43-4d1e-9a7e-3f5c8d2e1b90";
    const sent = (entries: [string, string][]) => parseSubmission(form(entries), signInSchema);
    const a = await sent([["submissionKey", key], ["email", "a@example.com"], ["password", "x"]]);
    const b = await sent([["submissionKey", key], ["email", "a@example.com"], ["password", "x"]]);
    const c = await sent([["submissionKey", key], ["email", "b@example.com"], ["password", "x"]]);
    expect(a.ok && a.sent?.key).toBe(key);
    expect(a.ok && a.sent?.digest).toBe(b.ok && b.sent?.digest);
    expect(a.ok && a.sent?.digest).not.toBe(c.ok && c.sent?.digest);
    const mangled = await sent([["submissionKey", "not-a-key"], ["email", "a@example.com"], ["password", "x"]]);
    expect(mangled.ok && mangled.sent).toBeNull();
  });
});
