import { addDays, parseISO } from "date-fns";
import { describe, expect, it } from "vitest";
import { byMostUrgent, yearTasks, type TaskParty, type Urgency, type YearTaskInput } from "~/modules/first-year/tasks";
import type { ReviewState } from "~/modules/signoff/reviews";

const today = parseISO("2026-12-10T09:00:00");
const base = "/year/e1";
const PARTIES: TaskParty[] = ["learner", "supervisor", "team_manager", "programme_lead"];
const STATES: ReviewState[] = ["not_started", "submitted", "returned", "approved", "complete"];

const quiet: YearTaskInput = {
  base,
  agreement: { state: "signed", missing: [], written: true, due: parseISO("2026-10-10") },
  teamManagerNamed: true,
  nextSupervision: addDays(today, 20),
  missedSupervision: 0,
  workloadFlags: 0,
  observationsToRecord: 0,
  newEvidence: 0,
  supervisionToAcknowledge: 0,
  reflectionsToWrite: 0,
  reviews: [],
};

const review = (code: string, title: string, state: ReviewState, due: string) => ({
  code,
  title,
  state,
  due: parseISO(`${due}T00:00:00`),
});
const texts = (input: YearTaskInput, party: TaskParty) => yearTasks(input, party, today).map((t) => t.text);

