import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { format, parseISO } from "date-fns";
import { DraftStatus, RestoredDraft, useDraftKeeper } from "~/components/DraftKeeper";
import { CheckboxField, ErrorSummary, TextAreaField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { SubmissionKey } from "~/components/SubmissionKey";
import { YearNav } from "~/components/YearNav";
import { requireCandidateAccess } from "~/modules/assessment/access.server";
import {
  candidateRecord,
  confirmSubmission,
  saveStatement,
  standingOf,
  submitForAssessment,
} from "~/modules/assessment/assessment.server";
import { confirmSchema, intentSchema, statementsSchema } from "~/modules/assessment/assessment-forms.server";
import { CONFIRMATION_DECLARATION, OUTCOMES, submitProblem } from "~/modules/assessment/criteria";
import { statementsDraftKey } from "~/modules/drafts/drafts";
import { discardDraft, loadDraft } from "~/modules/drafts/drafts.server";
import { listEvidence } from "~/modules/portfolio/portfolio.server";
import { KIND_LABELS } from "~/modules/portfolio/rules";
import { actorOf } from "~/utils/auth.server";
import { englandDateTime } from "~/utils/england";
import { parseSubmission } from "~/utils/forms.server";
import { keepingWhatWasTyped } from "~/utils/saving.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Assessment – ${data.learnerName} – Practice Pathways` : "Assessment – Practice Pathways" },
];

const day = (iso: string) => format(parseISO(iso), "d MMMM yyyy");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { current, enrolment, programme, party, signsAs, learnerName, teamManagerName } = await requireCandidateAccess(
    request,
    params.enrolmentId,
  );
  const [evidence, record, draft] = await Promise.all([
    listEvidence(enrolment.id),
    candidateRecord(enrolment.id),
    party === "learner" ? loadDraft(current.user.id, statementsDraftKey(enrolment.id)) : null,
  ]);
  const standing = standingOf(programme, record, evidence);
  const latest = record.history.at(-1) ?? null;
  const decided = [...record.history].reverse().find((h) => h.outcome) ?? null;
  const number = new Map([...evidence].reverse().map((e, i) => [e.id, i + 1]));
  const canSubmit =
    party === "learner" &&
    !submitProblem({ criteria: standing.criteria, evidence, statements: standing.statements, stage: standing.stage });
  return {
    enrolmentId: enrolment.id,
    learnerName,
    party,
    ownerId: current.user.id,
    programme: {
      title: programme.title,
      awardNote: programme.awardNote ?? null,
      // CP lead's shared sessions with police, health and education (ADR 026): attendance is evidence.
      sharedSessions: programme.sharedSessions ? programme.sharedSessions.evidences.join(", ") : null,
    },
    lineManagerName: teamManagerName,
    next: standing.text,
    stage: standing.stage,
    canSubmit,
    draft: draft ? { fields: draft.fields, savedAt: draft.updatedAt.toISOString() } : null,
    criteria: standing.criteria.map((c) => {
      const decision = decided?.decisions.find((d) => d.d.criterionCode === c.code) ?? null;
      return {
        code: c.code,
        criterion: c.criterion,
        evidenceHint: c.evidence ?? null,
        moduleTitle: c.moduleTitle,
        statement: standing.statements.get(c.code) ?? "",
        evidence: evidence
          .filter((e) => e.capabilities.includes(c.code))
          .map((e) => ({ id: e.id, number: number.get(e.id)!, title: e.title, kind: KIND_LABELS[e.kind] })),
        decision: decision && { met: decision.d.met, feedback: decision.d.feedback, submission: decided!.number },
      };
    }),
    evidenceCount: evidence.length,
    assessor: record.appointment
      ? { name: record.appointment.assessorName, accepted: !!record.appointment.acceptedAt }
      : null,
    // The line manager confirms the latest submission, exactly as submitted (its hash).
    toConfirm:
      signsAs === "team_manager" && latest && !latest.confirmation && !latest.outcome
        ? { id: latest.id, number: latest.number, hash: latest.contentHash }
        : null,
    history: [...record.history].reverse().map((h) => ({
      number: h.number,
      submittedAt: englandDateTime(h.submittedAt),
      hash: h.contentHash,
      items: h.items.map((i) => ({ title: i.title, version: i.version, criteria: i.criteria.join(", ") })),
      confirmation: h.confirmation && { by: h.confirmation.name, at: englandDateTime(h.confirmation.c.at) },
      decisions: h.decisions.map((d) => ({
        code: d.d.criterionCode,
        met: d.d.met,
        feedback: d.d.feedback,
        by: d.name,
        at: englandDateTime(d.d.at),
      })),
      outcome: h.outcome && {
        label: OUTCOMES[h.outcome.o.outcome],
        outcome: h.outcome.o.outcome,
        plan: h.outcome.o.developmentPlan,
        resubmitBy: h.outcome.o.resubmitBy ? day(h.outcome.o.resubmitBy) : null,
        by: h.outcome.name,
        at: englandDateTime(h.outcome.o.at),
      },
    })),
    certificate: record.certificate ? { code: record.certificate.code } : null,
  };
}

