import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { format, parseISO } from "date-fns";
import { ErrorSummary, RadioGroup, TextAreaField, TextField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { SubmissionKey } from "~/components/SubmissionKey";
import { requireIndependentAssessor } from "~/modules/assessment/access.server";
import { recordCriterionDecision, recordOutcome, submissionForAssessor } from "~/modules/assessment/assessment.server";
import { decisionSchema, outcomeSchema } from "~/modules/assessment/assessment-forms.server";
import { criteriaOf, OUTCOMES } from "~/modules/assessment/criteria";
import { filesOfItems, versionsAt } from "~/modules/portfolio/portfolio.server";
import { describeBytes } from "~/modules/portfolio/files";
import { KIND_LABELS, shownDetails, type EvidenceKind } from "~/modules/portfolio/rules";
import { actorOf, notFound } from "~/utils/auth.server";
import { englandDateTime } from "~/utils/england";
import { parseSubmission } from "~/utils/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Assess ${data.candidateName} – Practice Pathways` : "Assess – Practice Pathways" },
];

const NOT_YOURS = "We could not find that submission: you see only the submissions of candidates appointed to you.";

/** One submitted portfolio, exactly as submitted, for its appointed independent assessor only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireIndependentAssessor(request);
  const found = await submissionForAssessor(params.submissionId, current.user.id, current.active.organisationId);
  if (!found) notFound(NOT_YOURS);
  const { submission, programme } = found;
  const [versions, files] = await Promise.all([
    versionsAt(
      found.enrolment.id,
      submission.items.map((i) => ({ itemId: i.itemId, version: i.version })),
    ),
    filesOfItems(
      found.enrolment.id,
      submission.items.map((i) => i.itemId),
    ),
  ]);
  const criteria = criteriaOf(programme).filter((c) => submission.criteria.includes(c.code));
  const earlier = found.previous.at(-1) ?? null;
  return {
    submissionId: submission.id,
    candidateName: found.candidateName,
    programmeTitle: programme.title,
    number: submission.number,
    submittedAt: englandDateTime(submission.submittedAt),
    hash: submission.contentHash,
    confirmation: submission.confirmation && {
      by: submission.confirmation.name,
      at: englandDateTime(submission.confirmation.c.at),
      comments: submission.confirmation.c.comments,
    },
    decidable: found.isLatest && !submission.outcome,
    outcome: submission.outcome && {
      label: OUTCOMES[submission.outcome.o.outcome],
      plan: submission.outcome.o.developmentPlan,
      resubmitBy: submission.outcome.o.resubmitBy ? format(parseISO(submission.outcome.o.resubmitBy), "d MMMM yyyy") : null,
    },
    criteria: criteria.map((c) => {
      const decision = submission.decisions.find((d) => d.d.criterionCode === c.code);
      const before = earlier?.decisions.find((d) => d.d.criterionCode === c.code);
      return {
        code: c.code,
        criterion: c.criterion,
        statement: submission.statements.find((s) => s.code === c.code)?.body ?? "",
        evidence: submission.items.filter((i) => i.criteria.includes(c.code)).map((i) => i.itemId),
        decision: decision ? { met: decision.d.met, feedback: decision.d.feedback, at: englandDateTime(decision.d.at) } : null,
        before: before ? { met: before.d.met, feedback: before.d.feedback } : null,
      };
    }),
    evidence: submission.items.map((i, n) => {
      const v = versions.find((x) => x.version.itemId === i.itemId && x.version.version === i.version)?.version;
      return {
        id: i.itemId,
        number: n + 1,
        title: i.title,
        kind: KIND_LABELS[i.kind as keyof typeof KIND_LABELS] ?? i.kind,
        version: i.version,
        occurredOn: v ? format(parseISO(v.occurredOn), "d MMMM yyyy") : "",
        body: v?.body ?? "",
        details: v ? shownDetails(i.kind as EvidenceKind, v.details) : [],
        // Only the files the submitted version carried.
        files: files
          .filter((f) => f.itemId === i.itemId && !!v?.fileIds.includes(f.id))
          .map((f) => ({ href: `/assessing/${submission.id}/files/${i.itemId}/${f.id}`, name: f.fileName, size: describeBytes(f.sizeBytes) })),
        criteria: i.criteria.join(", "),
      };
    }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const current = await requireIndependentAssessor(request);
  const found = await submissionForAssessor(params.submissionId, current.user.id, current.active.organisationId);
  if (!found) notFound(NOT_YOURS);
  const formData = await request.formData();
  const actor = actorOf(current, context);
  const here = `/assessing/${found.submission.id}`;
  if (formData.get("intent") === "outcome") {
    const form = await parseSubmission(formData, outcomeSchema);
    if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
    const done = await recordOutcome(found.submission.id, actor, {
      outcome: form.data.outcome,
      developmentPlan: form.data.developmentPlan,
      resubmitBy: form.data.resubmitBy ?? null,
    });
    if (!done.ok) return data({ errors: { [done.field ?? "outcome"]: done.message }, values: form.values }, { status: 409 });
    throw redirect(`${here}?outcome=1`);
  }
  const form = await parseSubmission(formData, decisionSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const done = await recordCriterionDecision(found.submission.id, actor, {
    code: form.data.code,
    met: form.data.met === "met",
    feedback: form.data.feedback,
  });
  if (!done.ok) return data({ errors: { [done.field ?? "met"]: done.message }, values: form.values }, { status: 409 });
  throw redirect(`${here}?decided=${encodeURIComponent(form.data.code)}#criteria-heading`);
}

export default function AssessSubmission() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = actionData?.values as Record<string, string> | undefined;
  const undecided = page.criteria.filter((c) => !c.decision);
  const chosen =
    page.criteria.find((c) => c.code === (values?.code ?? params.get("criterion")) && !c.decision) ?? undecided[0] ?? null;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <a href="/assessing">Assessing</a>
          </li>
        </ol>
      </nav>
      <ErrorSummary errors={errors} />
      {params.get("decided") ? <Notification title={`${params.get("decided")} recorded`}>
          <p>Your decision is kept as recorded, naming this submission.</p>
        </Notification> : null}
      {params.get("outcome") ? <Notification title="Outcome recorded">
          <p>The candidate sees it on their assessment page.</p>
        </Notification> : null}
      <span className="caption">
        {page.programmeTitle} · submission {page.number}, {page.submittedAt}
      </span>
      <h1>Assess {page.candidateName}</h1>
      <p className="hint">
        You are reading exactly the version submitted (content hash <code>{page.hash.slice(0, 12)}</code>); your
        decisions name it and cannot be changed once recorded.
        {page.confirmation ? ` Practice claims confirmed by ${page.confirmation.by}, line manager, ${page.confirmation.at}.` : ""}
      </p>
      {page.outcome ? (
        <Notification title={`Outcome: ${page.outcome.label}`} kind="information">
          {page.outcome.resubmitBy ? <p>Resubmit by {page.outcome.resubmitBy}.</p> : null}
          {page.outcome.plan ? <p>{page.outcome.plan}</p> : null}
        </Notification>
      ) : null}

      <h2 id="criteria-heading">Criteria</h2>
      <table className="table">
        <caption className="visually-hidden">Each criterion with the candidate's statement and your decision</caption>
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col">Statement and evidence</th>
            <th scope="col">Decision</th>
          </tr>
        </thead>
        <tbody>
          {page.criteria.map((c) => (
            <tr key={c.code}>
              <th scope="row">
                <span className="capabilities__code">{c.code}</span> {c.criterion}
              </th>
              <td>
                <p>{c.statement}</p>
                <p className="hint">
                  Evidence:{" "}
                  {c.evidence
                    .map((id) => page.evidence.find((e) => e.id === id))
                    .map((e) => (e ? `${e.number}. ${e.title}` : ""))
                    .join("; ")}
                </p>
                {c.before ? (
                  <p className="hint">
                    Last time: {c.before.met ? "met" : "not yet met"}. {c.before.feedback}
                  </p>
                ) : null}
              </td>
              <td>
                {c.decision ? (
                  <>
                    {c.decision.met ? <span className="tag tag--green">Met</span> : <span className="tag tag--yellow">Not yet met</span>}
                    <span className="block">{c.decision.feedback}</span>
                  </>
                ) : page.decidable ? (
                  <a href={`?criterion=${encodeURIComponent(c.code)}#decide-heading`}>Decide {c.code}</a>
                ) : (
                  <span className="hint">Not decided</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {page.decidable && chosen ? (
        <section className="panel narrow" aria-labelledby="decide-heading">
          <h2 id="decide-heading">Decide {chosen.code}</h2>
          <p>{chosen.criterion}</p>
          <Form method="post" noValidate key={chosen.code}>
            <SubmissionKey />
            <input type="hidden" name="intent" value="criterion" />
            <input type="hidden" name="code" value={chosen.code} />
            <RadioGroup
              name="met"
              legend={`Is ${chosen.code} met?`}
              error={errors?.met}
              defaultValue={values?.met}
              options={[
                { value: "met", label: "Met" },
                { value: "not_met", label: "Not yet met" },
              ]}
            />
            <TextAreaField
              name="feedback"
              label="Feedback"
              hint="What the evidence shows, and for not yet met, what is missing."
              defaultValue={values?.feedback}
              error={errors?.feedback}
            />
            <button type="submit" className="button">
              Record the decision on {chosen.code}
            </button>
          </Form>
        </section>
      ) : null}

      {page.decidable && !undecided.length ? (
        <section className="panel narrow" aria-labelledby="outcome-heading">
          <h2 id="outcome-heading">Overall outcome</h2>
          <Form method="post" noValidate>
            <SubmissionKey />
            <input type="hidden" name="intent" value="outcome" />
            <RadioGroup
              name="outcome"
              legend="What is the outcome?"
              error={errors?.outcome}
              defaultValue={values?.outcome}
              options={[
                { value: "achieved", label: OUTCOMES.achieved, hint: "Every criterion is met: the certificate is issued." },
                {
                  value: "not_yet_achieved",
                  label: OUTCOMES.not_yet_achieved,
                  hint: "With a development plan and a date to resubmit by.",
                },
                { value: "referred", label: OUTCOMES.referred, hint: "To the programme lead, with your reasons." },
              ]}
            />
            <TextAreaField
              name="developmentPlan"
              label="Development plan, or reasons for referral"
              hint="Needed for not yet achieved and for referred."
              defaultValue={values?.developmentPlan}
              error={errors?.developmentPlan}
            />
            <TextField
              name="resubmitBy"
              label="Resubmit by (for not yet achieved)"
              type="date"
              width="third"
              defaultValue={values?.resubmitBy}
              error={errors?.resubmitBy}
            />
            <button type="submit" className="button">
              Record the outcome
            </button>
          </Form>
        </section>
      ) : null}

      <h2>Evidence, as submitted</h2>
      {page.evidence.map((e) => (
        <section key={e.id} className="panel" aria-labelledby={`evidence-${e.id}`}>
          <h3 id={`evidence-${e.id}`} className="heading-s">
            {e.number}. {e.title}
          </h3>
          <p className="hint">
            {e.kind} · {e.occurredOn} · version {e.version} · mapped to {e.criteria}
            {e.files.length ? ` · ${e.files.length} ${e.files.length === 1 ? "file" : "files"} attached` : ""}
          </p>
          {e.details.map((d) => (
            <p key={d.label}>
              <strong>{d.label}:</strong> {d.value}
            </p>
          ))}
          <p className="prose-text">{e.body}</p>
          {e.files.length ? (
            <ul className="plain-list">
              {e.files.map((f) => (
                <li key={f.href}>
                  <a href={f.href}>
                    {f.name} ({f.size})
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}
    </>
  );
}
