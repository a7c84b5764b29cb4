import { readFileSync } from "node:fs";
import { addDays, parseISO } from "date-fns";
import { parse } from "yaml";
import { attention, type AttentionInput } from "~/modules/first-year/attention";
import { yearTimeline, type TimelineInput, type TimelineMonth } from "~/modules/first-year/timeline";
import {
  isoDate,
  learningAgreementDue,
  matchSessionsToSlots,
  supervisionSlots,
  type YearInput,
} from "~/modules/first-year/year";
import { programmeFileSchema } from "~/modules/programmes/content-schema";

function yearOf(programme: string, startedOn = "2026-09-07"): YearInput {
  const file = programmeFileSchema.parse(parse(readFileSync(`content/programmes/${programme}/programme.yml`, "utf8")));
  return { startedOn, lengthMonths: file.lengthMonths, rules: file.assessment! };
}

const asye = yearOf("asye");
const base = "/year/enrolment-1";
const at = (iso: string) => parseISO(iso);

function input(overrides: Partial<TimelineInput> = {}): TimelineInput {
  const year = overrides.year ?? asye;
  return {
    year,
    today: at("2026-09-25T10:00:00"),
    base,
    agreement: { due: learningAgreementDue(year), signedOn: null },
    slots: [],
    sessions: [],
    evidence: [],
    flaggedWeeks: [],
    ...overrides,
  };
}

const range = (m: TimelineMonth) => [m.number, isoDate(m.from), isoDate(m.to)];
const monthOf = (months: TimelineMonth[], title: string) => {
  const found = months.filter((m) => m.events.some((e) => e.title === title));
  if (found.length !== 1) throw new Error(`"${title}" is in ${found.length} months`);
  return found[0]!.number;
};
const event = (months: TimelineMonth[], title: string) =>
  months.flatMap((m) => m.events).find((e) => e.title === title);

