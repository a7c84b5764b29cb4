import { parseISO } from "date-fns";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { programmeFileSchema } from "~/modules/programmes/content-schema";
import { yearInputFor } from "~/modules/first-year/year";
import {
  changedSinceSignoff,
  nextAction,
  reviewState,
  reviewStates,
  submissionHash,
  type SignoffLike,
} from "~/modules/signoff/reviews";
import { decisionSchema } from "~/modules/signoff/review-forms.server";
import { attention } from "~/modules/first-year/attention";

const programme = (slug: string) =>
  programmeFileSchema.parse(parse(readFileSync(`content/programmes/${slug}/programme.yml`, "utf8")));

const sub = (id: string, number: number) => ({ id, number, contentHash: `h${id}`, reviewCode: "three-month" });
const sign = (submissionId: string, step: SignoffLike["step"], decision: string, signedAt = "2026-12-05") => ({
  submissionId,
  step,
  decision,
  reviewCode: "three-month",
  signedAt: parseISO(signedAt),
});

describe("where a review is", () => {
  it("follows submit, return, resubmit, approve and countersign", () => {
    expect(reviewState([], []).state).toBe("not_started");
    expect(reviewState([sub("a", 1)], []).state).toBe("submitted");
    expect(reviewState([sub("a", 1)], [sign("a", "supervisor_decision", "returned")]).state).toBe("returned");
    // A resubmission is judged on its own: the earlier return no longer counts.
    const both = [sub("a", 1), sub("b", 2)];
    expect(reviewState(both, [sign("a", "supervisor_decision", "returned")]).state).toBe("submitted");
    const approved = [sign("a", "supervisor_decision", "returned"), sign("b", "supervisor_decision", "approved")];
    expect(reviewState(both, approved).state).toBe("approved");
    expect(reviewState(both, [...approved, sign("b", "countersignature", "countersigned")]).state).toBe("complete");
  });

  it("lets each person act only at their turn", () => {
    expect(nextAction("not_started", "learner")).toBe("submit");
    expect(nextAction("returned", "learner")).toBe("submit");
    expect(nextAction("submitted", "learner")).toBeNull();
    expect(nextAction("submitted", "supervisor")).toBe("decide");
    expect(nextAction("approved", "supervisor")).toBeNull();
    expect(nextAction("approved", "team_manager")).toBe("countersign");
    expect(nextAction("submitted", "team_manager")).toBeNull();
    // A programme lead who is not the year's team manager signs as nobody: they take no step.
    expect(nextAction("approved", null)).toBeNull();
    expect(nextAction("submitted", null)).toBeNull();
    expect(nextAction("complete", "learner")).toBeNull();
  });

  it("gives every review point of the ASYE and of the ECDP its own state and date", () => {
    const asye = programme("asye");
    const states = reviewStates(yearInputFor({ startedOn: "2026-09-07" }, { ...asye }), {
      submissions: [sub("a", 1)],
      signoffs: [sign("a", "supervisor_decision", "approved"), sign("a", "countersignature", "countersigned")],
    });
    expect(states.map((s) => [s.code, s.state])).toEqual([
      ["three-month", "complete"],
      ["six-month", "not_started"],
      ["final", "not_started"],
    ]);
    expect(states[0]!.signedOn).toEqual(parseISO("2026-12-05"));
    const ecdp = reviewStates(yearInputFor({ startedOn: "2027-09-06" }, programme("early-career")), {
      submissions: [],
      signoffs: [],
    });
    expect(ecdp.map((s) => s.code)).toEqual(["three-month", "six-month", "twelve-month", "eighteen-month", "final"]);
    expect(ecdp.at(-1)!.final).toBe(true);
  });
});

