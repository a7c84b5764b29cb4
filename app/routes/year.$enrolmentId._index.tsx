import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { differenceInCalendarDays, format } from "date-fns";
import { Notification } from "~/components/Notification";
import { YearNav } from "~/components/YearNav";
import { requireYearAccess } from "~/modules/first-year/access.server";
import { agreementStatus, NO_TEAM_MANAGER } from "~/modules/first-year/agreement";
import { findAgreement } from "~/modules/first-year/agreement.server";
import { yearTimeline, type EventState, type TimelineEvent } from "~/modules/first-year/timeline";
import { isoDate, learningAgreementDue, parseDay, yearEnd, yearInputFor } from "~/modules/first-year/year";
import { reviewStates, STATE_LABELS } from "~/modules/signoff/reviews";
import { reviewRecords } from "~/modules/signoff/reviews.server";
import { panelOutcomeForYear } from "~/modules/signoff/panel.server";
import { describeOutcome } from "~/modules/signoff/panel";
import { loadManifest } from "~/modules/programmes/catalogue.server";
import { listEvidence } from "~/modules/portfolio/portfolio.server";
import { frameworksOf, KIND_LABELS, missingInWords, replacementFor, sufficiency } from "~/modules/portfolio/rules";
import { supervisionSchedule } from "~/modules/supervision/schedule";
import { listSessions } from "~/modules/supervision/supervision.server";
import { judgeWeeks } from "~/modules/workload/rules";
import { findLimit, listWeeks } from "~/modules/workload/workload.server";
import { requireUser } from "~/utils/auth.server";
import { yearPageData } from "~/modules/first-year/year-cache.server";
import type { Enrolment } from "~/modules/programmes/learning.server";
import type { Programme } from "~/modules/programmes/content-schema";
import { englandToday } from "~/utils/england";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.learnerName}'s year – Practice Pathways` : "The year – Practice Pathways" },
];

const day = (d: Date) => format(d, "d MMM yyyy");

