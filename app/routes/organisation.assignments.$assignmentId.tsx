import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, RadioGroup } from "~/components/forms";
import { SubmissionKey } from "~/components/SubmissionKey";
import { requireCourseworkLead } from "~/modules/masters/access.server";
import { describeLength, STATE_LABELS } from "~/modules/masters/assignments";
import { assignmentForLead, decideExtension, decideMitigation } from "~/modules/masters/assignments.server";
import { extensionDecisionSchema, mitigationDecisionSchema } from "~/modules/masters/coursework-forms.server";
import { STAGE_LABELS, type Stage } from "~/modules/masters/marking";
import { allocationSchema, drawSampleSchema } from "~/modules/masters/marking-forms.server";
import { allocateMarker, drawSample, markingForLead } from "~/modules/masters/marking.server";
import { nextMarkingStep, sampleReasonWords } from "~/modules/masters/marks";
import { actorOf, notFound } from "~/utils/auth.server";
import { englandDateTime } from "~/utils/england";
import { parseSubmission } from "~/utils/forms.server";
import { refuse, saveOnce } from "~/utils/save-once.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.moduleTitle} – Assignments – Practice Pathways` : "Assignment – Practice Pathways" },
];

const when = (d: Date | string | null) => (d ? englandDateTime(new Date(d), "short") : "");

