import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, RadioGroup, TextAreaField, TextField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { Prose } from "~/components/Prose";
import { anonymisationCheck, panelReading } from "~/modules/signoff/anonymisation.server";
import { versionsAt } from "~/modules/portfolio/portfolio.server";
import { caseState, PANEL_OUTCOMES, type PanelOutcome } from "~/modules/signoff/panel";
import { chairSignOutcome, findPanel, recordPanelOutcome } from "~/modules/signoff/panel.server";
import { RECOMMENDATIONS } from "~/modules/signoff/reviews";
import { reviewRecords } from "~/modules/signoff/reviews.server";
import { panelOutcomeSchema } from "~/modules/signoff/panel-schemas.server";
import { actorOf, forbidden, notFound, requireMembership } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { HeldTextNotice } from "~/components/HeldText";
import { heldPostFor } from "~/modules/drafts/held-posts.server";
import { keepingWhatWasTyped } from "~/utils/saving.server";

export const meta: MetaFunction = () => [{ title: "Panel reading – Practice Pathways" }];

async function gate(request: Request, panelId: string | undefined, enrolmentId: string | undefined) {
  const current = await requireMembership(request, { roles: ["programme_lead", "assessor"], employerOnly: true });
  const panel = await findPanel(current.active.organisationId, panelId);
  const found = panel?.panel.sample.find((c) => c.enrolmentId === enrolmentId);
  if (!panel || !found) notFound("That portfolio is not in this panel's sample.");
  return { current, panel, found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { current, panel, found } = await gate(request, params.panelId, params.enrolmentId);
  const [records, check] = await Promise.all([
    reviewRecords(found.enrolmentId, "final"),
    anonymisationCheck(found.enrolmentId),
  ]);
  const submission = [...records.submissions].sort((a, b) => b.number - a.number)[0];
  const decision = records.signoffs.find((s) => s.submissionId === submission?.id && s.step === "supervisor_decision");
  const { state, recorded, signed } = caseState(found.enrolmentId, panel.outcomes);
  // Blind and anonymised: the evidence exactly as the review named it, with the assessor's and
  // countersigner's names removed wherever they appear.
  const signers = records.signoffs.map((s) => s.signerName);
  const [read, versions] = await Promise.all([
    panelReading(found.enrolmentId, signers),
    versionsAt(found.enrolmentId, submission?.items ?? []),
  ]);
  return {
    panelId: panel.panel.id,
    panelName: panel.panel.name,
    learnerName: panel.names.get(found.enrolmentId) ?? "",
    recommendation: RECOMMENDATIONS[found.recommendation],
    assessorComments: decision ? read(decision.comments) : "",
    learnerComments: submission ? read(submission.learnerComments) : "",
    evidence: (submission?.items ?? []).map((i) => {
      const v = versions.find((x) => x.version.itemId === i.itemId)?.version;
      const at = { itemId: i.itemId, version: i.version };
      return {
        itemId: i.itemId,
        version: i.version,
        title: v ? read(v.title, at) : read(i.title),
        body: v ? read(v.body, at) : "",
        kindLabel: i.kind,
      };
    }),
    undecidedPassages: check.undecided,
    state,
    outcome: recorded
      ? {
          label: PANEL_OUTCOMES[recorded.outcome as PanelOutcome],
          reasons: recorded.reasons,
          extensionDays: recorded.extensionDays,
        }
      : null,
    signed: !!signed,
    finalElsewhere: panel.finalElsewhere.has(found.enrolmentId),
    isChair: panel.panel.chairId === current.user.id,
    held: await heldPostFor(request, current.user.id),
  };
}

/** A failed save gives the form back with what was typed (keepingWhatWasTyped). */
export async function action(args: ActionFunctionArgs) {
  return keepingWhatWasTyped(sendForm)(args);
}

async function sendForm({ request, params, context }: ActionFunctionArgs) {
  const { current, panel, found } = await gate(request, params.panelId, params.enrolmentId);
  const actor = actorOf(current, context);
  const formData = await request.formData();
  const here = `/organisation/panels/${panel.panel.id}/${found.enrolmentId}`;
  if (formData.get("intent") === "sign") {
    if (panel.panel.chairId !== current.user.id) forbidden("Only the panel's chair signs its outcomes.");
    const result = await chairSignOutcome(panel, found.enrolmentId, actor);
    if (!result.ok) return data({ errors: { form: result.message }, values: {} }, { status: 409 });
    const recorded = caseState(found.enrolmentId, panel.outcomes).recorded;
    const follow = result.certificateCode ? "&certified=1" : recorded?.outcome === "extension" ? "&extended=1" : "";
    throw redirect(`${here}?signed=1${follow}`);
  }
  const form = await parseSubmission(formData, panelOutcomeSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await recordPanelOutcome(
    panel,
    found.enrolmentId,
    actor,
    form.data.outcome,
    form.data.reasons,
    form.data.outcome === "extension" ? (form.data.extensionDays ?? null) : null,
  );
  if (!result.ok) return data({ errors: { form: result.message }, values: form.values }, { status: 409 });
  throw redirect(`${here}?recorded=1`);
}

export default function PanelCase() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const held = !actionData && page.held?.fields.intent === "record" ? page.held : null;
  const values = (actionData?.values ?? held?.fields) as Record<string, string> | undefined;
  const [params] = useSearchParams();
  return (
    <>
      <ErrorSummary errors={errors} />
      {held ? <HeldTextNotice held={held} /> : null}
      {params.get("recorded") ? (
        <Notification title="Outcome recorded">
          <p>It is final once the chair signs it.</p>
        </Notification>
      ) : null}
      {params.get("signed") ? (
        <Notification title="Outcome signed by the chair">
          <p>
            The outcome is final.
            {params.get("certified") ? " The NQSW's certificate has been issued and they can download it." : ""}
            {params.get("extended") ? " The year is extended: its end date and final assessment have moved." : ""}
          </p>
        </Notification>
      ) : null}
      <span className="caption">{page.panelName}</span>
      <h1>{page.learnerName}'s portfolio</h1>
      {page.undecidedPassages ? (
        <Notification title="Anonymisation check not finished" kind="information">
          <p>
            {page.undecidedPassages} passages have not been decided by the NQSW or assessor; the panel reads them
            redacted.
          </p>
        </Notification>
      ) : null}
      <h2>The assessor's recommendation</h2>
      <p>
        <strong>{page.recommendation}</strong>
      </p>
      {page.assessorComments ? <Prose text={page.assessorComments} /> : null}
      <h2>The NQSW's final comments</h2>
      <Prose text={page.learnerComments} />
      <h2>Evidence put forward ({page.evidence.length})</h2>
      {page.evidence.map((e) => (
        <section key={e.itemId} className="panel" aria-label={e.title}>
          <h3 className="heading-s">
            {e.title}{" "}
            <span className="secondary">
              ({e.kindLabel}, version {e.version})
            </span>
          </h3>
          <Prose text={e.body} />
        </section>
      ))}
      <h2>The panel's outcome</h2>
      {page.outcome ? (
        <>
          <p>
            <strong>{page.outcome.label}</strong> {page.signed ? <span className="tag tag--green">Final</span> : null}
          </p>
          {page.outcome.extensionDays ? <p>The year is extended by {page.outcome.extensionDays} days.</p> : null}
          {page.outcome.reasons ? <Prose text={page.outcome.reasons} /> : null}
          {page.state === "recorded" && page.isChair ? (
            <Form method="post">
              <input type="hidden" name="intent" value="sign" />
              <button type="submit" className="button">
                Sign the outcome as chair
              </button>
            </Form>
          ) : page.state === "recorded" ? (
            <p>Waiting for the chair to sign it.</p>
          ) : null}
        </>
      ) : page.finalElsewhere ? (
        <p>Another panel has already given this portfolio its final outcome.</p>
      ) : (
        <Form method="post" noValidate className="narrow">
          <input type="hidden" name="intent" value="record" />
          <RadioGroup
            name="outcome"
            legend="What does the panel decide?"
            error={errors?.outcome}
            defaultValue={values?.outcome}
            options={Object.entries(PANEL_OUTCOMES).map(([value, label]) => ({ value, label }))}
          />
          <TextAreaField
            name="reasons"
            label="Reasons"
            hint="Needed when the panel disagrees or extends the year."
            defaultValue={values?.reasons}
            error={errors?.reasons}
          />
          <TextField
            name="extensionDays"
            label="Days to extend the year by"
            hint="Only when the panel extends the year. The year's end and its final assessment move by this many days."
            inputMode="numeric"
            width="third"
            defaultValue={values?.extensionDays}
            error={errors?.extensionDays}
          />
          <button type="submit" className="button">
            Record the outcome
          </button>
        </Form>
      )}
      <p>
        <a href={`/organisation/panels/${page.panelId}`}>Back to the panel</a>
      </p>
    </>
  );
}
