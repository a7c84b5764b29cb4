import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { format, parseISO } from "date-fns";
import { DraftStatus, RestoredDraft, useDraftKeeper } from "~/components/DraftKeeper";
import { HeldTextNotice } from "~/components/HeldText";
import { ErrorSummary, TextAreaField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { Prose } from "~/components/Prose";
import { YearNav } from "~/components/YearNav";
import { discardDraft, loadDraft } from "~/modules/drafts/drafts.server";
import { heldPostFor } from "~/modules/drafts/held-posts.server";
import { capabilityTitles } from "~/modules/programmes/catalogue.server";
import { requirePortfolio } from "~/modules/portfolio/access.server";
import { describeBytes } from "~/modules/portfolio/files";
import { findEvidence, judgementOf, reviseEvidence } from "~/modules/portfolio/portfolio.server";
import { BODY_LABELS, editablePart, JUDGEMENTS, KIND_DETAILS, KIND_LABELS } from "~/modules/portfolio/rules";
import { reflectionSchema } from "~/modules/portfolio/reflection-form.server";
import { forbidden, notFound } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { requestDetails } from "~/utils/request.server";
import { keepingWhatWasTyped } from "~/utils/saving.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} – Portfolio – Practice Pathways` : "Evidence – Practice Pathways" },
];

const formKey = (itemId: string) => `evidence-reflection:${itemId}`;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { current, enrolment, party, learnerName, programme } = await requirePortfolio(request, params.enrolmentId);
  const item = await findEvidence(enrolment.id, params.itemId);
  if (!item) notFound("We could not find that evidence.");
  const asked = Number(new URL(request.url).searchParams.get("version") ?? item.currentVersion);
  const shown = item.versions.find((v) => v.version.version === asked) ?? item.versions[0]!;
  const v = shown.version;
  const part = editablePart(item, party, current.user.id);
  const titles = capabilityTitles();
  const draft = part === "reflection" ? await loadDraft(current.user.id, formKey(item.id)) : null;
  const held = part === "reflection" ? await heldPostFor(request, current.user.id) : null;
  return {
    enrolmentId: enrolment.id,
    itemId: item.id,
    learnerName,
    programme: programme.title,
    party,
    ownerId: current.user.id,
    kind: item.kind,
    kindLabel: KIND_LABELS[item.kind],
    title: v.title,
    occurredOn: format(parseISO(v.occurredOn), "d MMMM yyyy"),
    body: v.body,
    bodyLabel: BODY_LABELS[item.kind],
    details: KIND_DETAILS[item.kind]
      .filter((f) => v.details[f.name])
      .map((f) => ({
        label: f.label,
        value:
          f.choices === "judgement" ? (JUDGEMENTS[judgementOf(v.details)!] ?? v.details[f.name]!) : v.details[f.name]!,
      })),
    learnerReflection: v.details.learnerReflection ?? null,
    capabilities: v.capabilities.map((code) => ({ code, title: titles.get(code) ?? code })),
    files: item.files
      .filter((f) => v.fileIds.includes(f.id))
      .map((f) => ({ id: f.id, fileName: f.fileName, size: describeBytes(f.sizeBytes) })),
    author: { name: item.authorName, role: item.createdByRole },
    version: v.version,
    currentVersion: item.currentVersion,
    isCurrent: v.version === item.currentVersion,
    versions: item.versions.map(({ version, editorName }) => ({
      version: version.version,
      savedAt: format(version.createdAt, "d MMM yyyy, HH:mm"),
      by: editorName,
      hash: version.contentHash.slice(0, 12),
    })),
    canEdit: part === "all",
    canReflect: part === "reflection",
    draft: draft ? { fields: draft.fields, savedAt: draft.updatedAt.toISOString() } : null,
    held,
  };
}

/** A failed save gives the form back with what was typed (keepingWhatWasTyped). */
export async function action(args: ActionFunctionArgs) {
  return keepingWhatWasTyped(sendForm)(args);
}