/** A failed save gives the form back with what was typed (keepingWhatWasTyped). */
export async function action(args: ActionFunctionArgs) {
  return keepingWhatWasTyped(sendForm)(args);
}

async function sendForm({ request, params, context }: ActionFunctionArgs) {
  const { current, enrolment, programme, party, signsAs } = await requireCandidateAccess(request, params.enrolmentId);
  const formData = await request.formData();
  const intent = await parseSubmission(formData, intentSchema);
  if (!intent.ok) return data({ errors: intent.errors, values: intent.values }, { status: 400 });
  const here = `/assessment/${enrolment.id}`;
  if (intent.data.intent === "confirm") {
    if (signsAs !== "team_manager")
      throw data({ message: "The candidate's line manager confirms their practice claims." }, { status: 403 });
    const form = await parseSubmission(formData, confirmSchema);
    if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
    const done = await confirmSubmission(
      enrolment.id,
      form.data.submissionId,
      form.data.hash,
      actorOf(current, context, { role: "team_manager", organisationId: enrolment.organisationId }),
      form.data.comments,
    );
    if (!done.ok) return data({ errors: { declare: done.message }, values: form.values }, { status: 409 });
    throw redirect(`${here}?confirmed=1`);
  }
  if (party !== "learner") throw data({ message: "The candidate writes and submits their portfolio." }, { status: 403 });
  const actor = actorOf(current, context, { role: "learner", organisationId: enrolment.organisationId });
  if (intent.data.intent === "statements") {
    const codes = programme.modules.flatMap((m) => (m.assessmentCriteria ?? []).map((c) => c.code));
    const form = await parseSubmission(formData, statementsSchema(codes));
    if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
    for (const code of codes) {
      const body = (form.data as Record<string, string>)[`statement-${code}`] ?? "";
      const saved = await saveStatement(enrolment.id, actor, code, body);
      if (!saved.ok) return data({ errors: { [`statement-${code}`]: saved.message }, values: form.values }, { status: 400 });
    }
    await discardDraft(current.user.id, statementsDraftKey(enrolment.id));
    throw redirect(`${here}?saved=1#statements-heading`);
  }
  const submitted = await submitForAssessment(enrolment.id, actor);
  if (!submitted.ok) return data({ errors: { submit: submitted.message }, values: {} }, { status: 409 });
  throw redirect(`${here}?submitted=${submitted.number}`);
}

