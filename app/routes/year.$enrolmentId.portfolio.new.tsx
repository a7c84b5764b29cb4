import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { EvidenceForm } from "~/components/EvidenceForm";
import { ErrorSummary, RadioGroup } from "~/components/forms";
import { discardDraft, loadDraft } from "~/modules/drafts/drafts.server";
import { heldPostFor } from "~/modules/drafts/held-posts.server";
import { HeldTextNotice } from "~/components/HeldText";
import { requirePortfolio } from "~/modules/portfolio/access.server";
import { createEvidence } from "~/modules/portfolio/portfolio.server";
import { EVIDENCE_KINDS, KIND_HINTS, KIND_LABELS, type EvidenceKind } from "~/modules/portfolio/rules";
import { readEvidenceSubmission } from "~/modules/portfolio/submission.server";
import { requestDetails } from "~/utils/request.server";
import { englandDay } from "~/utils/england";
import { forbidden } from "~/utils/auth.server";
import { savedOnce } from "~/utils/save-once.server";
import { keepingWhatWasTyped } from "~/utils/saving.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.kind ? `${KIND_LABELS[data.kind]} – Practice Pathways` : "Add evidence – Practice Pathways" },
];

function kindFrom(request: Request): EvidenceKind | null {
  const kind = new URL(request.url).searchParams.get("kind");
  return (EVIDENCE_KINDS as readonly string[]).includes(kind ?? "") ? (kind as EvidenceKind) : null;
}

async function gate(request: Request, enrolmentId: string | undefined, ipAddress?: string) {
  const portfolio = await requirePortfolio(request, enrolmentId, ipAddress);
  if (!portfolio.writable.length)
    forbidden("The programme lead and the team manager read the portfolio; the learner and their supervisor write it.");
  const kind = kindFrom(request);
  if (kind && !portfolio.writable.includes(kind))
    forbidden(
      kind === "direct_observation"
        ? "A direct observation is recorded by the observer: the practice supervisor or assessor."
        : `${KIND_LABELS[kind]} is written by the learner.`,
    );
  return { ...portfolio, kind };
}

const formKey = (enrolmentId: string, kind: EvidenceKind) => `evidence-new:${enrolmentId}:${kind}`;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { current, enrolment, learnerName, party, frameworks, writable, kind } = await gate(
    request,
    params.enrolmentId,
  );
  const draft = kind ? await loadDraft(current.user.id, formKey(enrolment.id, kind)) : null;
  const held = kind ? await heldPostFor(request, current.user.id) : null;
  return {
    enrolmentId: enrolment.id,
    learnerName,
    party,
    kind,
    kinds: writable.map((k) => ({ value: k, label: KIND_LABELS[k], hint: KIND_HINTS[k] })),
    frameworks: frameworks.map(({ id, title, items, dates }) => ({ id, title, items, dates })),
    today: englandDay(),
    ownerId: current.user.id,
    draft: draft ? { fields: draft.fields, savedAt: draft.updatedAt.toISOString() } : null,
    held,
    returnTo: new URL(request.url).pathname + new URL(request.url).search,
  };
}

/** A failed save gives the form back with what was typed (keepingWhatWasTyped). */
export async function action(args: ActionFunctionArgs) {
  return keepingWhatWasTyped(sendForm)(args);
}

async function sendForm({ request, params, context }: ActionFunctionArgs) {
  const { enrolment, kind, codes, mappingProblem, actor, current } = await gate(
    request,
    params.enrolmentId,
    requestDetails(request, context).ipAddress,
  );
  if (!kind) throw data({ message: "Choose the kind of evidence first." }, { status: 400 });
  const submission = await readEvidenceSubmission(request, kind, codes, mappingProblem);
  if (!submission.ok) return data({ errors: submission.errors, values: submission.values }, { status: 400 });
  const location = await savedOnce(request, submission.sent, current.user.id, async () => {
    const item = await createEvidence(enrolment.id, actor, kind, submission.input, submission.file);
    await discardDraft(current.user.id, formKey(enrolment.id, kind));
    return `/year/${enrolment.id}/portfolio/${item!.id}?added=1`;
  });
  throw redirect(location);
}

export default function NewEvidence() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const back = `/year/${page.enrolmentId}/portfolio`;
  if (!page.kind) {
    return (
      <div className="narrow">
        <ErrorSummary />
        <span className="caption">{page.learnerName}</span>
        <h1>Add evidence</h1>
        <Form method="get">
          <RadioGroup
            name="kind"
            legend="What kind of evidence is it?"
            options={page.kinds}
            defaultValue={page.kinds[0]?.value}
          />
          <div className="button-group">
            <button type="submit" className="button">
              Continue
            </button>
            <a href={back}>Cancel</a>
          </div>
        </Form>
      </div>
    );
  }
  const held = actionData ? null : page.held;
  const values = actionData?.values ?? held?.fields ?? page.draft?.fields ?? { occurredOn: page.today };
  return (
    <div className="narrow">
      {held ? <HeldTextNotice held={held} returnTo={page.returnTo} /> : null}
      <span className="caption">{page.learnerName}</span>
      <h1>{page.kind === "direct_observation" ? "Record a direct observation" : KIND_LABELS[page.kind]}</h1>
      <EvidenceForm
        key={page.kind}
        kind={page.kind}
        frameworks={page.frameworks}
        values={values}
        errors={actionData?.errors}
        submitLabel={page.kind === "direct_observation" ? "Save the observation" : "Add to the portfolio"}
        cancelHref={back}
        draft={{
          formKey: `evidence-new:${page.enrolmentId}:${page.kind}`,
          ownerId: page.ownerId,
          savedAt: page.draft?.savedAt ?? null,
          restored: !!page.draft && !actionData && !held,
          returnTo: page.returnTo,
        }}
      />
    </div>
  );
}