async function sendForm({ request, params, context }: ActionFunctionArgs) {
  const { current, enrolment, party, actor } = await requirePortfolio(
    request,
    params.enrolmentId,
    requestDetails(request, context).ipAddress,
  );
  const item = await findEvidence(enrolment.id, params.itemId);
  if (!item) notFound("We could not find that evidence.");
  if (editablePart(item, party, current.user.id) !== "reflection")
    forbidden("Only the learner adds their reflection to a direct observation.");
  const form = await parseSubmission(await request.formData(), reflectionSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const current_ = item.versions[0]!.version;
  const result = await reviseEvidence(enrolment.id, item.id, actor, form.data.version, {
    title: current_.title,
    occurredOn: current_.occurredOn,
    body: current_.body,
    capabilities: current_.capabilities,
    details: { ...current_.details, learnerReflection: form.data.learnerReflection },
  });
  if (!result.ok)
    return data({ errors: { learnerReflection: result.message }, values: form.data as never }, { status: 409 });
  await discardDraft(current.user.id, formKey(item.id));
  throw redirect(`/year/${enrolment.id}/portfolio/${item.id}?reflected=1`);
}

function ReflectionForm({ page }: { page: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const actionData = useActionData<typeof action>();
  const keeper = useDraftKeeper({
    formKey: formKey(page.itemId),
    ownerId: page.ownerId,
    serverSavedAt: page.draft?.savedAt ?? null,
  });
  const held = actionData ? null : page.held;
  const values = (actionData?.values ?? held?.fields ?? page.draft?.fields ?? {}) as Record<string, string>;
  const url = `/year/${page.enrolmentId}/portfolio/${page.itemId}`;
  return (
    <section aria-labelledby="reflect-heading">
      <ErrorSummary errors={actionData?.errors} />
      {held ? <HeldTextNotice held={held} returnTo={url} /> : null}
      {page.draft && !actionData && !held ? (
        <RestoredDraft formKey={formKey(page.itemId)} savedAt={page.draft.savedAt} returnTo={url} />
      ) : null}
      <h2 id="reflect-heading">{page.learnerReflection ? "Change your reflection" : "Add your reflection"}</h2>
      <Form method="post" noValidate {...keeper.formProps}>
        <input type="hidden" name="version" value={held?.fields.version ?? page.currentVersion} />
        <TextAreaField
          name="learnerReflection"
          label="Your reflection on the observation"
          hint="What went well, what you would do differently, and what you take from the observer's feedback."
          rows={8}
          defaultValue={values.learnerReflection ?? page.learnerReflection ?? ""}
          error={actionData?.errors?.learnerReflection}
        />
        <DraftStatus state={keeper.state} savedAt={keeper.savedAt} />
        <button type="submit" className="button">
          Save your reflection
        </button>
      </Form>
    </section>
  );
}

export default function Evidence() {
  const page = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const base = `/year/${page.enrolmentId}/portfolio/${page.itemId}`;
  return (
    <>
      <YearNav enrolmentId={page.enrolmentId} label={`${page.learnerName}'s year`} />
      {params.get("added") ? (
        <Notification title="Evidence added">
          <p>
            It is version 1. Any change you make is saved as a new version, and the earlier ones are kept.{" "}
            <Link to={`/year/${page.enrolmentId}/portfolio`}>Back to the portfolio</Link>
          </p>
        </Notification>
      ) : null}
      {params.get("saved") ? (
        <Notification title={`Version ${page.currentVersion} saved`}>
          <p>The earlier versions are kept below.</p>
        </Notification>
      ) : null}
      {params.get("reflected") ? (
        <Notification title="Reflection saved">
          <p>Your supervisor can read it with the observation.</p>
        </Notification>
      ) : null}
      <span className="caption">
        {page.learnerName} · {page.kindLabel}
      </span>
      <h1>{page.title}</h1>
      {!page.isCurrent ? (
        <Notification title={`You are reading version ${page.version}`} kind="information">
          <p>
            This is an earlier version. <Link to={base}>Read the current version ({page.currentVersion})</Link>
          </p>
        </Notification>
      ) : null}
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Date</dt>
          <dd>{page.occurredOn}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{page.kind === "direct_observation" ? "Observer" : "Added by"}</dt>
          <dd>
            {page.author.name}
            {page.author.role === "assessor"
              ? " (assessor)"
              : page.author.role === "supervisor"
                ? " (practice supervisor)"
                : ""}
          </dd>
        </div>
        {page.details.map((d) => (
          <div className="summary-list__row" key={d.label}>
            <dt>{d.label}</dt>
            <dd>{d.value}</dd>
          </div>
        ))}
        <div className="summary-list__row">
          <dt>Capabilities</dt>
          <dd>
            <ul className="plain-list">
              {page.capabilities.map((c) => (
                <li key={c.code}>
                  <span className="capabilities__code">{c.code}</span> {c.title}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Version</dt>
          <dd>
            {page.version} of {page.currentVersion}
          </dd>
        </div>
      </dl>
      <h2 className="heading-m">{page.bodyLabel[0]!.toUpperCase() + page.bodyLabel.slice(1)}</h2>
      <Prose text={page.body} />
      {page.files.length ? (
        <>
          <h2 className="heading-m">Files</h2>
          <ul className="plain-list">
            {page.files.map((f) => (
              <li key={f.id}>
                <a href={`${base}/files/${f.id}`} download>
                  {f.fileName}
                </a>{" "}
                <span className="secondary">({f.size})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {page.kind === "direct_observation" ? (
        page.canReflect && page.isCurrent ? (
          <>
            {page.learnerReflection ? (
              <>
                <h2 className="heading-m">Your reflection</h2>
                <Prose text={page.learnerReflection} />
              </>
            ) : null}
            <ReflectionForm page={page} />
          </>
        ) : (
          <>
            <h2 className="heading-m">{page.learnerName}'s reflection</h2>
            {page.learnerReflection ? <Prose text={page.learnerReflection} /> : <p>Not added yet.</p>}
          </>
        )
      ) : null}
      {page.canEdit && page.isCurrent ? (
        <p>
          <Link to={`${base}/edit`} className="button button--secondary">
            Edit<span className="visually-hidden"> {page.title}</span>
          </Link>
        </p>
      ) : null}
      <h2 className="heading-m">Versions</h2>
      <table className="table">
        <caption className="visually-hidden">Every version of this evidence, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Saved</th>
            <th scope="col">By</th>
            <th scope="col">Fingerprint</th>
          </tr>
        </thead>
        <tbody>
          {page.versions.map((v) => (
            <tr key={v.version}>
              <td>
                {v.version === page.version ? (
                  <strong>Version {v.version} (shown)</strong>
                ) : (
                  <Link to={`${base}?version=${v.version}`}>Version {v.version}</Link>
                )}
              </td>
              <td>{v.savedAt}</td>
              <td>{v.by}</td>
              <td>
                <code>{v.hash}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <Link to={`/year/${page.enrolmentId}/portfolio`}>Back to the portfolio</Link>
      </p>
    </>
  );
}
