import { Secret, TOTP } from "otpauth";
import { openSecret, sealSecret } from "~/modules/auth/secret-box.server";
import {
  checkSecurityCode,
  classifyCode,
  codeAt,
  generateRecoveryCodes,
  hashRecoveryCode,
  newTotpSecret,
  normaliseRecoveryCode,
  normaliseSecurityCode,
  otpauthUri,
  secretForTyping,
  timeStep,
  twoFactorRequiredBy,
  twoFactorResetRefusal,
} from "~/modules/auth/two-factor";

// RFC 6238's SHA-1 test secret ("12345678901234567890") in base32, and its published vectors.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const AT_59 = 59_000; // 94287082 in 8 digits: 287082 in 6
const AT_1111111109 = 1_111_111_109_000; // 07081804 → 081804

describe("security codes", () => {
  it("match RFC 6238's test vectors (SHA-1, 6 digits, 30 seconds)", () => {
    expect(codeAt(RFC_SECRET, AT_59)).toBe("287082");
    expect(codeAt(RFC_SECRET, AT_1111111109)).toBe("081804");
  });

  it("accept the code for now, the step before and the step after, and nothing further out", () => {
    const secret = newTotpSecret();
    const now = 1_767_225_615_000; // 15 s into a step
    const at = (offsetSteps: number) => codeAt(secret, now + offsetSteps * 30_000);
    const step = timeStep(now);
    expect(checkSecurityCode(secret, at(0), { now, lastUsedStep: null })).toEqual({ ok: true, step });
    expect(checkSecurityCode(secret, at(-1), { now, lastUsedStep: null })).toEqual({ ok: true, step: step - 1 });
    expect(checkSecurityCode(secret, at(1), { now, lastUsedStep: null })).toEqual({ ok: true, step: step + 1 });
    expect(checkSecurityCode(secret, at(-2), { now, lastUsedStep: null })).toEqual({ ok: false, reason: "wrong" });
    expect(checkSecurityCode(secret, at(2), { now, lastUsedStep: null })).toEqual({ ok: false, reason: "wrong" });
  });

  it("refuse a code already used, and any older one, even inside the window", () => {
    const secret = newTotpSecret();
    const now = 1_767_225_615_000;
    const step = timeStep(now);
    const current = codeAt(secret, now);
    expect(checkSecurityCode(secret, current, { now, lastUsedStep: step })).toEqual({ ok: false, reason: "replayed" });
    expect(checkSecurityCode(secret, codeAt(secret, now - 30_000), { now, lastUsedStep: step })).toEqual({
      ok: false,
      reason: "replayed",
    });
    // The next step's code is still good after this one was used.
    expect(checkSecurityCode(secret, codeAt(secret, now + 30_000), { now, lastUsedStep: step })).toEqual({
      ok: true,
      step: step + 1,
    });
  });

  it("refuse another secret's code, and anything that is not six digits", () => {
    const secret = newTotpSecret();
    const now = Date.now();
    const other = codeAt(newTotpSecret(), now);
    const mine = codeAt(secret, now);
    if (other !== mine) expect(checkSecurityCode(secret, other, { now, lastUsedStep: null }).ok).toBe(false);
    for (const input of ["", "12345", "1234567", "abcdef", `${mine}0`]) {
      expect(checkSecurityCode(secret, input, { now, lastUsedStep: null })).toEqual({ ok: false, reason: "wrong" });
    }
  });

  it("allow spaces and a hyphen, as apps show the code", () => {
    expect(normaliseSecurityCode(" 123 456 ")).toBe("123456");
    expect(normaliseSecurityCode("123-456")).toBe("123456");
    expect(normaliseSecurityCode("12 34")).toBeNull();
  });

  it("come from a secret an authenticator app can read: an otpauth address and the same secret to type", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = otpauthUri(secret, "ben.thornton@harbourtrust.example");
    expect(uri).toMatch(/^otpauth:\/\/totp\/Practice%20Pathways:ben\.thornton%40harbourtrust\.example\?/);
    const url = new URL(uri);
    expect(url.searchParams.get("secret")).toBe(secret);
    expect(url.searchParams.get("issuer")).toBe("Practice Pathways");
    expect(url.searchParams.get("algorithm")).toBe("SHA1");
    expect(url.searchParams.get("digits")).toBe("6");
    expect(url.searchParams.get("period")).toBe("30");
    expect(secretForTyping(secret).replace(/ /g, "")).toBe(secret);
    expect(secretForTyping(secret).split(" ")).toHaveLength(8);
    // What any app computes from the typed secret is what the site expects.
    const app = new TOTP({ secret: Secret.fromBase32(secretForTyping(secret).replace(/ /g, "")) });
    const now = Date.now();
    expect(checkSecurityCode(secret, app.generate({ timestamp: now }), { now, lastUsedStep: null }).ok).toBe(true);
  });
});