/** One learner's assessed year on one page: where they are, what is due, and the year month by month. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const { enrolment, programme, party, learnerName, teamManagerName, revision } = await requireYearAccess(
    current,
    params.enrolmentId,
  );
  const today = englandToday();
  // The same for everyone who may see it: worked out again only when the year changes (or daily).
  const page = await yearPageData({ enrolment, revision }, today, () => workOutYear(enrolment, programme, today));
  return { enrolmentId: enrolment.id, party, learnerName, teamManager: teamManagerName, ...page };
}

async function workOutYear(enrolment: Enrolment, programme: Programme, today: Date) {
  const rules = programme.assessment!;
  const year = yearInputFor(enrolment, programme);
  const [{ agreement, signatures }, sessions, evidence, weeks, limit, reviews, panelOutcome] = await Promise.all([
    findAgreement(enrolment.id),
    listSessions(enrolment.id),
    listEvidence(enrolment.id),
    listWeeks(enrolment.id),
    findLimit(enrolment.id),
    reviewRecords(enrolment.id),
    panelOutcomeForYear(enrolment.id),
  ]);
  const states = reviewStates(year, reviews);
  const agreementDue = learningAgreementDue(year);
  const status = agreementStatus(agreement, signatures, agreementDue, today);
  const signedOn = status.complete
    ? new Date(Math.max(...Object.values(status.current).map((s) => new Date(s!.signedAt).getTime())))
    : null;
  const schedule = supervisionSchedule(
    enrolment,
    programme,
    sessions.map((s) => s.session.heldOn),
    today,
  );
  const endsOn = isoDate(yearEnd(year));
  const replaced = replacementFor(rules, enrolment.pathway, endsOn);
  const meter = sufficiency(
    rules,
    enrolment.pathway,
    frameworksOf(loadManifest().frameworks, rules, enrolment.pathway, endsOn),
    evidence,
    { reviews: states, today, endsOn },
  );
  const verdicts = judgeWeeks(weeks, limit, rules.protectedTimeShare);
  const flagged = verdicts
    .filter((v) => v.overCaseload || v.shortOfProtectedTime)
    .map((v) => ({
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

interface MonthShown {
  number: number;
  from: string;
  to: string;
  current: boolean;
  past: boolean;
  events: { kind: TimelineEvent["kind"]; state: EventState; title: string; href: string | null; date: string }[];
}

const STATE_TAGS: Record<EventState, { label: string; className: string } | null> = {
  done: { label: "Done", className: "tag--green" },
  overdue: { label: "Overdue", className: "tag--red" },
  due: { label: "Due soon", className: "tag--yellow" },
  upcoming: { label: "To come", className: "tag--grey" },
  flag: { label: "Flagged", className: "tag--red" },
  info: null,
};

export default function Year() {
  const page = useLoaderData<typeof loader>();
  const own = page.party === "learner";
  const base = `/year/${page.enrolmentId}`;
  return (
    <>
      <YearNav enrolmentId={page.enrolmentId} label={`${page.learnerName}'s year`} />
      <span className="caption">
        {page.programme}
        {page.pathway ? ` · ${page.pathway}` : ""}
      </span>
      <h1>{own ? "Your assessed year" : `${page.learnerName}'s assessed year`}</h1>
      <p className="lead">
        {page.month ? `Month ${page.month} of ${page.lengthMonths}. ` : ""}{page.startsLater ? "Starts" : "Started"} {page.startedOn}; ends {page.endsOn}
        {page.partTime ? ` (part-time at ${page.partTime}%, so the year is longer)` : ""}
        {page.pauses ? ` (paused ${page.pauses} ${page.pauses === 1 ? "time" : "times"}; later dates have moved)` : ""}.
      </p>
      {page.panelOutcome ? (
        <Notification
          title={page.panelOutcome.title}
          kind={page.panelOutcome.kind === "passed" ? undefined : "information"}
        >
          <p>{page.panelOutcome.text}</p>
          {page.panelOutcome.certificateCode ? (
            <p>
              <a href={`${base}/certificate.pdf`} download>
                Download the certificate (PDF)
              </a>
              . Its verification code is <strong>{page.panelOutcome.certificateCode}</strong>; anyone can check it at{" "}
              <Link discover="none" to="/verify">the certificate checker</Link>.
            </p>
          ) : (
            <p>{page.panelOutcome.next}</p>
          )}
        </Notification>
      ) : null}
      <p>
        {page.teamManager ? (
          <>
            Team manager: <strong>{page.teamManager}</strong> (signs the learning agreement, countersigns reviews)
          </>
        ) : (
          NO_TEAM_MANAGER
        )}
      </p>
      {page.party === "programme_lead" ? (
        <p>
          <Link discover="none" to={`${base}/settings`}>Record a change to the year</Link> (team manager, pathway, part-time
          working, a pause or an extension)
        </p>
      ) : null}
      <div className="card-grid">
        <section className="card" aria-labelledby="card-agreement">
          <h2 className="heading-s" id="card-agreement">
            <Link discover="none" to={`${base}/agreement`}>Learning agreement</Link>
          </h2>
          <p>
            {page.agreement.state === "signed" ? (
              <span className="tag tag--green">Signed by all three</span>
            ) : page.agreement.state === "overdue" ? (
              <span className="tag tag--red">Overdue since {page.agreement.due}</span>
            ) : (
              <>Due by {page.agreement.due}</>
            )}
          </p>
        </section>
        <section className="card" aria-labelledby="card-supervision">
          <h2 className="heading-s" id="card-supervision">
            <Link discover="none" to={`${base}/supervision`}>Supervision</Link>
          </h2>
          <p>
            {page.supervision.next ? `Next due by ${page.supervision.next}.` : "No more is scheduled."}{" "}
            {page.supervision.held} held.
          </p>
          {page.supervision.missed ? (
            <p>
              <span className="tag tag--red">{page.supervision.missed} missed</span>
            </p>
          ) : (
            <p>Nothing overdue.</p>
          )}
        </section>
        <section className="card" aria-labelledby="card-portfolio">
          <h2 className="heading-s" id="card-portfolio">
            <Link discover="none" to={`${base}/portfolio`}>Portfolio</Link>
          </h2>
          <p>{page.portfolio.percent}% of the evidence the programme asks for.</p>
          {page.portfolio.missingKinds.length ? (
            <p className="secondary">Still to come: {page.portfolio.missingKinds.join("; ")}.</p>
          ) : null}
          {page.portfolio.standards ? <p className="secondary">{page.portfolio.standards}</p> : null}
          {page.portfolio.awaitingReflection ? (
            <p>
              <span className="tag tag--yellow">
                {page.portfolio.awaitingReflection} observation{page.portfolio.awaitingReflection === 1 ? "" : "s"}{" "}
                waiting for {own ? "your" : "the learner's"} reflection
              </span>
            </p>
          ) : null}
        </section>
        <section className="card" aria-labelledby="card-review">
          <h2 className="heading-s" id="card-review">
            <Link discover="none" to={`${base}/reviews`}>Reviews</Link>
          </h2>
          {page.nextReview ? (
            <p>
              <Link discover="none" to={`${base}/reviews/${page.nextReview.code}`}>{page.nextReview.title}</Link> due by{" "}
              {page.nextReview.due}
              {page.nextReview.days < 0 ? (
                <>
                  {" "}
                  <span className="tag tag--red">Overdue</span>
                </>
              ) : (
                ` (${page.nextReview.days === 0 ? "today" : page.nextReview.days === 1 ? "tomorrow" : `in ${page.nextReview.days} days`})`
              )}
              . {page.nextReview.state}.
            </p>
          ) : (
            <p>Every review point is signed off.</p>
          )}
        </section>
        <section className="card" aria-labelledby="card-workload">
          <h2 className="heading-s" id="card-workload">
            <Link discover="none" to={`${base}/workload`}>Workload</Link>
          </h2>
          <p>
            {page.workload.weeks} {page.workload.weeks === 1 ? "week" : "weeks"} recorded.{" "}
            {page.workload.flagged ? (
              <span className="tag tag--red">{page.workload.flagged} flagged</span>
            ) : (
              "None flagged."
            )}
          </p>
        </section>
      </div>

      <h2 id="timeline-heading">The year month by month</h2>
      <ol className="timeline" aria-labelledby="timeline-heading">
        <Timeline months={page.timeline.months} />
      </ol>
    </>
  );
}

function Timeline({ months }: { months: MonthShown[] }) {
  return (
    <>
      {months.map((m) => (
        <li
          key={m.number}
          className={`timeline__month${m.current ? " timeline__month--current" : ""}${m.past ? " timeline__month--past" : ""}`}
          aria-current={m.current ? "step" : undefined}
        >
          <h3 className="heading-s timeline__title">
            Month {m.number}
            {m.current ? " (now)" : ""}{" "}
            <span className="secondary">
              {m.from} to {m.to}
            </span>
          </h3>
          {m.events.length ? (
            <ul className="plain-list timeline__events">
              {m.events.map((e, i) => {
                const tag = STATE_TAGS[e.state];
                return (
                  <li key={i} className={`timeline__event timeline__event--${e.kind}`}>
                    <span className="timeline__date">{e.date}</span>{" "}
                    {e.href ? <Link discover="none" to={e.href}>{e.title}</Link> : e.title}{" "}
                    {tag ? <span className={`tag ${tag.className}`}>{tag.label}</span> : null}
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="secondary">Nothing recorded.</p>
          )}
        </li>
      ))}
    </>
  );
}
