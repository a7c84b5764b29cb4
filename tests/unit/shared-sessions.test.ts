/** The pure rules of shared multi-agency sessions (ADR 026), at their edges. */
import { sharedSessionProblems } from "~/modules/programmes/content-compiler";
import {
  attendanceEvidence,
  attendanceSourceKey,
  endsAt,
  latestAttendance,
  listWords,
  registerChanges,
  registerProblem,
  splitByTime,
  topicsOf,
  topicTitle,
  type Attendance,
} from "~/modules/shared-sessions/rules";

const programme = {
  modules: [
    {
      slug: "joint-working",
      order: 2,
      title: "Joint working with police and health",
      lessons: [
        { slug: "sharing", order: 2, title: "Sharing information lawfully" },
        { slug: "strategy", order: 1, title: "Strategy discussions" },
      ],
      assessmentCriteria: [{ code: "CPL-2.5", criterion: "Shows understanding of partners' duties." }],
    },
    { slug: "holding", order: 1, title: "Holding decisions", lessons: [{ slug: "role", order: 1, title: "The role" }], assessmentCriteria: [{ code: "CPL-1.1", criterion: "Decides." }] },
  ],
} as never;

describe("a session's topic", () => {
  it("is a module of the programme or one of its lessons, in the programme's order", () => {
    expect(topicsOf(programme).map((t) => t.value)).toEqual(["holding", "holding/role", "joint-working", "joint-working/strategy", "joint-working/sharing"]);
    expect(topicTitle(programme, "joint-working", "strategy")).toBe("Strategy discussions");
    expect(topicTitle(programme, "joint-working", null)).toBe("Joint working with police and health");
  });

  it("is nothing when the module or the lesson is not the programme's", () => {
    expect(topicTitle(programme, "no-such-module", null)).toBeNull();
    expect(topicTitle(programme, "holding", "strategy")).toBeNull();
  });
});

describe("the register", () => {
  const startsAt = new Date("2026-12-08T10:00:00Z");

  it("opens at the moment the session starts, not a second before", () => {
    expect(registerProblem({ startsAt }, new Date("2026-12-08T09:59:59Z"))).toMatch(/opens when the session starts/);
    expect(registerProblem({ startsAt }, startsAt)).toBeNull();
    expect(registerProblem({ startsAt }, new Date("2027-06-01T00:00:00Z"))).toBeNull();
  });

  it("takes each person's latest entry; entries at the same instant keep their order", () => {
    const at = (m: number) => new Date(startsAt.getTime() + m * 60_000);
    const entries = [
      { id: "1", userId: "a", status: "attended" as Attendance, recordedAt: at(200) },
      { id: "2", userId: "b", status: "absent" as Attendance, recordedAt: at(200) },
      { id: "3", userId: "a", status: "absent" as Attendance, recordedAt: at(300) },
      { id: "4", userId: "b", status: "apologies" as Attendance, recordedAt: at(200) },
      { id: "5", userId: "a", status: "attended" as Attendance, recordedAt: at(100) },
    ];
    const latest = latestAttendance(entries);
    expect(latest.get("a")?.id).toBe("3");
    expect(latest.get("b")?.id).toBe("4");
    expect(latest.get("c")).toBeUndefined();
  });

  it("writes an entry only for a new or changed attendance", () => {
    const latest = new Map([
      ["a", { status: "attended" as Attendance }],
      ["b", { status: "absent" as Attendance }],
    ]);
    const submitted = new Map<string, Attendance>([
      ["a", "attended"],
      ["b", "attended"],
      ["c", "apologies"],
    ]);
    expect(registerChanges(latest, submitted)).toEqual([
      { userId: "b", status: "attended" },
      { userId: "c", status: "apologies" },
    ]);
    expect(registerChanges(latest, new Map())).toEqual([]);
  });
});

describe("upcoming and past", () => {
  const now = new Date("2026-12-08T12:00:00Z");
  const session = (iso: string, minutes: number) => ({ startsAt: new Date(iso), minutes });

  it("keeps a session under way as upcoming until it ends, soonest first; past ones most recent first", () => {
    const underWay = session("2026-12-08T11:00:00Z", 120);
    const endedNow = session("2026-12-08T11:00:00Z", 60);
    const later = session("2026-12-20T09:00:00Z", 60);
    const earlier = session("2026-11-01T09:00:00Z", 60);
    expect(endsAt(endedNow).getTime()).toBe(now.getTime());
    const { upcoming, past } = splitByTime([later, earlier, endedNow, underWay], now);
    expect(upcoming).toEqual([underWay, later]);
    expect(past).toEqual([endedNow, earlier]);
  });
});

describe("attendance as evidence", () => {
  const input = {
    topic: "Strategy discussions",
    note: "Evidence of learning the partners' duties.",
    criteria: ["CPL-2.5"],
    day: "2026-10-01",
    when: "1 October 2026 at 10:30",
    facilitator: "Priya Shah",
    agencies: ["Police", "Health"],
    entry: { id: "entry-1", status: "attended" as Attendance, by: "Priya Shah", role: "programme lead", at: "1 October 2026 at 14:30" },
    sessionId: "session-1",
  };

  it("maps an attendance to the criteria the programme names, bound to its register entry", () => {
    const evidence = attendanceEvidence(input);
    expect(evidence.title).toBe("Shared session: Strategy discussions");
    expect(evidence.capabilities).toEqual(["CPL-2.5"]);
    expect(evidence.occurredOn).toBe("2026-10-01");
    expect(evidence.body).toContain("with police and health colleagues");
    expect(evidence.details).toMatchObject({ registerEntry: "entry-1", session: "session-1", partners: "Police and Health" });
  });

  it("maps an absence or apologies to nothing, and says so", () => {
    for (const status of ["absent", "apologies"] as const) {
      const evidence = attendanceEvidence({ ...input, entry: { ...input.entry, status } });
      expect(evidence.capabilities).toEqual([]);
      expect(evidence.body).toContain("it is not evidence of attendance");
    }
  });

  it("names no partners when none is recorded as attending", () => {
    const evidence = attendanceEvidence({ ...input, agencies: [] });
    expect(evidence.body).not.toContain("colleagues");
    expect(evidence.details.partners).toBe("");
  });

  it("keeps one item per session and learner", () => {
    expect(attendanceSourceKey("s", "e")).toBe("shared-session:s:e");
    expect(listWords(["Police", "Health", "Education"])).toBe("Police, Health and Education");
    expect(listWords([])).toBe("");
  });
});

describe("programme.yml's sharedSessions, checked at build", () => {
  const modules = (programme as { modules: never[] }).modules;

  it("accepts criteria the programme's own modules declare", () => {
    expect(sharedSessionProblems({ sharedSessions: { evidences: ["CPL-2.5"], note: "x" } }, modules)).toEqual([]);
    expect(sharedSessionProblems({}, modules)).toEqual([]);
  });

  it("refuses a criterion the programme does not have, one named twice, and an assessed year", () => {
    expect(sharedSessionProblems({ sharedSessions: { evidences: ["CPL-9.9"], note: "x" } }, modules)).toEqual([
      "sharedSessions.evidences: CPL-9.9 is not one of the programme's assessment criteria",
    ]);
    expect(sharedSessionProblems({ sharedSessions: { evidences: ["CPL-2.5", "CPL-2.5"], note: "x" } }, modules)).toEqual([
      "sharedSessions.evidences: a criterion is named twice",
    ]);
    expect(sharedSessionProblems({ sharedSessions: { evidences: ["CPL-2.5"], note: "x" }, assessment: {} as never }, modules)[0]).toMatch(/not an assessed year/);
  });
});
