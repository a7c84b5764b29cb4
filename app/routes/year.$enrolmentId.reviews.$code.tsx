import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { DraftStatus, RestoredDraft, useDraftKeeper } from "~/components/DraftKeeper";
import { CheckboxGroup, ErrorSummary, RadioGroup, TextAreaField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { HeldTextNotice } from "~/components/HeldText";
import { heldPostFor } from "~/modules/drafts/held-posts.server";
import { Prose } from "~/components/Prose";
import { YearNav } from "~/components/YearNav";
import { reviewDraftKey } from "~/modules/drafts/drafts";
import { discardDraft } from "~/modules/drafts/drafts.server";
import { requireYearAccess } from "~/modules/first-year/access.server";
import { reviewDates, yearInputFor } from "~/modules/first-year/year";
import { reviewPage, stepWaitingFor } from "~/modules/signoff/review-page.server";
import { OUTCOMES, RECOMMENDATIONS } from "~/modules/signoff/reviews";
import { decisionDone, REVIEW_BANNERS } from "~/modules/signoff/review-banners";
import { blockersOfFinal, countersignReview, decideReview, submitReview } from "~/modules/signoff/reviews.server";
import { countersignSchema, decisionSchema, submissionSchema } from "~/modules/signoff/review-forms.server";
import { actorOf, forbidden, notFound, requireUser } from "~/utils/auth.server";
import { type SubmittedValuesWithLists } from "~/utils/forms";
import { parseSubmission } from "~/utils/forms.server";
import { refuse as refused, savedBefore, saveOnce, sentFormOf } from "~/utils/save-once.server";
import { SubmissionKey } from "~/components/SubmissionKey";
import { keepingWhatWasTyped } from "~/utils/saving.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.review.title} – ${data.learnerName} – Practice Pathways` : "Review – Practice Pathways" },
];

async function gate(request: Request, enrolmentId: string | undefined, code: string | undefined) {
  const current = await requireUser(request);
  const access = await requireYearAccess(current, enrolmentId);
  const review = reviewDates(yearInputFor(access.enrolment, access.programme)).find((r) => r.code === code);
  if (!review) notFound("That review point is not part of this programme.");
  return { current, ...access, review };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { current, enrolment, party, signsAs, learnerName, teamManagerName, programme, review } = await gate(
    request,
    params.enrolmentId,
    params.code,
  );
  const page = await reviewPage({ enrolment, programme, review, signsAs, viewerId: current.user.id });
  return {
    enrolmentId: enrolment.id,
    learnerName,
    programme: programme.title,
    party,
    teamManager: teamManagerName,
    ownerId: current.user.id,
    ...page,
    held: page.action ? await heldPostFor(request, current.user.id) : null,
  };
}

/** A failed save gives the form back with what was typed (keepingWhatWasTyped). */
export async function action(args: ActionFunctionArgs) {
  return keepingWhatWasTyped(sendForm)(args);
}

async function sendForm({ request, params, context }: ActionFunctionArgs) {
  const { current, enrolment, party, signsAs, review, programme } = await gate(
    request,
    params.enrolmentId,
    params.code,
  );
  const formData = await request.formData();
  // A repeat of a step already taken is sent where the first went, before the step is asked for.
  const repeat = await savedBefore(request, sentFormOf(formData), current.user.id);
  if (repeat) throw redirect(repeat);
  const waiting = await stepWaitingFor(enrolment.id, review.code, party, signsAs);
  const act = waiting.step;
  if (!act || formData.get("intent") !== act) forbidden(waiting.refusal);
  // A programme lead who is also the year's team manager countersigns as team manager.
  const actor = actorOf(current, context, {
    role: signsAs === "learner" || signsAs === "team_manager" ? signsAs : undefined,
    organisationId: enrolment.organisationId,
  });
  const refuse = (errors: Record<string, string>, values: SubmittedValuesWithLists, status = 400) =>
    data({ errors, values }, { status });
  const here = `/year/${enrolment.id}/reviews/${review.code}`;
  if (act === "submit") {
    const form = await parseSubmission(formData, submissionSchema, { lists: ["evidence"] });
    if (form.ok && review.final) {
      const blockers = await blockersOfFinal(enrolment, programme);
      if (blockers.length) return refuse({ form: blockers.join(". ") }, form.values, 409);
    }
    if (!form.ok) return refuse(form.errors, form.values);
    const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
      const result = await submitReview(enrolment.id, review.code, actor, form.data.learnerComments, form.data.evidence);
      if (!result.ok) return refused(refuse({ [result.field ?? "form"]: result.message }, form.values, 409));
      await discardDraft(current.user.id, reviewDraftKey(enrolment.id, review.code));
      return `${here}?done=submitted`;
    });
    if (!outcome.saved) return outcome.refusal;
    throw redirect(outcome.location);
  }
  if (act === "decide") {
    const form = await parseSubmission(formData, decisionSchema(review.final));
    if (!form.ok) return refuse(form.errors, form.values);
    const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
      const result = await decideReview(enrolment.id, review.code, actor, String(formData.get("submission")), {
        decision: form.data.decision,
        outcome: form.data.decision === "approved" ? form.data.outcome! : null,
        comments: form.data.comments,
        actionPlan: form.data.outcome === "not_on_track" ? form.data.actionPlan : null,
      }, review);
      if (!result.ok) return refused(refuse({ form: result.message }, form.values, 409));
      return `${here}?done=${decisionDone(form.data.decision, form.data.outcome)}`;
    });
    if (!outcome.saved) return outcome.refusal;
    throw redirect(outcome.location);
  }
  const form = await parseSubmission(formData, countersignSchema);
  if (!form.ok) return refuse(form.errors, form.values);
  const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
    const result = await countersignReview(enrolment.id, review.code, actor, form.data.version, form.data.comments, review);
    if (!result.ok) return refused(refuse({ form: result.message }, form.values, 409));
    return `${here}?done=countersigned`;
  });
  if (!outcome.saved) return outcome.refusal;
  throw redirect(outcome.location);
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;
type Errors = Record<string, string> | undefined;
type Values = Record<string, string | string[]> | undefined;

