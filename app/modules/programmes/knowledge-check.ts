/** Reading a learner's answers to a lesson's knowledge check. Pure, so it tests without a page. */
import type { Lesson } from "./content-schema";

export type CheckAnswers = Record<string, number>;

export type MarkedCheck =
  | { ok: true; ids: string[]; answers: CheckAnswers }
  /** `answers` holds what was answered, to tick again beside the errors. */
  | { ok: false; errors: Record<string, string>; answers: CheckAnswers };

/** The field a question's chosen option is sent in. */
export const answerField = (checkId: string) => `answer-${checkId}`;

/**
 * The questions a knowledge-check form asked (`checkIds`, comma-separated, as the form sends them)
 * and the option chosen for each, as an index into the question's options. Ids that are not this
 * lesson's are ignored; every question left must be answered with one of its own options.
 */
export function markKnowledgeCheck(
  lesson: Pick<Lesson, "checks">,
  checkIds: string,
  submitted: Record<string, string | string[] | undefined>,
): MarkedCheck {
  const known = new Set(lesson.checks.map((c) => c.id));
  const ids = [...new Set(checkIds.split(",").filter((id) => known.has(id)))];
  if (ids.length === 0)
    return { ok: false, errors: { form: "That knowledge check is not part of this lesson." }, answers: {} };
  const answers: CheckAnswers = {};
  const errors: Record<string, string> = {};
  for (const id of ids) {
    const question = lesson.checks.find((c) => c.id === id)!;
    const raw = [submitted[answerField(id)]].flat()[0];
    const chosen = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (chosen < question.options.length) answers[id] = chosen;
    else errors[answerField(id)] = `Choose an answer to "${question.question}"`;
  }
  return Object.keys(errors).length ? { ok: false, errors, answers } : { ok: true, ids, answers };
}
