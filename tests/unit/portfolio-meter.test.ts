/**
 * The evidence meter (issue 16, items 3 and 5): an observation by the assessor is required, and
 * critical reflections count by the review point they serve.
 */
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { frameworkSchema, programmeFileSchema, type Framework } from "~/modules/programmes/content-schema";
import {
  assessorObservationsMissing,
  coverageRules,
  frameworksFor,
  frameworksOf,
  mappingProblem,
  missingInWords,
  replacementFor,
  servedPoints,
  sufficiency,
  type EvidenceSummary,
  type ReviewPointSeen,
} from "~/modules/portfolio/rules";
import { isoDate, parseDay, reviewDates, type YearInput } from "~/modules/first-year/year";
import { finalAssessmentBlockers } from "~/modules/signoff/reviews";

const file = programmeFileSchema.parse(parse(readFileSync("content/programmes/asye/programme.yml", "utf8")));
const asye = file.assessment!;
const frameworks: Framework[] = readdirSync("content/frameworks")
  .filter((f) => f.endsWith(".yml"))
  .map((f) => frameworkSchema.parse(parse(readFileSync(`content/frameworks/${f}`, "utf8"))));

let n = 0;
const observation = (byAssessor: boolean): EvidenceSummary => ({
  id: `o${++n}`,
  kind: "direct_observation",
  title: "Home visit",
  occurredOn: "2027-01-10",
  capabilities: [],
  byAssessor,
});
const reflection = (occurredOn: string): EvidenceSummary => ({
  id: `r${occurredOn}`,
  kind: "reflective_log",
  title: "Reflection",
  occurredOn,
  capabilities: [],
});
const line = (evidence: EvidenceSummary[], year?: { reviews: ReviewPointSeen[]; today: Date }) => (kind: string) =>
  sufficiency(asye, null, frameworks, evidence, year).kinds.find((k) => k.kind === kind)!;

describe("direct observations: at least one by the assessor", () => {
  it("does not count three observations with none by the assessor as sufficient, and says what is missing", () => {
    const k = line([observation(false), observation(false), observation(false)])("direct_observation");
    expect(k).toMatchObject({ required: 3, have: 3, missing: 1, byAssessor: { required: 1, have: 0, missing: 1 } });
    expect(missingInWords(k)).toEqual(["1 observation by the assessor"]);
    const all = sufficiency(asye, null, frameworks, [observation(false), observation(false), observation(false)]);
    expect(all.gaps.kinds.map((g) => g.kind)).toContain("direct_observation");
  });

  it("is met by three with one by the assessor", () => {
    const k = line([observation(true), observation(false), observation(false)])("direct_observation");
    expect(k.missing).toBe(0);
    expect(missingInWords(k)).toEqual([]);
  });

  it("says both when both are short", () => {
    const k = line([observation(false)])("direct_observation");
    expect(k.missing).toBe(2);
    expect(missingInWords(k)).toEqual(["2 direct observations of practice, at least 1 by the assessor"]);
    expect(missingInWords(line([])("direct_observation"))).toEqual([
      "3 direct observations of practice, at least 1 by the assessor",
    ]);
  });

  it("moves the meter only when the assessor's observation is there", () => {
    const without = sufficiency(asye, null, frameworks, [observation(false), observation(false), observation(false)]);
    const withOne = sufficiency(asye, null, frameworks, [observation(true), observation(false), observation(false)]);
    expect(withOne.have - without.have).toBe(1);
  });
});

describe("critical reflections count by the review point they serve", () => {
  const year: YearInput = { startedOn: "2026-11-16", rules: asye, lengthMonths: 12 };
  const seen = (signed: Record<string, string> = {}): ReviewPointSeen[] =>
    reviewDates(year).map((r) => ({
      code: r.code,
      title: r.title,
      due: r.due,
      signedOn: signed[r.code] ? parseDay(signed[r.code]!) : null,
    }));
  const served = (dates: string[], today: string, signed: Record<string, string> = {}) =>
    servedPoints(["six-month", "final"], dates.map(reflection), seen(signed), parseDay(today)).map((p) => [
      p.code,
      p.servedBy,
    ]);

  it("puts a reflection dated on or before the 6-month review's date (16 May 2027) at the 6-month point", () => {
    expect(served(["2027-05-16"], "2027-04-01")).toEqual([
      ["six-month", "r2027-05-16"],
      ["final", null],
    ]);
  });

  it("puts one dated the day after a signed-off 6-month review at the final point", () => {
    expect(served(["2027-05-17"], "2027-06-01", { "six-month": "2027-05-16" })).toEqual([
      ["six-month", null],
      ["final", "r2027-05-17"],
    ]);
  });

  it("lets a late summary serve an overdue 6-month review still open", () => {
    expect(served(["2027-05-30"], "2027-06-02")).toEqual([
      ["six-month", "r2027-05-30"],
      ["final", null],
    ]);
  });

  it("does not count two reflections written by month 6 as the final one", () => {
    expect(served(["2027-03-01", "2027-05-01"], "2027-05-10")).toEqual([
      ["six-month", "r2027-03-01"],
      ["final", null],
    ]);
    const k = line([reflection("2027-03-01"), reflection("2027-05-01")], {
      reviews: seen(),
      today: parseDay("2027-05-10"),
    })("reflective_log");
    expect(k).toMatchObject({ have: 1, missing: 1 });
    expect(missingInWords(k)).toEqual(["a critical reflection for the final assessment (due 16 Nov 2027)"]);
  });

  it("counts both once each is in its window", () => {
    const k = line([reflection("2027-05-01"), reflection("2027-11-10")], {
      reviews: seen({ "six-month": "2027-05-20" }),
      today: parseDay("2027-11-12"),
    })("reflective_log");
    expect(k).toMatchObject({ have: 2, missing: 0 });
  });

  it("dates the 9-month review only where the year holds it, at part time too", () => {
    expect(reviewDates(year).map((r) => r.code)).toEqual(["three-month", "six-month", "final"]);
    const held = reviewDates({ ...year, optionalReviews: ["nine-month"], fte: 0.6 });
    expect(held.map((r) => [r.code, isoDate(r.due)])).toEqual([
      ["three-month", "2027-04-16"],
      ["six-month", "2027-09-16"],
      ["nine-month", "2028-02-16"],
      ["final", "2028-07-16"],
    ]);
  });
});

