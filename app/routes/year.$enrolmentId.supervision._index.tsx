import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { format, parseISO } from "date-fns";
import { Notification } from "~/components/Notification";
import { YearNav } from "~/components/YearNav";
import { requireYearAccess } from "~/modules/first-year/access.server";
import { supervisionSchedule } from "~/modules/supervision/schedule";
import { KINDS } from "~/modules/supervision/kinds";
import { listSessions, openActions } from "~/modules/supervision/supervision.server";
import { requireUser } from "~/utils/auth.server";
import { englandToday } from "~/utils/england";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Supervision – ${data.learnerName} – Practice Pathways` : "Supervision – Practice Pathways" },
];

const day = (d: Date | string) => format(typeof d === "string" ? parseISO(d) : d, "EEE d MMM yyyy");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const { enrolment, programme, party, learnerName } = await requireYearAccess(current, params.enrolmentId);
  const [sessions, actions] = await Promise.all([listSessions(enrolment.id), openActions(enrolment.id)]);
  const today = englandToday();
  const schedule = supervisionSchedule(
    enrolment,
    programme,
    sessions.map((s) => s.session.heldOn),
    today,
  );
  return {
    enrolmentId: enrolment.id,
    party,
    learnerName,
    programme: programme.title,
    next: schedule.next && { due: day(schedule.next.due), every: schedule.next.every },
    overdue: schedule.overdue,
    slots: schedule.slots.map((s) => ({
      number: s.number,
      due: day(s.due),
      every: s.every,
      state: s.state,
      session: s.session ? day(s.session) : null,
    })),
    sessions: sessions.map(({ session, recordedBy }) => ({
      id: session.id,
      heldOn: day(session.heldOn),
      minutes: session.minutes,
      kind: KINDS[session.kind],
      recordedBy,
      acknowledged: !!session.acknowledgedAt,
    })),
    actions: actions.map((a) => ({ ...a, agreedOn: day(a.agreedOn) })),
  };
}

const STATE_TAG = {
  held: <span className="tag tag--green">Held</span>,
  overdue: <span className="tag tag--red">Missed</span>,
  upcoming: <span className="tag tag--grey">Due</span>,
};

export default function SupervisionRecord() {
  const page = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const base = `/year/${page.enrolmentId}/supervision`;
  return (
    <>
      <YearNav enrolmentId={page.enrolmentId} label={`${page.learnerName}'s year`} />
      {params.get("recorded") ? (
        <Notification title="Session recorded">
          <p>{page.learnerName} is asked to acknowledge it.</p>
        </Notification>
      ) : null}
      <span className="caption">
        {page.learnerName} · {page.programme}
      </span>
      <h1>Supervision</h1>
      <div className="panel narrow">
        <p>
          {page.next ? (
            <>
              <strong>Next supervision due by {page.next.due}</strong> (the programme asks for supervision every{" "}
              {page.next.every} at this point in the year).
            </>
          ) : (
            <strong>No more supervision is scheduled in this programme.</strong>
          )}
        </p>
        <p>
          {page.overdue === 0 ? (
            "No supervision is overdue."
          ) : (
            <strong className="error-text">
              {page.overdue} {page.overdue === 1 ? "session was" : "sessions were"} missed against the schedule.
            </strong>
          )}
        </p>
        <div className="button-group">
          {page.party === "supervisor" ? (
            <a href={`${base}/new`} className="button">
              Record a session
            </a>
          ) : null}
          <a href={`${base}.ics`} download>
            Download the schedule for your calendar (.ics)
          </a>
        </div>
      </div>

      <h2>Open actions</h2>
      {page.actions.length === 0 ? (
        <p>No open actions.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Actions still open, carried to the next session</caption>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Who</th>
              <th scope="col">Agreed</th>
            </tr>
          </thead>
          <tbody>
            {page.actions.map((a) => (
              <tr key={a.id}>
                <td>{a.text}</td>
                <td>{a.owner === "learner" ? page.learnerName : "Supervisor"}</td>
                <td>{a.agreedOn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Sessions recorded ({page.sessions.length})</h2>
      {page.sessions.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Supervision sessions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Kind</th>
              <th scope="col">Length</th>
              <th scope="col">Acknowledged</th>
            </tr>
          </thead>
          <tbody>
            {page.sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  <a href={`${base}/${s.id}`}>{s.heldOn}</a>
                </td>
                <td>{s.kind}</td>
                <td>{s.minutes} minutes</td>
                <td>
                  {s.acknowledged ? (
                    <span className="tag tag--green">Yes</span>
                  ) : (
                    <span className="tag tag--yellow">Waiting</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <details className="details">
        <summary>The whole schedule ({page.slots.length} sessions)</summary>
        <table className="table">
          <caption className="visually-hidden">Supervision schedule for the year</caption>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Due by</th>
              <th scope="col">Frequency</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {page.slots.map((s) => (
              <tr key={s.number}>
                <td>{s.number}</td>
                <td>{s.due}</td>
                <td>Every {s.every}</td>
                <td>
                  {STATE_TAG[s.state]} {s.session ? `(${s.session})` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
