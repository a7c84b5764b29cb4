import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { Notification } from "~/components/Notification";
import { requireSessionsMember } from "~/modules/shared-sessions/access.server";
import { AGENCY_LABELS, ATTENDANCE_LABELS, splitByTime } from "~/modules/shared-sessions/rules";
import { sessionsFor } from "~/modules/shared-sessions/sessions.server";
import { englandDateTime } from "~/utils/england";

export const meta: MetaFunction = () => [{ title: "Your shared sessions – Practice Pathways" }];

/**
 * The shared sessions a person is invited to or facilitates in the organisation they act in: a
 * partner's start page, and the only page with records a partner has (ADR 026).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireSessionsMember(request);
  const sessions = await sessionsFor(current.user.id, current.active.organisationId);
  const { upcoming, past } = splitByTime(sessions, new Date());
  const row = (s: (typeof sessions)[number]) => ({
    id: s.id,
    topic: s.topic,
    when: englandDateTime(s.startsAt),
    minutes: s.minutes,
    where: [s.place, s.link ? "online" : null].filter(Boolean).join(", and "),
    facilitator: s.facilitates ? "You" : s.facilitatorName,
    materials: s.materials,
    attendance: s.invited && s.attendance ? ATTENDANCE_LABELS[s.attendance] : null,
  });
  const active = current.active;
  return {
    organisation: active.organisation.name,
    partner: active.role === "partner",
    agency: active.role === "partner" && active.agencyKind ? `${active.agency} (${AGENCY_LABELS[active.agencyKind]})` : null,
    upcoming: upcoming.map(row),
    past: past.map(row),
  };
}

function SessionTable({ id, caption, sessions }: { id: string; caption: string; sessions: ReturnType<typeof useLoaderData<typeof loader>>["past"] }) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <table className="table table--stack">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">When</th>
            <th scope="col">Where</th>
            <th scope="col">Facilitator</th>
            <th scope="col">Materials</th>
            <th scope="col">Your attendance</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                <a href={`/shared-sessions/${s.id}`}>{s.topic}</a>
              </th>
              <td data-label="When">
                {s.when} <span className="hint block">{s.minutes} minutes</span>
              </td>
              <td data-label="Where">{s.where}</td>
              <td data-label="Facilitator">{s.facilitator}</td>
              <td data-label="Materials">{s.materials === 0 ? "None yet" : s.materials === 1 ? "1 file" : `${s.materials} files`}</td>
              <td data-label="Your attendance">{s.attendance ?? <span className="hint">Not recorded</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function YourSharedSessions() {
  const page = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      {params.get("welcome") ? (
        <Notification title="Welcome to Practice Pathways">
          <p>Your shared sessions with {page.organisation} are below, with their materials.</p>
        </Notification>
      ) : null}
      <span className="caption">
        {page.organisation}
        {page.agency ? ` · ${page.agency}` : ""}
      </span>
      <h1>Your shared sessions</h1>
      <p className="narrow">
        {page.partner
          ? `Multi-agency sessions of ${page.organisation}'s Child Protection Lead Practitioner programme that you are invited to. Open a session for its details and materials.`
          : "The shared multi-agency sessions you are invited to or facilitate. Open a session for its details and materials."}
      </p>
      <h2 id="upcoming-heading">Upcoming</h2>
      {page.upcoming.length ? (
        <SessionTable id="upcoming-heading" caption="Upcoming shared sessions" sessions={page.upcoming} />
      ) : (
        <p>No upcoming sessions.</p>
      )}
      <h2 id="past-heading">Past</h2>
      {page.past.length ? <SessionTable id="past-heading" caption="Past shared sessions" sessions={page.past} /> : <p>No past sessions.</p>}
    </>
  );
}
