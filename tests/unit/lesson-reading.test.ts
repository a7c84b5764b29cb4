import { lessonFrontmatterSchema, readingItemSchema } from "~/modules/programmes/content-schema";
import { programmeProblems } from "~/modules/programmes/content-checks";
import type { Lesson, Module } from "~/modules/programmes/content-schema";

const frontmatter = {
  title: "A lesson",
  minutes: 30,
  outcomes: ["One", "Two"],
  capabilities: ["PCF-5"],
  reflections: [{ id: "r", prompt: "Why?" }],
  checks: [
    {
      id: "c",
      question: "Which?",
      options: [
        { text: "This", correct: true, feedback: "Yes." },
        { text: "That", feedback: "No." },
      ],
    },
  ],
};

describe("a lesson's reading list", () => {
  it("is optional", () => {
    expect(lessonFrontmatterSchema.safeParse(frontmatter).success).toBe(true);
  });

  it("keeps each reference and its note", () => {
    const parsed = lessonFrontmatterSchema.parse({
      ...frontmatter,
      reading: [
        {
          cite: "Schön, D. A. (1983) The Reflective Practitioner: How Professionals Think in Action. Basic Books.",
          note: "Reflection-in-action.",
        },
        { cite: "Mental Capacity Act 2005 (2005)" },
      ],
    });
    expect(parsed.reading).toEqual([
      {
        cite: "Schön, D. A. (1983) The Reflective Practitioner: How Professionals Think in Action. Basic Books.",
        note: "Reflection-in-action.",
      },
      { cite: "Mental Capacity Act 2005 (2005)" },
    ]);
  });

  it("refuses a reference without its year", () => {
    expect(readingItemSchema.safeParse({ cite: "Munro, The Munro Review" }).success).toBe(false);
    expect(readingItemSchema.safeParse({ cite: "Munro, E. (2011) The Munro Review of Child Protection" }).success).toBe(
      true,
    );
    expect(readingItemSchema.safeParse({ cite: "Care Act 2014." }).success).toBe(true);
  });

  it("refuses an empty list and a reference listed twice", () => {
    expect(lessonFrontmatterSchema.safeParse({ ...frontmatter, reading: [] }).success).toBe(false);
    const twice = { cite: "Fook, J. (2016) Social Work: A Critical Approach to Practice. 3rd edn. Sage." };
    expect(lessonFrontmatterSchema.safeParse({ ...frontmatter, reading: [twice, twice] }).success).toBe(false);
  });

  it("is required of every lesson when the programme's minimums say so", () => {
    const lesson = (slug: string, reading?: Lesson["reading"]) =>
      ({ slug, minutes: 30, checks: [], reading }) as unknown as Lesson;
    const programme = (minimums?: { reading?: boolean }) => ({
      slug: "p",
      minimums,
      modules: [
        {
          slug: "m",
          lessons: [lesson("read", [{ cite: "Kolb, D. A. (1984) Experiential Learning" }]), lesson("unread")],
        } as unknown as Module,
      ],
    });
    expect(programmeProblems(programme({ reading: true }))).toEqual([
      "lesson m/unread has no reading list; this programme needs one",
    ]);
    expect(programmeProblems(programme())).toEqual([]);
  });
});
