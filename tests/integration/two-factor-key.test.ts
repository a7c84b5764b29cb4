/** Rotating TWO_FACTOR_KEY re-encrypts every secret, all or nothing. */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { twoFactorCredentials } from "#db/schema";
import { openSecret, sealSecret } from "~/modules/auth/secret-box.server";
import { rotateTwoFactorKey } from "~/modules/auth/two-factor-key.server";
import { withTestDatabase } from "../support/database";
import { makeUser } from "../support/fixtures";

const t = withTestDatabase();

async function storedFor(userId: string) {
  const [row] = await t.db.select().from(twoFactorCredentials).where(eq(twoFactorCredentials.userId, userId));
  return row!.secretCiphertext;
}

test("moves every secret to the new key, and a second run changes nothing", async () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const people = [await makeUser(t.db), await makeUser(t.db)];
  for (const [i, person] of people.entries())
    await t.db
      .insert(twoFactorCredentials)
      .values({ userId: person.id, secretCiphertext: sealSecret(`SECRET${i}`, person.id, oldKey) });

  expect(await rotateTwoFactorKey(t.db, oldKey, newKey)).toEqual({ resealed: 2, alreadyNew: 0 });
  for (const [i, person] of people.entries()) {
    const sealed = await storedFor(person.id);
    expect(openSecret(sealed, person.id, newKey)).toBe(`SECRET${i}`);
    expect(openSecret(sealed, person.id, oldKey)).toBeNull();
  }
  expect(await rotateTwoFactorKey(t.db, oldKey, newKey)).toEqual({ resealed: 0, alreadyNew: 2 });
});

test("changes nothing when a secret opens with neither key", async () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const good = await makeUser(t.db);
  const stray = await makeUser(t.db);
  await t.db.insert(twoFactorCredentials).values([
    { userId: good.id, secretCiphertext: sealSecret("GOOD", good.id, oldKey) },
    { userId: stray.id, secretCiphertext: sealSecret("STRAY", stray.id, randomBytes(32)) },
  ]);
  const before = await storedFor(good.id);
  await expect(rotateTwoFactorKey(t.db, oldKey, newKey)).rejects.toThrow(/open with neither key.*nothing was changed/);
  expect(await storedFor(good.id)).toBe(before);
});

test("moves a new phone still being set up to the new key too", async () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const person = await makeUser(t.db);
  await t.db.delete(twoFactorCredentials); // the tests before leave theirs, one unreadable on purpose
  await t.db.insert(twoFactorCredentials).values({
    userId: person.id,
    secretCiphertext: sealSecret("OLDPHONE", person.id, oldKey),
    replacementCiphertext: sealSecret("NEWPHONE", person.id, oldKey),
    replacementStartedAt: new Date(),
    replacementSessionId: "a-session",
  });
  expect(await rotateTwoFactorKey(t.db, oldKey, newKey)).toEqual({ resealed: 1, alreadyNew: 0 });
  const [row] = await t.db.select().from(twoFactorCredentials).where(eq(twoFactorCredentials.userId, person.id));
  expect(openSecret(row!.secretCiphertext, person.id, newKey)).toBe("OLDPHONE");
  expect(openSecret(row!.replacementCiphertext!, person.id, newKey)).toBe("NEWPHONE");
  expect(row!.replacementSessionId).toBe("a-session");
});
