import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { compileContent, ContentError, creditProblems } from "~/modules/programmes/content-compiler";
import { awardSchema, programmeFileSchema, type Award } from "~/modules/programmes/content-schema";

const MASTERS = path.resolve("content/programmes/masters");

async function realAward(): Promise<Award> {
  const file = programmeFileSchema.parse(parseYaml(await readFile(path.join(MASTERS, "programme.yml"), "utf8")));
  return file.award!;
}

/** The award's problems, as "path: message", after `change` to a copy of the real one. */
async function problemsAfter(change: (award: Award) => void) {
  const award = structuredClone(await realAward());
  change(award);
  const parsed = awardSchema.safeParse(award);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("the Masters award, as data", () => {
  it("adds up: four 30-credit modules and a 60-credit dissertation make the 180-credit MA", async () => {
    const award = await realAward();
    expect(Object.values(award.credits).sort()).toEqual([30, 30, 30, 30, 60]);
    expect(award.exitAwards.map((x) => [x.code, x.credits])).toEqual([
      ["pg-cert", 60],
      ["pg-dip", 120],
      ["ma", 180],
    ]);
    expect(award.passMark).toBe(50);
    expect(award.bands.map((b) => [b.code, b.from, b.to])).toEqual([
      ["distinction", 70, 100],
      ["merit", 60, 69],
      ["pass", 50, 59],
      ["fail", 0, 49],
    ]);
    expect(award.exitAwards.at(-1)!.classification!.rule).toMatch(/credit-weighted average/i);
  });

  it("refuses a gap between bands", async () => {
    expect(await problemsAfter((a) => (a.bands[1]!.from = 61))).toContain("bands: marks 60–60 are in no band (between pass and merit)");
  });

  it("refuses overlapping bands", async () => {
    expect(await problemsAfter((a) => (a.bands[2]!.to = 60))).toEqual(["bands: bands pass and merit overlap at 60"]);
  });

  it("refuses bands that do not reach 0 or 100", async () => {
    expect(await problemsAfter((a) => (a.bands[0]!.to = 99))).toEqual(["bands: the bands must end at 100 (the highest ends at 99)"]);
    expect(await problemsAfter((a) => (a.bands[3]!.from = 1))).toEqual(["bands: the bands must start at 0 (the lowest starts at 1)"]);
  });

  it("refuses a pass mark that is not where the pass band starts", async () => {
    const problems = await problemsAfter((a) => (a.passMark = 40));
    expect(problems).toContain("passMark: the pass mark is 40, but the lowest passing band (pass) starts at 50");
  });

  it("refuses a resubmission cap other than the pass mark", async () => {
    expect(await problemsAfter((a) => (a.resubmission!.cappedAt = 40))).toEqual([
      "resubmission.cappedAt: a resubmission is capped at the pass mark (50), not 40",
    ]);
  });

  it("refuses exit awards out of order and a classification that does not follow the bands", async () => {
    expect(await problemsAfter((a) => (a.exitAwards[1]!.credits = 60))).toEqual([
      "exitAwards.1.credits: exit awards go from fewest credits to most: pg-dip (60) comes after pg-cert (60)",
    ]);
    expect(await problemsAfter((a) => (a.exitAwards[2]!.classification!.classes[1]!.from = 65))).toEqual([
      "exitAwards.2.classification.classes.1: merit starts at 60 in the bands, not 65",
    ]);
  });
});

describe("the award's credits against the modules", () => {
  const modules = [
    { slug: "a", order: 1, credits: undefined, assignment: { title: "A", brief: "b", wordCount: 6000, rubric: [] } },
    { slug: "b", order: 2, credits: undefined, assignment: { title: "B", brief: "b", wordCount: 6000, rubric: [] } },
  ];
  const award = (credits: Record<string, number>, largest: number): Award => ({
    level: 7,
    passMark: 50,
    bands: [],
    credits,
    exitAwards: [{ code: "ma", title: "MA", credits: largest, rule: "r" }],
  });

  it("accepts credits that add up to the largest exit award (59 + 1 = 60)", () => {
    expect(creditProblems(award({ a: 59, b: 1 }, 60), modules)).toEqual([]);
  });

  it("names the shortfall when they do not", () => {
    expect(creditProblems(award({ a: 30, b: 29 }, 60), modules)).toEqual([
      { message: "award: the modules add up to 59 credits, but the largest exit award (ma) needs 60" },
    ]);
  });

  it("names a module without credits, credits for no module, and a module without a word limit", () => {
    const noLimit = [modules[0]!, { ...modules[1]!, assignment: { ...modules[1]!.assignment, wordCount: undefined } }];
    expect(creditProblems(award({ a: 60, c: 0 }, 60), noLimit)).toEqual([
      { message: "award.credits: module b has no credits" },
      { module: "02-b", message: "assignment.wordCount: give the word limit" },
      { message: "award.credits: there is no module c" },
    ]);
  });
});

describe("a wrong programme.yml fails the build", () => {
  const copies: string[] = [];
  afterAll(() => Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true }))));

  it("says which file and what is wrong", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "pp-award-"));
    copies.push(dir);
    await cp(path.resolve("content/frameworks"), path.join(dir, "frameworks"), { recursive: true });
    await cp(MASTERS, path.join(dir, "programmes/masters"), { recursive: true });
    const file = path.join(dir, "programmes/masters/programme.yml");
    const source = await readFile(file, "utf8");
    const changed = source.replace("practice-research-dissertation: 60", "practice-research-dissertation: 50");
    expect(changed).not.toBe(source);
    await writeFile(file, changed);
    const error = await compileContent(dir).then(
      () => new Error("accepted"),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems).toEqual([
      {
        file: expect.stringMatching(/programmes\/masters\/programme\.yml$/),
        reason: "award: the modules add up to 170 credits, but the largest exit award (ma) needs 180",
      },
    ]);
    expect((error as ContentError).message).toContain("programme.yml: award: the modules add up to 170 credits");
  }, 60_000);
});
