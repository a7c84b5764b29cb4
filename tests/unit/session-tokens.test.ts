import { generateToken, hashToken, sessionState } from "~/modules/auth/session.server";

describe("session tokens", () => {
  it("are 32 lower-case base32 characters (160 random bits), the form the cookie reader accepts", () => {
    const token = generateToken();
    expect(token).toMatch(/^[a-z2-7]{32}$/);
  });

  it("do not repeat", () => {
    const tokens = new Set(Array.from({ length: 2000 }, () => generateToken()));
    expect(tokens.size).toBe(2000);
  });

  it("are stored as their SHA-256 in lower-case hex", () => {
    // The standard test vector for SHA-256("abc").
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const token = generateToken();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toBe(hashToken(generateToken()));
  });
});

describe("sessionState", () => {
  const IDLE = 120 * 60_000;
  const now = new Date("2026-09-14T10:00:00Z");
  const at = (msFromNow: number) => new Date(now.getTime() + msFromNow);

  it("is valid while used recently and before the absolute expiry", () => {
    expect(sessionState({ lastSeenAt: at(-60_000), expiresAt: at(3_600_000) }, now, IDLE)).toBe("valid");
  });

  it("is idle once the idle time has passed without use, to the millisecond", () => {
    expect(sessionState({ lastSeenAt: at(-IDLE + 1), expiresAt: at(3_600_000) }, now, IDLE)).toBe("valid");
    expect(sessionState({ lastSeenAt: at(-IDLE), expiresAt: at(3_600_000) }, now, IDLE)).toBe("idle");
  });

  it("is expired at the absolute expiry even when in constant use", () => {
    expect(sessionState({ lastSeenAt: now, expiresAt: at(1) }, now, IDLE)).toBe("valid");
    expect(sessionState({ lastSeenAt: now, expiresAt: now }, now, IDLE)).toBe("expired");
    expect(sessionState({ lastSeenAt: now, expiresAt: at(-1) }, now, IDLE)).toBe("expired");
  });

  it("reports expiry before idleness when both apply", () => {
    expect(sessionState({ lastSeenAt: at(-2 * IDLE), expiresAt: at(-1) }, now, IDLE)).toBe("expired");
  });
});