describe("recovery codes", () => {
  it("are ten different codes of two blocks of five, without characters easily misread", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}$/);
  });

  it("are read however they are typed: case, spaces and hyphens do not matter", () => {
    const [code] = generateRecoveryCodes(1);
    const hash = hashRecoveryCode(code!);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(code!.toUpperCase())).toBe(hash);
    expect(hashRecoveryCode(` ${code!.replace("-", " ")} `)).toBe(hash);
    expect(hashRecoveryCode(code!.replace("-", ""))).toBe(hash);
    expect(normaliseRecoveryCode("abcde-fghij")).toBeNull(); // i is not used
    expect(normaliseRecoveryCode("abcd-efgh")).toBeNull();
    expect(hashRecoveryCode("not a code")).toBeNull();
  });

  it("are told apart from security codes at the second step", () => {
    expect(classifyCode("123 456")).toEqual({ kind: "security_code", code: "123456" });
    expect(classifyCode("K7M2Q-X9TN4")).toEqual({ kind: "recovery_code", code: "k7m2qx9tn4" });
    expect(classifyCode("hello")).toBeNull();
  });
});

describe("who an organisation may require to use two-factor sign-in", () => {
  const org = (name: string, requireTwoFactor: boolean) => ({ name, requireTwoFactor });
  it("is its supervisors, assessors, team managers, programme leads and admins, never its learners", () => {
    const requiring = org("Northmoor City Council", true);
    for (const role of ["supervisor", "assessor", "team_manager", "programme_lead", "admin", "external_examiner"] as const) {
      expect(twoFactorRequiredBy([{ role, organisation: requiring }])).toEqual(["Northmoor City Council"]);
    }
    expect(twoFactorRequiredBy([{ role: "learner", organisation: requiring }])).toEqual([]);
    expect(twoFactorRequiredBy([{ role: "supervisor", organisation: org("Riverside", false) }])).toEqual([]);
  });

  it("names each organisation once, and only those that ask for it", () => {
    const north = org("Northmoor City Council", true);
    expect(
      twoFactorRequiredBy([
        { role: "supervisor", organisation: north },
        { role: "assessor", organisation: north },
        { role: "supervisor", organisation: org("Riverside", false) },
        { role: "learner", organisation: org("Eastbridge", true) },
      ]),
    ).toEqual(["Northmoor City Council"]);
  });
});

describe("secrets at rest", () => {
  const key = Buffer.alloc(32, 7);
  it("are sealed so only the same key, for the same person, opens them", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXP", "user-1", key);
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(openSecret(sealed, "user-1", key)).toBe("JBSWY3DPEHPK3PXP");
    expect(openSecret(sealed, "user-2", key)).toBeNull();
    expect(openSecret(sealed, "user-1", Buffer.alloc(32, 8))).toBeNull();
    const [v, iv, body, tag] = sealed.split(".");
    // The first character carries six whole bits of the first byte (the last may be padding bits).
    const flipped = (body!.startsWith("A") ? "B" : "A") + body!.slice(1);
    expect(openSecret([v, iv, flipped, tag].join("."), "user-1", key)).toBeNull();
    expect(openSecret("nonsense", "user-1", key)).toBeNull();
  });

  it("use a new random nonce each time", () => {
    expect(sealSecret("same", "u", key)).not.toBe(sealSecret("same", "u", key));
  });
});

describe("who may reset a member's two-factor sign-in", () => {
  const member = { userId: "ben", organisationId: "harbour", roles: ["supervisor", "assessor"] as const };
  const lead = { userId: "ruth", role: "programme_lead" as const, organisationId: "harbour" };
  const admin = { userId: "alex", role: "admin" as const, organisationId: "platform" };

  it("lets the lead of the member's own organisation, and a platform admin for any organisation", () => {
    expect(twoFactorResetRefusal(lead, member)).toBeNull();
    expect(twoFactorResetRefusal(lead, { ...member, roles: ["programme_lead"] })).toBeNull(); // another lead
    expect(twoFactorResetRefusal(admin, member)).toBeNull();
    expect(twoFactorResetRefusal(admin, { ...member, roles: ["admin"] })).toBeNull();
  });

  it("refuses another organisation's lead, anyone but a lead or admin, themselves, and a lead an admin's", () => {
    expect(twoFactorResetRefusal({ ...lead, organisationId: "riverside" }, member)).toBe("other_organisation");
    expect(twoFactorResetRefusal({ ...lead, role: "team_manager" }, member)).toBe("not_allowed");
    expect(twoFactorResetRefusal({ ...lead, role: "helpline_advisor" }, member)).toBe("not_allowed");
    expect(twoFactorResetRefusal(lead, { ...member, userId: "ruth" })).toBe("self");
    expect(twoFactorResetRefusal(admin, { ...member, userId: "alex" })).toBe("self");
    expect(twoFactorResetRefusal(lead, { ...member, roles: ["supervisor", "admin"] })).toBe("admin");
  });
});
