import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { format, parseISO } from "date-fns";
import { ErrorSummary, TextAreaField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { HeldTextNotice } from "~/components/HeldText";
import { heldPostFor } from "~/modules/drafts/held-posts.server";
import { requireYearAccess } from "~/modules/first-year/access.server";
import { KINDS } from "~/modules/supervision/kinds";
import { acknowledgeSchema } from "~/modules/supervision/session-forms.server";
import { acknowledgeSession, findSession } from "~/modules/supervision/supervision.server";
import { actorOf, forbidden, notFound, requireUser } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { isUuid } from "~/utils/ids";
import { refuse, saveOnce } from "~/utils/save-once.server";
import { SubmissionKey } from "~/components/SubmissionKey";
import { keepingWhatWasTyped } from "~/utils/saving.server";

export const meta: MetaFunction = () => [{ title: "Supervision session – Practice Pathways" }];

async function sessionOr404(request: Request, enrolmentId: string | undefined, sessionId: string | undefined) {
  const current = await requireUser(request);
  const access = await requireYearAccess(current, enrolmentId);
  const found = isUuid(sessionId) ? await findSession(access.enrolment.id, sessionId) : null;
  if (!found) notFound("We could not find that supervision session.");
  return { current, ...access, found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { current, party, learnerName, enrolment, found } = await sessionOr404(
    request,
    params.enrolmentId,
    params.sessionId,
  );
  const { session, recordedBy, agreed, completed } = found;
  return {
    held: party === "learner" ? await heldPostFor(request, current.user.id) : null,
    enrolmentId: enrolment.id,
    party,
    learnerName,
    session: {
      heldOn: format(parseISO(session.heldOn), "EEEE d MMMM yyyy"),
      minutes: session.minutes,
      kind: KINDS[session.kind],
      agenda: session.agenda,
      discussion: session.discussion,
      decisions: session.decisions,
      recordedBy,
      acknowledgedAt: session.acknowledgedAt ? format(session.acknowledgedAt, "d MMMM yyyy, HH:mm") : null,
      learnerComment: session.learnerComment,
    },
    agreed: agreed.map((a) => ({ id: a.id, text: a.text, owner: a.owner, done: !!a.doneInSessionId })),
    completed: completed.map((a) => ({ id: a.id, text: a.text })),
  };
}

/** A failed save gives the form back with what was typed (keepingWhatWasTyped). */
export async function action(args: ActionFunctionArgs) {
  return keepingWhatWasTyped(sendForm)(args);
}

async function sendForm({ request, params, context }: ActionFunctionArgs) {
  const { current, party, enrolment, found } = await sessionOr404(request, params.enrolmentId, params.sessionId);
  if (party !== "learner") forbidden("Only the learner acknowledges their supervision record.");
  const form = await parseSubmission(request, acknowledgeSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
    const ok = await acknowledgeSession(
      enrolment.id,
      found.session.id,
      actorOf(current, context, { role: "learner", organisationId: enrolment.organisationId }),
      form.data.comment,
    );
    if (!ok) return refuse(data({ errors: { form: "You have already acknowledged this record." }, values: {} }, { status: 409 }));
    return `/year/${enrolment.id}/supervision/${found.session.id}?acknowledged=1`;
  });
  if (!outcome.saved) return outcome.refusal;
  throw redirect(outcome.location);
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n{2,}/).map((p, i) => (
        <p key={i} className="preserve-lines">
          {p}
        </p>
      ))}
    </>
  );
}

export default function SessionPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const held = actionData ? null : page.held;
  const values = (actionData?.values ?? held?.fields) as Record<string, string> | undefined;
  const [params] = useSearchParams();
  const s = page.session;
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      {held ? <HeldTextNotice held={held} /> : null}
      {params.get("acknowledged") ? (
        <Notification title="Acknowledged">
          <p>Your supervisor can see that you have read and acknowledged this record.</p>
        </Notification>
      ) : null}
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <a href={`/year/${page.enrolmentId}/supervision`}>Supervision for {page.learnerName}</a>
          </li>
        </ol>
      </nav>
      <span className="caption">{s.kind}</span>
      <h1>Supervision on {s.heldOn}</h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Length</dt>
          <dd>{s.minutes} minutes</dd>
        </div>
        <div className="summary-list__row">
          <dt>Recorded by</dt>
          <dd>{s.recordedBy}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Acknowledged</dt>
          <dd>{s.acknowledgedAt ? `By ${page.learnerName}, ${s.acknowledgedAt}` : "Not yet"}</dd>
        </div>
      </dl>
      <h2>Agenda</h2>
      <Paragraphs text={s.agenda} />
      <h2>Discussion</h2>
      <Paragraphs text={s.discussion} />
      {s.decisions ? (
        <>
          <h2>Decisions</h2>
          <Paragraphs text={s.decisions} />
        </>
      ) : null}
      <h2>Actions agreed</h2>
      {page.agreed.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {page.agreed.map((a) => (
            <li key={a.id}>
              {a.text} ({a.owner === "learner" ? page.learnerName : "supervisor"}){a.done ? " — done" : ""}
            </li>
          ))}
        </ul>
      )}
      {page.completed.length ? (
        <>
          <h2>Earlier actions reported done</h2>
          <ul>
            {page.completed.map((a) => (
              <li key={a.id}>{a.text}</li>
            ))}
          </ul>
        </>
      ) : null}
      {s.learnerComment ? (
        <>
          <h2>{page.learnerName}'s comment</h2>
          <Paragraphs text={s.learnerComment} />
        </>
      ) : null}
      {page.party === "learner" && !s.acknowledgedAt ? (
        <Form method="post" noValidate className="panel">
          <SubmissionKey />
          <h2 className="heading-m">Acknowledge this record</h2>
          <p>Acknowledging says you have read it. If something is missing or wrong, say so in your comment.</p>
          <TextAreaField
            name="comment"
            label="Your comment (optional)"
            rows={4}
            defaultValue={values?.comment}
            error={errors?.comment}
          />
          <button type="submit" className="button">
            Acknowledge
          </button>
        </Form>
      ) : null}
    </div>
  );
}
