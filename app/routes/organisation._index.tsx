import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { Welcome } from "~/components/Welcome";
import { twoFactorOnAmong } from "~/modules/auth/two-factor.server";
import { listPendingInvitations, listPeople, type Person } from "~/modules/organisations/memberships.server";
import { describeProgress, formatDate, headcount } from "~/modules/organisations/people";
import { can, ROLE_LABELS } from "~/modules/organisations/roles";
import { yearSummaries, type YearSummary } from "~/modules/first-year/summary.server";
import { listOrganisationEnrolments } from "~/modules/programmes/learning.server";
import { byMostUrgent } from "~/modules/first-year/tasks";
import { requireMembership } from "~/utils/auth.server";
import { Notification } from "~/components/Notification";
import { englandToday } from "~/utils/england";

export const meta: MetaFunction = () => [{ title: "People – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { permission: "people:read:organisation" });
  const [people, invitations] = await Promise.all([
    listPeople(current.active.organisationId),
    listPendingInvitations(current.active.organisationId),
  ]);
  const today = englandToday();
  const learners = people.filter((p) => p.role === "learner");
  const years = await yearSummaries(
    await listOrganisationEnrolments(
      current.active.organisationId,
      learners.map((l) => l.userId),
    ),
    today,
  );
  const twoFactorOn = await twoFactorOnAmong(people.filter((p) => p.role !== "learner").map((p) => p.userId));
  // Each learner's years, found once: the page lists every learner of the organisation.
  const yearsOf = new Map<string, YearSummary[]>();
  for (const y of years.values()) yearsOf.set(y.userId, [...(yearsOf.get(y.userId) ?? []), y]);
  return {
    organisation: current.active.organisation.name,
    // Counted as the platform admin's organisation page counts them: each person once.
    counts: headcount(people),
    // Those whose years need the lead's attention most come first.
    learners: byMostUrgent(
      learners.map((p) => {
        const own = yearsOf.get(p.userId) ?? [];
        const year = own[0];
        return {
          ...p,
          progress: year?.position ?? describeProgress(p.stage, p.startedOn, today),
          flags: own.flatMap((y) => [...y.overdue, ...y.waiting]),
          urgency: year?.urgency ?? null,
        };
      }),
      (l) => l.urgency,
    ),
    // Partners from police, health and education, invited to shared sessions (ADR 026), apart from staff.
    partners: people
      .filter((p) => p.role === "partner")
      .map((p) => ({ userId: p.userId, name: p.name, email: p.email, jobTitle: p.jobTitle, agency: p.agency })),
    staff: staffByPerson(people.filter((p) => p.role !== "learner" && p.role !== "partner")).map((s) => ({
      ...s,
      twoFactorOn: twoFactorOn.has(s.userId),
    })),
    canInvite: can(current.active.role, "invitation:create:organisation"),
    invitations: invitations.map((i) => ({
      ...i,
      roleLabel: ROLE_LABELS[i.role],
      sentOn: formatDate(i.createdAt),
      expiresOn: formatDate(i.expiresAt),
    })),
  };
}

/** One row per person, with all their staff roles in this organisation. */
function staffByPerson(staff: Person[]) {
  const byUser = new Map<
    string,
    { userId: string; membershipId: string; name: string; email: string; roles: string[]; jobTitles: string[] }
  >();
  for (const s of staff) {
    const row = byUser.get(s.userId) ?? {
      userId: s.userId,
      membershipId: s.membershipId,
      name: s.name,
      email: s.email,
      roles: [],
      jobTitles: [],
    };
    row.roles.push(ROLE_LABELS[s.role]);
    if (s.jobTitle) row.jobTitles.push(s.jobTitle);
    byUser.set(s.userId, row);
  }
  return [...byUser.values()].map((r) => ({ ...r, roleLabel: r.roles.join(", "), jobTitle: r.jobTitles.join("; ") }));
}

export default function People() {
  const { organisation, counts, learners, staff, partners, invitations, canInvite } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const invited = params.get("invited");
  return (
    <>
      <Welcome>
        <p>Your account is ready. Invite your supervisors and NQSWs from here.</p>
      </Welcome>
      {invited ? (
        <Notification title="Invitation sent">
          <p>We have emailed {invited} a link to set their password. It works for 14 days.</p>
        </Notification>
      ) : null}
      <span className="caption">{organisation}</span>
      <h1>People</h1>
      {canInvite ? (
        <p>
          <a href="/organisation/invite" className="button">
            Invite someone
          </a>
        </p>
      ) : null}
      <h2>Learners ({counts.learners})</h2>
      {learners.length === 0 ? (
        <p>No learners yet. Invite your NQSWs and they will appear here.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Learners</caption>
          <thead>
            <tr>
              <th scope="col">Learner</th>
              <th scope="col">Team</th>
              <th scope="col">Where they are</th>
              <th scope="col">Practice supervisor</th>
              <th scope="col">Needs attention</th>
            </tr>
          </thead>
          <tbody>
            {learners.map((l) => (
              <tr key={l.membershipId}>
                <td>
                  <a href={`/learners/${l.membershipId}`}>{l.name}</a>
                </td>
                <td>{l.team ?? "Not recorded"}</td>
                <td>{l.progress || "Not recorded"}</td>
                <td>{l.supervisorName ?? <span className="tag tag--yellow">Not assigned</span>}</td>
                <td>
                  {l.flags.length === 0 ? (
                    "Nothing"
                  ) : (
                    <ul className="plain-list">
                      {l.flags.map((f) => (
                        <li key={f.href + f.text}>
                          <a href={f.href}>{f.text}</a>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Staff ({counts.staff})</h2>
      <table className="table">
        <caption className="visually-hidden">Staff</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Job title</th>
            <th scope="col">Two-factor sign-in</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr key={s.userId}>
              <td>
                {s.name}
                <br />
                <span className="secondary">{s.email}</span>
              </td>
              <td>{s.roleLabel}</td>
              <td>{s.jobTitle ?? ""}</td>
              <td>
                {s.twoFactorOn ? (
                  <>
                    <strong className="tag tag--green">On</strong>{" "}
                    <a href={`/members/${s.membershipId}/two-factor`}>
                      Reset<span className="visually-hidden"> two-factor sign-in for {s.name}</span>
                    </a>
                  </>
                ) : (
                  <strong className="tag tag--grey">Off</strong>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {partners.length ? (
        <>
          <h2>Partners from police, health and education ({counts.partners})</h2>
          <p className="hint">
            Invited to your shared sessions: they see those sessions and their materials, and nothing else.
          </p>
          <table className="table">
            <caption className="visually-hidden">Partners from police, health and education</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Job title</th>
                <th scope="col">Agency</th>
              </tr>
            </thead>
            <tbody>
              {partners.map((p) => (
                <tr key={p.userId}>
                  <td>
                    {p.name}
                    <br />
                    <span className="secondary">{p.email}</span>
                  </td>
                  <td>{p.jobTitle ?? ""}</td>
                  <td>{p.agency ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <h2>Invitations waiting to be accepted ({invitations.length})</h2>
      {invitations.length === 0 ? (
        <p>None.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Invitations waiting to be accepted</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Sent</th>
              <th scope="col">Expires</th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id}>
                <td>
                  {i.name}
                  <br />
                  <span className="secondary">{i.email}</span>
                </td>
                <td>{i.roleLabel}</td>
                <td>{i.sentOn}</td>
                <td>{i.expiresOn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
