import {
  isCommonPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordProblem,
} from "~/modules/auth/password-policy.server";

describe("passwordProblem", () => {
  it("accepts a long passphrase of unrelated words", () => {
    expect(passwordProblem("kettle orbit lantern moss")).toBeNull();
  });

  it("needs at least 12 characters, and says so", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(passwordProblem("kettle-orbi")).toBe("Password must be at least 12 characters");
    expect(passwordProblem("kettle-orbit")).toBeNull();
  });

  it("refuses more than 256 characters, so hashing cannot tie up the server", () => {
    const longest = "kettle orbit lantern moss ".repeat(20).slice(0, PASSWORD_MAX_LENGTH);
    expect(longest).toHaveLength(256);
    expect(passwordProblem(longest)).toBeNull();
    expect(passwordProblem(`${longest}x`)).toBe("Password must be 256 characters or fewer");
  });

  it("refuses one character repeated", () => {
    expect(passwordProblem("zzzzzzzzzzzzzzzz")).toBe("Password must not be one character repeated");
  });

  it("refuses common passwords whatever their case, with advice on what to do instead", () => {
    const problem = passwordProblem("LeaveMeAlone");
    expect(problem).toMatch(/too common/);
    expect(problem).toMatch(/three or four unrelated words/);
    expect(passwordProblem("1qaz2wsx3edc")).toMatch(/too common/);
  });

  it("refuses a common word padded with digits or punctuation to reach the length", () => {
    expect(passwordProblem("password1234")).toMatch(/too common/);
    expect(passwordProblem("Qwertyuiop12!")).toMatch(/too common/);
    expect(passwordProblem("football2026!?")).toMatch(/too common/);
  });
});

describe("isCommonPassword", () => {
  it("knows the usual suspects and their padded forms but not a passphrase", () => {
    expect(isCommonPassword("letmein")).toBe(true);
    expect(isCommonPassword("LETMEIN")).toBe(true);
    expect(isCommonPassword("letmein123!")).toBe(true);
    expect(isCommonPassword("kettle orbit lantern moss")).toBe(false);
  });
});