describe("the ASYE year, month by month", () => {
  it("has twelve months from the start date, each closing on the same day of the month", () => {
    const { months, ends } = yearTimeline(input());
    expect(months).toHaveLength(12);
    expect(range(months[0]!)).toEqual([1, "2026-09-07", "2026-10-07"]);
    expect(range(months[1]!)).toEqual([2, "2026-10-08", "2026-11-07"]);
    expect(range(months[2]!)).toEqual([3, "2026-11-08", "2026-12-07"]);
    expect(range(months[11]!)).toEqual([12, "2027-08-08", "2027-09-07"]);
    expect(isoDate(ends)).toBe("2027-09-07");
  });

  it("puts the start in month 1, each review in the month it closes, and the end in the last month", () => {
    const { months } = yearTimeline(input());
    expect(monthOf(months, "The year starts")).toBe(1);
    expect(monthOf(months, "3-month review due")).toBe(3);
    expect(isoDate(event(months, "3-month review due")!.date)).toBe("2026-12-07");
    expect(monthOf(months, "6-month review due")).toBe(6);
    expect(monthOf(months, "Final assessment due")).toBe(12);
    expect(monthOf(months, "The year ends")).toBe(12);
    expect(monthOf(months, "Learning agreement due")).toBe(1);
  });

  it("shows supervision held as done and a missed slot as overdue, in date order with evidence and workload", () => {
    const year = asye;
    const today = at("2026-09-25T10:00:00");
    const slots = matchSessionsToSlots(supervisionSlots(year), [at("2026-09-14")], today);
    const { months } = yearTimeline(
      input({
        today,
        slots,
        sessions: [{ id: "s1", heldOn: "2026-09-14" }],
        evidence: [
          { id: "ev1", title: "First home visit", kindLabel: "Critical reflective log", occurredOn: "2026-09-18" },
        ],
        flaggedWeeks: [{ weekStarting: "2026-09-21", reasons: ["14 cases, over the limit of 12"] }],
      }),
    );
    expect(months[0]!.events.map((e) => [isoDate(e.date), e.title, e.state])).toEqual([
      ["2026-09-07", "The year starts", "info"],
      ["2026-09-14", "Supervision held", "done"],
      ["2026-09-18", "Critical reflective log: First home visit", "done"],
      ["2026-09-21", "Supervision missed", "overdue"],
      ["2026-09-21", "Workload flagged: 14 cases, over the limit of 12", "flag"],
      ["2026-09-28", "Supervision due", "upcoming"],
      ["2026-10-05", "Supervision due", "upcoming"],
      ["2026-10-07", "Learning agreement due", "due"],
    ]);
    expect(event(months, "Supervision held")!.href).toBe(`${base}/supervision/s1`);
    expect(event(months, "Supervision missed")!.href).toBe(`${base}/supervision`);
    expect(event(months, "Workload flagged: 14 cases, over the limit of 12")!.href).toBe(`${base}/workload`);
    expect(months.flatMap((m) => m.events).filter((e) => e.title === "Supervision held")).toHaveLength(1);
  });

  it("links each piece of evidence to its page in the portfolio, in the month it happened", () => {
    const { months } = yearTimeline(
      input({
        evidence: [
          {
            id: "obs-7",
            title: "Strategy discussion",
            kindLabel: "Direct observation of practice",
            occurredOn: "2026-11-20",
          },
        ],
      }),
    );
    const e = event(months, "Direct observation of practice: Strategy discussion")!;
    expect(e).toMatchObject({ kind: "evidence", state: "done", href: `${base}/portfolio/obs-7` });
    expect(monthOf(months, "Direct observation of practice: Strategy discussion")).toBe(3);
  });

  it("keeps evidence dated after the year in the last month rather than losing it", () => {
    const { months } = yearTimeline(
      input({ evidence: [{ id: "late", title: "Late", kindLabel: "CPD", occurredOn: "2027-10-01" }] }),
    );
    expect(monthOf(months, "CPD: Late")).toBe(12);
  });

  it("calls the learning agreement due soon only in its last four weeks, like a review", () => {
    // A year still to start (an intake months away) has nothing due soon.
    const ahead = yearTimeline(input({ today: at("2026-06-01T09:00:00") }));
    expect(event(ahead.months, "Learning agreement due")!.state).toBe("upcoming");
    // Due on 7 October 2026: 28 days before is due soon, 29 is still to come.
    expect(
      event(yearTimeline(input({ today: at("2026-09-09T09:00:00") })).months, "Learning agreement due")!.state,
    ).toBe("due");
    expect(
      event(yearTimeline(input({ today: at("2026-09-08T09:00:00") })).months, "Learning agreement due")!.state,
    ).toBe("upcoming");
  });

  it("marks the learning agreement overdue once its day has passed unsigned, and done when signed", () => {
    const late = yearTimeline(input({ today: at("2026-10-20T09:00:00") }));
    expect(event(late.months, "Learning agreement due")!.state).toBe("overdue");
    const signed = yearTimeline(
      input({
        today: at("2026-10-20T09:00:00"),
        agreement: { due: learningAgreementDue(asye), signedOn: at("2026-09-30T14:30:00") },
      }),
    );
    const e = event(signed.months, "Learning agreement signed by all three")!;
    expect(e).toMatchObject({ state: "done", href: `${base}/agreement` });
    expect(isoDate(e.date)).toBe("2026-09-30");
    expect(event(signed.months, "Learning agreement due")).toBeUndefined();
  });

  it("calls a review due soon within four weeks, to come before that, overdue once it has gone unsigned", () => {
    const title = (today: string, signed?: Map<string, Date>) =>
      yearTimeline({ ...input({ today: at(today) }), reviewsSignedOff: signed })
        .months.flatMap((m) => m.events)
        .filter((e) => e.kind === "review" && e.title.startsWith("3-month"))
        .map((e) => [e.title, e.state]);
    expect(title("2026-09-25T10:00:00")).toEqual([["3-month review due", "upcoming"]]);
    expect(title("2026-11-20T10:00:00")).toEqual([["3-month review due", "due"]]);
    expect(title("2026-12-10T10:00:00")).toEqual([["3-month review due", "overdue"]]);
    // Signed off: shown as done on the day it was countersigned.
    const signed = new Map([["three-month", at("2026-12-03T15:00:00")]]);
    expect(title("2026-12-10T10:00:00", signed)).toEqual([["3-month review signed off", "done"]]);
  });

  it("knows which month today is in, counting the closing day in its month", () => {
    const current = (today: string) => yearTimeline(input({ today: at(today) })).currentMonth;
    expect(current("2026-09-07T08:00:00")).toBe(1);
    expect(current("2026-10-07T18:00:00")).toBe(1);
    expect(current("2026-10-08T08:00:00")).toBe(2);
    expect(current("2026-12-07T12:00:00")).toBe(3);
    expect(current("2027-09-07T12:00:00")).toBe(12);
    expect(current("2026-09-01T12:00:00")).toBeNull();
    expect(current("2027-09-08T12:00:00")).toBeNull();
    const { months } = yearTimeline(input({ today: at("2026-10-20T12:00:00") }));
    expect(months.filter((m) => m.current).map((m) => m.number)).toEqual([2]);
  });

  it("moves the month boundaries after a pause, so what was in month 3 is now in month 2", () => {
    const paused: YearInput = { ...asye, pauses: [{ from: "2026-10-12", to: "2026-11-08" }] };
    const evidence = [{ id: "e1", title: "Case record", kindLabel: "Assessed written work", occurredOn: "2026-12-01" }];
    const before = yearTimeline(input({ evidence }));
    const after = yearTimeline(input({ year: paused, evidence }));
    expect(after.months).toHaveLength(12);
    expect(range(after.months[0]!)).toEqual([1, "2026-09-07", "2026-10-07"]);
    expect(range(after.months[1]!)).toEqual([2, "2026-10-08", "2026-12-05"]);
    expect(range(after.months[2]!)).toEqual([3, "2026-12-06", "2027-01-04"]);
    expect(monthOf(before.months, "Assessed written work: Case record")).toBe(3);
    expect(monthOf(after.months, "Assessed written work: Case record")).toBe(2);
    expect(monthOf(after.months, "Year paused until 2026-11-08")).toBe(2);
    expect(isoDate(event(after.months, "3-month review due")!.date)).toBe("2027-01-04");
    expect(monthOf(after.months, "3-month review due")).toBe(3);
    expect(isoDate(after.ends)).toBe("2027-10-05");
    expect(monthOf(after.months, "The year ends")).toBe(12);
    expect(yearTimeline(input({ year: paused, today: at("2026-12-01T12:00:00") })).currentMonth).toBe(2);
  });

  it("stretches the last month to an extended end, with the final assessment in it", () => {
    const extended: YearInput = { ...asye, extensionDays: 42 };
    const { months, ends } = yearTimeline(input({ year: extended }));
    expect(isoDate(ends)).toBe("2027-10-19");
    expect(range(months[11]!)).toEqual([12, "2027-08-08", "2027-10-19"]);
    expect(monthOf(months, "Final assessment due")).toBe(12);
    expect(isoDate(event(months, "Final assessment due")!.date)).toBe("2027-10-19");
  });
});

