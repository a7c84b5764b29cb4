/**
 * One learner's assessed year as a timeline, month by month: the learning agreement,
 * supervision held and missed, review points, evidence and flagged workload weeks. Pure.
 */
import { addDays, differenceInCalendarDays, endOfDay, isWithinInterval, parseISO, startOfDay } from "date-fns";
import { monthToDate, reviewDates, yearEnd, type YearInput } from "./year";

export type EventState = "done" | "overdue" | "due" | "upcoming" | "flag" | "info";

export interface TimelineEvent {
  date: Date;
  kind: "start" | "agreement" | "supervision" | "review" | "reflection" | "evidence" | "workload" | "pause" | "end";
  title: string;
  state: EventState;
  href?: string;
}

export interface TimelineMonth {
  number: number;
  from: Date;
  to: Date;
  current: boolean;
  events: TimelineEvent[];
}

export interface TimelineInput {
  year: YearInput;
  today: Date;
  base: string;
  agreement: { due: Date; signedOn: Date | null };
  /** When each review point was countersigned, by its code. */
  reviewsSignedOff?: Map<string, Date>;
  slots: { due: Date; state: "held" | "overdue" | "upcoming"; every: string }[];
  sessions: { id: string; heldOn: string }[];
  evidence: { id: string; title: string; kindLabel: string; occurredOn: string }[];
  flaggedWeeks: { weekStarting: string; reasons: string[] }[];
  /** Critical reflections due at review points: when each is due, and the reflection serving it. */
  reflections?: { title: string; due: Date; doneOn: Date | null }[];
}

const ORDER: TimelineEvent["kind"][] = [
  "start",
  "pause",
  "agreement",
  "review",
  "reflection",
  "supervision",
  "evidence",
  "workload",
  "end",
];

const isWithin = (day: Date, from: Date, to: Date) =>
  isWithinInterval(day, { start: startOfDay(from), end: endOfDay(to) });

export function yearTimeline(input: TimelineInput): {
  months: TimelineMonth[];
  currentMonth: number | null;
  ends: Date;
} {
  const { year, today, base } = input;
  const daysUntil = (date: Date) => differenceInCalendarDays(date, today);
  const ends = yearEnd(year);
  const events: TimelineEvent[] = [
    { date: parseISO(year.startedOn), kind: "start", title: "The year starts", state: "info" },
    {
      date: input.agreement.signedOn ?? input.agreement.due,
      kind: "agreement",
      title: input.agreement.signedOn ? "Learning agreement signed by all three" : "Learning agreement due",
      state: input.agreement.signedOn
        ? "done"
        : daysUntil(input.agreement.due) < 0
          ? "overdue"
          : daysUntil(input.agreement.due) <= 28
            ? "due"
            : "upcoming",
      href: `${base}/agreement`,
    },
    ...(year.pauses ?? []).map((p) => ({
      date: parseISO(p.from),
      kind: "pause" as const,
      title: `Year paused until ${p.to}`,
      state: "info" as const,
    })),
    ...reviewDates(year).map((r) => {
      const signedOn = input.reviewsSignedOff?.get(r.code) ?? null;
      return {
        date: signedOn ?? r.due,
        kind: "review" as const,
        title: signedOn ? `${r.title} signed off` : `${r.title} due`,
        state: (signedOn
          ? "done"
          : daysUntil(r.due) < 0
            ? "overdue"
            : daysUntil(r.due) <= 28
              ? "due"
              : "upcoming") as EventState,
        href: `${base}/reviews/${r.code}`,
      };
    }),
    // A reflection written is on the timeline as evidence already; one still to write is shown where it is due.
    ...(input.reflections ?? [])
      .filter((r) => !r.doneOn)
      .map((r) => ({
        date: r.due,
        kind: "reflection" as const,
        title: `Critical reflection for the ${r.title.toLowerCase()} due`,
        state: (daysUntil(r.due) < 0 ? "overdue" : daysUntil(r.due) <= 28 ? "due" : "upcoming") as EventState,
        href: `${base}/portfolio`,
      })),
    ...input.sessions.map((s) => ({
      date: parseISO(s.heldOn),
      kind: "supervision" as const,
      title: "Supervision held",
      state: "done" as const,
      href: `${base}/supervision/${s.id}`,
    })),
    ...input.slots
      .filter((s) => s.state !== "held")
      .map((s) => ({
        date: s.due,
        kind: "supervision" as const,
        title: s.state === "overdue" ? "Supervision missed" : "Supervision due",
        state: (s.state === "overdue" ? "overdue" : "upcoming") as EventState,
        href: `${base}/supervision`,
      })),
    ...input.evidence.map((e) => ({
      date: parseISO(e.occurredOn),
      kind: "evidence" as const,
      title: `${e.kindLabel}: ${e.title}`,
      state: "done" as const,
      href: `${base}/portfolio/${e.id}`,
    })),
    ...input.flaggedWeeks.map((w) => ({
      date: parseISO(w.weekStarting),
      kind: "workload" as const,
      title: `Workload flagged: ${w.reasons.join("; ")}`,
      state: "flag" as const,
      href: `${base}/workload`,
    })),
    { date: ends, kind: "end", title: "The year ends", state: "info" },
  ];
  const months: TimelineMonth[] = [];
  // Programme months: month N closes on programme month N's date, so at part time a month can
  // take one calendar month or two (0.6 of full time: N / 0.6 rounded up), and a paused month
  // is longer. A month runs from the day after the previous one closed to the day it closes, so
  // what is due "at 3 months" (a review, a monthly supervision) sits in month 3, not at the start of 4.
  for (let n = 1; n <= year.lengthMonths; n++) {
    const from = n === 1 ? parseISO(year.startedOn) : addDays(monthToDate(year, n - 1), 1);
    const to = n === year.lengthMonths ? ends : monthToDate(year, n);
    months.push({ number: n, from, to, current: isWithin(today, from, to), events: [] });
  }
  for (const e of events) (months.find((m) => e.date <= endOfDay(m.to)) ?? months[months.length - 1]!).events.push(e);
  for (const m of months)
    m.events.sort((a, b) => a.date.getTime() - b.date.getTime() || ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  return { months, currentMonth: months.find((m) => m.current)?.number ?? null, ends };
}
