import { parseISO } from "date-fns";
import { describe, expect, it } from "vitest";
import { CALLBACK_STATUSES, INTRODUCTION_STATUSES, type CallbackStatus, type IntroductionStatus } from "~/modules/returners/options";
import {
  isWaitingForHelpline,
  returnerTasks,
  RETURN_HREFS,
  standingOf,
  standingSentence,
  type ReturnerIntroduction,
  type ReturnerTaskInput,
} from "~/modules/returners/tasks";
import { URGENCY_ORDER } from "~/modules/first-year/tasks";

const today = parseISO("2026-12-10T09:00:00");

const intro = (status: IntroductionStatus, extra: Partial<ReturnerIntroduction> = {}): ReturnerIntroduction => ({
  status,
  council: "Northmoor City Council",
  vacancy: "Social worker",
  interviewOn: status === "interview" ? "2026-12-15" : null,
  startsOn: status === "started" ? "2027-01-04" : null,
  ...extra,
});

const ready = {
  needed: 60,
  counted: 60,
  entries: 40,
  newApplicant: false,
  registrationRestored: true,
  referencesReceived: true,
  supervisedStartAgreed: true,
};

const base: ReturnerTaskInput = {
  helplineConsent: true,
  request: { status: "new", callBackBy: "2026-12-12", contacted: false },
  introductions: [],
  journey: ready,
  refresher: { enrolled: true, href: "/programmes/return-to-social-work", next: null },
};

const texts = (input: ReturnerTaskInput) => returnerTasks(input, today).map((t) => t.text);

describe("where a returner stands, over every state of an introduction", () => {
  // For each state of an introduction, with the request moved on as the site moves it.
  const table: [IntroductionStatus, CallbackStatus, string, RegExp][] = [
    ["introduced", "introduced", "introduced", /introduced you to Northmoor City Council for Social worker/],
    ["interview", "introduced", "interview", /arranged an interview with you for Social worker on 15 December 2026/],
    ["offered", "introduced", "offered", /has offered you the post of Social worker/],
    ["started", "returned", "started", /You start as Social worker at Northmoor City Council on 4 January 2027/],
    ["declined", "introduced", "in_touch", /did not go ahead/],
    ["withdrawn", "contacted", "in_touch", /did not go ahead/],
  ];
  it.each(table)("an introduction %s (request %s) reads as %s", (status, requestStatus, kind, words) => {
    const standing = standingOf({
      ...base,
      request: { status: requestStatus, callBackBy: "2026-11-01", contacted: true },
      introductions: [intro(status)],
    });
    expect(standing.kind).toBe(kind);
    const sentence = standingSentence(standing);
    expect(sentence).toMatch(words);
    // The bug: someone at interview (or further) was told an advisor would be in touch.
    expect(sentence).not.toMatch(/will be in touch about the route back/);
  });

  it("covers every state of an introduction in the table", () => {
    expect(new Set(table.map((r) => r[0]))).toEqual(new Set(INTRODUCTION_STATUSES));
  });

  it("goes by the furthest introduction still going, not the newest", () => {
    const standing = standingOf({ ...base, introductions: [intro("declined"), intro("introduced"), intro("interview", { council: "Riverside" })] });
    expect(standing).toMatchObject({ kind: "interview", council: "Riverside" });
  });
});

