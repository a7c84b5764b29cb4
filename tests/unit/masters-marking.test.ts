/**
 * Marking Masters coursework (issue 20): when marks are due, which version is marked, who may be
 * allocated, what a marker's download is called, and where a submission and an assignment stand.
 */
import {
  allocationProblem,
  anonymousFileName,
  assignmentProgress,
  markingDeadline,
  markingStateOf,
  type MarkRecord,
  schemeFor,
  taskFor,
  versionToMark,
} from "~/modules/masters/marking";
import { MASTERS_SCHEME } from "~/modules/masters/marks";

const at = (iso: string) => new Date(iso);

describe("markingDeadline", () => {
  it("is 15 working days after the deadline's day, skipping weekends and the late May bank holiday", () => {
    // Friday 14 May 2027 at noon; Monday 31 May is the spring bank holiday.
    expect(markingDeadline(at("2027-05-14T11:00:00Z"))).toBe("2027-06-07");
  });

  it("counts from the deadline's day in England, not in UTC", () => {
    // 00:30 on Friday 14 May in England is still Thursday 13 May in UTC.
    expect(markingDeadline(at("2027-05-13T23:30:00Z"))).toBe("2027-06-07");
    expect(markingDeadline(at("2027-05-13T22:30:00Z"))).toBe("2027-06-04");
  });

  it("skips Christmas, Boxing Day's substitute and New Year's Day", () => {
    // Friday 18 December 2026: 25 and 28 December and 1 January are not working days.
    expect(markingDeadline(at("2026-12-18T12:00:00Z"))).toBe("2027-01-13");
  });

  it("takes another number of working days", () => {
    expect(markingDeadline(at("2027-05-14T11:00:00Z"), 1)).toBe("2027-05-17");
  });
});

describe("versionToMark", () => {
  const v = (version: number) => ({ id: `v${version}`, version });

  it("is the last version handed in", () => {
    expect(versionToMark([v(1), v(3), v(2)], new Set())?.id).toBe("v3");
  });

  it("stays the version already first-marked when a later one arrives", () => {
    expect(versionToMark([v(1), v(2), v(3)], new Set(["v2"]))?.id).toBe("v2");
  });

  it("is nothing when nothing was handed in", () => {
    expect(versionToMark([], new Set())).toBeNull();
  });
});

describe("allocationProblem", () => {
  it("refuses the same person at two stages of one assignment", () => {
    expect(allocationProblem([{ stage: "first", markerId: "a" }], { stage: "second", markerId: "a" })).toMatch(
      /already the first marker/,
    );
    expect(allocationProblem([{ stage: "second", markerId: "a" }], { stage: "third", markerId: "a" })).toMatch(
      /already the second marker/,
    );
  });

  it("lets the lead change a stage's marker, or give another stage to someone else", () => {
    expect(allocationProblem([{ stage: "first", markerId: "a" }], { stage: "first", markerId: "a" })).toBeNull();
    expect(allocationProblem([{ stage: "first", markerId: "a" }], { stage: "second", markerId: "b" })).toBeNull();
  });
});

describe("anonymousFileName", () => {
  it("names a download by the candidate number and the module only", () => {
    expect(anonymousFileName("C123456", "critical-practice-and-research-mindedness", "pdf")).toBe(
      "C123456-critical-practice-and-research-mindedness.pdf",
    );
    expect(anonymousFileName("C123456", "evidence-informed-assessment", "DOCX", 1)).toBe(
      "C123456-evidence-informed-assessment-2.docx",
    );
  });

  it("keeps nothing that could break the header out of the name", () => {
    expect(anonymousFileName('C1"; x=', "m/../o", "pdf")).toBe("C1-x-m-o.pdf");
  });
});

const mark = (stage: MarkRecord["stage"], kind: MarkRecord["kind"], value: number, minute: number): MarkRecord => ({
  stage,
  kind,
  mark: value,
  markedAt: at(`2027-06-01T10:${String(minute).padStart(2, "0")}:00Z`),
});