describe("a person's tasks in the year", () => {
  it("asks nothing of anyone when all is in order and the next review is far off, but tells the learner what comes", () => {
    const far = { ...quiet, reviews: [review("six-month", "6-month review", "not_started", "2027-03-01")] };
    expect(yearTasks(far, "learner", today)).toEqual([
      {
        text: "6-month review to submit by 1 Mar 2027",
        href: `${base}/reviews/six-month`,
        urgency: "upcoming",
        due: parseISO("2027-03-01T00:00:00"),
      },
    ]);
    for (const party of ["supervisor", "team_manager", "programme_lead"] as const)
      expect(texts(far, party)).toEqual([]);
  });

  it("drops a review from the learner's list once it is signed off, and shows the next one instead", () => {
    // Zainab's 6-month review signed off: her home must not say it is due next.
    const signed = {
      ...quiet,
      reviews: [
        review("six-month", "6-month review", "complete", "2026-12-01"),
        review("final", "Final assessment", "not_started", "2027-06-01"),
      ],
    };
    expect(texts(signed, "learner")).toEqual(["Final assessment to submit by 1 Jun 2027"]);
  });

  it("puts a returned review first for the learner, and never offers a later review while it is open", () => {
    const returned = {
      ...quiet,
      reflectionsToWrite: 1,
      reviews: [
        review("six-month", "6-month review", "returned", "2026-12-01"),
        review("final", "Final assessment", "not_started", "2027-06-01"),
      ],
    };
    const tasks = yearTasks(returned, "learner", today);
    expect(tasks[0]).toMatchObject({
      text: "6-month review returned: make the changes and submit again",
      urgency: "returned",
    });
    expect(tasks.map((t) => t.text)).not.toContain("Final assessment to submit by 1 Jun 2027");
    expect(tasks.map((t) => t.text)).toEqual([
      "6-month review returned: make the changes and submit again",
      "1 piece of evidence to reflect on",
    ]);
  });

  it("tells the learner a review is overdue from the day after it was due, and due soon within four weeks", () => {
    const due = (date: string) =>
      yearTasks({ ...quiet, reviews: [review("three", "3-month review", "not_started", date)] }, "learner", today)[0];
    expect(due("2026-12-09")).toMatchObject({ text: "3-month review overdue: submit it", urgency: "overdue" });
    expect(due("2026-12-10")).toMatchObject({ text: "3-month review to submit by 10 Dec 2026", urgency: "due" });
    expect(due("2027-01-07")).toMatchObject({ urgency: "due" });
    expect(due("2027-01-08")).toMatchObject({ urgency: "upcoming" });
  });

  it("asks nothing of the learner while a review waits for the supervisor or the team manager", () => {
    for (const state of ["submitted", "approved"] as const)
      expect(texts({ ...quiet, reviews: [review("three", "3-month review", state, "2027-01-01")] }, "learner")).toEqual(
        [],
      );
  });

  it("gives each step of a review to the right person, overdue once its date has passed", () => {
    const at = (state: ReviewState, due: string, party: TaskParty) =>
      yearTasks({ ...quiet, reviews: [review("three", "3-month review", state, due)] }, party, today);
    expect(at("submitted", "2026-12-20", "supervisor")).toMatchObject([
      { text: "3-month review to decide", urgency: "due" },
    ]);
    expect(at("submitted", "2026-12-09", "supervisor")).toMatchObject([
      { text: "3-month review to decide", urgency: "overdue" },
    ]);
    expect(at("approved", "2026-12-20", "team_manager")).toMatchObject([
      { text: "3-month review to countersign", urgency: "due", href: `${base}/reviews/three` },
    ]);
    expect(at("approved", "2026-12-20", "supervisor")).toEqual([]);
    expect(at("submitted", "2026-12-20", "team_manager")).toEqual([]);
    for (const party of PARTIES) expect(at("complete", "2026-12-01", party)).toEqual([]);
    for (const state of STATES) expect(at(state, "2026-12-01", "programme_lead")).toEqual([]);
  });

  it("asks each unsigned party to sign the agreement, overdue after its date, and the lead to name a team manager", () => {
    const unsigned: YearTaskInput = {
      ...quiet,
      teamManagerNamed: false,
      agreement: { state: "overdue", missing: ["learner", "team_manager"], written: true, due: parseISO("2026-11-01") },
    };
    expect(yearTasks(unsigned, "learner", today)).toMatchObject([
      { text: "Learning agreement to sign", urgency: "overdue" },
    ]);
    expect(texts(unsigned, "supervisor")).toEqual([]);
    expect(texts(unsigned, "programme_lead")).toEqual(["Team manager to name"]);
    const unwritten = {
      ...quiet,
      agreement: { state: "waiting" as const, missing: ["supervisor" as const], written: false },
    };
    expect(yearTasks(unwritten, "supervisor", today)).toMatchObject([
      { text: "Learning agreement to write and sign", urgency: "due", href: `${base}/agreement` },
    ]);
  });

  it("asks the supervisor to hold supervision that is missed, or due within a week", () => {
    expect(yearTasks({ ...quiet, missedSupervision: 2 }, "supervisor", today)).toMatchObject([
      { text: "2 supervision missed: hold and record it", urgency: "overdue" },
    ]);
    expect(texts({ ...quiet, nextSupervision: addDays(today, 7) }, "supervisor")).toEqual([
      "Supervision due by 17 Dec",
    ]);
    expect(texts({ ...quiet, nextSupervision: addDays(today, 8) }, "supervisor")).toEqual([]);
  });

  it("asks the learner to acknowledge supervision and reflect on observations, and the supervisor to record and read", () => {
    const busy = {
      ...quiet,
      supervisionToAcknowledge: 2,
      reflectionsToWrite: 1,
      observationsToRecord: 1,
      newEvidence: 3,
    };
    expect(texts(busy, "learner")).toEqual([
      "2 supervision records to read and acknowledge",
      "1 piece of evidence to reflect on",
    ]);
    expect(texts(busy, "supervisor")).toEqual([
      "1 direct observation to record: behind the pace of the year",
      "3 pieces of evidence to read",
    ]);
    expect(texts(busy, "team_manager")).toEqual([]);
  });

  it("orders tasks most urgent first: returned, overdue, to do, coming up", () => {
    const mixed: YearTaskInput = {
      ...quiet,
      supervisionToAcknowledge: 1,
      agreement: { state: "overdue", missing: ["learner"], written: true, due: parseISO("2026-11-01") },
      reviews: [review("three", "3-month review", "returned", "2026-12-20")],
    };
    expect(yearTasks(mixed, "learner", today).map((t) => t.urgency)).toEqual(["returned", "overdue", "due"]);
  });

  it("shows the learner only their certificate once the panel has passed the year, and nobody anything else", () => {
    const passed = {
      ...quiet,
      missedSupervision: 1,
      reviews: [review("final", "Final assessment", "not_started", "2026-12-01")],
      panel: { passed: true, certificateHref: `${base}/certificate.pdf` },
    };
    expect(yearTasks(passed, "learner", today)).toEqual([
      { text: "Download your certificate", href: `${base}/certificate.pdf`, urgency: "due", due: null },
    ]);
    for (const party of ["supervisor", "team_manager", "programme_lead"] as const)
      expect(texts(passed, party)).toEqual([]);
    const notPassed = { ...passed, panel: { passed: false, certificateHref: null } };
    expect(texts(notPassed, "learner")).toEqual(["Final assessment overdue: submit it"]);
  });

  it("never points anyone at a review that is already signed off (every combination of three reviews' states)", () => {
    const codes = ["three", "six", "final"];
    const dues = ["2026-09-01", "2026-12-15", "2027-06-01"];
    for (const a of STATES)
      for (const b of STATES)
        for (const c of STATES) {
          const reviews = [a, b, c].map((state, i) => review(codes[i]!, `Review ${i}`, state, dues[i]!));
          const done = new Set(reviews.filter((r) => r.state === "complete").map((r) => `${base}/reviews/${r.code}`));
          for (const party of PARTIES)
            for (const t of yearTasks({ ...quiet, reviews }, party, today)) expect(done.has(t.href)).toBe(false);
        }
  });
});

describe("rows of people by urgency", () => {
  it("puts returned, then overdue, then to do, then coming up, then nothing, keeping the given order within each", () => {
    const rows: [string, Urgency | null][] = [
      ["Amara", null],
      ["Ben", "due"],
      ["Chloe", "overdue"],
      ["Dev", "upcoming"],
      ["Eve", "overdue"],
      ["Fay", "returned"],
    ];
    expect(byMostUrgent(rows, ([, u]) => u).map(([name]) => name)).toEqual([
      "Fay",
      "Chloe",
      "Eve",
      "Ben",
      "Dev",
      "Amara",
    ]);
  });
});