describe("where a returner stands, over every state of a callback request without an introduction", () => {
  const table: [CallbackStatus | null, boolean, boolean, string][] = [
    ["new", false, true, "waiting_for_call"],
    ["new", true, true, "in_touch"],
    ["contacted", true, true, "in_touch"],
    ["introduced", true, true, "in_touch"],
    ["returned", true, true, "returned"],
    ["closed", false, true, "closed"],
    [null, false, true, "consented"],
    [null, false, false, "not_asked"],
  ];
  it.each(table)("request %s (reached: %s, consent: %s) reads as %s", (status, contacted, consent, kind) => {
    const standing = standingOf({
      helplineConsent: consent,
      request: status ? { status, callBackBy: "2026-12-12", contacted } : null,
      introductions: [],
    });
    expect(standing.kind).toBe(kind);
    // Only someone nobody has reached yet is told that an advisor will be in touch (or will call).
    if (kind !== "consented" && kind !== "waiting_for_call")
      expect(standingSentence(standing)).not.toMatch(/will (be in touch|call you)/);
  });

  it("covers every state of a callback request", () => {
    expect(new Set(table.map((r) => r[0]).filter(Boolean))).toEqual(new Set(CALLBACK_STATUSES));
  });

  it("tells someone waiting for a first call by when, and does not promise a day already past", () => {
    const waiting = standingOf({ ...base, introductions: [] });
    expect(standingSentence(waiting, "2026-12-10")).toBe(
      "The recruitment helpline has your request and will call you by 12 December 2026.",
    );
    expect(standingSentence(waiting, "2026-12-12")).toMatch(/will call you by 12 December 2026/);
    expect(standingSentence(waiting, "2026-12-13")).toBe(
      "The recruitment helpline has your request and an advisor will call you as soon as they can.",
    );
  });
});

describe("who the helpline counts as waiting", () => {
  it.each(CALLBACK_STATUSES.flatMap((status) => [false, true].map((contacted) => [status, contacted] as const)))(
    "request %s, reached %s",
    (status, contacted) => {
      expect(isWaitingForHelpline({ status, contacted }, 0)).toBe(status === "new" && !contacted);
      // Introduced (whatever became of it): never waiting.
      expect(isWaitingForHelpline({ status, contacted }, 1)).toBe(false);
    },
  );
});

