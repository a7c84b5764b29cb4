import { hashPassword, verifyAgainstNothing, verifyPassword } from "~/modules/auth/password.server";

const PASSPHRASE = "kettle orbit lantern moss";

describe("password hashing", () => {
  let stored: string;
  beforeAll(async () => {
    stored = await hashPassword(PASSPHRASE);
  });

  it("stores an argon2id PHC string at OWASP's minimum cost (19 MiB, 2 passes, 1 lane)", () => {
    expect(stored.startsWith("$argon2id$")).toBe(true);
    const [, algorithm, version, params] = stored.split("$");
    expect(algorithm).toBe("argon2id");
    expect(version).toBe("v=19");
    expect(params).toBe("m=19456,t=2,p=1");
    expect(stored).not.toContain(PASSPHRASE);
  });

  it("salts each hash, so the same password never gives the same string twice", async () => {
    expect(await hashPassword(PASSPHRASE)).not.toBe(stored);
  });

  it("verifies the right password and rejects a wrong or differently-cased one", async () => {
    expect(await verifyPassword(stored, PASSPHRASE)).toBe(true);
    expect(await verifyPassword(stored, "kettle orbit lantern mos")).toBe(false);
    expect(await verifyPassword(stored, PASSPHRASE.toUpperCase())).toBe(false);
  });

  it("treats a damaged stored hash as a wrong password instead of crashing sign-in", async () => {
    await expect(verifyPassword("not-a-hash", PASSPHRASE)).resolves.toBe(false);
    await expect(verifyPassword("", PASSPHRASE)).resolves.toBe(false);
  });

  it("answers false for an unknown account whatever password is given", async () => {
    await expect(verifyAgainstNothing(PASSPHRASE)).resolves.toBe(false);
    await expect(verifyAgainstNothing("not-a-real-password-for-timing")).resolves.toBe(false);
  });
});
