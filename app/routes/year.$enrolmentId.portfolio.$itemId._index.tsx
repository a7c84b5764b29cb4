import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
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
import {
  addFeedback,
  feedbackOn,
  findEvidence,
  recordRead,
  reviseEvidence,
} from "~/modules/portfolio/portfolio.server";
import { BODY_LABELS, editablePart, KIND_LABELS, shownDetails } from "~/modules/portfolio/rules";
import { feedbackSchema, reflectionSchema } from "~/modules/portfolio/reflection-form.server";
import { forbidden, notFound } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { requestDetails } from "~/utils/request.server";
import { refuse, saveOnce } from "~/utils/save-once.server";
import { SubmissionKey } from "~/components/SubmissionKey";
import { keepingWhatWasTyped } from "~/utils/saving.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} – Portfolio – Practice Pathways` : "Evidence – Practice Pathways" },
];

const formKey = (itemId: string) => `evidence-reflection:${itemId}`;

const ROLE_WORDS: Record<string, string> = {
  learner: "NQSW",
  supervisor: "practice supervisor",
  assessor: "assessor",
  team_manager: "team manager",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { current, enrolment, party, learnerName, programme, criteria } = await requirePortfolio(request, params.enrolmentId);
  const item = await findEvidence(enrolment.id, params.itemId);
  if (!item) notFound("We could not find that evidence.");
  const asked = Number(new URL(request.url).searchParams.get("version") ?? item.currentVersion);
  const shown = item.versions.find((v) => v.version.version === asked) ?? item.versions[0]!;
  const v = shown.version;
  const part = editablePart(item, party, current.user.id);
  const titles = capabilityTitles();
  const [draft, held, thread] = await Promise.all([
    part === "reflection" ? loadDraft(current.user.id, formKey(item.id)) : null,
    part === "reflection" ? heldPostFor(request, current.user.id) : null,
    feedbackOn(item.id),
    // Opening a version is reading it: the supervisor's "to read" counts versions not opened yet.
    party === "learner" ? null : recordRead(item.id, v.version, current.user.id),
  ]);
  return {
    enrolmentId: enrolment.id,
    itemId: item.id,
    learnerName,
    programme: programme.title,
    criteria,
    party,
    ownerId: current.user.id,
    kind: item.kind,
    kindLabel: KIND_LABELS[item.kind],
    title: v.title,
    occurredOn: format(parseISO(v.occurredOn), "d MMMM yyyy"),
    body: v.body,
    bodyLabel: BODY_LABELS[item.kind],
    details: shownDetails(item.kind, v.details),
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
    feedback: thread
      .filter((f) => f.version === v.version)
      .map((f) => ({
        id: f.id,
        body: f.body,
        by: f.authorName,
        role: ROLE_WORDS[f.authorRole] ?? f.authorRole,
        at: format(f.createdAt, "d MMM yyyy, HH:mm"),
      })),
    feedbackElsewhere: thread.filter((f) => f.version !== v.version).length,
    canGiveFeedback: party !== "programme_lead",
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
  const formData = await request.formData();
  if (formData.get("intent") === "feedback") {
    if (party === "programme_lead")
      forbidden("Feedback on evidence is between the learner and those who assess their year.");
    const form = await parseSubmission(formData, feedbackSchema);
    if (!form.ok) return data({ errors: form.errors, values: form.values, intent: "feedback" }, { status: 400 });
    const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
      const result = await addFeedback(enrolment.id, item.id, form.data.version, actor, form.data.feedback);
      if (!result.ok)
        return refuse(
          data(
            { errors: { feedback: result.message }, values: form.data as never, intent: "feedback" },
            { status: 409 },
          ),
        );
      return `/year/${enrolment.id}/portfolio/${item.id}?version=${form.data.version}&feedback=1#feedback-heading`;
    });
    if (!outcome.saved) return outcome.refusal;
    throw redirect(outcome.location);
  }
  if (editablePart(item, party, current.user.id) !== "reflection")
    forbidden("Only the learner adds their reflection to a direct observation.");
  const form = await parseSubmission(formData, reflectionSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values, intent: "reflection" }, { status: 400 });
  const current_ = item.versions[0]!.version;
  const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
    const result = await reviseEvidence(enrolment.id, item.id, actor, form.data.version, {
      title: current_.title,
      occurredOn: current_.occurredOn,
      body: current_.body,
      capabilities: current_.capabilities,
      details: { ...current_.details, learnerReflection: form.data.learnerReflection },
    });
    if (!result.ok)
      return refuse(
        data(
          { errors: { learnerReflection: result.message }, values: form.data as never, intent: "reflection" },
          { status: 409 },
        ),
      );
    await discardDraft(current.user.id, formKey(item.id));
    return `/year/${enrolment.id}/portfolio/${item.id}?reflected=1`;
  });
  if (!outcome.saved) return outcome.refusal;
  throw redirect(outcome.location);
}

