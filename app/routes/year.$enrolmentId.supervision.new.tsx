import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { format, parseISO } from "date-fns";
import { DraftStatus, RestoredDraft, useDraftKeeper } from "~/components/DraftKeeper";
import { CheckboxGroup, ErrorSummary, RadioGroup, SelectField, TextAreaField, TextField } from "~/components/forms";
import { discardDraft, loadDraft } from "~/modules/drafts/drafts.server";
import { heldPostFor } from "~/modules/drafts/held-posts.server";
import { HeldTextNotice } from "~/components/HeldText";
import { requireYearAccess } from "~/modules/first-year/access.server";
import { KINDS } from "~/modules/supervision/kinds";
import { sessionSchema } from "~/modules/supervision/session-forms.server";
import { openActions, recordSession } from "~/modules/supervision/supervision.server";
import { actorOf, forbidden, requireUser } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { englandDay } from "~/utils/england";
import { ACTION_ROWS, doneActionIds, readAgreedActions } from "~/modules/supervision/agreed-actions";
import { savedOnce } from "~/utils/save-once.server";
import { SubmissionKey } from "~/components/SubmissionKey";
import { keepingWhatWasTyped } from "~/utils/saving.server";

export const meta: MetaFunction = () => [{ title: "Record a supervision session – Practice Pathways" }];

const formKey = (enrolmentId: string) => `supervision-new:${enrolmentId}`;

async function requireSupervisor(request: Request, enrolmentId: string | undefined) {
  const current = await requireUser(request);
  const access = await requireYearAccess(current, enrolmentId);
  if (access.party !== "supervisor") forbidden("Only the learner's practice supervisor records supervision.");
  return { current, ...access };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { current, enrolment, learnerName } = await requireSupervisor(request, params.enrolmentId);
  const [actions, draft, held] = await Promise.all([
    openActions(enrolment.id),
    loadDraft(current.user.id, formKey(enrolment.id)),
    heldPostFor(request, current.user.id),
  ]);
  return {
    enrolmentId: enrolment.id,
    ownerId: current.user.id,
    draft: draft ? { fields: draft.fields, savedAt: draft.updatedAt.toISOString() } : null,
    held,
    learnerName,
    today: englandDay(),
    actions: actions.map((a) => ({ ...a, agreedOn: format(parseISO(a.agreedOn), "d MMM yyyy") })),
  };
}

/** A failed save gives the form back with what was typed (keepingWhatWasTyped). */
export async function action(args: ActionFunctionArgs) {
  return keepingWhatWasTyped(sendForm)(args);
}

async function sendForm({ request, params, context }: ActionFunctionArgs) {
  const { current, enrolment } = await requireSupervisor(request, params.enrolmentId);
  const form = await parseSubmission(request, sessionSchema, { lists: ["done"] });
  const rows = readAgreedActions(form.values);
  const done = doneActionIds(form.values);
  const errors = { ...(form.ok ? {} : form.errors), ...rows.errors };
  if (!form.ok || Object.keys(errors).length) {
    const { done: _ticked, ...values } = form.values;
    return data({ errors, values: values as Record<string, string>, done }, { status: 400 });
  }
  const location = await savedOnce(request, form.sent, current.user.id, async () => {
    const session = await recordSession(
      enrolment.id,
      actorOf(current, context, { role: "supervisor", organisationId: enrolment.organisationId }),
      { ...form.data, actions: rows.actions, doneActionIds: done },
    );
    await discardDraft(current.user.id, formKey(enrolment.id));
    return `/year/${enrolment.id}/supervision?recorded=${session.id}`;
  });
  throw redirect(location);
}

