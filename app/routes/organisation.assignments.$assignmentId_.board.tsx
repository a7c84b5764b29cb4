import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AssignmentSummary } from "~/components/AssignmentSummary";
import { CheckboxField, ErrorSummary, TextField } from "~/components/forms";
import { SubmissionKey } from "~/components/SubmissionKey";
import { requireCourseworkLead } from "~/modules/masters/access.server";
import { waitingWords, type BoardMark } from "~/modules/masters/board";
import { type AfterBoard, boardFor, confirmBoard, openResubmission } from "~/modules/masters/board.server";
import { assignmentSummary } from "~/modules/masters/marking.server";
import { boardConfirmSchema, resubmissionSchema } from "~/modules/masters/coursework-forms.server";
import { attemptLabel } from "~/modules/masters/transcript";
import { MARK_BASIS_WORDS, sampleReasonWords, type SampleReason } from "~/modules/masters/marks";
import { actorOf, notFound } from "~/utils/auth.server";
import { englandDateTime } from "~/utils/england";
import { rowErrors } from "~/utils/forms";
import { parseSubmission } from "~/utils/forms.server";
import { refuse, saveOnce } from "~/utils/save-once.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Exam board: ${data.summary.moduleTitle} – Practice Pathways` : "Exam board – Practice Pathways" },
];

const when = (d: Date | string | null) => (d ? englandDateTime(new Date(d), "short") : "");

function markWords(mark: BoardMark | null) {
  if (!mark) return "Not handed in";
  if (mark.state === "ready") return `${mark.mark}: ${MARK_BASIS_WORDS[mark.basis]}`;
  return `Waiting: ${waitingWords(mark)}`;
}

/** What follows a confirmed mark, in the lead's words; empty where the lead may open a resubmission (the form shows). */
function afterBoardWords(next: AfterBoard | null) {
  switch (next?.kind) {
    case "open":
      return `Resubmission open, due ${when(next.deadline)}`;
    case "resubmitted":
      return `Resubmitted: see the resubmissions' marks (attempt ${next.attempt})`;
    case "passed":
      return "Passed: no resubmission";
    case "closed":
      return `No resubmission: ${next.reason.charAt(0).toLowerCase()}${next.reason.slice(1)}`;
    default:
      return "";
  }
}

