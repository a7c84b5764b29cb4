/**
 * Shared multi-agency sessions (the CP lead programme's, with police, health and education: ADR 026):
 * what a session's topic is, when its register may be kept, which register entries a save makes, whose
 * attendance stands, and what a learner's attendance says as evidence. Pure, so each rule is tested at
 * its edges without a database.
 */
import type { Programme } from "~/modules/programmes/content-schema";

export const AGENCY_KINDS = ["police", "health", "education"] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const AGENCY_LABELS: Record<AgencyKind, string> = {
  police: "Police",
  health: "Health",
  education: "Education",
};

export const ATTENDANCE = ["attended", "apologies", "absent"] as const;
export type Attendance = (typeof ATTENDANCE)[number];

export const ATTENDANCE_LABELS: Record<Attendance, string> = {
  attended: "Attended",
  apologies: "Sent apologies",
  absent: "Absent",
};

/** The longest and shortest a session may run, in minutes (a quarter of an hour to a long day). */
export const SESSION_MINUTES = { min: 15, max: 600 } as const;

type TopicSource = Pick<Programme, "modules">;

/** A topic is a module of the programme, or one lesson of it: "module" or "module/lesson". */
export interface Topic {
  value: string;
  moduleSlug: string;
  lessonSlug: string | null;
  title: string;
}

/** Every topic a session of the programme may take, module by module, each module before its lessons. */
export function topicsOf(programme: TopicSource): Topic[] {
  return [...programme.modules]
    .sort((a, b) => a.order - b.order)
    .flatMap((m) => [
      { value: m.slug, moduleSlug: m.slug, lessonSlug: null, title: `${m.title} (the whole module)` },
      ...[...m.lessons]
        .sort((a, b) => a.order - b.order)
        .map((l) => ({ value: `${m.slug}/${l.slug}`, moduleSlug: m.slug, lessonSlug: l.slug, title: `${m.title}: ${l.title}` })),
    ]);
}

/** The topic's title as a session shows it, or null when the programme has no such module or lesson. */
export function topicTitle(programme: TopicSource, moduleSlug: string, lessonSlug: string | null): string | null {
  const module = programme.modules.find((m) => m.slug === moduleSlug);
  if (!module) return null;
  if (!lessonSlug) return module.title;
  const lesson = module.lessons.find((l) => l.slug === lessonSlug);
  return lesson ? lesson.title : null;
}

/** When the session ends. */
export function endsAt(session: { startsAt: Date; minutes: number }) {
  return new Date(session.startsAt.getTime() + session.minutes * 60_000);
}

/**
 * The register is kept once the session has started: nobody can be marked as having attended a session
 * that has not begun. Before then the answer is why not.
 */
export function registerProblem(session: { startsAt: Date }, now: Date): string | null {
  return now.getTime() >= session.startsAt.getTime()
    ? null
    : "The register opens when the session starts: record attendance once it has begun.";
}

/** Upcoming sessions (not yet ended) soonest first; past ones most recent first. */
export function splitByTime<S extends { startsAt: Date; minutes: number }>(sessions: S[], now: Date) {
  const upcoming = sessions.filter((s) => endsAt(s).getTime() > now.getTime()).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const past = sessions.filter((s) => endsAt(s).getTime() <= now.getTime()).sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime());
  return { upcoming, past };
}

export interface RegisterEntry {
  id: string;
  userId: string;
  status: Attendance;
  recordedAt: Date;
}

/**
 * Each person's attendance as it stands: their latest register entry. Entries recorded at the same
 * instant keep their order, so the one written last wins.
 */
export function latestAttendance<E extends RegisterEntry>(entries: E[]): Map<string, E> {
  const latest = new Map<string, E>();
  for (const entry of entries) {
    const seen = latest.get(entry.userId);
    if (!seen || entry.recordedAt.getTime() >= seen.recordedAt.getTime()) latest.set(entry.userId, entry);
  }
  return latest;
}

/**
 * The entries a save of the register writes: one for each person whose attendance is new or differs
 * from their latest entry. Saving the register as it stands writes nothing.
 */
export function registerChanges(
  latest: Map<string, { status: Attendance }>,
  submitted: Map<string, Attendance>,
): { userId: string; status: Attendance }[] {
  return [...submitted]
    .filter(([userId, status]) => latest.get(userId)?.status !== status)
    .map(([userId, status]) => ({ userId, status }));
}

export interface AttendanceEvidenceInput {
  topic: string;
  /** What attending shows, from programme.yml's sharedSessions.note. */
  note: string;
  /** The criteria attendance is evidence for (programme.yml's sharedSessions.evidences). */
  criteria: string[];
  /** The session's day in England, ISO. */
  day: string;
  /** "7 December 2026 at 14:00". */
  when: string;
  facilitator: string;
  /** The partner agencies whose people are recorded as attending, as labels ("Police", "Health"). */
  agencies: string[];
  entry: { id: string; status: Attendance; by: string; role: string; at: string };
  sessionId: string;
}

/** "Police", "Police and Health", "Police, Health and Education". */
export function listWords(words: string[]) {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/**
 * What a learner's attendance says as a piece of evidence, bound to the register entry it comes from.
 * Attended: mapped to the criteria the programme names. Marked otherwise (a correction): the same item,
 * a new version that says so and is mapped to nothing, so it no longer counts.
 */
export function attendanceEvidence(input: AttendanceEvidenceInput) {
  const attended = input.entry.status === "attended";
  const with_ = input.agencies.length ? ` with ${listWords(input.agencies).toLowerCase()} colleagues` : "";
  const body = attended
    ? `Attended the shared session on ${input.topic.charAt(0).toLowerCase()}${input.topic.slice(1)}, ${input.when}, facilitated by ${input.facilitator}${with_ ? `,${with_}` : ""}. ${input.note}`
    : `Recorded in the register as ${ATTENDANCE_LABELS[input.entry.status].toLowerCase()} at the shared session on ${input.topic.charAt(0).toLowerCase()}${input.topic.slice(1)}, ${input.when}: it is not evidence of attendance.`;
  return {
    title: `Shared session: ${input.topic}${attended ? "" : ` (${ATTENDANCE_LABELS[input.entry.status].toLowerCase()})`}`,
    occurredOn: input.day,
    body,
    capabilities: attended ? [...input.criteria] : [],
    details: {
      partners: input.agencies.length ? listWords(input.agencies) : "",
      register: `${ATTENDANCE_LABELS[input.entry.status]}: recorded by ${input.entry.by} (${input.entry.role}) on ${input.entry.at}`,
      registerEntry: input.entry.id,
      session: input.sessionId,
    },
  };
}

/** The key of the one evidence item a learner's attendance at a session is kept in. */
export function attendanceSourceKey(sessionId: string, enrolmentId: string) {
  return `shared-session:${sessionId}:${enrolmentId}`;
}
