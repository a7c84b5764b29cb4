import { agreementHash, agreementStatus, type SignatureLike } from "~/modules/first-year/agreement";

const content = {
  goals: "Learn the law",
  support: "Weekly supervision",
  protectedTime: "Half a day a week",
  caseload: "Twelve families",
};
const hash = agreementHash(content);
const due = new Date("2027-01-05T23:59:00Z");
const sig = (party: SignatureLike["party"], version = 2, contentHash = hash): SignatureLike => ({
  party,
  version,
  contentHash,
  signedAt: new Date("2026-12-20"),
});

describe("agreementHash", () => {
  it("changes when any part of the text changes, and ignores surrounding spaces", () => {
    expect(agreementHash({ ...content, caseload: "Ten families" })).not.toBe(hash);
    expect(agreementHash({ ...content, goals: "  Learn the law \n" })).toBe(hash);
  });
});

describe("agreementStatus", () => {
  const agreement = { version: 2, contentHash: hash };

  it("is complete only when the NQSW, the supervisor and the team manager signed this exact version", () => {
    const status = agreementStatus(
      agreement,
      [sig("learner"), sig("supervisor"), sig("team_manager")],
      due,
      new Date("2027-02-01"),
    );
    expect(status).toMatchObject({ complete: true, overdue: false, missing: [], stale: [] });
  });

  it("no longer counts a programme lead's signature: the agreement waits for the team manager", () => {
    const status = agreementStatus(
      agreement,
      [sig("learner"), sig("supervisor"), sig("programme_lead")],
      due,
      new Date("2026-12-30"),
    );
    expect(status).toMatchObject({ complete: false, missing: ["team_manager"], stale: [] });
    expect(Object.keys(status.current).sort()).toEqual(["learner", "supervisor"]);
  });

  it("is not complete without the team manager, however many others sign", () => {
    const status = agreementStatus(agreement, [sig("learner"), sig("supervisor")], due, new Date("2027-01-10"));
    expect(status).toMatchObject({ complete: false, overdue: true, missing: ["team_manager"] });
  });

  it("treats a signature on an earlier version as needing to be given again", () => {
    const status = agreementStatus(
      agreement,
      [sig("learner", 1, "old"), sig("supervisor")],
      due,
      new Date("2026-12-30"),
    );
    expect(status.complete).toBe(false);
    expect(status.stale).toEqual(["learner"]);
    expect(status.missing).toEqual(["learner", "team_manager"]);
    expect(Object.keys(status.current)).toEqual(["supervisor"]);
  });

  it("is overdue after the end of the first month until it is complete", () => {
    expect(agreementStatus(agreement, [sig("learner")], due, new Date("2027-01-04")).overdue).toBe(false);
    expect(agreementStatus(agreement, [sig("learner")], due, new Date("2027-01-06")).overdue).toBe(true);
    expect(agreementStatus(null, [], due, new Date("2027-01-06"))).toMatchObject({ overdue: true, complete: false });
  });
});
