import {
  uncoveredStandards,
  correctIsLongest,
  LONGEST_CORRECT_MAX,
  programmeProblems,
  programmeReport,
  reportLine,
} from "~/modules/programmes/content-checks";
import type { Framework, Lesson, Module } from "~/modules/programmes/content-schema";

const question = (id: string, right: string, ...wrong: string[]) => ({
  id,
  question: `${id}?`,
  options: [{ text: right, correct: true, feedback: "Yes." }, ...wrong.map((text) => ({ text, feedback: "No." }))],
});

const lesson = (slug: string, checks: Lesson["checks"], minutes = 30) =>
  ({ slug, minutes, checks }) as unknown as Lesson;
const module_ = (slug: string, lessons: Lesson[]) => ({ slug, lessons }) as unknown as Module;

describe("whether the right answer is the longest option", () => {
  it("counts a right answer longer than every distractor", () => {
    expect(correctIsLongest(question("q", "a long right answer", "short", "shorter"))).toBe(true);
  });
  it("counts a tie as longest: the longest-looking option would still be it", () => {
    expect(correctIsLongest(question("q", "same", "size"))).toBe(true);
  });
  it("does not count a right answer that one distractor outgrows", () => {
    expect(correctIsLongest(question("q", "right", "a longer wrong one", "no"))).toBe(false);
  });
  it("measures the words, not the spaces around them", () => {
    expect(correctIsLongest(question("q", "  right  ", "wrong!"))).toBe(false);
  });
});

describe("a programme's content report and problems", () => {
  // Ten questions; the right answer is longest in `longest` of them.
  const withLongest = (longest: number) => ({
    slug: "p",
    modules: [
      module_("m", [
        lesson(
          "l",
          Array.from({ length: 10 }, (_, i) =>
            i < longest
              ? question(`q${i}`, "the right answer, longest", "wrong")
              : question(`q${i}`, "right", "a longer wrong answer"),
          ),
          45,
        ),
      ]),
    ],
  });

  it("reports modules, lessons, minutes and the share", () => {
    expect(programmeReport(withLongest(3))).toEqual({
      slug: "p",
      modules: 1,
      lessons: 1,
      minutes: 45,
      questions: 10,
      correctLongest: 3,
      share: 0.3,
    });
    expect(reportLine(programmeReport(withLongest(3)))).toBe(
      "  p: 1 modules, 1 lessons, 45 minutes (0.8 h); right answer longest in 3 of 10 questions (30%)",
    );
  });

  it(`passes at ${LONGEST_CORRECT_MAX * 100}% and fails just above it`, () => {
    expect(programmeProblems(withLongest(4))).toEqual([]);
    expect(programmeProblems(withLongest(5))).toEqual([
      "the right answer is the longest option in 5 of 10 questions (50%); at most 40% is allowed: write distractors as long and as plausible as the answer",
    ]);
  });

  it("passes a programme with no questions", () => {
    expect(programmeReport({ slug: "p", modules: [module_("m", [lesson("l", [])])] }).share).toBe(0);
    expect(programmeProblems({ slug: "p", modules: [module_("m", [lesson("l", [])])] })).toEqual([]);
  });

  it("fails below the programme's minimum lessons, and each module below its minimum per module", () => {
    const programme = {
      slug: "p",
      minimums: { lessons: 4, lessonsPerModule: 2 },
      modules: [module_("one", [lesson("a", []), lesson("b", [])]), module_("two", [lesson("c", [])])],
    };
    expect(programmeProblems(programme)).toEqual([
      "has 3 lessons; this programme needs at least 4",
      "module two has 1 lessons; each module needs at least 2",
    ]);
    expect(programmeProblems({ ...programme, minimums: { lessons: 3, lessonsPerModule: 1 } })).toEqual([]);
    expect(programmeProblems({ ...programme, minimums: undefined })).toEqual([]);
  });
});

describe("covering every standard of a framework", () => {
  const framework: Framework = {
    id: "STD",
    title: "Standards",
    items: [
      {
        code: "STD-1",
        title: "One",
        items: [
          { code: "STD-1.1", title: "a" },
          { code: "STD-1.2", title: "b" },
        ],
      },
      { code: "STD-2", title: "Two" },
    ],
  } as Framework;
  const mapped = (...codes: string[]) => ({
    slug: "p",
    minimums: { covers: ["STD"] },
    modules: [
      module_(
        "m",
        codes.map((c) => ({ ...lesson(c, []), capabilities: [c] }) as Lesson),
      ),
    ],
  });

  it("asks for each standard at its last level, not the domain above it", () => {
    expect(uncoveredStandards(framework, mapped("STD-1", "STD-2"))).toEqual(["STD-1.1", "STD-1.2"]);
    expect(uncoveredStandards(framework, mapped("STD-1.1", "STD-1.2", "STD-2"))).toEqual([]);
  });

  it("fails a programme that leaves a standard without a lesson, or names no such framework", () => {
    expect(programmeProblems(mapped("STD-1.1", "STD-2"), [framework])).toEqual([
      "no lesson maps to STD-1.2 of STD; every standard needs a lesson",
    ]);
    expect(programmeProblems(mapped("STD-1.1", "STD-1.2", "STD-2"), [framework])).toEqual([]);
    expect(programmeProblems(mapped("STD-1.1"), [])).toEqual(["minimums.covers names STD, which is not a framework"]);
  });
});
