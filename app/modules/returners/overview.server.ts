/** What the returner's start page (/return) shows, gathered in a fixed handful of queries. */
import { format, parseISO } from "date-fns";
import { englandDay } from "~/utils/england";
import { findProgramme } from "~/modules/programmes/catalogue.server";
import { findEnrolment, lessonStatesFor } from "~/modules/programmes/learning.server";
import { moduleProgress, programmeProgress } from "~/modules/programmes/progress";
import { cpdSentences, cpdState } from "./cpd";
import { INTRODUCTION_STATUS_LABELS } from "./options";
import { eligibilityFor, isGoodNews, readyToReturn } from "./journey";
import { discussedWithPeer } from "./cpd";
import {
  listCpdRecords,
  listUpdatingEntries,
  myCallbackRequest,
  myIntroductions,
  type ReturnerProfile,
} from "./journey.server";
import { returnerTasks, standingOf, standingSentence } from "./tasks";
import { countUpdatingDays } from "./updating";

export const REFRESHER = "return-to-social-work";

const long = (d: string) => format(parseISO(d), "d MMMM yyyy");

/** The refresher programme: modules finished of all, and the lesson to pick up at. */
export async function refresherProgress(userId: string) {
  const programme = findProgramme(REFRESHER);
  if (!programme) return null;
  const enrolment = await findEnrolment(userId, REFRESHER);
  if (!enrolment) return { title: programme.title, href: `/programmes/${programme.slug}`, enrolled: false as const };
  const states = (await lessonStatesFor([enrolment.id])).get(enrolment.id) ?? [];
  const progress = programmeProgress(programme, states);
  const modules = programme.modules.map((m) => moduleProgress(m, states));
  return {
    title: programme.title,
    href: `/programmes/${programme.slug}`,
    enrolled: true as const,
    modulesDone: modules.filter((m) => m.total > 0 && m.done === m.total).length,
    modulesTotal: modules.length,
    lessonsDone: progress.done,
    lessonsTotal: progress.total,
    next: progress.continueAt && {
      href: `/programmes/${programme.slug}/${progress.continueAt.module.slug}/${progress.continueAt.lesson.slug}`,
      title: progress.continueAt.lesson.title,
      module: progress.continueAt.module.title,
    },
  };
}

/** Where the returner stands with the helpline and councils, in words, from the records. */
export async function helplineStanding(userId: string, helplineConsent: boolean) {
  const [request, intros] = await Promise.all([myCallbackRequest(userId), myIntroductions(userId)]);
  return standingSentence(standingOf({ helplineConsent, request, introductions: intros }), englandDay());
}

export async function returnOverview(
  userId: string,
  profile: ReturnerProfile | null,
  now = new Date(),
  helplineConsent = false,
) {
  const today = englandDay(now);
  const [refresher, entries, records, intros, request] = await Promise.all([
    refresherProgress(userId),
    profile ? listUpdatingEntries(userId) : Promise.resolve([]),
    listCpdRecords(userId),
    myIntroductions(userId),
    myCallbackRequest(userId),
  ]);
  const cpd = cpdState(
    records.map((r) => ({ recordedOn: r.recordedOn, peerReflection: discussedWithPeer(r) })),
    today,
  );
  const introductions = intros.map((i) => ({
    id: i.id,
    council: i.council,
    vacancy: i.vacancy,
    team: i.team,
    status: i.status,
    statusLabel: INTRODUCTION_STATUS_LABELS[i.status],
    goodNews: isGoodNews(i.status),
    interviewOn: i.interviewOn ? long(i.interviewOn) : null,
    startsOn: i.startsOn ? long(i.startsOn) : null,
    changedOn: format(i.changedAt, "d MMMM yyyy"),
  }));
  const cpdSummary = {
    year: cpd.year.label,
    ends: long(cpd.year.ends),
    records: cpd.records,
    peerReviewed: cpd.peerReviewed,
    met: cpd.kind === "met",
    warn: cpd.kind === "due" && cpd.warn,
    daysLeft: cpd.daysLeft,
    ...cpdSentences(cpd),
  };
  const standing = standingSentence(standingOf({ helplineConsent, request, introductions: intros }), today);
  const refresherState = refresher && {
    enrolled: refresher.enrolled,
    href: refresher.href,
    next: refresher.enrolled ? refresher.next : null,
  };
  const cpdDue = cpdSummary.warn ? cpdSummary.need : null;
  // England's day, so an interview today is today whatever the server's clock zone.
  const day = parseISO(today);
  if (!profile) {
    const tasks = returnerTasks(
      { helplineConsent, request, introductions: intros, journey: null, refresher: refresherState, cpdDue },
      day,
    );
    return { today, refresher, introductions, cpd: cpdSummary, journey: null, standing, tasks };
  }
  const eligibility = eligibilityFor(profile, today);
  const needed = eligibility.updatingDays;
  const count = countUpdatingDays(
    entries.map((e) => ({ date: e.on, hours: e.hours, kind: e.kind })),
    needed,
    today,
  );
  const checklist = readyToReturn(profile, count, eligibility.route === "new_applicant");
  const tasks = returnerTasks(
    {
      helplineConsent,
      request,
      introductions: intros,
      journey: {
        needed,
        counted: count.counted,
        entries: entries.length,
        newApplicant: eligibility.route === "new_applicant",
        registrationRestored: profile.registrationRestored,
        referencesReceived: profile.referencesReceived,
        supervisedStartAgreed: profile.supervisedStartAgreed,
      },
      refresher: refresherState,
      cpdDue,
    },
    day,
  );
  return {
    today,
    refresher,
    introductions,
    cpd: cpdSummary,
    standing,
    tasks,
    journey: {
      needed,
      count,
      entries: entries.length,
      checklist,
      steps: eligibility.steps,
      route: eligibility.route,
      yearsOffRegister: eligibility.yearsOffRegister,
      timeOffRegister: eligibility.timeOffRegister,
      nationalProgramme: eligibility.nationalProgramme,
    },
  };
}