function ReflectionForm({ page }: { page: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const sent = useActionData<typeof action>();
  // Only what came back from this form: the feedback form below has its own errors.
  const actionData = sent?.intent === "reflection" ? sent : undefined;
  const errors = actionData?.errors as Record<string, string> | undefined;
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
      <ErrorSummary errors={errors} />
      {held ? <HeldTextNotice held={held} returnTo={url} /> : null}
      {page.draft && !actionData && !held ? (
        <RestoredDraft formKey={formKey(page.itemId)} savedAt={page.draft.savedAt} returnTo={url} />
      ) : null}
      <h2 id="reflect-heading">{page.learnerReflection ? "Change your reflection" : "Add your reflection"}</h2>
      <Form method="post" noValidate {...keeper.formProps}>
        <SubmissionKey />
        <input type="hidden" name="intent" value="reflection" />
        <input type="hidden" name="version" value={held?.fields.version ?? page.currentVersion} />
        <TextAreaField
          name="learnerReflection"
          label="Your reflection on the observation"
          hint="What went well, what you would do differently, and what you take from the observer's feedback."
          rows={8}
          defaultValue={values.learnerReflection ?? page.learnerReflection ?? ""}
          error={errors?.learnerReflection}
        />
        <DraftStatus state={keeper.state} savedAt={keeper.savedAt} />
        <button type="submit" className="button">
          Save your reflection
        </button>
      </Form>
    </section>
  );
}

function FeedbackThread({ page }: { page: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const actionData = useActionData<typeof action>();
  const mine = actionData?.intent === "feedback" ? actionData : null;
  const values = (mine?.values ?? {}) as Record<string, string>;
  const errors = mine?.errors as Record<string, string> | undefined;
  const learner = page.party === "learner";
  return (
    <section aria-labelledby="feedback-heading">
      <h2 className="heading-m" id="feedback-heading">
        Feedback on version {page.version}
      </h2>
      {page.feedback.length ? (
        <ol className="plain-list feedback-thread">
          {page.feedback.map((f) => (
            <li key={f.id} className="feedback-thread__entry">
              <p className="secondary">
                {f.by}, {f.role}, {f.at}
              </p>
              <Prose text={f.body} />
            </li>
          ))}
        </ol>
      ) : (
        <p>No feedback on this version yet.</p>
      )}
      {page.feedbackElsewhere ? (
        <p className="secondary">
          {page.feedbackElsewhere} more {page.feedbackElsewhere === 1 ? "entry is" : "entries are"} on other versions.
        </p>
      ) : null}
      {page.canGiveFeedback ? (
        <>
          <ErrorSummary errors={errors} />
          <Form method="post" noValidate>
            <SubmissionKey />
            <input type="hidden" name="intent" value="feedback" />
            <input type="hidden" name="version" value={page.version} />
            <TextAreaField
              name="feedback"
              label={learner ? "Reply to the feedback" : "Your feedback on this version"}
              hint={
                learner
                  ? "Your supervisor reads your reply with the evidence."
                  : `${page.learnerName} is told and reads it with the evidence. It is kept with version ${page.version}.`
              }
              rows={5}
              defaultValue={values.feedback ?? ""}
              error={errors?.feedback}
            />
            <button type="submit" className="button button--secondary">
              {learner ? "Send your reply" : "Send feedback"}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}

export default function Evidence() {
  const page = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const base = `/year/${page.enrolmentId}/portfolio/${page.itemId}`;
  return (
    <>
      <YearNav enrolmentId={page.enrolmentId} label={`${page.learnerName}'s year`} criteria={page.criteria} writes={page.party === "learner"} />
      {params.get("added") ? (
        <Notification title="Evidence added">
          <p>
            It is version 1. Any change you make is saved as a new version, and the earlier ones are kept.{" "}
            <a href={`/year/${page.enrolmentId}/portfolio`}>Back to the portfolio</a>
          </p>
        </Notification>
      ) : null}
      {params.get("saved") ? (
        <Notification title={`Version ${page.currentVersion} saved`}>
          <p>The earlier versions are kept below.</p>
        </Notification>
      ) : null}
      {params.get("feedback") ? (
        <Notification title="Feedback sent">
          <p>It is kept with version {page.version} of this evidence.</p>
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
            This is an earlier version. <a href={base}>Read the current version ({page.currentVersion})</a>
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
          <a href={`${base}/edit`} className="button button--secondary">
            Edit<span className="visually-hidden"> {page.title}</span>
          </a>
        </p>
      ) : null}
      <FeedbackThread page={page} />
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
                  <a href={`${base}?version=${v.version}`}>Version {v.version}</a>
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
        <a href={`/year/${page.enrolmentId}/portfolio`}>Back to the portfolio</a>
      </p>
    </>
  );
}
