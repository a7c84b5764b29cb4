import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AgreementTag } from "~/components/AgreementTag";
import { Welcome } from "~/components/Welcome";
import { candidatesManagedBy } from "~/modules/assessment/assessment.server";
import { teamOf, type TeamLine } from "~/modules/first-year/team.server";
import { requireMembership } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Your team – Practice Pathways" }];

/** The team manager's start page: the assessed years they manage, and what waits for them in each. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { permission: "learner:read:team" });
  const [team, candidates] = await Promise.all([
    teamOf(current.active.organisationId, current.user.id),
    candidatesManagedBy(current.user.id, current.active.organisationId),
  ]);
  return { organisation: current.active.organisation.name, ...team, candidates };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

// Links repeated on every row are plain anchors, as on the supervisor's desk (ADR 019).
function Items({ items, empty, name }: { items: TeamLine["waiting"]; empty: string; name: string }) {
  if (items.length === 0) return <>{empty}</>;
  return (
    <ul className="plain-list">
      {items.map((i) => (
        <li key={i.text}>
          <a href={i.href}>
            {i.text}
            <span className="visually-hidden">{` for ${name}`}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

export default function Team() {
  const page = useLoaderData<typeof loader>();
  const waiting = page.agreementsToSign + page.reviewsToCountersign;
  return (
    <>
      <Welcome>
        <p>Your account is ready. The NQSWs whose years you manage at {page.organisation} are listed here.</p>
      </Welcome>
      <span className="caption">{page.organisation}</span>
      <h1>Your team</h1>
      {page.lines.length === 0 ? (
        <p>
          No assessed year names you as team manager yet. Your programme lead names the team manager when they enrol an
          NQSW, or on the year&apos;s settings.
        </p>
      ) : (
        <>
          <p>
            As team manager you sign each NQSW&apos;s learning agreement with them and their supervisor, and countersign
            their reviews and the final recommendation.
          </p>
          <ul className="plain-list" aria-label="Waiting for you">
            <li>
              <strong>{plural(page.agreementsToSign, "learning agreement", "learning agreements")}</strong> to sign
            </li>
            <li>
              <strong>{plural(page.reviewsToCountersign, "review", "reviews")}</strong> to countersign
            </li>
            <li>
              <strong>{plural(page.overdue, "thing", "things")}</strong> overdue across your team
            </li>
          </ul>
          {waiting === 0 ? <p>Nothing waits for your signature.</p> : null}
          <div className="table-scroll" role="region" aria-labelledby="team-caption" tabIndex={0}>
            <table className="table table--stack">
              <caption className="visually-hidden" id="team-caption">
                Assessed years you manage
              </caption>
              <thead>
                <tr>
                  <th scope="col">NQSW</th>
                  <th scope="col">Where they are</th>
                  <th scope="col">Waiting for you</th>
                  <th scope="col">Overdue</th>
                  <th scope="col">Learning agreement</th>
                </tr>
              </thead>
              <tbody>
                {page.lines.map((l) => (
                  <tr key={l.enrolmentId}>
                    <td>
                      <a href={`/year/${l.enrolmentId}`}>{l.name}</a>
                    </td>
                    <td data-label="Where they are">
                      {l.position}
                      <span className="hint block">{l.programme}</span>
                      <span className="hint block">
                        {l.supervisorName ? `Supervisor: ${l.supervisorName}` : "No supervisor assigned"}
                      </span>
                    </td>
                    <td data-label="Waiting for you">
                      <Items items={l.waiting} empty="Nothing" name={l.name} />
                    </td>
                    <td data-label="Overdue">
                      <Items items={l.overdue} empty="Nothing overdue" name={l.name} />
                    </td>
                    <td data-label="Learning agreement">
                      <a href={`/year/${l.enrolmentId}/agreement`}>
                        Open<span className="visually-hidden">{` ${l.name}'s learning agreement`}</span>
                      </a>{" "}
                      <AgreementTag state={l.agreement} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {page.candidates.length ? (
        <section aria-labelledby="candidates-heading">
          <h2 id="candidates-heading">Advanced practitioner and CP lead candidates</h2>
          <p>As their line manager you confirm the practice claims in each portfolio they submit.</p>
          <ul className="plain-list">
            {page.candidates.map((c) => (
              <li key={c.enrolmentId}>
                <a href={`/assessment/${c.enrolmentId}`}>{c.name}</a> ({c.programmeTitle}):{" "}
                {c.toConfirm ? <strong>submission {c.toConfirm} waits for your confirmation</strong> : "nothing waits for you"}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
