import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { format } from "date-fns";
import { ErrorSummary } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { caseState, PANEL_OUTCOMES, ratification, type PanelOutcome } from "~/modules/signoff/panel";
import { findPanel, ratifyPasses } from "~/modules/signoff/panel.server";
import { actorOf, forbidden, notFound, requireMembership } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Moderation panel – Practice Pathways" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { roles: ["programme_lead", "assessor"], employerOnly: true });
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
        finalElsewhere: found.finalElsewhere.has(c.enrolmentId),
      };
    }),
    // The passes of the round the panel did not draw: the chair ratifies them once the sample is final.
    unread: found.round
      .filter((c) => c.recommendation === "pass" && !found.panel.sample.some((s) => s.enrolmentId === c.enrolmentId))
      .map((c) => {
        const { state, signed } = caseState(c.enrolmentId, found.outcomes);
        return {
          enrolmentId: c.enrolmentId,
          name: found.names.get(c.enrolmentId) ?? "",
          state: state === "final" ? "ratified" : found.finalElsewhere.has(c.enrolmentId) ? "elsewhere" : "waiting",
          ratifiedOn: signed ? format(signed.at, "d MMM yyyy") : null,
        };
      }),
    ratification: (({ waitingForSample, toRatify, canRatify }) => ({
      waitingForSample,
      toRatify: toRatify.length,
      canRatify,
    }))(ratification(found.round, found.panel.sample, found.outcomes, found.finalElsewhere)),
    isChair: found.panel.chairId === current.user.id,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const current = await requireMembership(request, { roles: ["programme_lead", "assessor"], employerOnly: true });
  const found = await findPanel(current.active.organisationId, params.panelId);
  if (!found) notFound("We could not find that panel.");
  const formData = await request.formData();
  if (formData.get("intent") !== "ratify")
    return data({ errors: { form: "Choose what to do: ratify the passes the panel did not read" } }, { status: 400 });
  if (found.panel.chairId !== current.user.id) forbidden("Only the panel's chair ratifies its passes.");
  const result = await ratifyPasses(found, actorOf(current, context));
  if (!result.ok) return data({ errors: { form: result.message } }, { status: 409 });
  throw redirect(`/organisation/panels/${found.panel.id}?ratified=${result.ratified}`);
}

export default function Panel() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const ratified = Number(params.get("ratified") ?? 0);
  return (
    <>
      <ErrorSummary errors={actionData?.errors} />
      {ratified ? (
        <Notification title="Passes ratified">
          <p>
            {ratified} {ratified === 1 ? "pass is" : "passes are"} final, and each NQSW's certificate has been issued.
          </p>
        </Notification>
      ) : null}
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
                  <a href={`/organisation/panels/${page.id}/${c.enrolmentId}`}>{c.name}</a>
                </td>
                <td>{c.recommendation === "pass" ? "Pass" : <strong>Fail</strong>}</td>
                <td>
                  {c.finalElsewhere && c.state !== "final" ? (
                    <span className="tag tag--grey">Decided by another panel</span>
                  ) : c.state === "final" ? (
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
      <h2>Passes the panel did not read</h2>
      {page.unread.length === 0 ? (
        <p>Every pass in this round was drawn for reading, so there is nothing to ratify.</p>
      ) : (
        <>
          <p>
            The chair ratifies these passes in one signed step once every portfolio the panel read has its final
            outcome. Each becomes final and its certificate is issued.
          </p>
          <table className="table">
            <caption className="visually-hidden">Passes not drawn for reading</caption>
            <thead>
              <tr>
                <th scope="col">NQSW</th>
                <th scope="col">Panel</th>
              </tr>
            </thead>
            <tbody>
              {page.unread.map((c) => (
                <tr key={c.enrolmentId}>
                  <td>{c.name}</td>
                  <td>
                    {c.state === "ratified" ? (
                      <span className="tag tag--green">Final: ratified {c.ratifiedOn}</span>
                    ) : c.state === "elsewhere" ? (
                      <span className="tag tag--grey">Decided by another panel</span>
                    ) : (
                      <span className="tag tag--yellow">Waiting for the chair to ratify</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.ratification.toRatify > 0 && page.ratification.waitingForSample > 0 ? (
            <p>
              {page.ratification.waitingForSample} of the portfolios the panel read{" "}
              {page.ratification.waitingForSample === 1 ? "has" : "have"} no final outcome yet; the passes can be
              ratified once {page.ratification.waitingForSample === 1 ? "it has" : "they have"}.
            </p>
          ) : null}
          {page.ratification.canRatify && page.isChair ? (
            <Form method="post">
              <input type="hidden" name="intent" value="ratify" />
              <button type="submit" className="button">
                Ratify {page.ratification.toRatify} {page.ratification.toRatify === 1 ? "pass" : "passes"} as chair
              </button>
            </Form>
          ) : page.ratification.canRatify ? (
            <p>Waiting for the chair, {page.chairName}, to ratify them.</p>
          ) : null}
        </>
      )}
      <p>
        <a href="/organisation/panels">All panels</a>
      </p>
    </>
  );
}
