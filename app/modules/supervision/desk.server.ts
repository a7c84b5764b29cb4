/**
 * The supervisor's desk: a line for each supervisee (where they are, their programmes, and for an
 * assessed year what is due, waiting and overdue). A supervisor reads the same desk again and
 * again between changes, so each desk is kept, as the JSON text the page is sent, against a
 * fingerprint the database takes of everything it is made from (superviseesFingerprint): reading it
 * again costs one short statement while nothing has changed, and any change — a name, an
 * enrolment, a year's revision, a lesson completed — makes it again. Like the year summaries it is
 * made from, it is made again on a new day and stands no longer than they do (ADR 016).
 */
import { format } from "date-fns";
import { summariesKeptSince, yearSummaries, type YearSummary } from "~/modules/first-year/summary.server";
import { dayOf, YEAR_CACHE_MAX_AGE_MS } from "~/modules/first-year/year-cache.server";
import {
  listSuperviseesWithYears,
  superviseesFingerprint,
  type SuperviseesWithYears,
} from "~/modules/organisations/memberships.server";
import { describeProgress } from "~/modules/organisations/people";
import { findProgramme } from "~/modules/programmes/catalogue.server";
import { lessonTotal } from "~/modules/programmes/progress";
import { memoised, setNewest } from "~/utils/memo";
import { toJsonText, type JsonText } from "~/utils/json-text";
import { englandToday } from "~/utils/england";

export interface DeskLine {
  membershipId: string;
  name: string;
  team: string | null;
  jobTitle: string | null;
  progress: string;
  invited: boolean;
  programmes: string[];
  /** The assessed year this supervisor supervises, if any. */
  year: {
    id: string;
    nextSupervision: string | null;
    missedSupervision: number;
    workloadFlags: number;
    agreement: YearSummary["agreement"]["state"];
    /** Links within the year are the part after /year/<id>, which repeats from line to line. */
    waiting: { text: string; to: string }[];
    overdue: { text: string; to: string }[];
    evidencePercent: number;
  } | null;
}

export interface Desk {
  count: number;
  lines: JsonText<{ supervisees: DeskLine[] }>;
}

const MAX_DESKS = 1_000;

interface Kept {
  fingerprint: string;
  day: string;
  until: number;
  desk: Desk;
}

const kept = new Map<string, Kept>();

const shortDate = memoised(
  1000,
  (date: Date) => String(date.getTime()),
  (date: Date) => format(date, "d MMM yyyy"),
);

/** The desk of the supervisor `supervisorId` in the organisation `organisationId`, as of `today`. */
export async function supervisorsDesk(organisationId: string, supervisorId: string, today = englandToday()): Promise<Desk> {
  const key = `${organisationId}:${supervisorId}`;
  const now = today.getTime();
  const entry = kept.get(key);
  if (
    entry &&
    entry.day === dayOf(today) &&
    now < entry.until &&
    (await superviseesFingerprint(organisationId, supervisorId)) === entry.fingerprint
  )
    return entry.desk;

  const read = await listSuperviseesWithYears(organisationId, supervisorId);
  // Only the enrolments this supervisor supervises open the learner's year to them.
  const supervised = read.enrolments.filter((e) => e.supervisorId === supervisorId);
  const years = await yearSummaries(supervised, today, "supervisor");
  const desk = { count: read.supervisees.length, lines: toJsonText({ supervisees: deskLines(read, years, today) }) };
  setNewest(
    kept,
    key,
    {
      fingerprint: read.fingerprint,
      day: dayOf(today),
      // It shows the year summaries, so it stands no longer than the oldest of them.
      until: summariesKeptSince(supervised, now) + YEAR_CACHE_MAX_AGE_MS,
      desk,
    },
    MAX_DESKS,
  );
  return desk;
}

function deskLines(
  { supervisees, enrolments, completed }: SuperviseesWithYears,
  years: Map<string, YearSummary>,
  today: Date,
): DeskLine[] {
  const yearByUser = new Map<string, YearSummary>();
  for (const y of years.values()) if (!yearByUser.has(y.userId)) yearByUser.set(y.userId, y);
  const programmesOf = (userId: string) =>
    enrolments
      .filter((e) => e.userId === userId)
      .flatMap((e) => {
        const programme = findProgramme(e.programmeSlug);
        if (!programme) return [];
        return [`${programme.title}: ${completed.get(e.id) ?? 0} of ${lessonTotal(programme)} lessons`];
      });
  const within = (y: YearSummary, items: { text: string; href: string }[]) =>
    items.map((i) => ({ text: i.text, to: i.href.startsWith(y.yearHref) ? i.href.slice(y.yearHref.length) : i.href }));
  return supervisees.map((s) => {
    const y = yearByUser.get(s.userId) ?? null;
    return {
      membershipId: s.membershipId,
      name: s.name,
      team: s.team,
      jobTitle: s.jobTitle,
      progress: y?.position ?? describeProgress(s.stage, s.startedOn, today),
      invited: !s.hasPassword,
      programmes: programmesOf(s.userId),
      year: y && {
        id: y.enrolmentId,
        nextSupervision: y.nextSupervision ? shortDate(y.nextSupervision) : null,
        missedSupervision: y.missedSupervision,
        workloadFlags: y.workloadFlags,
        agreement: y.agreement.state,
        waiting: within(y, y.waiting),
        overdue: within(y, y.overdue),
        evidencePercent: y.evidencePercent,
      },
    };
  });
}

/** Forgets every kept desk (tests). */
export function forgetDesks() {
  kept.clear();
}
