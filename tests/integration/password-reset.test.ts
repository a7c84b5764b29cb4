import { eq } from "drizzle-orm";
import { passwordResetTokens, users } from "#db/schema";
import {
  changePassword,
  checkResetToken,
  RESET_ANSWER_MS,
  requestPasswordReset,
  resetPassword,
  signIn,
} from "~/modules/auth/accounts.server";
import { createSession, generateToken, hashToken, validateSessionToken } from "~/modules/auth/session.server";
import { listStoredEmails } from "~/utils/email.server";
import { withTestDatabase } from "../support/database";
import { emailsTo, makeUser, ORIGIN, requestFrom, tokenFromLink } from "../support/fixtures";

const t = withTestDatabase();

const OLD_PASSWORD = "kettle orbit lantern moss";
const NEW_PASSWORD = "harbour violet anchor tide";

async function newSession(userId: string) {
  const token = generateToken();
  const session = await createSession(token, userId);
  return { token, session };
}

async function askForReset(email: string) {
  await requestPasswordReset(email, requestFrom());
  const [latest] = await emailsTo(email);
  if (!latest) throw new Error(`No email to ${email}`);
  return { email: latest, token: tokenFromLink(latest, "/reset-password") };
}

describe("asking for a password reset", () => {
  it("takes the same time whether or not the address has an account", async () => {
    await makeUser(t.db, { email: "timed.reset@riverside.example" });
    for (const email of ["timed.reset@riverside.example", "no.such.person@riverside.example"]) {
      const started = performance.now();
      await requestPasswordReset(email, requestFrom("198.51.100.201"));
      expect(performance.now() - started).toBeGreaterThanOrEqual(RESET_ANSWER_MS - 5);
    }
  });

  it("sends an account at most three links in fifteen minutes, from anywhere, and answers the fourth the same", async () => {
    await makeUser(t.db, { email: "inbox.filled@riverside.example" });
    for (let i = 0; i < 4; i++)
      await expect(requestPasswordReset("inbox.filled@riverside.example", requestFrom(`198.51.100.${210 + i}`))).resolves.toBeUndefined();
    expect(await emailsTo("inbox.filled@riverside.example")).toHaveLength(3);
  });

  it("emails a one-hour reset link to a known address, keeping only the token's hash", async () => {
    const user = await makeUser(t.db, { email: "chloe.evans@riverside.example", name: "Chloe Evans" });
    await requestPasswordReset("  Chloe.Evans@Riverside.example ", requestFrom());

    const mail = await emailsTo("chloe.evans@riverside.example");
    expect(mail).toHaveLength(1);
    const message = mail[0]!;
    expect(message.subject).toBe("Reset your Practice Pathways password");
    expect(message.text).toContain("Hello Chloe Evans,");
    expect(message.text).toMatch(new RegExp(`^${ORIGIN}/reset-password/[a-z2-7]{32}$`, "m"));
    const token = tokenFromLink(message, "/reset-password");

    const rows = await t.db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(hashToken(token));
    expect(rows[0]!.id).not.toBe(token);
    const lifetime = rows[0]!.expiresAt.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(59 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(60 * 60_000);
    expect(await checkResetToken(token)).toEqual({ email: "chloe.evans@riverside.example" });
  });

  it("sends nothing and stores nothing for an unknown address, without saying so", async () => {
    const before = (await listStoredEmails(1000)).length;
    const tokensBefore = (await t.db.select().from(passwordResetTokens)).length;
    await expect(requestPasswordReset("nobody@riverside.example", requestFrom())).resolves.toBeUndefined();
    expect((await listStoredEmails(1000)).length).toBe(before);
    expect((await t.db.select().from(passwordResetTokens)).length).toBe(tokensBefore);
  });
});

describe("resetting a password with the link", () => {
  it("sets the new password, works once, and signs the person out everywhere", async () => {
    const user = await makeUser(t.db, { email: "jamal.campbell@riverside.example", password: OLD_PASSWORD });
    const laptop = await newSession(user.id);
    const phone = await newSession(user.id);
    const { token } = await askForReset("jamal.campbell@riverside.example");

    expect(await resetPassword(token, NEW_PASSWORD, requestFrom())).toBe(true);

    expect(await validateSessionToken(laptop.token)).toBeNull();
    expect(await validateSessionToken(phone.token)).toBeNull();
    expect(await signIn("jamal.campbell@riverside.example", OLD_PASSWORD, requestFrom())).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect((await signIn("jamal.campbell@riverside.example", NEW_PASSWORD, requestFrom())).ok).toBe(true);

    // The link is spent.
    expect(await checkResetToken(token)).toBeNull();
    expect(await resetPassword(token, "someone else's choice", requestFrom())).toBe(false);
    expect((await signIn("jamal.campbell@riverside.example", NEW_PASSWORD, requestFrom())).ok).toBe(true);
  });

  it("refuses a link more than an hour old and leaves the password alone", async () => {
    const user = await makeUser(t.db, { email: "aisha.rahman@riverside.example", password: OLD_PASSWORD });
    const session = await newSession(user.id);
    const { token } = await askForReset("aisha.rahman@riverside.example");
    await t.db
      .update(passwordResetTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResetTokens.id, hashToken(token)));

    expect(await checkResetToken(token)).toBeNull();
    expect(await resetPassword(token, NEW_PASSWORD, requestFrom())).toBe(false);
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.passwordHash).toBe(user.passwordHash);
    expect(await validateSessionToken(session.token)).not.toBeNull();
  });

  it("refuses a made-up token", async () => {
    expect(await checkResetToken(generateToken())).toBeNull();
    expect(await resetPassword(generateToken(), NEW_PASSWORD, requestFrom())).toBe(false);
  });

  it("does not let one person's link change another person's password", async () => {
    const owner = await makeUser(t.db, { email: "owen.pritchard@riverside.example", password: OLD_PASSWORD });
    const other = await makeUser(t.db, { email: "farah.ali@riverside.example", password: OLD_PASSWORD });
    const { token } = await askForReset("owen.pritchard@riverside.example");
    expect(await checkResetToken(token)).toEqual({ email: "owen.pritchard@riverside.example" });
    expect(await resetPassword(token, NEW_PASSWORD, requestFrom())).toBe(true);
    const [otherRow] = await t.db.select().from(users).where(eq(users.id, other.id));
    const [ownerRow] = await t.db.select().from(users).where(eq(users.id, owner.id));
    expect(otherRow!.passwordHash).toBe(other.passwordHash);
    expect(ownerRow!.passwordHash).not.toBe(owner.passwordHash);
  });
});

