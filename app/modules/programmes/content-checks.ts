/**
 * Checks on a whole programme's content, run by the content build after each lesson compiles:
 * whether it carries the length its programme.yml promises, and whether its knowledge checks can
 * be passed without reading (the right answer reliably the longest). Pure, so they test on data.
 */
import type { Framework, FrameworkItem, LessonFrontmatter, Programme } from "./content-schema";

/** Above this share of questions whose right answer is the longest option, the build fails. */
export const LONGEST_CORRECT_MAX = 0.4;

type Question = LessonFrontmatter["checks"][number];

/**
 * Whether the right answer is at least as long as every other option (a tie counts: a learner
 * picking the longest would not be put off by a distractor of the same length).
 */
export function correctIsLongest(question: Pick<Question, "options">): boolean {
  const length = (text: string) => text.trim().length;
  const correct = question.options.find((o) => o.correct);
  if (!correct) return false;
  return question.options.every((o) => o === correct || length(o.text) <= length(correct.text));
}

export interface ProgrammeReport {
  slug: string;
  modules: number;
  lessons: number;
  minutes: number;
  questions: number;
  /** Questions whose right answer is the longest option. */
  correctLongest: number;
  /** correctLongest / questions, 0 with no questions. */
  share: number;
}

export function programmeReport(programme: Pick<Programme, "slug" | "modules">): ProgrammeReport {
  const lessons = programme.modules.flatMap((m) => m.lessons);
  const questions = lessons.flatMap((l) => l.checks);
  const correctLongest = questions.filter(correctIsLongest).length;
  return {
    slug: programme.slug,
    modules: programme.modules.length,
    lessons: lessons.length,
    minutes: lessons.reduce((sum, l) => sum + l.minutes, 0),
    questions: questions.length,
    correctLongest,
    share: questions.length ? correctLongest / questions.length : 0,
  };
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** The standards at the last level of a framework (ECS-1.1, not ECS-1) that no lesson maps to. */
export function uncoveredStandards(framework: Framework, programme: Pick<Programme, "modules">): string[] {
  const used = new Set(programme.modules.flatMap((m) => m.lessons.flatMap((l) => l.capabilities)));
  const leaves = (items: FrameworkItem[] | undefined): string[] =>
    (items ?? []).flatMap((item) => (item.items?.length ? leaves(item.items) : [item.code]));
  return leaves(framework.items).filter((code) => !used.has(code));
}

/**
 * What is wrong with a programme as a whole: a standard of a framework it must cover that no lesson
 * maps to, fewer lessons than its minimum, a module with fewer than its minimum per module, or the
 * right answer the longest option in more than
 * LONGEST_CORRECT_MAX of its questions.
 */
export function programmeProblems(
  programme: Pick<Programme, "slug" | "modules" | "minimums">,
  frameworks: Framework[] = [],
  report: ProgrammeReport = programmeReport(programme),
): string[] {
  const problems: string[] = [];
  for (const id of programme.minimums?.covers ?? []) {
    const framework = frameworks.find((f) => f.id === id);
    if (!framework) problems.push(`minimums.covers names ${id}, which is not a framework`);
    else {
      const missing = uncoveredStandards(framework, programme);
      if (missing.length)
        problems.push(`no lesson maps to ${missing.join(", ")} of ${id}; every standard needs a lesson`);
    }
  }
  const { lessons: minLessons, lessonsPerModule } = programme.minimums ?? {};
  if (minLessons !== undefined && report.lessons < minLessons)
    problems.push(`has ${report.lessons} lessons; this programme needs at least ${minLessons}`);
  if (lessonsPerModule !== undefined)
    for (const m of programme.modules)
      if (m.lessons.length < lessonsPerModule)
        problems.push(
          `module ${m.slug} has ${m.lessons.length} lessons; each module needs at least ${lessonsPerModule}`,
        );
  if (programme.minimums?.reading)
    for (const m of programme.modules)
      for (const l of m.lessons)
        if (!l.reading?.length)
          problems.push(`lesson ${m.slug}/${l.slug} has no reading list; this programme needs one`);
  if (report.share > LONGEST_CORRECT_MAX)
    problems.push(
      `the right answer is the longest option in ${report.correctLongest} of ${report.questions} questions ` +
        `(${percent(report.share)}); at most ${percent(LONGEST_CORRECT_MAX)} is allowed: ` +
        "write distractors as long and as plausible as the answer",
    );
  return problems;
}

/** One line per programme for the build's output. */
export function reportLine(report: ProgrammeReport): string {
  const hours = Math.round((report.minutes / 60) * 10) / 10;
  return (
    `  ${report.slug}: ${report.modules} modules, ${report.lessons} lessons, ${report.minutes} minutes (${hours} h); ` +
    `right answer longest in ${report.correctLongest} of ${report.questions} questions (${percent(report.share)})`
  );
}
