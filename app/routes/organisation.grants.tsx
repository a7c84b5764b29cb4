import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { parseISO } from "date-fns";
import { yearEnd, yearInputFor } from "~/modules/first-year/year";
import { listPeople } from "~/modules/organisations/memberships.server";
import { findProgramme } from "~/modules/programmes/catalogue.server";
import { listOrganisationEnrolments } from "~/modules/programmes/learning.server";
import { grantClaims } from "~/modules/reporting/grants";
import { panelOutcomesForYears } from "~/modules/signoff/panel.server";
import { requireMembership } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Grant claims – Practice Pathways" }];

/**
 * What the employer can claim for its NQSWs, and when, from the programme rules: each pathway its
 * own funder's grant (DfE for child and family, Skills for Care for adults), each line naming the
 * financial year of its date. A year is completed when the moderation panel's outcome passes it.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { permission: "enrolment:manage:organisation", employerOnly: true });
  const people = (await listPeople(current.active.organisationId)).filter((p) => p.role === "learner");
  const enrolments = (
    await listOrganisationEnrolments(
      current.active.organisationId,
      people.map((p) => p.userId),
    )
  ).filter((e) => findProgramme(e.programmeSlug)?.assessment?.grants?.length);
  const outcomes = await panelOutcomesForYears(enrolments.map((e) => e.id));
  const rows = enrolments.flatMap((e) => {
    const programme = findProgramme(e.programmeSlug)!;
    const year = yearInputFor(e, programme);
    const outcome = outcomes.get(e.id);
    const claims = grantClaims(programme.assessment!, {
      pathway: e.pathway,
      startedOn: parseISO(e.startedOn),
      expectedEnd: yearEnd(year),
      completedOn: outcome?.outcome.kind === "passed" && outcome.decidedOn ? parseISO(outcome.decidedOn) : null,
    });
    const person = people.find((p) => p.userId === e.userId);
    return claims.map((c) => ({
      ...c,
      key: `${e.id}-${c.code}`,
      learner: person?.name ?? "",
      yearHref: `/year/${e.id}`,
    }));
  });
  const total = (state: string) => rows.filter((r) => r.state === state).reduce((n, r) => n + r.pounds, 0);
  return {
    organisation: current.active.organisation.name,
    rows,
    claimable: total("claimable"),
    expected: total("expected"),
  };
}

const pounds = (n: number) => `£${n.toLocaleString("en-GB")}`;

export default function Grants() {
  const page = useLoaderData<typeof loader>();
  return (
    <>
      <span className="caption">{page.organisation}</span>
      <h1>Grant claims</h1>
      <p>
        The Department for Education pays employers of child and family NQSWs a grant for each one, and Skills for Care
        funds employers of NQSWs in adults' services: half when the NQSW is registered on the programme and half when
        they complete it (when the moderation panel's outcome passes the year). Each claim names the financial year (1
        April to 31 March) of its date. The amounts are the programme's current configuration; check them against the
        funder's terms for that year before you claim.
      </p>
      <p>
        <strong>{pounds(page.claimable)}</strong> can be claimed now; <strong>{pounds(page.expected)}</strong> more as
        NQSWs complete their year.
      </p>
      {page.rows.length === 0 ? (
        <p>
          No NQSW in {page.organisation} has a pathway recorded (adults' or child and family), so there is nothing to
          claim yet.
        </p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Grant claims by NQSW</caption>
          <thead>
            <tr>
              <th scope="col">NQSW</th>
              <th scope="col">Claim</th>
              <th scope="col">Funder</th>
              <th scope="col" className="numeric">
                Amount
              </th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r) => (
              <tr key={r.key}>
                <td>
                  <a href={r.yearHref}>{r.learner}</a>
                </td>
                <td>{r.title}</td>
                <td>{r.funder}</td>
                <td className="numeric">{pounds(r.pounds)}</td>
                <td>
                  {r.state === "claimable" ? (
                    <span className="tag tag--green">Claimable since {r.on}</span>
                  ) : (
                    <span className="tag tag--grey">On completion, expected {r.on}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
