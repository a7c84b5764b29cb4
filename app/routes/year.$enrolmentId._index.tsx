import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Notification } from "~/components/Notification";
import { YearNav } from "~/components/YearNav";
import { requireYearAccess } from "~/modules/first-year/access.server";
import { NO_TEAM_MANAGER } from "~/modules/first-year/agreement";
import type { EventState } from "~/modules/first-year/timeline";
import { yearPage, type MonthShown } from "~/modules/first-year/year-page.server";
import { requireUser } from "~/utils/auth.server";
import { englandToday } from "~/utils/england";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.learnerName}'s year – Practice Pathways` : "The year – Practice Pathways" },
];

/** One learner's assessed year on one page: where they are, what is due, and the year month by month. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const { enrolment, programme, party, learnerName, teamManagerName, revision } = await requireYearAccess(
    current,
    params.enrolmentId,
  );
  const page = await yearPage({ enrolment, revision }, programme, englandToday());
  return { enrolmentId: enrolment.id, party, learnerName, teamManager: teamManagerName, ...page };
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
        {page.month ? `Month ${page.month} of ${page.lengthMonths}. ` : ""}
        {page.startsLater ? "Starts" : "Started"} {page.startedOn}; ends {page.endsOn}
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
              <a href="/verify">
                the certificate checker
              </a>
              .
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
          <a href={`${base}/settings`}>
            Record a change to the year
          </a>{" "}
          (team manager, pathway, part-time working, a pause or an extension)
        </p>
      ) : null}
      <div className="card-grid">
        <section className="card" aria-labelledby="card-agreement">
          <h2 className="heading-s" id="card-agreement">
            <a href={`${base}/agreement`}>
              Learning agreement
            </a>
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
            <a href={`${base}/supervision`}>
              Supervision
            </a>
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
            <a href={`${base}/portfolio`}>
              Portfolio
            </a>
          </h2>
          <p>{page.portfolio.percent}% of the evidence the programme asks for.</p>
          {page.portfolio.missingKinds.length ? (
            <p className="secondary">Still to come: {page.portfolio.missingKinds.join("; ")}.</p>
          ) : null}
          {page.portfolio.standards ? <p className="secondary">{page.portfolio.standards}</p> : null}
          {page.portfolio.lessonReflections.length ? (
            <>
              <p className="secondary">
                {own ? "Lesson reflections you shared" : "Lesson reflections the learner shared"} (sent to the
                portfolio):
              </p>
              <ul className="plain-list">
                {page.portfolio.lessonReflections.map((r) => (
                  <li key={r.href}>
                    <a href={r.href}>{r.title}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
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
            <a href={`${base}/reviews`}>
              Reviews
            </a>
          </h2>
          {page.nextReview ? (
            <p>
              <a href={`${base}/reviews/${page.nextReview.code}`}>
                {page.nextReview.title}
              </a>{" "}
              due by {page.nextReview.due}
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
            <a href={`${base}/workload`}>
              Workload
            </a>
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
            // Each record's link is a plain anchor: the timeline repeats them, as the desk does (ADR 019).
            <ul className="plain-list timeline__events">
              {m.events.map((e, i) => {
                const tag = STATE_TAGS[e.state];
                return (
                  <li key={i} className={`timeline__event timeline__event--${e.kind}`}>
                    <span className="timeline__date">{e.date}</span> {e.href ? <a href={e.href}>{e.title}</a> : e.title}{" "}
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