describe("a returner's tasks", () => {
  it("asks nothing of someone ready, with the refresher done and no introduction", () => {
    expect(returnerTasks(base, today)).toEqual([]);
  });

  it("starts someone who has not answered the questions with them", () => {
    expect(returnerTasks({ ...base, journey: null }, today)).toEqual([
      { text: "Answer a few questions to work out the updating days you need", href: RETURN_HREFS.answers, urgency: "due", due: null },
    ]);
  });

  it("puts the updating days before restoring the registration, which waits for them", () => {
    const tasks = returnerTasks(
      { ...base, journey: { ...ready, counted: 18.5, registrationRestored: false } },
      today,
    );
    expect(tasks.map((t) => [t.text, t.urgency, t.href])).toEqual([
      ["41.5 of 60 updating days still to log", "due", "/return/updating"],
      ["Apply to Social Work England to restore your registration", "upcoming", RETURN_HREFS.checklist],
    ]);
  });

  it("asks for restoring now once the days are done, and a new applicant to join the register", () => {
    expect(texts({ ...base, journey: { ...ready, registrationRestored: false } })).toEqual([
      "Apply to Social Work England to restore your registration",
    ]);
    expect(
      returnerTasks({ ...base, journey: { ...ready, newApplicant: true, counted: 0, registrationRestored: false } }, today),
    ).toMatchObject([{ text: "Apply to Social Work England to join the register as a new applicant", urgency: "due" }]);
  });

  it("says to start the log when it is empty", () => {
    expect(texts({ ...base, journey: { ...ready, counted: 0, entries: 0 } })).toEqual([
      "Log your first updating days: 60 needed",
    ]);
  });

  // Each state of an introduction: what it asks of the returner, with references and a supervised start still to do.
  const open = { ...ready, referencesReceived: false, supervisedStartAgreed: false };
  const cases: [string, ReturnerIntroduction[], [string, string][]][] = [
    [
      "none",
      [],
      [
        ["Ask your referees for references", "upcoming"],
        ["Agree a supervised start with your new employer", "upcoming"],
      ],
    ],
    [
      "introduced",
      [intro("introduced")],
      [
        ["Ask your referees for references", "upcoming"],
        ["Agree a supervised start with your new employer", "upcoming"],
      ],
    ],
    [
      "interview in 5 days",
      [intro("interview")],
      [
        ["Interview with Northmoor City Council on 15 December 2026: Social worker", "due"],
        ["Ask your referees for references", "due"],
        ["Agree a supervised start with your new employer", "upcoming"],
      ],
    ],
    [
      "interview in 30 days",
      [intro("interview", { interviewOn: "2027-01-09" })],
      [
        ["Ask your referees for references", "due"],
        ["Interview with Northmoor City Council on 9 January 2027: Social worker", "upcoming"],
        ["Agree a supervised start with your new employer", "upcoming"],
      ],
    ],
    [
      "interview already held",
      [intro("interview", { interviewOn: "2026-12-01" })],
      [
        ["Ask your referees for references", "due"],
        ["Agree a supervised start with your new employer", "upcoming"],
      ],
    ],
    [
      "offered",
      [intro("offered")],
      [
        ["Ask your referees for references", "due"],
        ["Agree a supervised start with Northmoor City Council", "due"],
      ],
    ],
    [
      "started",
      [intro("started")],
      [
        ["Ask your referees for references", "due"],
        ["Agree a supervised start with Northmoor City Council", "due"],
      ],
    ],
    [
      "declined",
      [intro("declined")],
      [
        ["Ask your referees for references", "upcoming"],
        ["Agree a supervised start with your new employer", "upcoming"],
      ],
    ],
    [
      "withdrawn",
      [intro("withdrawn")],
      [
        ["Ask your referees for references", "upcoming"],
        ["Agree a supervised start with your new employer", "upcoming"],
      ],
    ],
  ];
  it.each(cases)("an introduction %s", (_, introductions, expected) => {
    const tasks = returnerTasks({ ...base, introductions, journey: open }, today);
    expect(tasks.map((t) => [t.text, t.urgency])).toEqual(expected);
  });

  it("offers the next refresher lesson, or joining it, and the CPD due", () => {
    const tasks = returnerTasks(
      {
        ...base,
        refresher: { enrolled: true, href: "/programmes/r", next: { href: "/programmes/r/m/l", title: "Law today" } },
        cpdDue: "Record 2 more CPD activities",
      },
      today,
    );
    expect(tasks.map((t) => [t.text, t.href])).toEqual([
      ["Next refresher lesson: Law today", "/programmes/r/m/l"],
      ["Record 2 more CPD activities", RETURN_HREFS.cpd],
    ]);
    expect(texts({ ...base, refresher: { enrolled: false, href: "/programmes/r", next: null } })).toEqual([
      "Join the free refresher programme: its hours count as formal study",
    ]);
  });

  it("never points at something already done, over every combination of the records, most urgent first", () => {
    const bools = [false, true];
    let checked = 0;
    for (const status of INTRODUCTION_STATUSES)
      for (const registrationRestored of bools)
        for (const referencesReceived of bools)
          for (const supervisedStartAgreed of bools)
            for (const counted of [0, 30, 60])
              for (const lessonLeft of bools) {
                const input: ReturnerTaskInput = {
                  ...base,
                  introductions: [intro(status)],
                  journey: { ...ready, counted, registrationRestored, referencesReceived, supervisedStartAgreed },
                  refresher: { enrolled: true, href: "/p", next: lessonLeft ? { href: "/p/m/l", title: "L" } : null },
                };
                const tasks = returnerTasks(input, today);
                const t = tasks.map((x) => x.text).join("\n");
                if (registrationRestored) expect(t).not.toMatch(/registration|register/);
                if (referencesReceived) expect(t).not.toMatch(/references/);
                if (supervisedStartAgreed) expect(t).not.toMatch(/supervised start/);
                if (counted >= 60) expect(t).not.toMatch(/updating/);
                if (!lessonLeft) expect(t).not.toMatch(/refresher/);
                if (status !== "interview") expect(t).not.toMatch(/Interview/);
                for (let i = 1; i < tasks.length; i += 1)
                  expect(URGENCY_ORDER[tasks[i - 1]!.urgency]).toBeLessThanOrEqual(URGENCY_ORDER[tasks[i]!.urgency]);
                for (const task of tasks) expect(task.href).toMatch(/^\//);
                checked += 1;
              }
    expect(checked).toBe(INTRODUCTION_STATUSES.length * 2 * 2 * 2 * 3 * 2);
  });
});
