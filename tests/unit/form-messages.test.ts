import { describe, expect, it } from "vitest";
import { cameBackRefused, inFieldOrder } from "~/utils/form-messages";
import { switchLabel } from "~/modules/organisations/switching";
import {
  approvedWithConcern,
  decisionDone,
  REVIEW_BANNERS,
  standingOutcome,
} from "~/modules/signoff/review-banners";

describe("a refused form hides the success banner an earlier save left", () => {
  it.each([
    [undefined, false],
    [null, false],
    [{ errors: {} }, false],
    [{ ok: true }, false],
    [{ errors: { lapsedOn: "Enter the date" }, values: {} }, true],
    [{ errors: { form: "We could not read that form." } }, true],
  ])("action data %j: refused %s", (actionData, refused) => {
    expect(cameBackRefused(actionData)).toBe(refused);
  });
});

describe("the error summary lists problems in the form's field order", () => {
  const order = ["registrationStatus", "lapsedOn", "lastPractisedOn", "region", "specialism"];

  it("puts a rule across fields (found last) where its field is on the form", () => {
    // As validation finds them: the fields' own checks first, the lapsed date's cross-field rule after.
    const found = { region: "Choose the region", specialism: "Choose the area", lapsedOn: "Enter the date" };
    expect(inFieldOrder(found, order).map(([f]) => f)).toEqual(["lapsedOn", "region", "specialism"]);
  });

  it("puts a problem with the whole form first and fields it does not know last, as they came", () => {
    const found = { other: "b", region: "r", form: "f", another: "c", registrationStatus: "s" };
    expect(inFieldOrder(found, order).map(([f]) => f)).toEqual(["form", "registrationStatus", "region", "other", "another"]);
  });

  it("keeps the order they came in without an order, the whole form's problem first", () => {
    expect(inFieldOrder({ b: "1", form: "2", a: "3" }).map(([f]) => f)).toEqual(["form", "b", "a"]);
    expect(inFieldOrder(undefined, order)).toEqual([]);
  });
});

describe("the switcher's words", () => {
  it("says Switch role when both roles are in one organisation, Switch organisation across two", () => {
    expect(switchLabel(["org-a", "org-a"])).toBe("Switch role");
    expect(switchLabel(["org-a", "org-b"])).toBe("Switch organisation");
    expect(switchLabel(["org-a", "org-a", "org-b"])).toBe("Switch organisation");
  });
});

describe("the banner after a review decision", () => {
  it("shows an approval not on track as a warning, not a success", () => {
    expect(decisionDone("approved", "not_on_track")).toBe("approved-not-on-track");
    expect(REVIEW_BANNERS[decisionDone("approved", "not_on_track")]).toMatchObject({
      kind: "warning",
      title: "Review approved: not on track",
    });
  });

  it("shows an approved fail recommendation as a warning too", () => {
    expect(REVIEW_BANNERS[decisionDone("approved", "fail")]!.kind).toBe("warning");
  });

  it.each([
    ["approved", "on_track", "approved"],
    ["approved", "pass", "approved"],
    ["returned", null, "returned"],
    ["returned", "not_on_track", "returned"],
  ] as const)("%s with %s is %s, a success", (decision, outcome, done) => {
    expect(decisionDone(decision, outcome)).toBe(done);
    expect(REVIEW_BANNERS[done]!.kind).toBe("success");
  });
});

describe("a review approved with concern", () => {
  it.each([
    ["on_track", false],
    ["pass", false],
    [null, false],
    ["not_on_track", true],
    ["fail", true],
  ] as const)("outcome %s: concern %s", (outcome, concern) => {
    expect(approvedWithConcern(outcome)).toBe(concern);
  });

  it("goes by the latest approving decision for the review, not a countersignature or another review", () => {
    const at = (d: string) => new Date(`${d}T10:00:00Z`);
    const signoffs = [
      { reviewCode: "six-month", step: "supervisor_decision", decision: "returned", outcome: null, signedAt: at("2026-01-01") },
      { reviewCode: "six-month", step: "supervisor_decision", decision: "approved", outcome: "not_on_track", signedAt: at("2026-01-09") },
      { reviewCode: "six-month", step: "countersignature", decision: "countersigned", outcome: null, signedAt: at("2026-01-10") },
      { reviewCode: "three-month", step: "supervisor_decision", decision: "approved", outcome: "on_track", signedAt: at("2026-02-01") },
    ];
    expect(standingOutcome(signoffs, "six-month")).toBe("not_on_track");
    expect(standingOutcome(signoffs, "three-month")).toBe("on_track");
    expect(standingOutcome(signoffs, "final")).toBeNull();
  });
});