/** One assignment for the university's programme lead: who has handed in, extensions and mitigating circumstances. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireCourseworkLead(request);
  const found = await assignmentForLead(current.active.organisationId, params.assignmentId);
  if (!found) notFound("We could not find that assignment.");
  const marking = await markingForLead(found.assignment);
  const nameOf = new Map(found.learners.map((l) => [l.id, l.name]));
  return {
    marking: {
      due: new Date(`${marking.markingDue}T12:00:00Z`).toLocaleDateString("en-GB", {
        day: "numeric",
        month: "long",
        year: "numeric",
        timeZone: "UTC",
      }),
      progress: marking.progress,
      markers: marking.markers,
      allocations: (["first", "second", "third"] as const).map((stage) => ({
        stage,
        label: STAGE_LABELS[stage],
        markerId: marking.allocations.find((a) => a.stage === stage)?.markerId ?? "",
        name: marking.allocations.find((a) => a.stage === stage)?.name ?? null,
      })),
      sampleDrawnAt: marking.sample ? when(marking.sample.drawnAt) : null,
      seed: marking.sample?.seed ?? null,
      sample: marking.facts
        .filter((f) => f.sampled)
        .map((f) => {
          const next = f.state ? nextMarkingStep(f.state) : null;
          return {
            id: f.submission.id,
            candidateNumber: f.candidateNumber,
            name: nameOf.get(f.submission.enrolmentId) ?? "",
            firstMark: f.state?.firstMark ?? null,
            why: f.reasons.map((r) => sampleReasonWords(r)).join("; "),
            next:
              next?.step === "ready-for-board"
                ? `Ready for the board: ${next.mark}`
                : next?.step === "second-marking"
                  ? "Waiting for the second marker"
                  : next?.step === "third-reader-or-agreement"
                    ? "Disagreement over 10: waiting for the third reader or an agreed mark"
                    : next
                      ? "Disagreement: waiting for an agreed mark"
                      : "",
          };
        }),
    },
    id: found.assignment.id,
    opened: new URL(request.url).searchParams.has("opened"),
    moduleTitle: found.moduleTitle,
    cohortName: found.cohortName,
    deadline: when(found.assignment.deadline),
    wordLimit: found.assignment.wordLimit,
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
    if (!form.ok) return data({ errors: form.errors, values: form.values, target: form.values.requestId ?? null }, { status: 400 });
    if (!found.requests.some((r) => r.request.id === form.data.requestId)) notFound("We could not find that request.");
    const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
      const result = await decideExtension(actorOf(current, context), form.data.requestId, form.data);
      if (!result.ok) return refuse(data({ errors: { form: result.message }, values: form.values, target: form.data.requestId }, { status: 400 }));
      return `${here}#extensions`;
    });
    if (!outcome.saved) return outcome.refusal;
    throw redirect(outcome.location);
  }
  if (formData && intent === "decide-mitigation") {
    const form = await parseSubmission(formData, mitigationDecisionSchema);
    if (!form.ok) return data({ errors: form.errors, values: form.values, target: form.values.mitigationId ?? null }, { status: 400 });
    if (!found.mitigations.some((m) => m.mitigation.id === form.data.mitigationId)) notFound("We could not find those circumstances.");
    const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
      const result = await decideMitigation(actorOf(current, context), form.data.mitigationId, form.data);
      if (!result.ok)
        return refuse(data({ errors: { form: result.message }, values: form.values, target: form.data.mitigationId }, { status: 400 }));
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
    const outcome = await saveOnce(request, form.ok ? form.sent : null, current.user.id, async () => {
      const result = await drawSample(actorOf(current, context), found.assignment);
      if (!result.ok)
        return refuse(data({ errors: { sample: result.message }, values: {}, target: null }, { status: 400 }));
      return `${here}#second-marking`;
    });
    if (!outcome.saved) return outcome.refusal;
    throw redirect(outcome.location);
  }
  return data({ errors: { form: "We could not read that form. Please try again." }, values: {}, target: null }, { status: 400 });
}

/** A small field with its own id, so the page's many decision forms never share one. */
function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: React.ReactElement }) {
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {error ? (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

export default function AssignmentForLead() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = actionData?.values as Record<string, string> | undefined;
  const target = actionData?.target ?? null;
  const errorFor = (id: string, field: string) => (target === id ? errors?.[field] : undefined);
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
      <span className="caption">{page.cohortName}</span>
      <h1>{page.moduleTitle}</h1>
      <p>
        Deadline {page.deadline}. Word limit {page.wordLimit.toLocaleString("en-GB")} words: longer work is flagged for the
        marker, not refused.
      </p>
      <p>
        <a href={`/organisation/assignments/${page.id}/board`}>Exam board: marks for the board, and confirming them</a>
      </p>
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
      <p>Marks are due by {page.marking.due} (15 working days after the deadline).</p>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>First-marked</dt>
          <dd>
            {page.marking.progress.firstMarked} of {page.marking.progress.handedIn}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Second-marking sample</dt>
          <dd>
            {page.marking.sampleDrawnAt
              ? `Drawn ${page.marking.sampleDrawnAt}: ${page.marking.progress.sampled} pieces of work`
              : "Not drawn yet"}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Second-marked</dt>
          <dd>
            {page.marking.progress.secondMarked} of {page.marking.progress.sampled}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Disagreements waiting</dt>
          <dd>{page.marking.progress.disagreements}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Ready for the exam board</dt>
          <dd>
            {page.marking.progress.allReady
              ? `All ${page.marking.progress.readyForBoard}`
              : `${page.marking.progress.readyForBoard} of ${page.marking.progress.handedIn}`}
          </dd>
        </div>
      </dl>
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
            <Field
              id={`marker-${a.stage}`}
              label={`${a.label}${a.stage === "third" ? " (when two marks differ by more than 10)" : ""}`}
              error={errors?.[`marker-${a.stage}`]}
            >
              <select
                className="select"
                id={`marker-${a.stage}`}
                name="markerId"
                defaultValue={target === a.stage ? values?.markerId : a.markerId}
              >
                <option value="">Choose…</option>
                {page.marking.markers.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </Field>
            <button type="submit" className="button button--secondary">
              {a.name ? `Change the ${a.label.toLowerCase()}` : `Allocate the ${a.label.toLowerCase()}`}
            </button>
          </Form>
        ))
      )}
      <h3 id="second-marking">Second marking</h3>
      {page.marking.sampleDrawnAt ? (
        <>
          <p>
            Drawn {page.marking.sampleDrawnAt} from the seed <code>{page.marking.seed}</code>: every fail, every mark
            within 2 of a band boundary and 20% of the rest.
          </p>
          <table className="table">
            <caption className="visually-hidden">The second-marking sample</caption>
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
              {page.marking.sample.map((s) => (
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
          {errors?.sample ? (
            <p className="error-message" id="sample">
              <span className="visually-hidden">Error:</span> {errors.sample}
            </p>
          ) : null}
          <p>When every piece of work handed in has its first mark, draw the sample for the second marker.</p>
          <button type="submit" className="button">
            Draw the second-marking sample
          </button>
        </Form>
      )}

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
                error={errorFor(r.id, "outcome")}
                defaultValue={target === r.id ? values?.outcome : undefined}
                options={[
                  { value: "approved", label: "Approve" },
                  { value: "refused", label: "Refuse" },
                ]}
              />
              <Field id={`deadlineDay-${r.id}`} label="New deadline date (if approved)" error={errorFor(r.id, "deadlineDay")}>
                <input
                  className="input input--third"
                  type="date"
                  id={`deadlineDay-${r.id}`}
                  name="deadlineDay"
                  defaultValue={target === r.id ? values?.deadlineDay : r.requestedDay}
                />
              </Field>
              <Field id={`deadlineTime-${r.id}`} label="New deadline time (in England)" error={errorFor(r.id, "deadlineTime")}>
                <input
                  className="input input--third"
                  type="time"
                  id={`deadlineTime-${r.id}`}
                  name="deadlineTime"
                  defaultValue={target === r.id ? values?.deadlineTime : "12:00"}
                />
              </Field>
              <Field id={`note-${r.id}`} label="Note to the learner (optional)" error={errorFor(r.id, "note")}>
                <textarea className="textarea" id={`note-${r.id}`} name="note" rows={3} defaultValue={target === r.id ? values?.note : ""} />
              </Field>
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
                id={`mitigation-outcome-${m.id}`}
                name="outcome"
                legend="Decision"
                error={errorFor(m.id, "outcome")}
                defaultValue={target === m.id ? values?.outcome : undefined}
                options={[
                  { value: "accepted", label: "Accepted" },
                  { value: "not_accepted", label: "Not accepted" },
                ]}
              />
              <Field id={`mitigation-note-${m.id}`} label="Note for the exam board (optional)" error={errorFor(m.id, "note")}>
                <textarea className="textarea" id={`mitigation-note-${m.id}`} name="note" rows={3} defaultValue={target === m.id ? values?.note : ""} />
              </Field>
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