function SubmitForm({ page, errors, values }: { page: Page; errors: Errors; values: Values }) {
  const key = reviewDraftKey(page.enrolmentId, page.review.code);
  const keeper = useDraftKeeper({ formKey: key, ownerId: page.ownerId, serverSavedAt: page.draft?.savedAt ?? null });
  const kept = values ?? page.draft?.fields;
  const chosen = new Set([kept?.evidence ?? page.previous?.evidence ?? []].flat());
  const comments = [kept?.learnerComments ?? page.previous?.comments ?? ""].flat()[0];
  return (
    <section aria-labelledby="submit-heading">
      {page.draft && !values ? (
        <RestoredDraft
          formKey={key}
          savedAt={page.draft.savedAt}
          returnTo={`/year/${page.enrolmentId}/reviews/${page.review.code}`}
        />
      ) : null}
      <h2 id="submit-heading">{page.state === "returned" ? "Revise and submit again" : "Submit for the review"}</h2>
      {page.blockers.length ? (
        <Notification title="Not ready to submit yet" kind="information">
          <ul className="plain-list">
            {page.blockers.map((b) => (
              <li key={b}>{b}.</li>
            ))}
          </ul>
        </Notification>
      ) : null}
      <Form method="post" noValidate {...keeper.formProps}>
        <SubmissionKey />
        <input type="hidden" name="intent" value="submit" />
        <CheckboxGroup
          name="evidence"
          legend="Evidence for this review"
          hint="Each piece is put forward at its current version; later edits do not change what was reviewed."
          error={errors?.evidence}
          empty="Your portfolio has no evidence yet."
          options={page.evidence.map((e) => ({
            value: e.id,
            label: (
              <>
                {e.title}{" "}
                <span className="secondary">
                  ({e.kind}, {e.occurredOn}, version {e.version})
                </span>
              </>
            ),
            checked: chosen.has(e.id),
          }))}
        />
        <TextAreaField
          name="learnerComments"
          label="Your comments for the review"
          hint="How you have developed since the start (or the last review), what the evidence shows, and what you want to work on next."
          rows={8}
          defaultValue={comments}
          error={errors?.learnerComments}
        />
        <DraftStatus state={keeper.state} savedAt={keeper.savedAt} />
        <button type="submit" className="button">
          Submit for review
        </button>
      </Form>
    </section>
  );
}

function DecisionForm({ page, errors, values }: { page: Page; errors: Errors; values: Values }) {
  const v = (name: string) => [values?.[name] ?? ""].flat()[0];
  const choices = page.review.final ? RECOMMENDATIONS : OUTCOMES;
  return (
    <section aria-labelledby="decide-heading">
      <h2 id="decide-heading">Your decision</h2>
      <Form method="post" noValidate className="narrow">
        <SubmissionKey />
        <input type="hidden" name="intent" value="decide" />
        <input type="hidden" name="submission" value={page.latest!.id} />
        <RadioGroup
          name="decision"
          legend="Approve the review, or return it to the NQSW?"
          error={errors?.decision}
          defaultValue={v("decision")}
          options={[
            { value: "approved", label: "Approve", hint: "You sign off this submission as it stands." },
            { value: "returned", label: "Return with comments", hint: "The NQSW revises and submits again." },
          ]}
        />
        <RadioGroup
          name="outcome"
          legend={page.review.final ? "Your recommendation (if you approve)" : "Is the NQSW on track? (if you approve)"}
          error={errors?.outcome}
          defaultValue={v("outcome")}
          options={Object.entries(choices).map(([value, label]) => ({ value, label }))}
        />
        {page.review.final ? null : (
          <TextAreaField
            name="actionPlan"
            label="Action plan (when not on track)"
            hint="What will change, who supports it, and by when it will be reviewed."
            defaultValue={v("actionPlan")}
            error={errors?.actionPlan}
          />
        )}
        <TextAreaField
          name="comments"
          label="Comments"
          hint="Needed when you return the review, and for a fail recommendation."
          defaultValue={v("comments")}
          error={errors?.comments}
        />
        <button type="submit" className="button">
          Record the decision
        </button>
      </Form>
    </section>
  );
}

