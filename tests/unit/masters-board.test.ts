/**
 * The mark a submission takes to the exam board, from the append-only marks recorded on it, and
 * what the board refuses while marking is unfinished; a resubmission capped at the pass mark; and
 * the programme's own award data read as the rules take it.
 */
import { boardRefusal, markForBoard, rulesOf, waitingWords, type RecordedMark } from "~/modules/masters/board";
import { attemptResult, awardStanding, classify } from "~/modules/masters/marks";
import { findProgramme } from "~/modules/programmes/catalogue.server";

let clock = 0;
const rec = (stage: RecordedMark["stage"], kind: RecordedMark["kind"], mark: number, feedback = ""): RecordedMark => ({
  stage,
  kind,
  mark,
  feedback,
  markedAt: new Date(Date.UTC(2027, 0, 1) + ++clock * 60_000),
});
const drawnIn = { drawn: true, inSample: true };
const drawnOut = { drawn: true, inSample: false };

describe("markForBoard", () => {
  it("is not marked without a first mark, whatever else is recorded", () => {
    expect(markForBoard([], drawnOut)).toEqual({ state: "not-marked" });
    expect(markForBoard([rec("second", "agree", 64)], drawnIn)).toEqual({ state: "not-marked" });
  });

  it("waits for the sample to be drawn before a first mark can go to the board", () => {
    expect(markForBoard([rec("first", "mark", 64)], { drawn: false, inSample: false })).toEqual({
      state: "sample-not-drawn",
      firstMark: 64,
    });
  });

  it("takes a first mark outside the sample as it stands, with the first marker's feedback", () => {
    expect(markForBoard([rec("first", "mark", 64, "Clear and well argued.")], drawnOut)).toEqual({
      state: "ready",
      firstMark: 64,
      mark: 64,
      basis: "first-mark",
      feedback: "Clear and well argued.",
    });
  });

  it("waits for the second marker on a submission in the sample", () => {
    const mark = markForBoard([rec("first", "mark", 49)], drawnIn);
    expect(mark).toMatchObject({ state: "waiting", step: { step: "second-marking" } });
    expect(waitingWords(mark as never)).toBe("in the sample, waiting for the second marker");
  });

  it("takes the first mark when the second marker agrees", () => {
    expect(markForBoard([rec("first", "mark", 49, "Fb"), rec("second", "agree", 49)], drawnIn)).toMatchObject({
      state: "ready",
      mark: 49,
      basis: "second-marker-agreed",
    });
  });

  it("needs both markers to record the same agreed mark after a proposal within 10", () => {
    const marks = [rec("first", "mark", 58), rec("second", "propose", 62)];
    expect(markForBoard(marks, drawnIn)).toMatchObject({ state: "waiting", step: { step: "agree-a-mark", difference: 4 } });
    marks.push(rec("first", "agreed", 60));
    expect(markForBoard(marks, drawnIn)).toMatchObject({ state: "waiting", step: { step: "other-marker-to-record", who: "second marker" } });
    marks.push(rec("second", "agreed", 60));
    expect(markForBoard(marks, drawnIn)).toMatchObject({ state: "ready", mark: 60, basis: "agreed-by-both" });
  });

  it("goes to a third reader over 10 apart, whose mark stands, with their feedback after the first marker's", () => {
    const marks = [rec("first", "mark", 45, "First."), rec("second", "propose", 56)];
    expect(markForBoard(marks, drawnIn)).toMatchObject({ state: "waiting", step: { step: "third-reader-or-agreement", difference: 11 } });
    marks.push(rec("third", "mark", 52, "Third."));
    expect(markForBoard(marks, drawnIn)).toEqual({ state: "ready", firstMark: 45, mark: 52, basis: "third-reader", feedback: "First.\n\nThird." });
  });

  it("reads the latest record of each kind, as an append-only table corrects by adding a row", () => {
    const marks = [rec("first", "mark", 61), rec("first", "mark", 63, "Corrected")];
    expect(markForBoard(marks, drawnOut)).toMatchObject({ state: "ready", mark: 63, feedback: "Corrected" });
  });

  it("counts a second marking even when the sample did not hold it (a lead asked for it)", () => {
    expect(markForBoard([rec("first", "mark", 75), rec("second", "agree", 75)], drawnOut)).toMatchObject({
      state: "ready",
      basis: "second-marker-agreed",
    });
  });
});

describe("boardRefusal", () => {
  it("refuses while any submission needs a marking step, naming each", () => {
    const refusal = boardRefusal([
      { label: "C100001", mark: markForBoard([rec("first", "mark", 64)], drawnOut) },
      { label: "C100002", mark: markForBoard([rec("first", "mark", 49)], drawnIn) },
    ]);
    expect(refusal).toBe(
      "The board cannot confirm these marks yet: one submission still needs a marking step: C100002 (in the sample, waiting for the second marker)",
    );
  });

  it("allows the board once every mark is ready, and refuses an empty board", () => {
    expect(boardRefusal([{ label: "C1", mark: markForBoard([rec("first", "mark", 64)], drawnOut) }])).toBeNull();
    expect(boardRefusal([])).toMatch(/no marks to confirm/);
  });
});

describe("a resubmission and the award, from the programme's data", () => {
  const { scheme, awards, rule } = rulesOf(findProgramme("masters")?.award);

  it("reads the MA's bands, pass mark and exit awards from programme.yml", () => {
    expect(scheme.passMark).toBe(50);
    expect(scheme.bands.map((b) => [b.band, b.from])).toEqual([
      ["distinction", 70],
      ["merit", 60],
      ["pass", 50],
      ["fail", 0],
    ]);
    expect(awards.map((a) => a.credits)).toEqual([60, 120, 180]);
    expect(awards.at(-1)!.requiredModules).toEqual(["practice-research-dissertation"]);
  });

  it("caps a resubmission at the pass mark: 49 stays a fail, 50 and above count as 50", () => {
    expect(attemptResult(49, 2, scheme)).toMatchObject({ cappedMark: 49, passed: false, capped: false });
    expect(attemptResult(50, 2, scheme)).toMatchObject({ cappedMark: 50, passed: true, capped: false });
    expect(attemptResult(72, 2, scheme)).toMatchObject({ cappedMark: 50, passed: true, capped: true, band: { band: "pass" } });
  });

  it("classifies at 59/60 and 69/70 with the programme's rule", () => {
    expect(classify([{ credits: 180, cappedMark: 59 }], rule)!.classification.id).toBe("pass");
    expect(classify([{ credits: 180, cappedMark: 60 }], rule)!.classification.id).toBe("merit");
    expect(classify([{ credits: 180, cappedMark: 69 }], rule)!.classification.id).toBe("merit");
    expect(classify([{ credits: 180, cappedMark: 70 }], rule)!.classification.id).toBe("distinction");
  });

  it("reaches the PG Certificate at 60 credits, not at 30", () => {
    const confirmed = (slug: string, credits: number, mark: number) => ({ slug, credits, attempts: [{ attempt: 1, mark, confirmed: true }] });
    expect(awardStanding([confirmed("a", 30, 65)], { scheme, awards, rule }).award).toBeNull();
    expect(awardStanding([confirmed("a", 30, 65), confirmed("b", 30, 55)], { scheme, awards, rule }).award?.id).toBe("pg-cert");
  });
});