describe("the child and family KSS withdrawn after 31 March 2027", () => {
  const piece = (id: string, occurredOn: string, capabilities: string[]): EvidenceSummary => ({
    id,
    kind: "written_work",
    title: id,
    occurredOn,
    capabilities,
  });

  it("keeps the KSS for a year that ends by 31 March 2027", () => {
    expect(frameworksFor(asye, "child-family", "2027-03-31")).toEqual(["PCF", "KSS-CF"]);
    expect(replacementFor(asye, "child-family", "2027-03-31")).toBeNull();
  });

  it("assesses a year that ends from 1 April 2027 against the early career standards, from that date", () => {
    expect(frameworksFor(asye, "child-family", "2027-04-01")).toEqual(["PCF", "KSS-CF", "ECS"]);
    expect(replacementFor(asye, "child-family", "2027-09-06")?.note).toContain("31 March 2027");
    // The adults' pathway is not touched.
    expect(frameworksFor(asye, "adults", "2027-09-06")).toEqual(["PCF", "KSS-AD"]);
    const evidence = [
      piece("march", "2027-03-31", ["KSS-CF-1", "ECS-1"]),
      piece("april", "2027-04-01", ["KSS-CF-1", "ECS-1"]),
    ];
    const meter = sufficiency(
      asye,
      "child-family",
      frameworksOf(frameworks, asye, "child-family", "2027-09-06"),
      evidence,
      {
        reviews: [],
        today: parseDay("2027-05-01"),
        endsOn: "2027-09-06",
      },
    );
    const row = (code: string) => meter.capabilities.find((c) => c.code === code)!;
    expect(row("KSS-CF-1")).toMatchObject({ required: 0, met: true, evidence: ["march"], until: "2027-04-01" });
    expect(row("ECS-1")).toMatchObject({ required: 1, met: true, evidence: ["april"], from: "2027-04-01" });
    expect(row("ECS-2")).toMatchObject({ met: false });
    expect(meter.gaps.capabilities.some((c) => c.framework === "KSS-CF")).toBe(false);
  });

  it("refuses to map evidence from 1 April 2027 to the KSS, and earlier evidence to the standards", () => {
    const year = frameworks.filter((f) => ["PCF", "KSS-CF", "ECS"].includes(f.id));
    const rules = coverageRules(asye, "child-family", "2027-09-06");
    expect(mappingProblem(year, rules, "2027-04-01", ["KSS-CF-2"])).toContain("dated up to 31 March 2027");
    expect(mappingProblem(year, rules, "2027-03-31", ["KSS-CF-2", "PCF-1"])).toBeNull();
    expect(mappingProblem(year, rules, "2027-03-31", ["ECS-2.1"])).toContain("dated from 1 April 2027");
    expect(mappingProblem(year, rules, "2027-04-01", ["ECS-2.1", "PCF-1"])).toBeNull();
  });
});

describe("the final assessment waits for the assessor's observation", () => {
  const signedOff = [
    { title: "3-month review", final: false, state: "complete" as const },
    { title: "6-month review", final: false, state: "complete" as const },
    { title: "Final assessment", final: true, state: "not_started" as const },
  ];

  it("counts what the assessor still has to record, whatever the supervisor has", () => {
    expect(assessorObservationsMissing(asye, [])).toBe(1);
    expect(assessorObservationsMissing(asye, [observation(false), observation(false), observation(false)])).toBe(1);
    expect(assessorObservationsMissing(asye, [observation(true)])).toBe(0);
    expect(assessorObservationsMissing(asye, [observation(true), observation(true)])).toBe(0);
  });

  it("refuses with three observations by the supervisor alone, and lets one by the assessor through", () => {
    expect(finalAssessmentBlockers(signedOff, 1)).toEqual([
      "The final assessment needs a direct observation recorded by your assessor: ask them to observe your practice and record it first",
    ]);
    expect(finalAssessmentBlockers(signedOff, 0)).toEqual([]);
    expect(finalAssessmentBlockers(signedOff, 2)[0]).toMatch(/needs 2 more direct observations recorded by your assessor/);
  });

  it("names the earlier reviews still open, the optional 9-month one included when it is held", () => {
    const nine = { title: "9-month review", final: false, state: "submitted" as const };
    expect(finalAssessmentBlockers([...signedOff.slice(0, 2), nine, signedOff[2]!], 0)).toEqual([
      "Sign off the earlier reviews first: 9-month review",
    ]);
  });
});
