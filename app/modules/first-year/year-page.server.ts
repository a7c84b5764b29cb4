/**
 * The year page: one learner's assessed year on one page (where they are, what is due, and the year
 * month by month), the same for everyone who may see it, so it is kept in the data cache against the
 * year's revision and worked out again only when the year changes, on a new day or after five minutes.
 */
import { differenceInCalendarDays, format } from "date-fns";
import { loadManifest } from "~/modules/programmes/catalogue.server";
import type { Programme } from "~/modules/programmes/content-schema";
import type { Enrolment } from "~/modules/programmes/learning.server";
import { KIND_LABELS, missingInWords, replacementFor } from "~/modules/portfolio/rules";
import { listEvidence } from "~/modules/portfolio/portfolio.server";
import { describeOutcome } from "~/modules/signoff/panel";
import { panelOutcomeForYear } from "~/modules/signoff/panel.server";
import { STATE_LABELS } from "~/modules/signoff/reviews";
import { reviewRecords } from "~/modules/signoff/reviews.server";
import { listSessions } from "~/modules/supervision/supervision.server";
import { findLimit, listWeeks } from "~/modules/workload/workload.server";
import { cacheEntry } from "~/utils/cache.server";
import { agreementStatus } from "./agreement";
import { findAgreement } from "./agreement.server";
import { assembleYear } from "./assembly";
import { yearTimeline, type EventState, type TimelineEvent } from "./timeline";
import { learningAgreementDue, parseDay } from "./year";
import { forYear, type YearKey } from "./year-cache.server";

const day = (d: Date) => format(d, "d MMM yyyy");

/** The year page's data, in the data cache: the same for everyone who may see the year. */
const YEAR_PAGES = cacheEntry<YearPage>("year-page");

export type YearPage = Awaited<ReturnType<typeof workOutYear>>;

export function yearPage(year: YearKey & { enrolment: Enrolment }, programme: Programme, today: Date) {
  return forYear(YEAR_PAGES, year, today, "", () => workOutYear(year.enrolment, programme, today));
}

async function workOutYear(enrolment: Enrolment, programme: Programme, today: Date) {
  const [{ agreement, signatures }, sessions, evidence, weeks, limit, reviews, panelOutcome] = await Promise.all([
    findAgreement(enrolment.id),
    listSessions(enrolment.id),
    listEvidence(enrolment.id),
    listWeeks(enrolment.id),
    findLimit(enrolment.id),
    reviewRecords(enrolment.id),
    panelOutcomeForYear(enrolment.id),
  ]);
  const {
    rules,
    year,
    endsOn,
    reviews: states,
    schedule,
    meter,
    flaggedWeeks,
  } = assembleYear(
    enrolment,
    programme,
    loadManifest().frameworks,
    { heldOn: sessions.map((s) => s.session.heldOn), evidence, weeks, limit, reviews },
    today,
  );
  const agreementDue = learningAgreementDue(year);
  const status = agreementStatus(agreement, signatures, agreementDue, today);
  const signedOn = status.complete
    ? new Date(Math.max(...Object.values(status.current).map((s) => new Date(s!.signedAt).getTime())))
    : null;
  const replaced = replacementFor(rules, enrolment.pathway, endsOn);
  const flagged = flaggedWeeks.map((v) => ({
    weekStarting: v.weekStarting,
    reasons: [
      ...(v.overCaseload ? [`${v.caseload} cases, over the limit of ${limit}`] : []),
      ...(v.shortOfProtectedTime ? [`${v.protectedHours} of ${v.protectedTarget} hours protected time`] : []),
    ],
  }));
  const base = `/year/${enrolment.id}`;
  const timeline = yearTimeline({
    year,
    today,
    base,
    agreement: { due: agreementDue, signedOn },
    slots: schedule.slots,
    sessions: sessions.map((s) => ({ id: s.session.id, heldOn: s.session.heldOn })),
    evidence: evidence.map((e) => ({
      id: e.id,
      title: e.title,
      kindLabel: KIND_LABELS[e.kind],
      occurredOn: e.occurredOn,
    })),
    flaggedWeeks: flagged,
    reviewsSignedOff: new Map(states.flatMap((r) => (r.signedOn ? [[r.code, r.signedOn] as const] : []))),
    reflections: meter.kinds.flatMap((k) =>
      (k.points ?? []).map((p) => {
        const piece = p.servedBy ? evidence.find((e) => e.id === p.servedBy) : undefined;
        return { title: p.title, due: p.due, doneOn: piece ? parseDay(piece.occurredOn) : null };
      }),
    ),
  });
  const nextReview = states.find((r) => r.state !== "complete") ?? null;
  return {
    // The moderation panel's final word on the year, and its certificate (see app/modules/signoff/panel.ts).
    panelOutcome: panelOutcome
      ? {
          kind: panelOutcome.outcome.kind,
          ...describeOutcome(panelOutcome.outcome, {
            endsOn: day(timeline.ends),
            decidedOn: panelOutcome.decidedOn ? day(new Date(`${panelOutcome.decidedOn}T12:00:00`)) : null,
          }),
          certificateCode: panelOutcome.certificateCode,
        }
      : null,
    programme: programme.title,
    pathway: rules.pathways?.find((p) => p.code === enrolment.pathway)?.title ?? null,
    startedOn: day(new Date(enrolment.startedOn)),
    startsLater: enrolment.startedOn > format(today, "yyyy-MM-dd"),
    endsOn: day(timeline.ends),
    month: timeline.currentMonth,
    lengthMonths: programme.lengthMonths,
    partTime: enrolment.fte < 1 ? Math.round(enrolment.fte * 100) : null,
    pauses: enrolment.pauses.length,
    agreement: { state: status.complete ? "signed" : status.overdue ? "overdue" : "waiting", due: day(agreementDue) },
    supervision: {
      next: schedule.next ? day(schedule.next.due) : null,
      missed: schedule.overdue,
      held: sessions.length,
    },
    portfolio: {
      percent: meter.percent,
      missingKinds: meter.gaps.kinds.flatMap(missingInWords),
      capabilityGaps: meter.gaps.capabilities.length,
      awaitingReflection: evidence.filter((e) => e.awaitingReflection).length,
      // Reflections written in lessons and sent to the portfolio: the learner shared these.
      lessonReflections: evidence
        .filter((e) => e.fromLesson)
        .map((e) => ({ title: e.title, href: `/year/${enrolment.id}/portfolio/${e.id}` })),
      // The child and family KSS are withdrawn after 31 March 2027: say why the standards changed.
      standards: replaced
        ? `Evidence dated from ${day(parseDay(replaced.from))} is mapped to the early career standards, which replace the withdrawn child and family KSS; this year is assessed against them.`
        : null,
    },
    workload: { weeks: weeks.length, flagged: flagged.length },
    nextReview: nextReview && {
      title: nextReview.title,
      due: day(nextReview.due),
      days: differenceInCalendarDays(nextReview.due, today),
      code: nextReview.code,
      state: STATE_LABELS[nextReview.state],
    },
    timeline: {
      months: timeline.months.map((m): MonthShown => ({
        number: m.number,
        from: day(m.from),
        to: day(m.to),
        current: m.current,
        past: m.to < today,
        events: m.events.map((e) => ({
          kind: e.kind,
          state: e.state,
          title: e.title,
          href: e.href ?? null,
          date: format(e.date, "d MMM"),
        })),
      })),
    },
  };
}

export interface MonthShown {
  number: number;
  from: string;
  to: string;
  current: boolean;
  past: boolean;
  events: { kind: TimelineEvent["kind"]; state: EventState; title: string; href: string | null; date: string }[];
}
