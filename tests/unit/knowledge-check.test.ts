import { markKnowledgeCheck } from "~/modules/programmes/knowledge-check";

const lesson = {
  checks: ["c1", "c2"].map((id) => ({
    id,
    question: `Question ${id}?`,
    options: [
      { text: "Right", correct: true, feedback: "Yes." },
      { text: "Wrong", feedback: "No." },
      { text: "Also wrong", feedback: "No." },
    ],
  })),
};

describe("marking a knowledge check", () => {
  it("reads each answer as the index of the chosen option", () => {
    expect(markKnowledgeCheck(lesson, "c1,c2", { "answer-c1": "0", "answer-c2": "2" })).toEqual({
      ok: true,
      ids: ["c1", "c2"],
      answers: { c1: 0, c2: 2 },
    });
  });

  it("accepts the first and the last option, and refuses one past the last", () => {
    expect(markKnowledgeCheck(lesson, "c1", { "answer-c1": "0" }).ok).toBe(true);
    expect(markKnowledgeCheck(lesson, "c1", { "answer-c1": "2" }).ok).toBe(true);
    expect(markKnowledgeCheck(lesson, "c1", { "answer-c1": "3" })).toEqual({
      ok: false,
      errors: { "answer-c1": 'Choose an answer to "Question c1?"' },
      answers: {},
    });
  });

  it("refuses a missing, empty, negative, fractional or non-numeric answer, against its question", () => {
    for (const bad of [undefined, "", "-1", "1.0", "one", " 1", "1e0", "99999999999999999999"]) {
      const marked = markKnowledgeCheck(lesson, "c1", bad === undefined ? {} : { "answer-c1": bad });
      expect(marked).toMatchObject({ ok: false, errors: { "answer-c1": 'Choose an answer to "Question c1?"' } });
    }
  });

  it("keeps the answers given beside the errors, to tick them again", () => {
    expect(markKnowledgeCheck(lesson, "c1,c2", { "answer-c1": "1" })).toEqual({
      ok: false,
      errors: { "answer-c2": 'Choose an answer to "Question c2?"' },
      answers: { c1: 1 },
    });
  });

  it("ignores ids not in the lesson and asks each question once", () => {
    expect(markKnowledgeCheck(lesson, "c2,elsewhere,c2,", { "answer-c2": "1" })).toEqual({
      ok: true,
      ids: ["c2"],
      answers: { c2: 1 },
    });
  });

  it("refuses a form naming none of the lesson's questions", () => {
    for (const ids of ["", ",", "elsewhere"])
      expect(markKnowledgeCheck(lesson, ids, {})).toEqual({
        ok: false,
        errors: { form: "That knowledge check is not part of this lesson." },
        answers: {},
      });
  });

  it("reads the first of a duplicated answer", () => {
    expect(markKnowledgeCheck(lesson, "c1", { "answer-c1": ["1", "0"] })).toMatchObject({ answers: { c1: 1 } });
  });
});