describe("the ECDP over two years", () => {
  const ecdp = yearOf("early-career");

  it("has 24 months, with its reviews at 3, 6, 12, 18 and 24", () => {
    const { months, ends } = yearTimeline(input({ year: ecdp }));
    expect(months).toHaveLength(24);
    expect(isoDate(ends)).toBe("2028-09-07");
    expect(range(months[23]!)).toEqual([24, "2028-08-08", "2028-09-07"]);
    expect(monthOf(months, "12-month review (end of year 1) due")).toBe(12);
    expect(monthOf(months, "18-month review due")).toBe(18);
    expect(monthOf(months, "Final assessment due")).toBe(24);
    expect(yearTimeline(input({ year: ecdp, today: at("2027-09-20T12:00:00") })).currentMonth).toBe(13);
  });
});

describe("what needs attention", () => {
  const today = at("2026-10-20T09:00:00");
  const quiet: AttentionInput = {
    base,
    agreement: { state: "signed", missing: [], written: true },
    teamManagerNamed: true,
    nextSupervision: addDays(today, 20),
    missedSupervision: 0,
    workloadFlags: 0,
    observationsToRecord: 0,
    newEvidence: 0,
  };
  const texts = (list: { text: string }[]) => list.map((i) => i.text);

  it("asks nothing of anyone when all is in order", () => {
    expect(attention(quiet, "supervisor", today)).toEqual({ waiting: [], overdue: [] });
    expect(attention(quiet, "team_manager", today)).toEqual({ waiting: [], overdue: [] });
    expect(attention(quiet, "programme_lead", today)).toEqual({ waiting: [], overdue: [] });
  });

  it("waits for the supervisor and the team manager to sign an agreement they have not signed; never the lead", () => {
    const unsigned: AttentionInput = {
      ...quiet,
      agreement: { state: "waiting", missing: ["supervisor", "team_manager"], written: true },
    };
    expect(attention(unsigned, "supervisor", today).waiting).toEqual([
      { text: "Learning agreement to sign", href: `${base}/agreement` },
    ]);
    expect(attention(unsigned, "team_manager", today).waiting).toEqual([
      { text: "Learning agreement to sign", href: `${base}/agreement` },
    ]);
    expect(attention(unsigned, "programme_lead", today).waiting).toEqual([]);
    expect(attention(unsigned, "supervisor", today).overdue).toEqual([]);
  });

  it("asks the programme lead to name a team manager for a year without one, and nobody else", () => {
    const unnamed: AttentionInput = {
      ...quiet,
      teamManagerNamed: false,
      agreement: { state: "waiting", missing: ["team_manager"], written: true },
    };
    expect(attention(unnamed, "programme_lead", today).waiting).toEqual([
      { text: "Team manager to name", href: `${base}/settings` },
    ]);
    expect(attention(unnamed, "supervisor", today).waiting).toEqual([]);
  });

  it("asks for the agreement to be written first when there is no text yet", () => {
    const unwritten: AttentionInput = {
      ...quiet,
      agreement: { state: "waiting", missing: ["learner", "supervisor", "team_manager"], written: false },
    };
    expect(texts(attention(unwritten, "supervisor", today).waiting)).toEqual(["Learning agreement to write and sign"]);
  });

  it("does not wait for someone who has already signed", () => {
    const managerOnly: AttentionInput = {
      ...quiet,
      agreement: { state: "waiting", missing: ["team_manager"], written: true },
    };
    expect(attention(managerOnly, "supervisor", today).waiting).toEqual([]);
    expect(texts(attention(managerOnly, "team_manager", today).waiting)).toEqual(["Learning agreement to sign"]);
  });

  it("shows an overdue agreement, missed supervision and flagged workload as overdue, each once: as a viewer's task when it is theirs", () => {
    const behind: AttentionInput = {
      ...quiet,
      agreement: { state: "overdue", missing: ["team_manager"], written: true },
      missedSupervision: 2,
      workloadFlags: 3,
    };
    expect(attention(behind, "programme_lead", today).overdue).toEqual([
      { text: "Learning agreement overdue", href: `${base}/agreement` },
      { text: "2 supervision missed", href: `${base}/supervision` },
      { text: "Workload: 3 weeks flagged", href: `${base}/workload` },
    ]);
    // The supervisor holds the missed supervision: it waits for them, and is not said twice.
    expect(texts(attention(behind, "supervisor", today).waiting)).toEqual(["2 supervision missed: hold and record it"]);
    expect(texts(attention(behind, "supervisor", today).overdue)).toEqual([
      "Learning agreement overdue",
      "Workload: 3 weeks flagged",
    ]);
    // The team manager's signature is the overdue agreement's missing one.
    expect(texts(attention(behind, "team_manager", today).overdue)).toEqual([
      "2 supervision missed",
      "Workload: 3 weeks flagged",
    ]);
    expect(texts(attention(behind, "team_manager", today).waiting)).toEqual(["Learning agreement to sign"]);
    expect(texts(attention(behind, "programme_lead", today).waiting)).toEqual([]);
    expect(texts(attention({ ...quiet, workloadFlags: 1 }, "supervisor", today).overdue)).toEqual([
      "Workload: 1 week flagged",
    ]);
  });

  it("waits for the supervisor when supervision is due within 7 days, and not the lead", () => {
    const soon: AttentionInput = { ...quiet, nextSupervision: addDays(today, 7) };
    expect(attention(soon, "supervisor", today).waiting).toEqual([
      { text: "Supervision due by 27 Oct", href: `${base}/supervision` },
    ]);
    expect(attention(soon, "programme_lead", today).waiting).toEqual([]);
    expect(attention({ ...quiet, nextSupervision: addDays(today, 8) }, "supervisor", today).waiting).toEqual([]);
    expect(attention({ ...quiet, nextSupervision: null }, "supervisor", today).waiting).toEqual([]);
  });

  it("tells the supervisor about observations behind the pace and new evidence, and not the lead", () => {
    const busy: AttentionInput = { ...quiet, observationsToRecord: 1, newEvidence: 2 };
    expect(texts(attention(busy, "supervisor", today).waiting)).toEqual([
      "1 direct observation to record: behind the pace of the year",
      "2 pieces of evidence to read",
    ]);
    expect(attention(busy, "programme_lead", today).waiting).toEqual([]);
    expect(texts(attention({ ...busy, observationsToRecord: 2, newEvidence: 1 }, "supervisor", today).waiting)).toEqual(
      ["2 direct observations to record: behind the pace of the year", "1 piece of evidence to read"],
    );
  });
});
