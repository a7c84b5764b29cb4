import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms";
import { MarkingStep } from "~/components/MarkingStep";
import { describeLength } from "~/modules/masters/assignments";
import { requireMarker } from "~/modules/masters/marker-access.server";
import { anonymousFileName, STAGE_LABELS } from "~/modules/masters/marking";
import { readMarkForm } from "~/modules/masters/marking-forms.server";
import { learnerNames, recordMark, submissionForMarker } from "~/modules/masters/marking.server";
import { bandOf, MARK_BASIS_WORDS, sampleReasonWords } from "~/modules/masters/marks";
import { marksReleased } from "~/modules/masters/release.server";
import { describeBytes } from "~/modules/portfolio/files";
import { actorOf, notFound } from "~/utils/auth.server";
import { englandDateTime } from "~/utils/england";
import { keepingWhatWasTyped } from "~/utils/saving.server";
import { refuse, saveOnce } from "~/utils/save-once.server";
import { readUploadForm } from "~/utils/uploads.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.candidateNumber} – ${data.moduleTitle} – Marking – Practice Pathways`
      : "Marking – Practice Pathways",
  },
];

const KIND_WORDS = {
  mark: "Mark",
  agree: "Agrees with the first mark",
  propose: "Proposes",
  agreed: "Agreed mark",
} as const;

async function workFor(request: Request, submissionId: string | undefined) {
  const current = await requireMarker(request);
  const work = await submissionForMarker(current.user.id, current.active.organisationId, submissionId);
  if (!work) notFound("We could not find that work.");
  return { current, work };
}

