import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { Notification } from "~/components/Notification";
import { requireSessionsLead } from "~/modules/shared-sessions/access.server";
import { endsAt, registerProblem, splitByTime } from "~/modules/shared-sessions/rules";
import { programmesWithSharedSessions, sessionsOfOrganisation } from "~/modules/shared-sessions/sessions.server";
import { englandDateTime } from "~/utils/england";

export const meta: MetaFunction = () => [{ title: "Shared sessions – Practice Pathways" }];

/** The organisation's shared multi-agency sessions (ADR 026), for its programme lead. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireSessionsLead(request);
  const now = new Date();
  const sessions = await sessionsOfOrganisation(current.active.organisationId);
  const { upcoming, past } = splitByTime(sessions, now);
  const row = (s: (typeof sessions)[number]) => ({
    id: s.id,
    topic: s.topic,
    when: englandDateTime(s.startsAt),
    facilitator: s.facilitatorName,
    learners: s.learners,
    partners: s.partners,
    register: registerProblem(s, now)
      ? "Opens when the session starts"
      : s.recorded === 0
        ? endsAt(s) <= now
          ? "To record"
          : "Under way: to record"
        : `${s.attended} of ${s.learners + s.partners} attended`,
    toRecord: !registerProblem(s, now) && s.recorded < s.learners + s.partners,
  });
  return {
    organisation: current.active.organisation.name,
    programmes: programmesWithSharedSessions().map((p) => p.title),
    upcoming: upcoming.map(row),
    past: past.map(row),
  };
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["past"][number];

function Sessions({ id, caption, rows }: { id: string; caption: string; rows: Row[] }) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">When</th>
            <th scope="col">Facilitator</th>
            <th scope="col">Invited</th>
            <th scope="col">Register</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                <a href={`/shared-sessions/${s.id}`}>{s.topic}</a>
              </th>
              <td>{s.when}</td>
              <td>{s.facilitator}</td>
              <td>
                {s.learners} {s.learners === 1 ? "learner" : "learners"}, {s.partners} {s.partners === 1 ? "partner" : "partners"}
              </td>
              <td>{s.toRecord ? <strong>{s.register}</strong> : s.register}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function SharedSessions() {
  const page = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      {params.get("created") ? (
        <Notification title="Shared session added">
          <p>Everyone invited can see it, and its materials, on their shared sessions page.</p>
        </Notification>
      ) : null}
      <span className="caption">{page.organisation}</span>
      <h1>Shared sessions</h1>
      <p className="narrow">
        Multi-agency sessions of {page.programmes.length ? page.programmes.join(" and ") : "your programmes"}, shared with
        police, health and education colleagues. The facilitator keeps the register once a session starts; a learner's
        attendance is evidence in their portfolio.
      </p>
      <div className="button-group">
        <a href="/organisation/shared-sessions/new" className="button">
          Add a shared session
        </a>
        <a href="/organisation/invite?role=partner">Invite a partner from police, health or education</a>
      </div>
      <h2 id="upcoming-heading">Upcoming</h2>
      {page.upcoming.length ? <Sessions id="upcoming-heading" caption="Upcoming shared sessions" rows={page.upcoming} /> : <p>No upcoming sessions.</p>}
      <h2 id="past-heading">Past</h2>
      {page.past.length ? <Sessions id="past-heading" caption="Past shared sessions" rows={page.past} /> : <p>No past sessions.</p>}
    </>
  );
}