function CountersignForm({ page, errors, values }: { page: Page; errors: Errors; values: Values }) {
  return (
    <section aria-labelledby="countersign-heading">
      <h2 id="countersign-heading">Countersign</h2>
      <Form method="post" noValidate className="narrow">
        <SubmissionKey />
        <input type="hidden" name="intent" value="countersign" />
        <input type="hidden" name="version" value={page.latest!.hash} />
        <TextAreaField
          name="comments"
          label="Comments (optional)"
          defaultValue={[values?.comments ?? ""].flat()[0]}
          error={errors?.comments}
        />
        <button type="submit" className="button">
          Countersign the {page.review.final ? "recommendation" : "review"}
        </button>
      </Form>
    </section>
  );
}


export default function Review() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Errors;
  // What was sent after the session ended comes back on the form it was sent from, if that form is still the one to fill.
  const held = !actionData && page.held?.fields.intent === page.action ? page.held : null;
  const values = (actionData?.values ?? held?.fields) as Values;
  const [params] = useSearchParams();
  const done = REVIEW_BANNERS[params.get("done") ?? ""];
  const history = (
    <>
      <h2>{page.history.length ? "What was submitted and signed" : "Nothing submitted yet"}</h2>
      {page.history.map((s) => (
        <section className="panel" key={s.id} aria-labelledby={`submission-${s.number}`}>
          <h3 className="heading-s" id={`submission-${s.number}`}>
            Submission {s.number}, {s.submittedAt}
          </h3>
          <Prose text={s.comments} />
          <ul className="plain-list">
            {s.items.map((i) => (
              <li key={i.itemId}>
                <a href={i.href}>{i.title}</a>{" "}
                <span className="secondary">
                  ({i.kind}, version {i.version})
                </span>
                {i.changedTo ? (
                  <>
                    {" "}
                    <span className="tag tag--yellow">Changed since: now version {i.changedTo}</span>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
          <p className="hint">
            Fingerprint <code>{s.hash}</code>
          </p>
          {s.signoffs.map((g) => (
            <div key={g.id} className="signoff">
              <p>
                <strong>
                  {g.step === "countersignature"
                    ? "Countersigned"
                    : g.decision === "approved"
                      ? "Approved"
                      : "Returned with comments"}
                </strong>{" "}
                by {g.by}, {g.role}, {g.at}
              </p>
              {g.outcome ? (
                <p>
                  {g.concern ? (
                    <>
                      <span className="tag tag--yellow">Concern</span>{" "}
                    </>
                  ) : null}
                  {g.outcome}
                </p>
              ) : null}
              {g.comments ? <Prose text={g.comments} /> : null}
              {g.actionPlan ? (
                <>
                  <h4 className="heading-s">Action plan</h4>
                  <Prose text={g.actionPlan} />
                </>
              ) : null}
            </div>
          ))}
        </section>
      ))}
    </>
  );
  return (
    <>
      <YearNav enrolmentId={page.enrolmentId} label={`${page.learnerName}'s year`} />
      <ErrorSummary errors={errors} order={["evidence", "learnerComments", "decision", "outcome", "actionPlan", "comments"]} />
      {done ? (
        <Notification title={done.title} kind={done.kind}>
          <p>{done.text}</p>
        </Notification>
      ) : null}
      <span className="caption">
        {page.learnerName} · {page.programme}
      </span>
      <h1>{page.review.title}</h1>
      <p>
        Due by {page.review.due}.{" "}
        <span className={`tag ${page.state === "complete" && !page.concern ? "tag--green" : "tag--yellow"}`}>
          {page.stateLabel}
          {page.concern ? (page.review.final ? ": fail recommended" : ": not on track") : ""}
        </span>
      </p>
      {held ? <HeldTextNotice held={held} /> : null}
      {page.action === "submit" ? <SubmitForm page={page} errors={errors} values={values} /> : null}
      {history}
      {page.action === "decide" ? <DecisionForm page={page} errors={errors} values={values} /> : null}
      {page.action === "countersign" ? <CountersignForm page={page} errors={errors} values={values} /> : null}
      {page.state === "approved" && page.action !== "countersign" ? (
        <p className="narrow">
          {page.teamManager
            ? `Waiting for the countersignature of the year's team manager, ${page.teamManager}.`
            : "No team manager named yet — the programme lead names one on the year's settings. Nobody can countersign until then."}
        </p>
      ) : null}
      <p>
        <a href={`/year/${page.enrolmentId}/reviews`}>All review points</a>
      </p>
    </>
  );
}