/** One piece of work for a marker allocated to its assignment: by candidate number, with the rubric and the form for their step. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { work } = await workFor(request, params.submissionId);
  const { submission, assignment, module } = work;
  // Names stay hidden until the marks are released (the exam board's step); until then, only the number.
  const released = await marksReleased(assignment.id, submission.attempt);
  const name = released ? ((await learnerNames([submission.enrolmentId])).get(submission.enrolmentId) ?? null) : null;
  const extension = (contentType: string) => (contentType === "application/pdf" ? "pdf" : "docx");
  return {
    saved: new URL(request.url).searchParams.has("saved"),
    candidateNumber: work.candidateNumber,
    learnerName: name,
    moduleTitle: module.title,
    stage: STAGE_LABELS[work.stage],
    task: work.task,
    version: submission.version,
    resubmission: submission.attempt > 1,
    handedIn: englandDateTime(submission.submittedAt, "short"),
    deadline: englandDateTime(submission.deadline, "short"),
    late: submission.late,
    overLength: submission.overLength,
    length: describeLength(submission.wordCount, assignment.wordLimit),
    body: submission.body,
    files: work.files.map((f, i) => ({
      href: `/marking/${submission.id}/files/${f.id}`,
      name: anonymousFileName(work.candidateNumber, assignment.moduleSlug, extension(f.contentType), i),
      size: describeBytes(f.sizeBytes),
    })),
    rubric: module.rubric.map((c) => ({ criterion: c.criterion, weight: c.weight, bands: c.bands })),
    sampleReasons: work.fact.reasons.map((r) => sampleReasonWords(r, module.scheme)),
    marks: work.marks.map((m) => ({
      id: m.id,
      who: STAGE_LABELS[m.stage],
      kind: KIND_WORDS[m.kind],
      mark: m.mark,
      band: bandOf(m.mark, module.scheme.bands).label,
      criteria: m.criteria,
      feedback: m.feedback,
      annotated: m.annotatedFileId
        ? {
            href: `/marking/${submission.id}/files/${m.annotatedFileId}`,
            name: `${work.candidateNumber}-${assignment.moduleSlug}-annotated`,
          }
        : null,
      at: englandDateTime(m.markedAt, "short"),
    })),
    next: work.next
      ? {
          step: work.next.step,
          words:
            work.next.step === "ready-for-board"
              ? `The mark for the exam board is ${work.next.mark}: the ${MARK_BASIS_WORDS[work.next.basis]}.`
              : work.next.step === "second-marking"
                ? "Waiting for the second marker."
                : work.next.step === "agree-a-mark"
                  ? `The two marks differ by ${work.next.difference}: the first and second markers agree a mark from ${work.next.range[0]} to ${work.next.range[1]}, each recording it.${work.next.problem ? ` ${work.next.problem}.` : ""}`
                  : work.next.step === "other-marker-to-record"
                    ? `An agreed mark of ${work.next.mark} is recorded; the ${work.next.who} must record the same mark.`
                    : `The two marks differ by ${work.next.difference}, more than 10: the third reader's mark will stand, unless the first and second markers each record the same agreed mark from ${work.next.range[0]} to ${work.next.range[1]}.${work.next.problem ? ` ${work.next.problem}.` : ""}`,
        }
      : null,
  };
}

export const action = keepingWhatWasTyped(async ({ request, params, context }: ActionFunctionArgs) => {
  const { current, work } = await workFor(request, params.submissionId);
  const upload = await readUploadForm(request, ["annotated"]);
  if (!upload)
    return data({ errors: { form: "We could not read that form. Please try again." }, values: {} }, { status: 400 });
  if (!work.task)
    return data(
      { errors: { form: "There is nothing for you to record on this work now." }, values: {} },
      { status: 400 },
    );
  const form = await readMarkForm(upload, work.task, work.module.rubric);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const values = Object.fromEntries([...upload.formData].filter(([, v]) => typeof v === "string")) as Record<
    string,
    string
  >;
  const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
    const result = await recordMark(actorOf(current, context), work, form.input);
    if (!result.ok) return refuse(data({ errors: { [result.field]: result.message }, values }, { status: 400 }));
    return `/marking/${work.submission.id}?saved`;
  });
  if (!outcome.saved) return outcome.refusal;
  throw redirect(outcome.location);
});

export default function MarkWork() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = actionData?.values as Record<string, string> | undefined;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <a href="/marking">Marking</a>
          </li>
        </ol>
      </nav>
      <ErrorSummary errors={errors} />
      {page.saved ? (
        <div className="notice notice--success" role="status">
          <p>Saved. Provisional until the exam board confirms it.</p>
        </div>
      ) : null}
      <span className="caption">
        {page.moduleTitle}: {page.stage.toLowerCase()}
      </span>
      <h1>
        Candidate {page.candidateNumber}
        {page.learnerName ? ` (${page.learnerName})` : ""}
      </h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">Version marked</dt>
          <dd className="summary-list__value">
            Version {page.version}
            {page.resubmission ? " (the resubmission)" : ""}, handed in {page.handedIn}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Deadline</dt>
          <dd className="summary-list__value">
            {page.deadline}{" "}
            {page.late ? <span className="tag tag--orange">Late</span> : <span className="tag">On time</span>}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Length</dt>
          <dd className="summary-list__value">
            {page.length} {page.overLength ? <span className="tag tag--orange">Over length</span> : null}
          </dd>
        </div>
        {page.sampleReasons.length ? (
          <div className="summary-list__row">
            <dt className="summary-list__key">Second-marked because</dt>
            <dd className="summary-list__value">{page.sampleReasons.join("; ")}</dd>
          </div>
        ) : null}
      </dl>

      <h2>The work</h2>
      {page.body ? <div className="narrow preserve-lines">{page.body}</div> : <p>No text: the work is in the files.</p>}
      {page.files.length ? (
        <ul className="list">
          {page.files.map((f) => (
            <li key={f.href}>
              <a href={f.href} download={f.name}>
                {f.name}
              </a>{" "}
              ({f.size})
            </li>
          ))}
        </ul>
      ) : null}

      {page.marks.length ? (
        <>
          <h2>Marks so far</h2>
          <p>Provisional until the exam board confirms them.</p>
          {page.marks.map((m) => (
            <section key={m.id} className="card" aria-labelledby={`mark-${m.id}`}>
              <h3 id={`mark-${m.id}`}>
                {m.who}: {m.kind.toLowerCase()} {m.mark} ({m.band})
              </h3>
              <p className="hint">{m.at}</p>
              {m.criteria.length ? (
                <ul className="list">
                  {m.criteria.map((c) => (
                    <li key={c.criterion}>
                      {c.criterion}: {c.band}
                    </li>
                  ))}
                </ul>
              ) : null}
              {m.feedback ? <p className="narrow preserve-lines">{m.feedback}</p> : null}
              {m.annotated ? (
                <p>
                  <a href={m.annotated.href}>Annotated copy</a>
                </p>
              ) : null}
            </section>
          ))}
        </>
      ) : null}
      {page.next ? (
        <p>
          <strong>Next:</strong> {page.next.words}
        </p>
      ) : null}

      {page.task ? <MarkingStep task={page.task} rubric={page.rubric} errors={errors} values={values} /> : null}
    </>
  );
}
