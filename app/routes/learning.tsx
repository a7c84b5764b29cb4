import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AgreementTag } from "~/components/AgreementTag";
import { Welcome } from "~/components/Welcome";
import { firstYearPosition } from "~/modules/first-year/position";
import { describeProgress, formatDate, STAGE_LABELS } from "~/modules/organisations/people";
import { findProgramme } from "~/modules/programmes/catalogue.server";
import { describeMinutes } from "~/modules/programmes/labels";
import { enrolmentsWithLessons } from "~/modules/programmes/learning.server";
import { startStillToCome } from "~/modules/programmes/milestones";
import { programmeProgress } from "~/modules/programmes/progress";
import { yearSummaries } from "~/modules/first-year/summary.server";
import { candidateRecord, standingOf } from "~/modules/assessment/assessment.server";
import { isAssessedAgainstCriteria } from "~/modules/assessment/criteria";
import { listEvidence } from "~/modules/portfolio/portfolio.server";
import { URGENCY_LABELS, yearTasks, type Urgency } from "~/modules/first-year/tasks";
import { describeOutcome } from "~/modules/signoff/panel";
import { describeYear, yearEnd, yearInputFor, yearPosition } from "~/modules/first-year/year";
import { keptPanelOutcomes } from "~/modules/signoff/panel.server";
import { helplineStanding } from "~/modules/returners/overview.server";
import { requireUser } from "~/utils/auth.server";
import { englandToday } from "~/utils/england";

export const meta: MetaFunction = () => [{ title: "Your learning – Practice Pathways" }];