export default function CandidateAssessment() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const own = page.party === "learner";
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = (actionData?.values ?? page.draft?.fields) as Record<string, string> | undefined;
  const keeper = useDraftKeeper({
    formKey: `criterion-statements:${page.enrolmentId}`,
    ownerId: page.ownerId,
    serverSavedAt: page.draft?.savedAt ?? null,
  });
  return (
    <>
      <YearNav enrolmentId={page.enrolmentId} label={`${page.learnerName}'s assessment`} criteria writes={own} />
      <ErrorSummary errors={errors} />
      {params.get("submitted") ? (
        <Notification title={`Submission ${params.get("submitted")} sent`}>
          <p>
            Your line manager confirms your practice claims, then your independent assessor reads exactly this version.
          </p>
        </Notification>
      ) : null}
      {params.get("saved") ? <Notification title="Statements saved">
          <p>Your summary statements are saved; each change is kept as a new version.</p>
        </Notification> : null}
      {params.get("confirmed") ? <Notification title="Practice claims confirmed">
          <p>Your signed confirmation names this submission exactly as it was sent.</p>
        </Notification> : null}
      <span className="caption">
        {page.learnerName} · {page.programme.title}
      </span>
      <h1>{own ? "Your assessment" : "Assessment against the criteria"}</h1>
      {page.programme.awardNote ? <p className="narrow hint">{page.programme.awardNote}</p> : null}

      <section aria-labelledby="next-heading" className="panel">
        <h2 id="next-heading">{own ? "Your next step" : "Where it stands"}</h2>
        <p>
          <strong>{page.next}</strong>
        </p>
        <p className="hint">
          Line manager: {page.lineManagerName ?? "not named yet"}. Independent assessor:{" "}
          {page.assessor ? `${page.assessor.name}${page.assessor.accepted ? "" : " (not yet accepted)"}` : "not appointed yet"}.
        </p>
        {page.certificate ? (
          <p>
            <a href={`/assessment/${page.enrolmentId}/certificate.pdf`} className="button" download>
              Download the certificate (PDF)
            </a>{" "}
            <span className="hint">Verification code {page.certificate.code}</span>
          </p>
        ) : null}
        {own && (page.stage === "building" || page.stage === "not_yet_achieved") ? (
          <Form method="post">
            <SubmissionKey />
            <input type="hidden" name="intent" value="submit" />
            {errors?.submit ? (
              <p className="error-message" id="submit">
                {errors.submit}
              </p>
            ) : null}
            <div className="button-group">
              <a href={`/year/${page.enrolmentId}/portfolio/new`} className="button button--secondary">
                Add evidence
              </a>
              <button type="submit" className="button" aria-disabled={page.canSubmit ? undefined : true}>
                Submit for assessment
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      {page.toConfirm ? (
        <section aria-labelledby="confirm-heading" className="panel">
          <h2 id="confirm-heading">Confirm the practice claims (submission {page.toConfirm.number})</h2>
          <p>Read the evidence and statements below as submitted, then sign.</p>
          <Form method="post" noValidate>
            <SubmissionKey />
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="submissionId" value={page.toConfirm.id} />
            <input type="hidden" name="hash" value={page.toConfirm.hash} />
            <CheckboxField name="declare" value="yes" label={CONFIRMATION_DECLARATION} error={errors?.declare} />
            <TextAreaField name="comments" label="Comments (optional)" defaultValue={values?.comments} error={errors?.comments} rows={3} />
            <button type="submit" className="button">
              Sign the confirmation
            </button>
          </Form>
        </section>
      ) : null}

      {page.programme.sharedSessions ? (
        <p className="narrow">
          Attendance at the programme's shared sessions with police, health and education is recorded by each session's
          facilitator and counts as evidence for {page.programme.sharedSessions}.{" "}
          {own ? <a href="/shared-sessions">Your shared sessions and their materials</a> : null}
        </p>
      ) : null}
      <h2 id="criteria-heading">The criteria and your evidence</h2>
      <p className="hint">
        Map evidence to a criterion when you add or edit it. Every criterion needs at least one piece of evidence and a
        summary statement before you can submit.
      </p>
      <div className="table-scroll" role="region" aria-labelledby="criteria-heading" tabIndex={0}>
        <table className="table coverage">
          <caption className="visually-hidden">Each criterion, the evidence mapped to it and the latest decision</caption>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col">Evidence</th>
              <th scope="col">Latest decision</th>
            </tr>
          </thead>
          <tbody>
            {page.criteria.map((c) => (
              <tr key={c.code} className={c.evidence.length ? undefined : "coverage__gap"}>
                <th scope="row">
                  <span className="capabilities__code">{c.code}</span> {c.criterion}
                  {c.evidenceHint ? <span className="hint block">Evidence: {c.evidenceHint}</span> : null}
                </th>
                <td>
                  {c.evidence.length ? (
                    <ul className="list-plain">
                      {c.evidence.map((e) => (
                        <li key={e.id}>
                          <a href={`/year/${page.enrolmentId}/portfolio/${e.id}`}>
                            {e.number}. {e.title}
                          </a>{" "}
                          <span className="hint">({e.kind})</span>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="tag tag--red">No evidence yet</span>
                  )}
                </td>
                <td>
                  {c.decision ? (
                    <>
                      {c.decision.met ? (
                        <span className="tag tag--green">Met</span>
                      ) : (
                        <span className="tag tag--yellow">Not yet met</span>
                      )}
                      <span className="block">{c.decision.feedback}</span>
                    </>
                  ) : (
                    <span className="hint">None yet</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="statements-heading">Summary statements</h2>
      {own && (page.stage === "building" || page.stage === "not_yet_achieved") ? (
        <>
          {page.draft && !actionData ? (
            <RestoredDraft
              formKey={`criterion-statements:${page.enrolmentId}`}
              savedAt={page.draft.savedAt}
              returnTo={`/assessment/${page.enrolmentId}`}
            />
          ) : null}
          <Form method="post" noValidate {...keeper.formProps}>
            <SubmissionKey />
            <input type="hidden" name="intent" value="statements" />
            {page.criteria.map((c) => (
              <TextAreaField
                key={c.code}
                name={`statement-${c.code}`}
                label={`${c.code}: how your evidence shows this criterion`}
                hint={c.criterion}
                defaultValue={values?.[`statement-${c.code}`] ?? c.statement}
                error={errors?.[`statement-${c.code}`]}
                rows={4}
              />
            ))}
            <DraftStatus state={keeper.state} savedAt={keeper.savedAt} />
            <button type="submit" className="button">
              Save the statements
            </button>
          </Form>
        </>
      ) : (
        <dl className="summary-list">
          {page.criteria.map((c) => (
            <div className="summary-list__row" key={c.code}>
              <dt>{c.code}</dt>
              <dd>{c.statement || <span className="hint">No statement yet</span>}</dd>
            </div>
          ))}
        </dl>
      )}

      <h2>Submissions ({page.history.length})</h2>
      {page.history.length === 0 ? <p>Nothing submitted yet.</p> : null}
      {page.history.map((h) => (
        <section key={h.number} aria-labelledby={`submission-${h.number}`} className="panel">
          <h3 id={`submission-${h.number}`} className="heading-s">
            Submission {h.number}, {h.submittedAt}
          </h3>
          <p className="hint">
            {h.items.length} pieces of evidence at the versions submitted · content hash <code>{h.hash.slice(0, 12)}</code>
          </p>
          <p>
            {h.confirmation
              ? `Practice claims confirmed by ${h.confirmation.by}, line manager, ${h.confirmation.at}.`
              : "Waiting for the line manager's confirmation."}
          </p>
          {h.decisions.length ? (
            <ul>
              {h.decisions.map((d) => (
                <li key={d.code}>
                  {d.code}: {d.met ? "met" : "not yet met"} ({d.by}, independent assessor, {d.at}). {d.feedback}
                </li>
              ))}
            </ul>
          ) : null}
          {h.outcome ? (
            <p>
              <strong>
                {h.outcome.label}
                {h.outcome.resubmitBy ? `: resubmit by ${h.outcome.resubmitBy}` : ""}
              </strong>{" "}
              ({h.outcome.by}, independent assessor, {h.outcome.at}){h.outcome.plan ? `. ${h.outcome.plan}` : ""}
            </p>
          ) : null}
        </section>
      ))}
    </>
  );
}