describe("changing a password while signed in", () => {
  it("refuses a wrong current password and changes nothing", async () => {
    const user = await makeUser(t.db, { email: "marcus.reid@riverside.example", password: OLD_PASSWORD });
    const here = await newSession(user.id);
    const elsewhere = await newSession(user.id);
    const result = await changePassword(
      user.id,
      here.session.id,
      "kettle orbit lantern mist",
      NEW_PASSWORD,
      requestFrom(),
    );
    expect(result).toEqual({ ok: false, field: "currentPassword", message: "Your current password is not right" });
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.passwordHash).toBe(user.passwordHash);
    expect(await validateSessionToken(elsewhere.token)).not.toBeNull();
  });

  it("changes it, signs out the other sessions and keeps this one", async () => {
    const user = await makeUser(t.db, { email: "megan.lloyd@harbourtrust.example", password: OLD_PASSWORD });
    const here = await newSession(user.id);
    const laptop = await newSession(user.id);
    const phone = await newSession(user.id);
    const stranger = await newSession((await makeUser(t.db)).id);

    expect(await changePassword(user.id, here.session.id, OLD_PASSWORD, NEW_PASSWORD, requestFrom())).toEqual({
      ok: true,
    });

    expect(await validateSessionToken(here.token)).not.toBeNull();
    expect(await validateSessionToken(laptop.token)).toBeNull();
    expect(await validateSessionToken(phone.token)).toBeNull();
    expect(await validateSessionToken(stranger.token)).not.toBeNull();
    expect((await signIn("megan.lloyd@harbourtrust.example", NEW_PASSWORD, requestFrom())).ok).toBe(true);
  });

  it("counts wrong current passwords like sign-ins: after five from one address even the right one waits", async () => {
    const user = await makeUser(t.db, { email: "unlocked.screen@harbourtrust.example", password: OLD_PASSWORD });
    const here = await newSession(user.id);
    const desk = requestFrom("198.51.100.220");
    for (let i = 0; i < 5; i++)
      expect(await changePassword(user.id, here.session.id, `wrong guess ${i}`, NEW_PASSWORD, desk)).toMatchObject({ ok: false });
    expect(await changePassword(user.id, here.session.id, OLD_PASSWORD, NEW_PASSWORD, desk)).toEqual({
      ok: false,
      field: "currentPassword",
      message: "Too many wrong passwords. For your security, wait 15 minutes and try again",
    });
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.passwordHash).toBe(user.passwordHash);
  }, 30_000);
});

describe("older reset links after the password has changed", () => {
  it("refuses the other outstanding link once one link has been used", async () => {
    await makeUser(t.db, { email: "rhys.jenkins@riverside.example", password: OLD_PASSWORD });
    const first = await askForReset("rhys.jenkins@riverside.example");
    const second = await askForReset("rhys.jenkins@riverside.example");
    expect(first.token).not.toBe(second.token);
    expect(await resetPassword(second.token, NEW_PASSWORD, requestFrom())).toBe(true);
    expect(await checkResetToken(first.token)).toBeNull();
    expect(await resetPassword(first.token, "another phrase entirely 5", requestFrom())).toBe(false);
    expect((await signIn("rhys.jenkins@riverside.example", NEW_PASSWORD, requestFrom())).ok).toBe(true);
  });

  it("refuses a link asked for before the password was changed from the account page", async () => {
    const user = await makeUser(t.db, { email: "nia.okonkwo@riverside.example", password: OLD_PASSWORD });
    const link = await askForReset("nia.okonkwo@riverside.example");
    const { session } = await newSession(user.id);
    expect(await changePassword(user.id, session.id, OLD_PASSWORD, NEW_PASSWORD, requestFrom())).toEqual({ ok: true });
    expect(await checkResetToken(link.token)).toBeNull();
    expect(await resetPassword(link.token, "another phrase entirely 6", requestFrom())).toBe(false);
  });
});
