import { doneActionIds, readAgreedActions } from "~/modules/supervision/agreed-actions";

describe("the actions a supervision record agrees", () => {
  it("skips blank rows and keeps the filled ones with their owner", () => {
    expect(
      readAgreedActions({
        "action-1": "  Read the Care Act guidance ",
        "action-1-owner": "learner",
        "action-2": " ",
        "action-3": "Book the joint visit",
        "action-3-owner": "supervisor",
      }),
    ).toEqual({
      actions: [
        { text: "Read the Care Act guidance", owner: "learner" },
        { text: "Book the joint visit", owner: "supervisor" },
      ],
      errors: {},
    });
  });

  it("puts a problem against the row: too long, or nobody to do it", () => {
    expect(
      readAgreedActions({ "action-1": "x".repeat(2_001), "action-2": "Something", "action-2-owner": "manager" }).errors,
    ).toEqual({
      "action-1": "Action 1 must be 2,000 characters or fewer",
      "action-2-owner": "Choose who does action 2",
    });
  });

  it("keeps only ids among the actions ticked as done", () => {
    const id = "0b6f3c1e-8d2a-4c55-9a1e-2f3b4c5d6e7f";
    expect(doneActionIds({ done: [id, "not-an-id", ""] })).toEqual([id]);
    expect(doneActionIds({ done: id })).toEqual([id]);
    expect(doneActionIds({})).toEqual([]);
  });
});
