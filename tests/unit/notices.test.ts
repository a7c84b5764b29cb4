import {
  agreementNotices,
  deliveryFor,
  digestEmail,
  digestLines,
  noticeEmail,
  reviewNotices,
  supervisionNotice,
  teamManagerNamedNotice,
  type YearParties,
  assessmentConfirmedNotice,
  assessmentOutcomeNotice,
  assessmentSubmittedNotice,
  assessorAppointedNotice,
} from "~/modules/notices/notices";

const year: YearParties = {
  enrolmentId: "e1",
  organisationId: "o1",
  learner: { id: "zainab", name: "Zainab Hussain" },
  supervisor: { id: "daniel", name: "Daniel Okafor" },
  teamManager: { id: "rachel", name: "Rachel Whitaker" },
};
const sixMonth = { code: "six-month", title: "6-month review", final: false };
const final = { code: "final", title: "Final assessment", final: true };

describe("who is told of a review", () => {
  it("tells only the learner of a return, with a link to the review", () => {
    const drafts = reviewNotices(year, sixMonth, { step: "returned", submissionId: "s1", by: "Daniel Okafor" });
    expect(drafts).toEqual([
      {
        userId: "zainab",
        organisationId: "o1",
        kind: "review_returned",
        eventKey: "review:s1:returned",
        text: "Daniel Okafor returned your 6-month review: read their comments and submit it again",
        href: "/year/e1/reviews/six-month",
      },
    ]);
  });

  it("tells the learner of an approval and asks the team manager to countersign", () => {
    const drafts = reviewNotices(year, final, { step: "approved", submissionId: "s2", by: "Daniel Okafor" });
    expect(drafts.map((d) => [d.userId, d.kind, d.text])).toEqual([
      ["zainab", "review_approved", "Daniel Okafor approved your final assessment recommendation"],
      ["rachel", "countersignature_needed", "Zainab Hussain's final assessment recommendation is approved and waits for your countersignature"],
    ]);
  });

  it("asks nobody to countersign while the year names no team manager", () => {
    const drafts = reviewNotices({ ...year, teamManager: null }, sixMonth, { step: "approved", submissionId: "s2", by: "D" });
    expect(drafts.map((d) => d.userId)).toEqual(["zainab"]);
  });

  it("gives each step its own event, so a return and a later approval are each told once", () => {
    const keys = (["returned", "approved", "countersigned"] as const).map(
      (step) => reviewNotices(year, sixMonth, { step, submissionId: "s1", by: "D" })[0]!.eventKey,
    );
    expect(new Set(keys).size).toBe(3);
  });
});

describe("who is told of an agreement", () => {
  it("asks the NQSW and supervisor to sign as soon as the other has, and the team manager once both have", () => {
    expect(agreementNotices(year, 3, ["supervisor", "team_manager"], "Zainab Hussain").map((d) => [d.userId, d.eventKey, d.text])).toEqual([
      ["daniel", "agreement:e1:3:sign", "Zainab Hussain's learning agreement (version 3) is signed by Zainab Hussain: it waits for your signature"],
    ]);
    expect(agreementNotices(year, 3, ["learner", "team_manager"], "Daniel Okafor").map((d) => [d.userId, d.text])).toEqual([
      ["zainab", "Your learning agreement (version 3) is signed by Daniel Okafor: it waits for your signature"],
    ]);
    expect(agreementNotices(year, 3, ["team_manager"], "Daniel Okafor").map((d) => [d.userId, d.text])).toEqual([
      ["rachel", "Zainab Hussain's learning agreement (version 3) is signed by them and their supervisor: it waits for your signature"],
    ]);
    expect(agreementNotices({ ...year, teamManager: null }, 3, ["team_manager"], "D")).toEqual([]);
    expect(agreementNotices(year, 3, [], "Rachel Whitaker")).toEqual([]);
  });
});

it("asks the learner to acknowledge supervision, and tells a team manager they are named", () => {
  expect(supervisionNotice(year, { id: "ss1", heldOn: "2026-10-02" }, "Daniel Okafor")).toMatchObject({
    userId: "zainab",
    href: "/year/e1/supervision/ss1",
    text: "Daniel Okafor recorded your supervision of 2026-10-02: read it and acknowledge it",
  });
  expect(teamManagerNamedNotice(year)).toMatchObject({ userId: "rachel", eventKey: "team-manager:e1:rachel" });
  expect(teamManagerNamedNotice({ ...year, teamManager: null })).toBeNull();
});