export default function RecordSession() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const keeper = useDraftKeeper({
    formKey: formKey(page.enrolmentId),
    ownerId: page.ownerId,
    serverSavedAt: page.draft?.savedAt ?? null,
  });
  // After a failed save, what was sent; else what was sent after the session ended; else a draft kept from an earlier visit.
  const held = actionData ? null : page.held;
  const kept = held?.fields ?? page.draft?.fields;
  const values = (actionData?.values ??
    (kept ? Object.fromEntries(Object.entries(kept).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])) : undefined)) as
    Record<string, string> | undefined;
  const sentDone = actionData ? ("done" in actionData ? actionData.done : actionData.values.done) : kept?.done;
  const done = new Set([sentDone ?? []].flat());
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <span className="caption">{page.learnerName}</span>
      <h1>Record a supervision session</h1>
      {held ? <HeldTextNotice held={held} returnTo={`/year/${page.enrolmentId}/supervision/new`} /> : null}
      {page.draft && !actionData && !held ? (
        <RestoredDraft
          formKey={formKey(page.enrolmentId)}
          savedAt={page.draft.savedAt}
          returnTo={`/year/${page.enrolmentId}/supervision/new`}
        />
      ) : null}
      <Form method="post" noValidate {...keeper.formProps}>
        <SubmissionKey />
        <TextField
          name="heldOn"
          label="Date of the session"
          type="date"
          width="third"
          defaultValue={values?.heldOn ?? page.today}
          error={errors?.heldOn}
        />
        <TextField
          name="minutes"
          label="Length in minutes"
          inputMode="numeric"
          width="third"
          defaultValue={values?.minutes ?? "60"}
          error={errors?.minutes}
        />
        <RadioGroup
          name="kind"
          legend="Kind of supervision"
          error={errors?.kind}
          defaultValue={values?.kind ?? "one_to_one"}
          options={Object.entries(KINDS).map(([value, label]) => ({ value, label }))}
        />
        <TextAreaField
          name="agenda"
          label="Agenda"
          hint="What you set out to discuss, including anything the NQSW brought."
          defaultValue={values?.agenda}
          error={errors?.agenda}
        />
        <TextAreaField
          name="discussion"
          label="Discussion"
          hint="Casework, reflection, wellbeing and development: what was said and thought."
          defaultValue={values?.discussion}
          error={errors?.discussion}
        />
        <TextAreaField
          name="decisions"
          label="Decisions (optional)"
          hint="Case decisions made or confirmed, with the reasons."
          defaultValue={values?.decisions}
          error={errors?.decisions}
        />
        {page.actions.length ? (
          <CheckboxGroup
            name="done"
            legend="Actions from earlier sessions"
            hint="Tick the ones now done. The rest are carried to the next session."
            options={page.actions.map((a) => ({
              value: a.id,
              label: (
                <>
                  {a.text}{" "}
                  <span className="secondary">
                    ({a.owner === "learner" ? page.learnerName : "you"}, agreed {a.agreedOn})
                  </span>
                </>
              ),
              checked: done.has(a.id),
            }))}
          />
        ) : null}
        <h2 className="heading-m">Actions agreed</h2>
        {Array.from({ length: ACTION_ROWS }, (_, i) => i + 1).map((i) => (
          <div key={i} className="action-row">
            <TextField
              name={`action-${i}`}
              label={`Action ${i} (optional)`}
              defaultValue={values?.[`action-${i}`]}
              error={errors?.[`action-${i}`]}
            />
            <SelectField
              name={`action-${i}-owner`}
              label={`Who does action ${i}`}
              options={[
                { value: "learner", label: page.learnerName },
                { value: "supervisor", label: "You (the supervisor)" },
              ]}
              defaultValue={values?.[`action-${i}-owner`] ?? "learner"}
              error={errors?.[`action-${i}-owner`]}
            />
          </div>
        ))}
        <DraftStatus state={keeper.state} savedAt={keeper.savedAt} />
        <div className="button-group">
          <button type="submit" className="button">
            Save the record
          </button>
          <a href={`/year/${page.enrolmentId}/supervision`}>Cancel</a>
        </div>
      </Form>
    </div>
  );
}