describe("what a sign-off covers", () => {
  const items = [
    { itemId: "i1", version: 1, contentHash: "x1", title: "Log", kind: "Critical reflective log" },
    { itemId: "i2", version: 2, contentHash: "x2", title: "Visit", kind: "Direct observation of practice" },
  ];

  it("is known by a hash of the comments and each item's exact version, in any order", () => {
    expect(submissionHash("Comments", items)).toBe(submissionHash(" Comments ", [...items].reverse()));
    expect(submissionHash("Comments", items)).not.toBe(submissionHash("Other comments", items));
    expect(submissionHash("Comments", items)).not.toBe(
      submissionHash("Comments", [{ ...items[0]!, version: 2 }, items[1]!]),
    );
  });

  it("shows evidence edited since it was signed, naming both versions", () => {
    expect(
      changedSinceSignoff(
        items,
        new Map([
          ["i1", 3],
          ["i2", 2],
        ]),
      ),
    ).toEqual([{ itemId: "i1", signedVersion: 1, currentVersion: 3 }]);
    expect(changedSinceSignoff(items, new Map())).toEqual([]);
  });
});

describe("the supervisor's decision form", () => {
  const errors = (final: boolean, input: Record<string, string>) => {
    const r = decisionSchema(final).safeParse(input);
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
  };
  it("asks for comments on a return, and an action plan when not on track", () => {
    expect(errors(false, { decision: "returned" })).toEqual({ comments: "Say what the learner needs to change" });
    expect(errors(false, { decision: "approved", outcome: "not_on_track" })).toEqual({
      actionPlan: "Write the action plan",
    });
    expect(errors(false, { decision: "approved", outcome: "on_track" })).toEqual({});
    expect(errors(false, { decision: "approved", outcome: "pass" })).toHaveProperty("outcome");
  });
  it("asks the final assessment for pass or fail, with reasons for a fail", () => {
    expect(errors(true, { decision: "approved" })).toEqual({ outcome: "Choose your recommendation: pass or fail" });
    expect(errors(true, { decision: "approved", outcome: "fail" })).toEqual({
      comments: "Give the reasons for a fail recommendation",
    });
    expect(errors(true, { decision: "approved", outcome: "pass" })).toEqual({});
  });
});

describe("reviews on the desk", () => {
  const base = {
    base: "/year/e1",
    agreement: { state: "signed" as const, missing: [], written: true },
    teamManagerNamed: true,
    nextSupervision: null,
    missedSupervision: 0,
    workloadFlags: 0,
    observationsToRecord: 0,
    newEvidence: 0,
  };
  const today = parseISO("2026-12-10T09:00:00");
  const review = (state: "submitted" | "approved" | "complete", due: string) => ({
    code: "three-month",
    title: "3-month review",
    due: parseISO(due),
    state,
  });

  it("waits for the supervisor's decision and the team manager's countersignature, each for the right person", () => {
    const submitted = { ...base, reviews: [review("submitted", "2026-12-20")] };
    expect(attention(submitted, "supervisor", today).waiting.map((w) => w.text)).toEqual(["3-month review to decide"]);
    expect(attention(submitted, "team_manager", today).waiting).toEqual([]);
    expect(attention(submitted, "programme_lead", today).waiting).toEqual([]);
    const approved = { ...base, reviews: [review("approved", "2026-12-20")] };
    expect(attention(approved, "team_manager", today).waiting).toEqual([
      { text: "3-month review to countersign", href: "/year/e1/reviews/three-month" },
    ]);
    expect(attention(approved, "programme_lead", today).waiting).toEqual([]);
    expect(attention(approved, "supervisor", today).waiting).toEqual([]);
  });

  it("is overdue from the day after it was due until it is signed off (to the supervisor, as their task)", () => {
    expect(
      attention({ ...base, reviews: [review("submitted", "2026-12-10")] }, "programme_lead", today).overdue,
    ).toEqual([]);
    expect(
      attention({ ...base, reviews: [review("submitted", "2026-12-09")] }, "programme_lead", today).overdue.map(
        (o) => o.text,
      ),
    ).toEqual(["3-month review overdue"]);
    expect(
      attention({ ...base, reviews: [review("complete", "2026-12-01")] }, "programme_lead", today).overdue,
    ).toEqual([]);
    expect(
      attention({ ...base, reviews: [review("submitted", "2026-12-09")] }, "supervisor", today).waiting.map(
        (w) => w.text,
      ),
    ).toEqual(["3-month review to decide"]);
    expect(attention({ ...base, reviews: [review("submitted", "2026-12-09")] }, "supervisor", today).overdue).toEqual(
      [],
    );
  });
});
