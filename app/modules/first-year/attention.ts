/**
 * The lines of a year on the desk, the team page and the people page: what waits for the viewer
 * (their tasks, tasks.ts) and what in the year is overdue. Pure.
 */
import { overdueInYear, yearTasks, type Task, type TaskParty, type YearTaskInput } from "./tasks";

export { SUPERVISION_SOON_DAYS } from "./tasks";

export type AttentionInput = YearTaskInput;

export interface AttentionItem {
  text: string;
  href: string;
}

/**
 * Who is looking: the year's supervisor (their desk), its team manager (their team's page) or the
 * programme lead (the organisation's people page). The lead signs nothing in the year: what waits for
 * them is a year with no team manager named, which they name on the year's settings.
 */
export type AttentionViewer = "supervisor" | "team_manager" | "programme_lead";

export function attention(input: AttentionInput, viewer: TaskParty, today: Date) {
  return attentionFrom(yearTasks(input, viewer, today), input, today);
}

/** The same, from the viewer's tasks already worked out (yearTasks). */
export function attentionFrom(tasks: readonly Task[], input: AttentionInput, today: Date) {
  const waiting = tasks.map(({ text, href }): AttentionItem => ({ text, href }));
  // What is overdue and already the viewer's own task is said once, as their task.
  const theirs = new Set(waiting.map((w) => w.href));
  return { waiting, overdue: overdueInYear(input, today).filter((o) => !theirs.has(o.href)) };
}
