import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { EvidenceForm } from "~/components/EvidenceForm";
import { discardDraft, loadDraft } from "~/modules/drafts/drafts.server";
import { heldPostFor } from "~/modules/drafts/held-posts.server";
import { HeldTextNotice } from "~/components/HeldText";
import { requirePortfolio } from "~/modules/portfolio/access.server";
import { describeBytes } from "~/modules/portfolio/files";
import { findEvidence, reviseEvidence } from "~/modules/portfolio/portfolio.server";
import { editablePart, KIND_LABELS } from "~/modules/portfolio/rules";
import { readEvidenceSubmission } from "~/modules/portfolio/submission.server";
import { forbidden, notFound } from "~/utils/auth.server";
import { requestDetails } from "~/utils/request.server";
import { refuse, saveOnce } from "~/utils/save-once.server";
import { keepingWhatWasTyped } from "~/utils/saving.server";

export const meta: MetaFunction = () => [{ title: "Edit evidence – Practice Pathways" }];

const formKey = (itemId: string) => `evidence-edit:${itemId}`;

async function gate(request: Request, enrolmentId: string | undefined, itemId: string | undefined, ip?: string) {
  const portfolio = await requirePortfolio(request, enrolmentId, ip);
  const item = await findEvidence(portfolio.enrolment.id, itemId);
  if (!item) notFound("We could not find that evidence.");
  if (editablePart(item, portfolio.party, portfolio.current.user.id) !== "all")
    forbidden("Only the person who wrote this evidence can change it.");
  return { ...portfolio, item };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { current, enrolment, learnerName, frameworks, item } = await gate(request, params.enrolmentId, params.itemId);
  const v = item.versions[0]!.version;
  const draft = await loadDraft(current.user.id, formKey(item.id));
  const held = await heldPostFor(request, current.user.id);
  const saved: Record<string, string | string[]> = {
    title: v.title,
    occurredOn: v.occurredOn,
    body: v.body,
    capabilities: v.capabilities,
  };
  for (const [k, value] of Object.entries(v.details)) saved[`details.${k}`] = value;
  return {
    enrolmentId: enrolment.id,
    itemId: item.id,
    learnerName,
    kind: item.kind,
    version: item.currentVersion,
    frameworks: frameworks.map(({ id, title, items, dates }) => ({ id, title, items, dates })),
    saved,
    files: item.files
      .filter((f) => v.fileIds.includes(f.id))
      .map((f) => ({ id: f.id, fileName: f.fileName, size: describeBytes(f.sizeBytes) })),
    ownerId: current.user.id,
    draft: draft ? { fields: draft.fields, savedAt: draft.updatedAt.toISOString() } : null,
    held,
    returnTo: `/year/${enrolment.id}/portfolio/${item.id}/edit`,
  };
}

/** A failed save gives the form back with what was typed (keepingWhatWasTyped). */
export async function action(args: ActionFunctionArgs) {
  return keepingWhatWasTyped(sendForm)(args);
}

async function sendForm({ request, params, context }: ActionFunctionArgs) {
  const { current, enrolment, item, codes, mappingProblem, actor } = await gate(
    request,
    params.enrolmentId,
    params.itemId,
    requestDetails(request, context).ipAddress,
  );
  const submission = await readEvidenceSubmission(request, item.kind, codes, mappingProblem);
  if (!submission.ok) return data({ errors: submission.errors, values: submission.values }, { status: 400 });
  const current_ = item.versions[0]!.version;
  // The learner's reflection on an observation is theirs: the observer's edit carries it over.
  const kept: Record<string, string> = current_.details.learnerReflection
    ? { learnerReflection: current_.details.learnerReflection }
    : {};
  const outcome = await saveOnce(request, submission.sent, current.user.id, async () => {
    const result = await reviseEvidence(
      enrolment.id,
      item.id,
      actor,
      submission.version ?? item.currentVersion,
      { ...submission.input, details: { ...submission.input.details, ...kept } },
      { addFile: submission.file, removeFileIds: submission.removeFileIds },
    );
    if (!result.ok) return refuse(data({ errors: { form: result.message }, values: {} }, { status: 409 }));
    await discardDraft(current.user.id, formKey(item.id));
    return `/year/${enrolment.id}/portfolio/${item.id}${result.changed ? "?saved=1" : ""}`;
  });
  if (!outcome.saved) return outcome.refusal;
  throw redirect(outcome.location);
}

export default function EditEvidence() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const held = actionData ? null : page.held;
  const values = actionData?.values ?? held?.fields ?? page.draft?.fields ?? page.saved;
  // Held text was written on the version then current: saving it says so, so that a change made since is not overwritten.
  const heldVersion = Number(held?.fields.version);
  return (
    <div className="narrow">
      {held ? <HeldTextNotice held={held} returnTo={page.returnTo} /> : null}
      <span className="caption">
        {page.learnerName} · {KIND_LABELS[page.kind]}
      </span>
      <h1>Edit evidence</h1>
      <p>
        Your change is saved as version {page.version + 1}. Version {page.version} and earlier stay as they are.
      </p>
      <EvidenceForm
        kind={page.kind}
        frameworks={page.frameworks}
        values={values}
        errors={actionData?.errors}
        submitLabel="Save as a new version"
        cancelHref={`/year/${page.enrolmentId}/portfolio/${page.itemId}`}
        files={page.files}
        version={Number.isInteger(heldVersion) && heldVersion > 0 ? heldVersion : page.version}
        draft={{
          formKey: formKey(page.itemId),
          ownerId: page.ownerId,
          savedAt: page.draft?.savedAt ?? null,
          restored: !!page.draft && !actionData && !held,
          returnTo: page.returnTo,
        }}
      />
    </div>
  );
}