describe("how a notice reaches someone", () => {
  it("emails at once unless they chose the digest or the app, and ignores a choice it does not know", () => {
    expect(deliveryFor("review_returned", {})).toBe("email");
    expect(deliveryFor("review_returned", { review_returned: "digest" })).toBe("digest");
    expect(deliveryFor("review_returned", new Map([["review_returned", "app"]]))).toBe("app");
    expect(deliveryFor("review_returned", { review_returned: "pigeon" })).toBe("email");
  });

  it("words the email from the notice, with the link and where to change the choice", () => {
    const email = noticeEmail(
      { text: "Daniel Okafor returned your 6-month review: read their comments and submit it again", href: "/year/e1/reviews/six-month" },
      { name: "Zainab Hussain" },
      "https://pathways.test",
    );
    expect(email.subject).toBe("Daniel Okafor returned your 6-month review");
    expect(email.text).toContain("Hello Zainab Hussain,");
    expect(email.text).toContain("https://pathways.test/year/e1/reviews/six-month");
    expect(email.text).toContain("https://pathways.test/account/notices");
  });
});

describe("the digest", () => {
  const lines = [
    ...digestLines("Zainab Hussain", {
      overdue: [{ text: "3-month review overdue", href: "/year/e1/reviews/three-month" }],
      waiting: [{ text: "Decide on the 3-month review", href: "/year/e1/reviews/three-month" }],
    }),
    ...digestLines("Tom Baker", { overdue: [], waiting: [{ text: "Sign the learning agreement", href: "/year/e2/agreement" }] }),
  ];

  it("lists what is overdue first, then what is waiting, then the notices kept for it, each with its link", () => {
    const email = digestEmail({ name: "Daniel" }, "2026-11-10", lines, [{ text: "A notice", href: "/notices" }], "https://p.test")!;
    expect(email.subject).toBe("Your day on Practice Pathways: 1 overdue, 2 waiting, 1 new");
    const text = email.text;
    expect(text).toContain("today, Tuesday 10 November 2026.");
    expect(text.indexOf("Overdue (1):")).toBeLessThan(text.indexOf("Waiting for you (2):"));
    expect(text.indexOf("Waiting for you (2):")).toBeLessThan(text.indexOf("Since yesterday (1):"));
    expect(text).toContain("- Zainab Hussain: 3-month review overdue\n  https://p.test/year/e1/reviews/three-month");
    expect(text).toContain("- Tom Baker: Sign the learning agreement");
  });

  it("lists a line once when the person sees the year twice, and sends nothing when nothing waits", () => {
    const email = digestEmail({ name: "Daniel" }, "2026-11-10", [...lines, ...lines], [], "https://p.test")!;
    expect(email.subject).toBe("Your day on Practice Pathways: 1 overdue, 2 waiting");
    expect(email.text.match(/Tom Baker/g)).toHaveLength(1);
    expect(digestEmail({ name: "Daniel" }, "2026-11-10", [], [], "https://p.test")).toBeNull();
  });
});

describe("the assessment's notices", () => {
  const candidate = {
    enrolmentId: "e1",
    organisationId: "o1",
    candidate: { id: "u1", name: "Ellen Brooks" },
    programmeTitle: "Advanced practitioner",
  };
  const submission = { id: "s1", number: 2 };

  test("tell the line manager, the assessor and the candidate, each once per event", () => {
    expect(assessmentSubmittedNotice(candidate, submission, "m1")).toMatchObject({ userId: "m1", kind: "assessment_to_confirm", eventKey: "assessment:s1:submitted", href: "/assessment/e1" });
    expect(assessorAppointedNotice(candidate, { id: "a1", assessorId: "x1" })).toMatchObject({ userId: "x1", eventKey: "assessment:appointment:a1", href: "/assessing" });
    expect(assessmentConfirmedNotice(candidate, submission, "x1")).toMatchObject({ userId: "x1", eventKey: "assessment:s1:confirmed", href: "/assessing/s1" });
  });

  test("say what each outcome asks of the candidate, with the resubmission date only when there is one", () => {
    const said = (outcome: "achieved" | "not_yet_achieved" | "referred", resubmitBy: string | null = null) =>
      assessmentOutcomeNotice(candidate, submission, { outcome, resubmitBy }, "Dr Olivia Hart").text;
    expect(said("achieved")).toBe("Dr Olivia Hart recorded the outcome of your Advanced practitioner assessment (submission 2): achieved: download your certificate");
    expect(said("not_yet_achieved", "2027-03-01")).toMatch(/not yet achieved: read the feedback and resubmit by 1 March 2027$/);
    expect(said("not_yet_achieved")).toMatch(/not yet achieved: read the feedback and resubmit$/);
    expect(said("referred")).toMatch(/referred to your programme lead/);
    expect(assessmentOutcomeNotice(candidate, submission, { outcome: "achieved", resubmitBy: null }, "x")).toMatchObject({ userId: "u1", eventKey: "assessment:s1:outcome" });
  });
});