describe("markingStateOf and taskFor", () => {
  it("has nothing before the first mark: the first marker marks, no one else", () => {
    expect(markingStateOf([], true)).toBeNull();
    expect(taskFor("first", null, true)).toBe("first-mark");
    expect(taskFor("second", null, true)).toBeNull();
  });

  it("sends sampled work to the second marker, and no one when unsampled", () => {
    const state = markingStateOf([mark("first", "mark", 64, 0)], true);
    expect(taskFor("second", state, true)).toBe("second-mark");
    expect(taskFor("first", state, true)).toBeNull();
    expect(taskFor("second", markingStateOf([mark("first", "mark", 64, 0)], false), false)).toBeNull();
  });

  it("asks both markers to agree a mark within 10, and the third reader only over 10", () => {
    const within = markingStateOf([mark("first", "mark", 64, 0), mark("second", "propose", 56, 1)], true);
    expect(taskFor("first", within, true)).toBe("record-agreed");
    expect(taskFor("second", within, true)).toBe("record-agreed");
    expect(taskFor("third", within, true)).toBeNull();
    const over = markingStateOf([mark("first", "mark", 64, 0), mark("second", "propose", 53, 1)], true);
    expect(taskFor("third", over, true)).toBe("third-read");
    expect(taskFor("first", over, true)).toBe("record-agreed");
  });

  it("waits for the other marker once one has recorded an agreed mark, and counts each marker's latest", () => {
    const one = markingStateOf(
      [mark("first", "mark", 64, 0), mark("second", "propose", 56, 1), mark("first", "agreed", 60, 2)],
      true,
    );
    expect(taskFor("first", one, true)).toBeNull();
    expect(taskFor("second", one, true)).toBe("record-agreed");
    const differ = markingStateOf(
      [
        mark("first", "mark", 64, 0),
        mark("second", "propose", 56, 1),
        mark("first", "agreed", 60, 2),
        mark("second", "agreed", 58, 3),
      ],
      true,
    );
    expect(taskFor("first", differ, true)).toBe("record-agreed");
    const settled = markingStateOf(
      [
        ...[mark("first", "mark", 64, 0), mark("second", "propose", 56, 1), mark("second", "agreed", 58, 3)],
        mark("first", "agreed", 58, 4),
      ],
      true,
    );
    expect(settled?.agreed).toEqual({ byFirstMarker: 58, bySecondMarker: 58 });
    expect(taskFor("first", settled, true)).toBeNull();
    expect(taskFor("second", settled, true)).toBeNull();
  });
});

describe("assignmentProgress", () => {
  const first = (m: number) => markingStateOf([mark("first", "mark", m, 0)], false);

  it("counts first marks, and first marking is complete only when every handed-in piece is marked", () => {
    const p = assignmentProgress(
      [
        { state: first(64), sampled: false },
        { state: null, sampled: false },
      ],
      false,
    );
    expect(p).toMatchObject({
      handedIn: 2,
      firstMarked: 1,
      firstMarkingComplete: false,
      readyForBoard: 0,
      allReady: false,
    });
    expect(assignmentProgress([], false).firstMarkingComplete).toBe(false);
  });

  it("counts second marks, disagreements and work ready for the board once the sample is drawn", () => {
    const agreed = markingStateOf([mark("first", "mark", 49, 0), mark("second", "agree", 49, 1)], true);
    const differ = markingStateOf([mark("first", "mark", 72, 0), mark("second", "propose", 58, 1)], true);
    const p = assignmentProgress(
      [
        { state: first(64), sampled: false },
        { state: agreed, sampled: true },
        { state: differ, sampled: true },
      ],
      true,
    );
    expect(p).toMatchObject({ sampled: 2, secondMarked: 2, disagreements: 1, readyForBoard: 2, allReady: false });
  });
});

describe("schemeFor", () => {
  it("takes the programme's bands and pass mark, with the issue's defaults for the rest", () => {
    const scheme = schemeFor({
      passMark: 40,
      bands: [
        { code: "pass", title: "Pass", from: 40 },
        { code: "fail", title: "Fail", from: 0 },
      ],
    });
    expect(scheme.passMark).toBe(40);
    expect(scheme.bands).toEqual([
      { band: "pass", label: "Pass", from: 40 },
      { band: "fail", label: "Fail", from: 0 },
    ]);
    expect(scheme.samplePercent).toBe(MASTERS_SCHEME.samplePercent);
    expect(schemeFor(null)).toBe(MASTERS_SCHEME);
  });
});
