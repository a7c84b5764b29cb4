/**
 * The codes on the first-year certificate and the Masters transcript: new ones have the printed
 * shape, a code typed in any case or with spaces is found, and anything else is not looked up.
 */
import { newVerificationCode, normalVerificationCode, verificationLines } from "~/modules/signoff/verification-code.server";

describe("verification codes", () => {
  it("are PP- and three groups of four base-32 letters and digits, and differ each time", () => {
    const codes = Array.from({ length: 50 }, newVerificationCode);
    for (const code of codes) expect(code).toMatch(/^PP-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
    expect(new Set(codes).size).toBe(50);
  });

  it("are read as typed, in any case and with spaces", () => {
    expect(normalVerificationCode("  pp-abcd-efgh-jk lm ")).toBe("PP-ABCD-EFGH-JKLM");
    expect(normalVerificationCode("PP-ABCD-EFGH-JKL1")).toBeNull();
    expect(normalVerificationCode("PP-ABCD-EFGH")).toBeNull();
    expect(normalVerificationCode("")).toBeNull();
  });

  it("print the same two lines on every document", () => {
    expect(verificationLines("PP-ABCD-EFGH-JKLM", "https://pathways.example/verify")).toEqual({
      code: "Verification code PP-ABCD-EFGH-JKLM",
      where: "Check it at https://pathways.example/verify",
    });
  });
});