/** The learner's start page: where they are, who supervises them, and what the route ahead looks like. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const learnerMemberships = current.memberships.filter((m) => m.role === "learner");
  const today = englandToday();
  const { enrolments, lessons: states } = await enrolmentsWithLessons(current.user.id);
  const assessed = enrolments.filter((e) => e.organisationId && findProgramme(e.programmeSlug)?.assessment);
  const [summaries, outcomes] = await Promise.all([
    // What the year asks of the learner now, worked out from its records (kept against its revision).
    yearSummaries(assessed, today, "learner"),
    // The moderation panel's final word on an assessed year, with its certificate (kept against the year's revision).
    keptPanelOutcomes(
      assessed.map((e) => ({ enrolment: e, revision: e.revision })),
      today,
    ),
  ]);
  // Where each assessment against criteria stands (ADR 024): a learner is on one or two such programmes at most.
  const againstCriteria = enrolments.filter((e) => {
    const p = findProgramme(e.programmeSlug);
    return e.organisationId && p && isAssessedAgainstCriteria(p);
  });
  const assessmentSteps = new Map(
    await Promise.all(
      againstCriteria.map(async (e) => {
        const [record, evidence] = await Promise.all([candidateRecord(e.id), listEvidence(e.id)]);
        const step = standingOf(findProgramme(e.programmeSlug)!, record, evidence);
        return [
          e.id,
          {
            text: step.text,
            href: `/assessment/${e.id}`,
            certificateHref: record.certificate ? `/assessment/${e.id}/certificate.pdf` : null,
          },
        ] as const;
      }),
    ),
  );
  const programmes = enrolments.flatMap((e) => {
    const programme = findProgramme(e.programmeSlug);
    if (!programme) return [];
    const progress = programmeProgress(programme, states.get(e.id) ?? []);
    const summary = summaries.get(e.id);
    const found = outcomes.get(e.id);
    const href = (ref: NonNullable<typeof progress.continueAt>) =>
      `/programmes/${programme.slug}/${ref.module.slug}/${ref.lesson.slug}`;
    return [
      {
        slug: programme.slug,
        title: programme.title,
        done: progress.done,
        total: progress.total,
        percent: progress.percent,
        timeLeft: describeMinutes(progress.minutesLeft),
        continueAt: progress.continueAt && {
          href: href(progress.continueAt),
          title: progress.continueAt.lesson.title,
          module: progress.continueAt.module.title,
        },
        startsIn: (() => {
          const start = startStillToCome(programme, e, today);
          return start && { on: formatDate(start.on), days: start.days };
        })(),
        tasks: summary
          ? yearTasks(
              {
                ...summary.taskInput,
                panel: found && {
                  passed: found.outcome.kind === "passed",
                  certificateHref: found.certificateCode ? `/year/${e.id}/certificate.pdf` : null,
                },
              },
              "learner",
              today,
            ).map((t) => ({
              text: t.text,
              href: t.href,
              urgency: t.urgency,
              label: URGENCY_LABELS[t.urgency],
              due: t.due && formatDate(t.due),
            }))
          : [],
        agreement: summary?.agreement ?? null,
        assessment: assessmentSteps.get(e.id) ?? null,
        supervisionHref: programme.assessment && e.organisationId ? `/year/${e.id}/supervision` : null,
        panelOutcome: (() => {
          if (!found) return null;
          const said = describeOutcome(found.outcome, {
            endsOn: formatDate(yearEnd(yearInputFor(e, programme))),
            decidedOn: found.decidedOn ? formatDate(found.decidedOn) : null,
          });
          return {
            title: said.title,
            text: found.outcome.kind === "passed" ? said.text : `${said.text} ${said.next}`,
            certificateHref: found.certificateCode ? `/year/${e.id}/certificate.pdf` : null,
            yearHref: `/year/${e.id}`,
          };
        })(),
      },
    ];
  });
  // The year as its enrolment dates it (part-time work, pauses, an extension); the membership's
  // start date alone where no assessed year is enrolled yet.
  const yearIn = (organisationId: string) => {
    const year = enrolments.find(
      (e) => e.organisationId === organisationId && findProgramme(e.programmeSlug)?.assessment,
    );
    return year ? yearInputFor(year, findProgramme(year.programmeSlug)!) : null;
  };
  const positionIn = (organisationId: string, startedOn: string) => {
    const year = yearIn(organisationId);
    return year ? yearPosition(year, today) : { ...firstYearPosition(startedOn, today), fte: 1 };
  };
  return {
    programmes,
    name: current.user.name,
    accountKind: current.user.accountKind,
    // Where a returner stands with the helpline, from their request and introductions.
    helpline:
      current.user.accountKind === "returner"
        ? await helplineStanding(current.user.id, current.user.helplineContactConsent)
        : null,
    placements: learnerMemberships.map((m) => ({
      membershipId: m.id,
      organisation: m.organisation.name,
      jobTitle: m.jobTitle,
      team: m.team,
      stage: m.stage,
      stageLabel: m.stage ? STAGE_LABELS[m.stage] : null,
      startedOn: m.startedOn,
      progress: (() => {
        const year = yearIn(m.organisationId);
        return year ? describeYear(year, today) : describeProgress(m.stage, m.startedOn, today);
      })(),
      firstYear:
        m.stage === "nqsw" && m.startedOn
          ? (({ month, lengthInMonths, endsOn, daysLeft, fte }) => ({
              month,
              lengthInMonths,
              endsOn: formatDate(endsOn),
              daysLeft,
              partTime: fte < 1 ? Math.round(fte * 100) : null,
            }))(positionIn(m.organisationId, m.startedOn))
          : null,
    })),
  };
}

const TASK_TAGS: Record<Urgency, string> = {
  returned: "tag--red",
  overdue: "tag--red",
  due: "tag--yellow",
  upcoming: "tag--grey",
};

function ProgrammeCards({ programmes }: { programmes: Awaited<ReturnType<typeof loader>>["programmes"] }) {
  return (
    <section aria-labelledby="programmes-heading">
      <h2 id="programmes-heading">Your programmes</h2>
      <div className="card-grid">
        {programmes.map((p) => (
          <section className="card" key={p.slug} aria-labelledby={`programme-${p.slug}`}>
            <h3 className="heading-s" id={`programme-${p.slug}`}>
              <a href={`/programmes/${p.slug}`}>{p.title}</a>
            </h3>
            <progress className="progress" max={p.total} value={p.done} aria-label={`${p.title}: lessons completed`}>
              {p.percent}%
            </progress>
            <p>
              {p.done} of {p.total} lessons complete{p.done < p.total ? `, about ${p.timeLeft} left` : ""}.
            </p>
            {p.panelOutcome ? (
              <div className="panel" role="status">
                <p>
                  <strong>{p.panelOutcome.title}.</strong> {p.panelOutcome.text}
                </p>
                <p>
                  {p.panelOutcome.certificateHref ? (
                    <a href={p.panelOutcome.certificateHref} download>
                      Download your certificate (PDF)
                    </a>
                  ) : (
                    <a href={p.panelOutcome.yearHref}>What happens next</a>
                  )}
                </p>
              </div>
            ) : null}
            {p.assessment ? (
              <div className="inset">
                <h4 className="heading-s">Your assessment</h4>
                <p>
                  <a href={p.assessment.href}>{p.assessment.text}</a>
                </p>
                {p.assessment.certificateHref ? (
                  <p>
                    <a href={p.assessment.certificateHref} download>
                      Download your certificate (PDF)
                    </a>
                  </p>
                ) : null}
              </div>
            ) : null}
            {p.startsIn ? (
              <p>
                <strong>Starts on</strong> {p.startsIn.on} (
                {p.startsIn.days === 1 ? "tomorrow" : `in ${p.startsIn.days} days`}
                ): read ahead in the lessons until then.
              </p>
            ) : p.panelOutcome ? null : p.tasks.length ? (
              <>
                <h4 className="heading-s">What to do next</h4>
                <ul className="task-list">
                  {p.tasks.map((t) => (
                    <li key={t.href + t.text}>
                      <span className={`tag ${TASK_TAGS[t.urgency]}`}>{t.label}</span> <a href={t.href}>{t.text}</a>
                    </li>
                  ))}
                </ul>
              </>
            ) : p.agreement ? (
              <p>
                <strong>Nothing needs you now.</strong>
              </p>
            ) : null}
            {p.agreement ? (
              <p>
                {p.supervisionHref ? (
                  <>
                    <a href={p.agreement.yearHref}>Your assessed year</a>
                    <br />
                  </>
                ) : null}
                <a href={p.agreement.href}>Learning agreement</a> <AgreementTag state={p.agreement.state} />
                {p.supervisionHref ? (
                  <>
                    <br />
                    <a href={`${p.agreement.yearHref}/portfolio`}>Portfolio of evidence</a>
                    <br />
                    <a href={p.supervisionHref}>Supervision records</a>
                    <br />
                    <a href={p.supervisionHref.replace(/supervision$/, "workload")}>Workload</a>
                  </>
                ) : null}
              </p>
            ) : null}
            {p.continueAt ? (
              <p>
                <a href={p.continueAt.href} className="button">
                  Continue where you left off<span className="visually-hidden">: {p.continueAt.title}</span>
                </a>
                <br />
                <span className="secondary">
                  {p.continueAt.title} ({p.continueAt.module})
                </span>
              </p>
            ) : (
              <p>
                <strong>All lessons complete.</strong>
              </p>
            )}
          </section>
        ))}
      </div>
    </section>
  );
}

export default function Learning() {
  const { name, accountKind, helpline, placements, programmes } = useLoaderData<typeof loader>();
  const firstName = name.split(" ")[0];
  return (
    <>
      <Welcome>
        <p>Your account is ready. This is your start page: it shows where you are and what comes next.</p>
      </Welcome>
      <span className="caption">Your learning</span>
      <h1>Hello, {firstName}</h1>
      {programmes.length ? (
        <ProgrammeCards programmes={programmes} />
      ) : (
        <p>
          You are not on a programme yet. <a href="/programmes">See the programmes</a>: some you can join yourself,
          and your employer enrols you on the others.
        </p>
      )}
      {placements.length === 0 ? (
        <div className="narrow">
          {accountKind === "returner" ? (
            <>
              <p className="lead">You are on the route back into social work.</p>
              <p>
                <a href="/return">Your return to social work</a>: your updating days, CPD records, the checklist for
                your return and your evidence pack.
              </p>
              <p>
                If you have been off the Social Work England register for between 2 and 5 years, you will need 30 days
                of updating before you apply to restore your registration; more than 5 years, 60 days. Under 2 years,
                none is needed.
              </p>
              <div className="inset">{helpline}</div>
            </>
          ) : accountKind === "self_funding" ? (
            <>
              <p className="lead">You are paying for your own learning.</p>
              <p>
                Choose a programme with a fee, such as the Masters or the advanced practitioner programme, from{" "}
                <a href="/programmes">the programmes</a>, and pay for your place on its page: you are enrolled as soon
                as the payment is confirmed. <a href="/payments">Your payments</a> lists what you have paid, with
                receipts.
              </p>
            </>
          ) : (
            <p className="lead">Your account is not linked to an employer or university yet.</p>
          )}
          <p>
            If an employer or university invites you, the invitation will be added to this account when you accept it
            with the same email address. See <a href="/account">your account</a> for your details.
          </p>
        </div>
      ) : (
        <div className="card-grid">
          {placements.map((p) => (
            <section className="card" key={p.membershipId} aria-labelledby={`placement-${p.membershipId}`}>
              <h2 className="heading-m" id={`placement-${p.membershipId}`}>
                {p.organisation}
              </h2>
              <p className="secondary">{[p.jobTitle, p.team].filter(Boolean).join(", ")}</p>
              {p.firstYear ? (
                <>
                  <p>
                    <strong>
                      Month {p.firstYear.month} of your {p.firstYear.lengthInMonths}-month assessed first year
                    </strong>
                  </p>
                  <progress
                    className="progress"
                    max={p.firstYear.lengthInMonths}
                    value={p.firstYear.month}
                    aria-label="Months of the first year completed"
                  >
                    {p.firstYear.month} of {p.firstYear.lengthInMonths}
                  </progress>
                  <p>
                    The year ends on {p.firstYear.endsOn} ({p.firstYear.daysLeft} days left)
                    {p.firstYear.partTime ? `, longer for your part-time work at ${p.firstYear.partTime}%` : ""}, unless
                    it is paused or extended.
                  </p>
                </>
              ) : (
                <p>{p.progress}</p>
              )}
              <p>
                <a href={`/learners/${p.membershipId}`}>Your record at {p.organisation}</a>
              </p>
            </section>
          ))}
        </div>
      )}
    </>
  );
}
