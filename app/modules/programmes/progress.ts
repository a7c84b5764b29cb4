/** Progress through a programme, as pure arithmetic over the manifest and the learner's rows. */
import type { Lesson, Module, Programme } from "./content-schema";

export interface LessonState {
  moduleSlug: string;
  lessonSlug: string;
  completedAt: Date | null;
  lastViewedAt: Date;
}

export interface LessonRef {
  module: Module;
  lesson: Lesson;
}

export function lessonKey(moduleSlug: string, lessonSlug: string) {
  return `${moduleSlug}/${lessonSlug}`;
}

/** Every lesson of a programme in teaching order. */
export function lessonsInOrder(programme: Programme): LessonRef[] {
  return [...programme.modules]
    .sort((a, b) => a.order - b.order)
    .flatMap((module) => [...module.lessons].sort((a, b) => a.order - b.order).map((lesson) => ({ module, lesson })));
}

export interface ProgrammeProgress {
  done: number;
  total: number;
  percent: number;
  minutesLeft: number;
  /** Where to pick up: the lesson last opened if unfinished, else the first unfinished lesson. */
  continueAt: LessonRef | null;
  complete: boolean;
}

export function programmeProgress(programme: Programme, states: LessonState[]): ProgrammeProgress {
  const all = lessonsInOrder(programme);
  const byKey = new Map(states.map((s) => [lessonKey(s.moduleSlug, s.lessonSlug), s]));
  const isDone = (r: LessonRef) => !!byKey.get(lessonKey(r.module.slug, r.lesson.slug))?.completedAt;
  const remaining = all.filter((r) => !isDone(r));
  const done = all.length - remaining.length;
  const lastViewed = states
    .filter((s) => !s.completedAt)
    .sort((a, b) => b.lastViewedAt.getTime() - a.lastViewedAt.getTime())
    .map((s) => all.find((r) => r.module.slug === s.moduleSlug && r.lesson.slug === s.lessonSlug))
    .find((r): r is LessonRef => !!r);
  return {
    done,
    total: all.length,
    percent: all.length ? Math.floor((done / all.length) * 100) : 0,
    minutesLeft: remaining.reduce((sum, r) => sum + r.lesson.minutes, 0),
    continueAt: lastViewed ?? remaining[0] ?? null,
    complete: all.length > 0 && remaining.length === 0,
  };
}

const lessonKeysOf = new WeakMap<Programme, Set<string>>();

function lessonKeys(programme: Programme) {
  let keys = lessonKeysOf.get(programme);
  if (!keys) {
    keys = new Set(programme.modules.flatMap((m) => m.lessons.map((l) => lessonKey(m.slug, l.slug))));
    lessonKeysOf.set(programme, keys);
  }
  return keys;
}

/** How many lessons a programme has. */
export function lessonTotal(programme: Programme) {
  return lessonKeys(programme).size;
}

/** A view rewrites the lesson's row at most this often while it stays the learner's latest. */
export const VIEW_REWRITE_MS = 10 * 60_000;

/**
 * Whether opening a lesson must be written down: always for a first view or when another lesson
 * was opened since (where to continue depends on it), otherwise once every ten minutes. Reading
 * the same lesson again and again then costs no write.
 */
export function viewToRecord(states: LessonState[], moduleSlug: string, lessonSlug: string, now: Date): boolean {
  const own = states.find((s) => s.moduleSlug === moduleSlug && s.lessonSlug === lessonSlug);
  if (!own) return true;
  if (now.getTime() - own.lastViewedAt.getTime() >= VIEW_REWRITE_MS) return true;
  return states.some((s) => s !== own && s.lastViewedAt.getTime() >= own.lastViewedAt.getTime());
}

export function moduleProgress(module: Module, states: LessonState[]) {
  const done = module.lessons.filter((l) =>
    states.some((s) => s.moduleSlug === module.slug && s.lessonSlug === l.slug && s.completedAt),
  ).length;
  return { done, total: module.lessons.length };
}

/** The lesson before and after this one across the whole programme. */
export function neighbours(programme: Programme, moduleSlug: string, lessonSlug: string) {
  const all = lessonsInOrder(programme);
  const i = all.findIndex((r) => r.module.slug === moduleSlug && r.lesson.slug === lessonSlug);
  return { previous: i > 0 ? all[i - 1]! : null, next: i >= 0 && i < all.length - 1 ? all[i + 1]! : null };
}

export interface CheckResult {
  id: string;
  chosen: number | null;
  correct: boolean;
  feedback: string | null;
}

/** Scores answers to a lesson's knowledge-check questions; unanswered questions score nothing. */
export function scoreChecks(lesson: Lesson, ids: string[], answers: Record<string, number | undefined>) {
  const results: CheckResult[] = ids.map((id) => {
    const question = lesson.checks.find((c) => c.id === id);
    const chosen = answers[id];
    const option = question && chosen !== undefined ? question.options[chosen] : undefined;
    return { id, chosen: option ? chosen! : null, correct: !!option?.correct, feedback: option?.feedback ?? null };
  });
  return { results, score: results.filter((r) => r.correct).length, total: ids.length };
}
