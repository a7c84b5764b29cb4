import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AssignmentSummary } from "~/components/AssignmentSummary";
import { ErrorSummary, RadioGroup, SelectField, TextAreaField, TextField } from "~/components/forms";
import { SubmissionKey } from "~/components/SubmissionKey";
import { requireCourseworkLead } from "~/modules/masters/access.server";
import { describeLength, STATE_LABELS } from "~/modules/masters/assignments";
import { assignmentForLead, decideExtension, decideMitigation } from "~/modules/masters/assignments.server";
import { extensionDecisionSchema, mitigationDecisionSchema } from "~/modules/masters/coursework-forms.server";
import type { Stage } from "~/modules/masters/marking";
import { allocationSchema, drawSampleSchema } from "~/modules/masters/marking-forms.server";
import { allocateMarker, assignmentSummary, drawSample, markingForLead } from "~/modules/masters/marking.server";
import { actorOf, notFound } from "~/utils/auth.server";
import { englandDateTime } from "~/utils/england";
import { rowErrors } from "~/utils/forms";
import { parseSubmission } from "~/utils/forms.server";
import { refuse, saveOnce } from "~/utils/save-once.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.summary.moduleTitle} – Assignments – Practice Pathways` : "Assignment – Practice Pathways" },
];

const when = (d: Date | string | null) => (d ? englandDateTime(new Date(d), "short") : "");

