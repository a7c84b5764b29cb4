import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { format } from "date-fns";
import { Notification } from "~/components/Notification";
import { caseState, PANEL_OUTCOMES, type PanelOutcome } from "~/modules/signoff/panel";
import { findPanel } from "~/modules/signoff/panel.server";
import { notFound, requireMembership } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Moderation panel – Practice Pathways" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { roles: ["programme_lead", "assessor"] });
  const found = await findPanel(current.active.organisationId, params.panelId);
  if (!found) notFound("We could not find that panel.");
  return {
    id: found.panel.id,
    name: found.panel.name,
    organisation: current.active.organisation.name,
    created: format(found.panel.createdAt, "d MMM yyyy"),
    chairName: found.chairName,
    share: Math.round(found.panel.sampleShare * 100),
    seed: found.panel.seed,
    cases: found.panel.sample.map((c) => {
      const { state, recorded } = caseState(c.enrolmentId, found.outcomes);
      return {
        enrolmentId: c.enrolmentId,
        name: found.names.get(c.enrolmentId) ?? "",
        recommendation: c.recommendation,
        state,
        outcome: recorded ? PANEL_OUTCOMES[recorded.outcome as PanelOutcome] : null,
      };
    }),
  };
}

export default function Panel() {
  const page = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      {params.get("created") ? (
        <Notification title="Panel made">
          <p>Its sample is drawn and fixed. Open each portfolio to read it and record the panel's outcome.</p>
        </Notification>
      ) : null}
      <span className="caption">{page.organisation}</span>
      <h1>{page.name}</h1>
      <p>
        Made {page.created}; chaired by {page.chairName}. Every recommended fail and {page.share}% of the passes, drawn
        with seed <code>{page.seed}</code>.
      </p>
      {page.cases.length === 0 ? (
        <p>No portfolio had a signed-off final assessment when the panel was made.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Portfolios the panel reads</caption>
          <thead>
            <tr>
              <th scope="col">NQSW</th>
              <th scope="col">Recommendation</th>
              <th scope="col">Panel</th>
            </tr>
          </thead>
          <tbody>
            {page.cases.map((c) => (
              <tr key={c.enrolmentId}>
                <td>
                  <Link to={`/organisation/panels/${page.id}/${c.enrolmentId}`}>{c.name}</Link>
                </td>
                <td>{c.recommendation === "pass" ? "Pass" : <strong>Fail</strong>}</td>
                <td>
                  {c.state === "final" ? (
                    <span className="tag tag--green">Final: {c.outcome}</span>
                  ) : c.state === "recorded" ? (
                    <span className="tag tag--yellow">Waiting for the chair: {c.outcome}</span>
                  ) : (
                    <span className="tag tag--grey">To read</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <Link to="/organisation/panels">All panels</Link>
      </p>
    </>
  );
}