/** The exam board for one assignment: every candidate's mark for the board, the notes, and the lead's signed confirmation. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireCourseworkLead(request);
  const board = await boardFor(current.active.organisationId, params.assignmentId);
  if (!board) notFound("We could not find that assignment.");
  const summary = await assignmentSummary(board.assignment, board.cohortName);
  const url = new URL(request.url);
  const row = (r: (typeof board.rows)[number]) => ({
    enrolmentId: r.enrolmentId,
    candidate: r.candidateNumber ?? "No number",
    name: r.name,
    version: r.submission?.version ?? null,
    mark: markWords(r.mark),
    ready: r.mark?.state === "ready",
    counted: r.result ? `${r.result.cappedMark}${r.result.capped ? ` (capped from ${r.result.mark})` : ""}` : "",
    band: r.result?.band.label ?? "",
    sample: r.inSample ? r.inSample.map((reason) => sampleReasonWords(reason as SampleReason, board.scheme)).join("; ") : "",
    notes: [
      r.submission?.late ? "Handed in late" : null,
      r.extended ? "Extension approved" : null,
      r.submission?.overLength ? "Over the word limit" : null,
      ...r.mitigations.map((m) =>
        m.outcome === "accepted"
          ? `Mitigating circumstances accepted${m.note ? `: ${m.note}` : ""}`
          : m.outcome === "not_accepted"
            ? "Mitigating circumstances not accepted"
            : "Mitigating circumstances not yet decided",
      ),
    ].filter((n): n is string => !!n),
  });
  return {
    confirmed: url.searchParams.has("confirmed"),
    opened: url.searchParams.has("opened"),
    summary,
    attempt: board.attempt,
    attemptLabel: board.attempt ? attemptLabel(board.attempt) : null,
    rows: board.rows.map(row),
    refusal: board.refusal,
    finished: board.finished,
    decisions: board.decisions.map((d) => ({
      id: d.id,
      attemptLabel: attemptLabel(d.attempt),
      who: d.deciderName,
      signedName: d.signedName,
      at: when(d.decidedAt),
      rows: d.rows.map((r) => ({
        enrolmentId: r.enrolmentId,
        candidate: r.candidateNumber ?? "No number",
        name: r.name,
        version: r.confirmed!.version,
        mark: r.confirmed!.mark,
        counted: r.confirmed!.cappedMark,
        band: board.scheme.bands.find((b) => b.band === r.confirmed!.band)?.label ?? r.confirmed!.band,
        credits: r.confirmed!.credits,
        canResubmit: r.next?.kind === "can-open",
        afterwards: afterBoardWords(r.next),
      })),
    })),
    comments: board.comments.map((c) => ({ name: c.name, at: when(c.at), comment: c.comment })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const current = await requireCourseworkLead(request);
  const board = await boardFor(current.active.organisationId, params.assignmentId);
  if (!board) notFound("We could not find that assignment.");
  const formData = await request.formData().catch(() => null);
  const intent = formData?.get("intent");
  const here = `/organisation/assignments/${board.assignment.id}/board`;
  if (formData && intent === "confirm") {
    const form = await parseSubmission(formData, boardConfirmSchema);
    if (!form.ok) return data({ errors: form.errors, values: form.values, target: "confirm" }, { status: 400 });
    const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
      const result = await confirmBoard(actorOf(current, context), board.assignment.id, form.data.signedName);
      if (!result.ok) return refuse(data({ errors: { form: result.message }, values: form.values, target: "confirm" }, { status: 400 }));
      return `${here}?confirmed=1`;
    });
    if (!outcome.saved) return outcome.refusal;
    throw redirect(outcome.location);
  }
  if (formData && intent === "resubmission") {
    const form = await parseSubmission(formData, resubmissionSchema);
    const target = typeof form.values.enrolmentId === "string" ? form.values.enrolmentId : "";
    if (!form.ok) return data({ errors: rowErrors(form.errors, target), values: form.values, target }, { status: 400 });
    const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
      const result = await openResubmission(actorOf(current, context), board.assignment.id, form.data.enrolmentId, form.data.deadline);
      if (!result.ok)
        return refuse(
          data({ errors: rowErrors({ [result.field ?? "form"]: result.message }, target), values: form.values, target }, { status: 400 }),
        );
      return `${here}?opened=1#decisions`;
    });
    if (!outcome.saved) return outcome.refusal;
    throw redirect(outcome.location);
  }
  return data({ errors: { form: "We could not read that form. Please try again." }, values: {}, target: null }, { status: 400 });
}

export default function ExamBoard() {
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
          <li>
            <a href={`/organisation/assignments/${page.summary.assignmentId}`}>{page.summary.moduleTitle}</a>
          </li>
        </ol>
      </nav>
      <ErrorSummary errors={errors} />
      {page.confirmed ? (
        <div className="notice notice--success" role="status">
          <p>The board's marks are confirmed and released: learners now see their mark, band, feedback and credits.</p>
        </div>
      ) : null}
      {page.opened ? (
        <div className="notice notice--success" role="status">
          <p>The resubmission is open. The learner sees it on the module's page.</p>
        </div>
      ) : null}
      <AssignmentSummary summary={page.summary} page="board" />

      {page.attempt ? (
        <>
          <h2>{page.attemptLabel}: marks for the board</h2>
          <p className="narrow">
            Each mark is the one the marking reached (the first mark, confirmed or agreed by a second marker, or a third reader's).
            A resubmission counts at most the pass mark.
          </p>
          <table className="table">
            <caption className="visually-hidden">Every candidate's mark for the board</caption>
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Learner</th>
                <th scope="col">Mark for the board</th>
                <th scope="col">Counted mark</th>
                <th scope="col">Band</th>
                <th scope="col">Second-marking sample</th>
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => (
                <tr key={r.enrolmentId}>
                  <th scope="row">{r.candidate}</th>
                  <td>{r.name}</td>
                  <td>
                    {r.mark}
                    {r.version ? ` (version ${r.version})` : ""}
                  </td>
                  <td>{r.counted}</td>
                  <td>{r.band}</td>
                  <td>{r.sample}</td>
                  <td>{r.notes.join(". ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2 id="examiner">The external examiner's comments</h2>
          {page.comments.length === 0 ? <p>The external examiner has not commented on this assignment.</p> : null}
          {page.comments.map((c, i) => (
            <blockquote key={i} className="narrow">
              <p>{c.comment}</p>
              <footer>
                {c.name}, {c.at}
              </footer>
            </blockquote>
          ))}
          <h2 id="confirm-marks">Confirm the marks</h2>
          {page.refusal ? (
            <div className="notice notice--warning" role="status">
              <p>{page.refusal}.</p>
            </div>
          ) : (
            <Form method="post" noValidate className="narrow">
              <SubmissionKey />
              <input type="hidden" name="intent" value="confirm" />
              <p>
                Confirming records every mark above, exactly as shown, as the exam board's decision, and releases them to the
                learners with their feedback and credits. It cannot be undone.
              </p>
              <CheckboxField
                name="confirm"
                label="The board has considered every mark, the external examiner's comments and the notes beside them"
                error={target === "confirm" ? errors?.confirm : undefined}
              />
              <TextField
                name="signedName"
                label="Sign with your full name"
                autoComplete="name"
                defaultValue={target === "confirm" ? values?.signedName : ""}
                error={target === "confirm" ? errors?.signedName : undefined}
              />
              <button type="submit" className="button">
                Confirm and release the marks
              </button>
            </Form>
          )}
        </>
      ) : (
        <p>{page.finished}</p>
      )}

      <h2 id="decisions">The board's decisions</h2>
      {page.decisions.length === 0 ? <p>The board has not confirmed any marks for this assignment yet.</p> : null}
      {page.decisions.map((d) => (
        <section key={d.id} aria-labelledby={`decision-${d.id}`}>
          <h3 id={`decision-${d.id}`}>
            {d.attemptLabel}: confirmed by {d.who} (signed “{d.signedName}”), {d.at}
          </h3>
          <table className="table">
            <caption className="visually-hidden">Marks the board confirmed</caption>
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Learner</th>
                <th scope="col">Version</th>
                <th scope="col">Mark</th>
                <th scope="col">Counted mark</th>
                <th scope="col">Band</th>
                <th scope="col">Credits</th>
                <th scope="col">Resubmission</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.enrolmentId}>
                  <th scope="row">{r.candidate}</th>
                  <td>{r.name}</td>
                  <td>{r.version}</td>
                  <td>{r.mark}</td>
                  <td>{r.counted}</td>
                  <td>{r.band}</td>
                  <td>{r.credits}</td>
                  <td>
                    {r.canResubmit ? (
                      <Form method="post" noValidate>
                        <SubmissionKey />
                        <input type="hidden" name="intent" value="resubmission" />
                        <input type="hidden" name="enrolmentId" value={r.enrolmentId} />
                        <TextField
                          name="deadlineDay"
                          id={`deadlineDay-${r.enrolmentId}`}
                          label={`Resubmission deadline for ${r.name}`}
                          type="date"
                          error={errors?.[`deadlineDay-${r.enrolmentId}`]}
                          defaultValue={target === r.enrolmentId ? values?.deadlineDay : ""}
                        />
                        <input type="hidden" name="deadlineTime" value="12:00" />
                        <button type="submit" className="button button--secondary">
                          Open a resubmission
                        </button>
                      </Form>
                    ) : (
                      r.afterwards
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}
