/**
 * The supervisor's desk: a line for each supervisee (where they are, their programmes, and for an
 * assessed year what is due, waiting and overdue). A supervisor reads the same desk again and
 * again between changes, so each desk's lines are kept in the data cache against the desk's revision,
 * which the database's triggers move on any change to what they are made from (deskRevision): reading
 * it again costs one row read by its key while nothing has changed, and any change — a name, an
 * enrolment, a year's revision, a lesson completed — makes it again. Like the year summaries it is made from, it is
 * made again on a new day and stands no longer than they do (ADR 016).
 */
import { format } from "date-fns";
import { summariesKeptSince, yearSummaries, type YearSummary } from "~/modules/first-year/summary.server";
import { dayOf } from "~/modules/first-year/year-cache.server";
import { byMostUrgent, type Urgency } from "~/modules/first-year/tasks";
import {
  listSuperviseesWithYears,
  deskRevision,
  type SuperviseesWithYears,
} from "~/modules/organisations/memberships.server";
import { describeProgress } from "~/modules/organisations/people";
import { findProgramme } from "~/modules/programmes/catalogue.server";
import { lessonTotal } from "~/modules/programmes/progress";
import { CACHE_MAX_AGE_MS, cacheEntry } from "~/utils/cache.server";
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
    agreement: YearSummary["agreement"]["state"];
    /** Links within the year are the part after /year/<id>, which repeats from line to line. */
    waiting: { text: string; to: string }[];
    overdue: { text: string; to: string }[];
    evidencePercent: number;
  } | null;
  /** The most urgent thing in their year for the supervisor (tasks.ts), by which the desk is sorted. */
  urgency: Urgency | null;
}

export interface Desk {
  supervisees: DeskLine[];
}

/** Each supervisor's desk in each organisation, in the data cache. */
const DESKS = cacheEntry<Desk>("desk");

const shortDate = (date: Date) => format(date, "d MMM yyyy");

/** The desk of the supervisor `supervisorId` in the organisation `organisationId`, as of `today`. */
export async function supervisorsDesk(
  organisationId: string,
  supervisorId: string,
  today = englandToday(),
): Promise<Desk> {
  // A desk is made for one day: a new day is a new key, and yesterday's desk ages out of the cache.
  const key = `${organisationId}:${supervisorId}:${dayOf(today)}`;
  const now = today.getTime();
  // The revision is read only when a desk young enough to be answered is kept.
  const madeAt = DESKS.madeAt(key);
  if (madeAt !== undefined && now - madeAt < CACHE_MAX_AGE_MS) {
    const kept = DESKS.get(key, await deskRevision(organisationId, supervisorId), now);
    if (kept) return kept;
  }

  const read = await listSuperviseesWithYears(organisationId, supervisorId);
  // Only the enrolments this supervisor supervises open the learner's year to them.
  const supervised = read.enrolments.filter((e) => e.supervisorId === supervisorId);
  const years = await yearSummaries(supervised, today, "supervisor");
  const desk = { supervisees: deskLines(read, years, today) };
  // Stamped with the revision this same read saw, so a desk is never kept against a newer one; and as
  // old as the oldest year summary it shows, so it stands no longer than they do. An empty desk is
  // not kept: its read has no row to bring the revision, and costs no more than reading the revision.
  if (read.deskRevision !== null) DESKS.set(key, read.deskRevision, desk, summariesKeptSince(supervised, now));
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
  const lines = supervisees.map((s) => {
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
        agreement: y.agreement.state,
        waiting: within(y, y.waiting),
        overdue: within(y, y.overdue),
        evidencePercent: y.evidencePercent,
      },
      urgency: y?.urgency ?? null,
    };
  });
  // Those who need the supervisor most come first; the rest keep the order of their names.
  return byMostUrgent(lines, (l) => l.urgency);
}