/** One assignment for the university's programme lead: who has handed in, marking, extensions and mitigating circumstances. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireCourseworkLead(request);
  const found = await assignmentForLead(current.active.organisationId, params.assignmentId);
  if (!found) notFound("We could not find that assignment.");
  const [summary, marking] = await Promise.all([
    assignmentSummary(found.assignment, found.cohortName),
    markingForLead(found.assignment, new Map(found.learners.map((l) => [l.id, l.name]))),
  ]);
  return {
    summary,
    marking,
    opened: new URL(request.url).searchParams.has("opened"),
    learners: found.learners.map((l) => ({
      id: l.id,
      name: l.name,
      candidateNumber: l.candidateNumber,
      deadline: when(l.deadline),
      extended: l.deadline.getTime() !== found.assignment.deadline.getTime(),
      state: STATE_LABELS[l.state],
      version: l.latest?.version ?? null,
      length: l.latest ? describeLength(l.latest.wordCount, found.assignment.wordLimit) : null,
      overLength: l.latest?.overLength ?? false,
    })),
    requests: found.requests.map((r) => ({
      id: r.request.id,
      learnerName: r.learnerName,
      reasons: r.request.reasons,
      requested: when(r.request.requestedDeadline),
      requestedDay: r.request.requestedDeadline.toISOString().slice(0, 10),
      askedAt: when(r.request.requestedAt),
      decision: r.decision
        ? { outcome: r.decision.outcome, deadline: when(r.decision.deadline), note: r.decision.note, at: when(r.decision.decidedAt) }
        : null,
    })),
    mitigations: found.mitigations.map((m) => ({
      id: m.mitigation.id,
      learnerName: m.learnerName,
      circumstances: m.mitigation.circumstances,
      at: when(m.mitigation.submittedAt),
      decision: m.decision ? { outcome: m.decision.outcome, note: m.decision.note, at: when(m.decision.decidedAt) } : null,
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const current = await requireCourseworkLead(request);
  const found = await assignmentForLead(current.active.organisationId, params.assignmentId);
  if (!found) notFound("We could not find that assignment.");
  const formData = await request.formData().catch(() => null);
  const intent = formData?.get("intent");
  const here = `/organisation/assignments/${found.assignment.id}`;
  if (formData && intent === "decide-extension") {
    const form = await parseSubmission(formData, extensionDecisionSchema);
    const target = typeof form.values.requestId === "string" ? form.values.requestId : "";
    if (!form.ok) return data({ errors: rowErrors(form.errors, target), values: form.values, target }, { status: 400 });
    if (!found.requests.some((r) => r.request.id === form.data.requestId)) notFound("We could not find that request.");
    const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
      const result = await decideExtension(actorOf(current, context), form.data.requestId, form.data);
      if (!result.ok) return refuse(data({ errors: { form: result.message }, values: form.values, target }, { status: 400 }));
      return `${here}#extensions`;
    });
    if (!outcome.saved) return outcome.refusal;
    throw redirect(outcome.location);
  }
  if (formData && intent === "decide-mitigation") {
    const form = await parseSubmission(formData, mitigationDecisionSchema);
    const target = typeof form.values.mitigationId === "string" ? form.values.mitigationId : "";
    if (!form.ok) return data({ errors: rowErrors(form.errors, target), values: form.values, target }, { status: 400 });
    if (!found.mitigations.some((m) => m.mitigation.id === form.data.mitigationId)) notFound("We could not find those circumstances.");
    const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
      const result = await decideMitigation(actorOf(current, context), form.data.mitigationId, form.data);
      if (!result.ok) return refuse(data({ errors: { form: result.message }, values: form.values, target }, { status: 400 }));
      return `${here}#mitigating-circumstances`;
    });
    if (!outcome.saved) return outcome.refusal;
    throw redirect(outcome.location);
  }
  if (formData && intent === "allocate") {
    const form = await parseSubmission(formData, allocationSchema);
    const stage = typeof form.values.stage === "string" ? form.values.stage : null;
    if (!form.ok)
      return data(
        {
          errors: { [`marker-${stage ?? "first"}`]: form.errors.markerId ?? form.errors.stage ?? "Choose a marker" },
          values: form.values,
          target: stage,
        },
        { status: 400 },
      );
    const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
      const result = await allocateMarker(
        actorOf(current, context),
        found.assignment,
        form.data as { stage: Stage; markerId: string },
      );
      if (!result.ok)
        return refuse(
          data({ errors: { [result.field]: result.message }, values: form.values, target: stage }, { status: 400 }),
        );
      return `${here}#marking`;
    });
    if (!outcome.saved) return outcome.refusal;
    throw redirect(outcome.location);
  }
  if (formData && intent === "draw-sample") {
    const form = await parseSubmission(formData, drawSampleSchema);
    if (!form.ok) return data({ errors: { form: "We could not read that form. Please try again." }, values: {}, target: null }, { status: 400 });
    const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
      const result = await drawSample(actorOf(current, context), found.assignment, form.data.attempt);
      if (!result.ok)
        return refuse(data({ errors: { [result.field]: result.message }, values: {}, target: null }, { status: 400 }));
      return `${here}#second-marking-${form.data.attempt}`;
    });
    if (!outcome.saved) return outcome.refusal;
    throw redirect(outcome.location);
  }
  return data({ errors: { form: "We could not read that form. Please try again." }, values: {}, target: null }, { status: 400 });
}

export default function AssignmentForLead() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = actionData?.values as Record<string, string> | undefined;
  const target = actionData?.target ?? null;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <a href="/organisation/assignments">Assignments</a>
          </li>
        </ol>
      </nav>
      <ErrorSummary errors={errors} />
      {page.opened ? (
        <div className="notice notice--success" role="status">
          <p>The assignment is open. Learners on the cohort see it on the module's page.</p>
        </div>
      ) : null}
      <AssignmentSummary summary={page.summary} page="assignment" />
      <h2>Learners</h2>
      <table className="table">
        <caption className="visually-hidden">Learners and their submissions</caption>
        <thead>
          <tr>
            <th scope="col">Learner</th>
            <th scope="col">Candidate number</th>
            <th scope="col">Their deadline</th>
            <th scope="col">Submission</th>
            <th scope="col">Length</th>
          </tr>
        </thead>
        <tbody>
          {page.learners.map((l) => (
            <tr key={l.id}>
              <th scope="row">{l.name}</th>
              <td>{l.candidateNumber ?? "Not given yet"}</td>
              <td>
                {l.deadline}
                {l.extended ? " (extended)" : ""}
              </td>
              <td>
                {l.state}
                {l.version ? ` (version ${l.version})` : ""}
              </td>
              <td>
                {l.length ?? ""} {l.overLength ? <span className="tag tag--orange">Over length</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="marking">Marking</h2>
      <h3>Markers</h3>
      {page.marking.markers.length === 0 ? (
        <p>
          Your university has no markers yet: <a href="/organisation/invite">invite someone</a> as a marker.
        </p>
      ) : (
        page.marking.allocations.map((a) => (
          <Form method="post" noValidate className="narrow" key={a.stage}>
            <SubmissionKey />
            <input type="hidden" name="intent" value="allocate" />
            <input type="hidden" name="stage" value={a.stage} />
            <SelectField
              name="markerId"
              id={`marker-${a.stage}`}
              label={`${a.label}${a.stage === "third" ? " (when two marks differ by more than 10)" : ""}`}
              error={errors?.[`marker-${a.stage}`]}
              defaultValue={target === a.stage ? values?.markerId : a.markerId}
              options={page.marking.markers.map((m) => ({ value: m.id, label: m.name }))}
            />
            <button type="submit" className="button button--secondary">
              {a.name ? `Change the ${a.label.toLowerCase()}` : `Allocate the ${a.label.toLowerCase()}`}
            </button>
          </Form>
        ))
      )}
      {page.marking.rounds.map((round) => (
        <section key={round.attempt} aria-labelledby={`marking-${round.attempt}`}>
          <h3 id={`marking-${round.attempt}`}>{round.heading}</h3>
          <dl className="summary-list">
            <div className="summary-list__row">
              <dt>First-marked</dt>
              <dd>
                {round.progress.firstMarked} of {round.progress.handedIn}
              </dd>
            </div>
            <div className="summary-list__row">
              <dt>Second-marking sample</dt>
              <dd>{round.sample ? `Drawn ${round.sample.drawnAt}: ${round.progress.sampled} pieces of work` : "Not drawn yet"}</dd>
            </div>
            <div className="summary-list__row">
              <dt>Second-marked</dt>
              <dd>
                {round.progress.secondMarked} of {round.progress.sampled}
              </dd>
            </div>
            <div className="summary-list__row">
              <dt>Disagreements waiting</dt>
              <dd>{round.progress.disagreements}</dd>
            </div>
            <div className="summary-list__row">
              <dt>Ready for the exam board</dt>
              <dd>
                {round.progress.allReady
                  ? `All ${round.progress.readyForBoard}`
                  : `${round.progress.readyForBoard} of ${round.progress.handedIn}`}
              </dd>
            </div>
          </dl>
          <h4 id={`second-marking-${round.attempt}`}>Second marking</h4>
          {round.sample ? (
            <>
              <p>
                Drawn {round.sample.drawnAt} from the seed <code>{round.sample.seed}</code>: {round.sample.rule}.
              </p>
              <table className="table">
                <caption className="visually-hidden">
                  {round.attempt === 1 ? "The second-marking sample" : "The second-marking sample of the resubmissions"}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Candidate</th>
                    <th scope="col">Learner</th>
                    <th scope="col">First mark</th>
                    <th scope="col">Why</th>
                    <th scope="col">Where it stands</th>
                  </tr>
                </thead>
                <tbody>
                  {round.sampleRows.map((s) => (
                    <tr key={s.id}>
                      <th scope="row">{s.candidateNumber}</th>
                      <td>{s.name}</td>
                      <td>{s.firstMark}</td>
                      <td>{s.why}</td>
                      <td>{s.next}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <Form method="post" noValidate className="narrow">
              <SubmissionKey />
              <input type="hidden" name="intent" value="draw-sample" />
              <input type="hidden" name="attempt" value={round.attempt} />
              {errors?.[`sample-${round.attempt}`] ? (
                <p className="error-message" id={`sample-${round.attempt}`}>
                  <span className="visually-hidden">Error:</span> {errors[`sample-${round.attempt}`]}
                </p>
              ) : null}
              <p>
                {round.attempt === 1
                  ? "When every piece of work handed in has its first mark, draw the sample for the second marker."
                  : "When every resubmission handed in has its first mark, draw their own sample for the second marker. Once it is drawn, no more resubmissions can be opened."}
              </p>
              <button type="submit" className="button">
                {round.attempt === 1 ? "Draw the second-marking sample" : "Draw the resubmissions' second-marking sample"}
              </button>
            </Form>
          )}
        </section>
      ))}

      <h2 id="extensions">Extension requests</h2>
      {page.requests.length === 0 ? <p>No one has asked for an extension.</p> : null}
      {page.requests.map((r) => (
        <section key={r.id} className="card" aria-labelledby={`request-${r.id}`}>
          <h3 id={`request-${r.id}`}>
            {r.learnerName}: asked on {r.askedAt} for {r.requested}
          </h3>
          <p className="narrow">{r.reasons}</p>
          {r.decision ? (
            <p>
              {r.decision.outcome === "approved" ? `Approved: new deadline ${r.decision.deadline}` : "Refused"} ({r.decision.at})
              {r.decision.note ? `. ${r.decision.note}` : ""}
            </p>
          ) : (
            <Form method="post" noValidate className="narrow">
              <SubmissionKey />
              <input type="hidden" name="intent" value="decide-extension" />
              <input type="hidden" name="requestId" value={r.id} />
              <RadioGroup
                id={`outcome-${r.id}`}
                name="outcome"
                legend="Decision"
                error={errors?.[`outcome-${r.id}`]}
                defaultValue={target === r.id ? values?.outcome : undefined}
                options={[
                  { value: "approved", label: "Approve" },
                  { value: "refused", label: "Refuse" },
                ]}
              />
              <TextField
                name="deadlineDay"
                id={`deadlineDay-${r.id}`}
                label="New deadline date (if approved)"
                type="date"
                width="third"
                error={errors?.[`deadlineDay-${r.id}`]}
                defaultValue={target === r.id ? values?.deadlineDay : r.requestedDay}
              />
              <TextField
                name="deadlineTime"
                id={`deadlineTime-${r.id}`}
                label="New deadline time (in England)"
                type="time"
                width="third"
                error={errors?.[`deadlineTime-${r.id}`]}
                defaultValue={target === r.id ? values?.deadlineTime : "12:00"}
              />
              <TextAreaField
                name="note"
                id={`note-${r.id}`}
                label="Note to the learner (optional)"
                rows={3}
                error={errors?.[`note-${r.id}`]}
                defaultValue={target === r.id ? values?.note : ""}
              />
              <button type="submit" className="button">
                Record decision
              </button>
            </Form>
          )}
        </section>
      ))}

      <h2 id="mitigating-circumstances">Mitigating circumstances</h2>
      {page.mitigations.length === 0 ? <p>No one has put forward mitigating circumstances.</p> : null}
      {page.mitigations.map((m) => (
        <section key={m.id} className="card" aria-labelledby={`mitigation-${m.id}`}>
          <h3 id={`mitigation-${m.id}`}>
            {m.learnerName}: put forward on {m.at}
          </h3>
          <p className="narrow">{m.circumstances}</p>
          {m.decision ? (
            <p>
              {m.decision.outcome === "accepted" ? "Accepted" : "Not accepted"} ({m.decision.at})
              {m.decision.note ? `. ${m.decision.note}` : ""}
            </p>
          ) : (
            <Form method="post" noValidate className="narrow">
              <SubmissionKey />
              <input type="hidden" name="intent" value="decide-mitigation" />
              <input type="hidden" name="mitigationId" value={m.id} />
              <RadioGroup
                id={`outcome-${m.id}`}
                name="outcome"
                legend="Decision"
                error={errors?.[`outcome-${m.id}`]}
                defaultValue={target === m.id ? values?.outcome : undefined}
                options={[
                  { value: "accepted", label: "Accepted" },
                  { value: "not_accepted", label: "Not accepted" },
                ]}
              />
              <TextAreaField
                name="note"
                id={`note-${m.id}`}
                label="Note for the exam board (optional)"
                rows={3}
                error={errors?.[`note-${m.id}`]}
                defaultValue={target === m.id ? values?.note : ""}
              />
              <button type="submit" className="button">
                Record decision
              </button>
            </Form>
          )}
        </section>
      ))}
    </>
  );
}
