import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, TextAreaField } from "~/components/forms";
import { SubmissionKey } from "~/components/SubmissionKey";
import { Welcome } from "~/components/Welcome";
import { examinerCommentSchema } from "~/modules/masters/coursework-forms.server";
import { dayInWords } from "~/modules/masters/examiners";
import { addExaminerComment, examinerAccess, examiningView, requireExaminer } from "~/modules/masters/examining.server";
import { sampleReasonWords, type SampleReason } from "~/modules/masters/marks";
import { findProgramme } from "~/modules/programmes/catalogue.server";
import { actorOf } from "~/utils/auth.server";
import { englandDateTime, englandDay } from "~/utils/england";
import { parseSubmission } from "~/utils/forms.server";
import { refuse, saveOnce } from "~/utils/save-once.server";

export const meta: MetaFunction = () => [{ title: "Examining – Practice Pathways" }];

const when = (d: Date | string) => englandDateTime(new Date(d), "short");

/**
 * The external examiner's start page: their programme's assignments, with the sample, marks and
 * feedback, while their appointment is current; otherwise a page saying so and whom to ask.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { current, scope, latest, leads } = await examinerAccess(request);
  if (!scope)
    return {
      appointed: false as const,
      university: current.active.organisation.name,
      latest: latest && {
        state: latest.state,
        programmeTitle: latest.programmeTitle,
        startsOn: dayInWords(latest.startsOn),
        endsOn: dayInWords(latest.endsOn),
        endedOn: latest.ending ? dayInWords(englandDay(new Date(latest.ending.at))) : null,
      },
      leads,
    };
  const assignments = await examiningView(scope);
  return {
    appointed: true as const,
    term: latest ? `${dayInWords(latest.startsOn)} to ${dayInWords(latest.endsOn)}` : null,
    commented: new URL(request.url).searchParams.get("commented"),
    university: current.active.organisation.name,
    programmeTitle: findProgramme(scope.programmeSlug)?.title ?? scope.programmeSlug,
    assignments: assignments.map((a) => ({
      id: a.id,
      moduleTitle: a.moduleTitle,
      cohortName: a.cohortName,
      deadline: when(a.deadline),
      released: a.released,
      sampleDrawn: a.sampleDrawn,
      candidates: a.candidates
        .filter((c) => c.marks.length > 0)
        .map((c) => ({
          id: c.id,
          candidate: c.candidate,
          attempt: c.attempt,
          version: c.version,
          late: c.late,
          sample: c.inSample ? c.inSample.map((r) => sampleReasonWords(r as SampleReason)).join("; ") : null,
          forBoard: c.forBoard,
          marks: c.marks.map((m) => ({ ...m, at: when(m.at) })),
        })),
      handedIn: a.candidates.length,
      comments: a.comments.map((c) => ({ name: c.name, at: when(c.at), comment: c.comment })),
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { current, scope } = await requireExaminer(request);
  const form = await parseSubmission(request, examinerCommentSchema);
  const target = form.values.assignmentId ?? null;
  if (!form.ok) return data({ errors: form.errors, values: form.values, target }, { status: 400 });
  const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
    const result = await addExaminerComment(actorOf(current, context), scope, form.data.assignmentId, form.data.comment);
    if (!result.ok) return refuse(data({ errors: { form: result.message }, values: form.values, target }, { status: 400 }));
    return `/examining?commented=${form.data.assignmentId}#assignment-${form.data.assignmentId}`;
  });
  if (!outcome.saved) return outcome.refusal;
  throw redirect(outcome.location);
}

export default function Examining() {
  const page = useLoaderData<typeof loader>();
  if (!page.appointed) return <NotAppointed page={page} />;
  return <Examiner page={page} />;
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

/** An examiner without a current appointment: what they held, if anything, and who appoints them. */
function NotAppointed({ page }: { page: Extract<Loaded, { appointed: false }> }) {
  const { latest } = page;
  return (
    <div className="narrow">
      <Welcome>
        <p>Your account is ready. Once you are appointed to a programme, its marking is on this page.</p>
      </Welcome>
      <span className="caption">{page.university}</span>
      <h1>{latest?.state === "upcoming" ? "Your appointment has not started yet" : "You are not appointed to examine a programme at present"}</h1>
      {!latest ? (
        <p>
          You hold the external examiner role at {page.university}, but its programme lead has not yet appointed you to a programme.
          Once they do, the programme&apos;s second-marking sample, marks and feedback are here.
        </p>
      ) : latest.state === "upcoming" ? (
        <p>
          You are appointed external examiner of {latest.programmeTitle} from {latest.startsOn} to {latest.endsOn}. Its
          second-marking sample, marks and feedback are here from {latest.startsOn}.
        </p>
      ) : latest.state === "ended" ? (
        <p>
          Your appointment as external examiner of {latest.programmeTitle} ({latest.startsOn} to {latest.endsOn}) was ended on{" "}
          {latest.endedOn}, so you no longer see its marking.
        </p>
      ) : (
        <p>
          Your term as external examiner of {latest.programmeTitle} ended on {latest.endsOn}, so you no longer see its marking.
        </p>
      )}
      {page.leads.length ? (
        <>
          <p>
            {latest?.state === "upcoming" ? "For any question about it" : latest ? "To be appointed again" : "To be appointed"}, ask{" "}
            {page.leads.length === 1 ? "the programme lead" : "a programme lead"} at {page.university}:
          </p>
          <ul>
            {page.leads.map((l) => (
              <li key={l.email}>
                {l.name} (<a href={`mailto:${l.email}`}>{l.email}</a>)
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>Ask the person at {page.university} who invited you to appoint you.</p>
      )}
    </div>
  );
}

function Examiner({ page }: { page: Extract<Loaded, { appointed: true }> }) {
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = actionData?.values as Record<string, string> | undefined;
  const target = actionData?.target ?? null;
  // Each assignment's comment box has its own id: the summary links to the one that was sent.
  const { comment, ...others } = errors ?? {};
  const summary = errors && comment && target ? { ...others, [`comment-${target}`]: comment } : errors;
  return (
    <>
      <ErrorSummary errors={summary} />
      <span className="caption">{page.university}</span>
      <h1>Examining: {page.programmeTitle}</h1>
      <p className="narrow">
        The second-marking sample, marks and feedback of every assignment on the programme. Candidates are known by number until
        the exam board releases the marks. Your comments go to the exam board.
        {page.term ? ` Your appointment runs from ${page.term}.` : ""}
      </p>
      {page.assignments.length === 0 ? <p>No assignments have been opened on this programme yet.</p> : null}
      {page.assignments.map((a) => (
        <section key={a.id} id={`assignment-${a.id}`} aria-labelledby={`title-${a.id}`} className="card">
          <h2 id={`title-${a.id}`}>
            {a.moduleTitle} <span className="caption">{a.cohortName}</span>
          </h2>
          {page.commented === a.id ? (
            <div className="notice notice--success" role="status">
              <p>Your comment is recorded for the exam board.</p>
            </div>
          ) : null}
          <p>
            Deadline {a.deadline}. {a.handedIn} handed in. {a.sampleDrawn ? "The second-marking sample is drawn." : "The second-marking sample is not drawn yet."}{" "}
            {a.released ? "The exam board has confirmed and released the marks." : "Marks are provisional until the exam board."}
          </p>
          {a.candidates.length === 0 ? <p>Nothing has been marked yet.</p> : null}
          {a.candidates.map((c) => (
            <details key={c.id}>
              <summary>
                {c.candidate}: {c.forBoard ? `mark for the board ${c.forBoard}` : "marking not finished"}
                {c.sample ? " · in the sample" : ""}
              </summary>
              <p>
                Version {c.version}
                {c.attempt > 1 ? `, resubmission (attempt ${c.attempt})` : ""}
                {c.late ? ", handed in late" : ""}.{c.sample ? ` In the sample: ${c.sample}.` : ""}
              </p>
              {c.marks.map((m, i) => (
                <div key={i}>
                  <h3>
                    {m.who} {m.what} {m.mark} ({m.at})
                  </h3>
                  {m.criteria.length ? (
                    <ul>
                      {m.criteria.map((k, j) => (
                        <li key={j}>
                          {k.criterion}: {k.band}
                          {k.comment ? `. ${k.comment}` : ""}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {m.feedback ? <p className="narrow">{m.feedback}</p> : null}
                </div>
              ))}
            </details>
          ))}
          <h3>Comments for the exam board</h3>
          {a.comments.map((c, i) => (
            <blockquote key={i} className="narrow">
              <p>{c.comment}</p>
              <footer>
                {c.name}, {c.at}
              </footer>
            </blockquote>
          ))}
          <Form method="post" noValidate className="narrow">
            <SubmissionKey />
            <input type="hidden" name="assignmentId" value={a.id} />
            <TextAreaField
              name="comment"
              id={`comment-${a.id}`}
              label={`Your comment on the marking of ${a.moduleTitle}`}
              rows={4}
              error={target === a.id ? errors?.comment : undefined}
              defaultValue={target === a.id ? values?.comment : ""}
            />
            <button type="submit" className="button">
              Record comment
            </button>
          </Form>
        </section>
      ))}
    </>
  );
}
