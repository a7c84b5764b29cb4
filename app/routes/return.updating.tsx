import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { format, parseISO } from "date-fns";
import { ErrorSummary, RadioGroup, TextAreaField, TextField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { ReturnNav } from "~/components/ReturnNav";
import { daysInWords, daysNeededFor, entryStandings, formatDays } from "~/modules/returners/journey";
import { deleteEntrySchema, updatingEntrySchema } from "~/modules/returners/journey-forms.server";
import {
  addUpdatingEntry,
  deleteUpdatingEntry,
  listUpdatingEntries,
  MAX_HOURS_A_DAY,
  requireReturner,
} from "~/modules/returners/journey.server";
import { countUpdatingDays, HOURS_MAX, HOURS_MIN, UPDATING_KIND_LABELS, UPDATING_KINDS } from "~/modules/returners/updating";
import { actorOf, notFound } from "~/utils/auth.server";
import { type FieldErrors } from "~/utils/forms";
import { parseSubmission } from "~/utils/forms.server";
import { englandDay } from "~/utils/england";
import { refuse, saveOnce } from "~/utils/save-once.server";
import { SubmissionKey } from "~/components/SubmissionKey";
import { HeldTextNotice } from "~/components/HeldText";
import { heldPostFor } from "~/modules/drafts/held-posts.server";
import { keepingWhatWasTyped } from "~/utils/saving.server";

export const meta: MetaFunction = () => [{ title: "Updating days – Your return – Practice Pathways" }];

const KIND_HINTS: Record<(typeof UPDATING_KINDS)[number], string> = {
  supervised_practice:
    "Working in a social work role under the supervision of a registered social worker, shadowing social workers included. Say who supervised it.",
  formal_study: "Study provided by a person or organisation: courses, the refresher programme, workshops, e-learning.",
  private_study: "Reading, research and study on your own. Counts for at most half of the days you need.",
};

const long = (d: string) => format(parseISO(d), "d MMMM yyyy");

export async function loader({ request }: LoaderFunctionArgs) {
  const { current, profile } = await requireReturner(request);
  const today = englandDay();
  const entries = await listUpdatingEntries(current.user.id);
  // A new applicant (never registered) is told their updating by Social Work England: the log counts days, against no target.
  const newApplicant = profile?.registrationStatus === "never_registered";
  const needed = profile && !newApplicant ? daysNeededFor(profile, today) : null;
  const log = entries.map((e) => ({ id: e.id, date: e.on, hours: e.hours, kind: e.kind }));
  const count = countUpdatingDays(log, needed ?? 0, today);
  const standings = entryStandings(log, needed ?? 0, today);
  return {
    today,
    needed,
    newApplicant,
    count,
    windowStart: long(count.windowStart),
    held: await heldPostFor(request, current.user.id),
    entries: entries.map((e) => ({
      id: e.id,
      on: long(e.on),
      hours: formatDays(e.hours),
      kind: UPDATING_KIND_LABELS[e.kind],
      description: e.description,
      supervisedBy: e.supervisedBy,
      standing: standings.get(e.id) ?? { kind: "future" as const },
    })),
  };
}

type Refusal = { errors: FieldErrors; values: Record<string, string> };

/** A failed save gives the form back with what was typed (keepingWhatWasTyped). */
export async function action(args: ActionFunctionArgs) {
  return keepingWhatWasTyped(sendForm)(args);
}

async function sendForm({ request, context }: ActionFunctionArgs) {
  const { current } = await requireReturner(request);
  const actor = actorOf(current, context);
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return data<Refusal>(
      { errors: { form: "We could not read that form. Please try again." }, values: {} },
      { status: 400 },
    );
  }
  const today = englandDay();
  if (formData.get("intent") === "delete") {
    const form = await parseSubmission(formData, deleteEntrySchema);
    if (!form.ok) notFound("We could not find that entry in your log.");
    // Only the person's own entries: anyone else's id is answered as if it did not exist.
    if (!(await deleteUpdatingEntry(actor, form.data.entryId))) notFound("We could not find that entry in your log.");
    throw redirect("/return/updating?deleted=1");
  }
  const form = await parseSubmission(formData, updatingEntrySchema(today));
  if (!form.ok) return data<Refusal>({ errors: form.errors, values: form.values }, { status: 400 });
  const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
    const added = await addUpdatingEntry(actor, form.data);
    if (!added.ok)
      return refuse(
        data<Refusal>(
          {
            errors: {
              hours: `You have already logged ${formatDays(added.already)} hours on ${long(form.data.on)}; a day can hold at most ${MAX_HOURS_A_DAY}`,
            },
            values: form.values,
          },
          { status: 400 },
        ),
      );
    return "/return/updating?added=1";
  });
  if (!outcome.saved) return outcome.refusal;
  throw redirect(outcome.location);
}

function Standing({
  standing,
}: {
  standing: ReturnType<typeof useLoaderData<typeof loader>>["entries"][number]["standing"];
}) {
  switch (standing.kind) {
    case "counts":
      return (
        <>
          <span className="tag tag--green">Counts</span>
          <br />
          {daysInWords(standing.days)}
        </>
      );
    case "capped":
      return standing.days > 0 ? (
        <>
          <span className="tag tag--yellow">Counts in part</span>
          <br />
          {daysInWords(standing.days)}: over the private study cap
        </>
      ) : (
        <>
          <span className="tag tag--yellow">Does not count</span>
          <br />
          Over the private study cap
        </>
      );
    case "long_day":
      return (
        <>
          <span className="tag tag--yellow">Counts in part</span>
          <br />
          {daysInWords(standing.days)}: a date counts for 1 day at most
        </>
      );
    case "outside":
      return (
        <>
          <span className="tag tag--grey">No longer counts</span>
          <br />
          More than 12 months ago
        </>
      );
    default:
      return <span className="tag tag--grey">Not yet</span>;
  }
}

export default function UpdatingLog() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  const held = !actionData && page.held?.fields.intent === "add" ? page.held : null;
  const values = (actionData?.values ?? held?.fields) as Record<string, string> | undefined;
  const [params] = useSearchParams();
  // A new form after each answer, so an entry just added is not left in the boxes to be added twice.
  const { key } = useLocation();
  const { count, needed } = page;
  return (
    <>
      <ReturnNav />
      <ErrorSummary errors={errors} />
      {held ? <HeldTextNotice held={held} /> : null}
      {params.get("added") ? (
        <Notification title="Added to your log">
          <p>The count below includes it.</p>
        </Notification>
      ) : null}
      {params.get("deleted") ? (
        <Notification title="Entry deleted">
          <p>It no longer counts towards your updating days.</p>
        </Notification>
      ) : null}
      <span className="caption">Your return</span>
      <h1>Updating days</h1>
      <section aria-labelledby="count-heading" className="panel">
        <h2 id="count-heading" className="heading-m">
          {needed === null
            ? `${formatDays(count.counted)} days logged`
            : needed === 0
              ? "You need no updating days"
              : `${formatDays(count.counted)} of ${needed} days counted`}
        </h2>
        {needed ? (
          <meter
            className="meter"
            min={0}
            max={needed}
            value={Math.min(count.counted, needed)}
            optimum={needed}
            aria-labelledby="count-heading"
          >
            {formatDays(count.counted)} of {needed}
          </meter>
        ) : null}
        <p>
          <strong>Social Work England counts it this way:</strong> a day is at least 6 hours; only the last 12 months
          count; private study at most half.
        </p>
        <p>
          Hours add up to days date by date: 6 hours or more on one date make 1 day, and that date counts for 1 day
          however long it was (9 hours is still 1 day); fewer hours make part of a day (3 hours is half a day), and
          part-days on different dates add up.
        </p>
        <ul>
          <li>{formatDays(count.otherDays)} days of supervised practice and formal study</li>
          <li>
            {formatDays(count.privateStudyDays)} days of private study
            {count.privateStudyNotCounted > 0
              ? `, of which ${formatDays(count.privateStudyNotCounted)} are over the half that can count`
              : ""}
          </li>
          {count.hoursBeyondADay > 0 ? (
            <li>
              {formatDays(count.hoursBeyondADay)} hours beyond 6 on a date, which add nothing: a date counts for 1 day
              at most
            </li>
          ) : null}
          <li>Entries from {page.windowStart} on count; earlier ones no longer do</li>
        </ul>
        {page.newApplicant ? (
          <p>
            You were never on the register, so you apply to join it as a new applicant: Social Work England tells new
            applicants how much updating it needs. The log counts your days the same way.
          </p>
        ) : needed === null ? (
          <p>
            <a href="/return">Answer the questions about your registration</a> to see how many days you need.
          </p>
        ) : null}
      </section>

      <div className="narrow">
        <h2>Add to your log</h2>
        <Form method="post" noValidate key={key}>
          <SubmissionKey />
          <input type="hidden" name="intent" value="add" />
          <TextField
            name="on"
            type="date"
            label="Date"
            hint="Not in the future."
            max={page.today}
            width="third"
            defaultValue={values?.on ?? page.today}
            error={errors?.on}
          />
          <TextField
            name="hours"
            label="Hours"
            hint={`From ${HOURS_MIN} to ${HOURS_MAX}, to the quarter hour: 3.5 is three and a half hours. 6 hours make 1 day, and one date counts for 1 day at most.`}
            inputMode="decimal"
            width="third"
            defaultValue={values?.hours}
            error={errors?.hours}
          />
          <RadioGroup
            name="kind"
            legend="Kind of updating"
            error={errors?.kind}
            defaultValue={values?.kind}
            options={UPDATING_KINDS.map((k) => ({ value: k, label: UPDATING_KIND_LABELS[k], hint: KIND_HINTS[k] }))}
          />
          <TextAreaField
            name="description"
            label="What you did"
            hint="What it was, and what you learnt from it: this goes with your application."
            rows={4}
            defaultValue={values?.description}
            error={errors?.description}
          />
          <TextField
            name="supervisedBy"
            label="Who supervised it"
            hint="Needed for supervised practice: their name and role, for example Sam Carter, senior practitioner."
            defaultValue={values?.supervisedBy}
            error={errors?.supervisedBy}
            autoComplete="off"
          />
          <button type="submit" className="button">
            Add to the log
          </button>
        </Form>
      </div>

      <h2 id="log-heading">Your log</h2>
      {page.entries.length ? (
        <div className="table-scroll" role="region" aria-labelledby="log-heading" tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">Your updating log, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col" className="numeric">
                  Hours
                </th>
                <th scope="col">Kind</th>
                <th scope="col">What you did</th>
                <th scope="col">Counts?</th>
                <th scope="col">
                  <span className="visually-hidden">Delete</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {page.entries.map((e) => (
                <tr key={e.id}>
                  <td>{e.on}</td>
                  <td className="numeric">{e.hours}</td>
                  <td>{e.kind}</td>
                  <td>
                    <span className="preserve-lines">{e.description}</span>
                    {e.supervisedBy ? (
                      <>
                        <br />
                        <span className="secondary">Supervised by {e.supervisedBy}</span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <Standing standing={e.standing} />
                  </td>
                  <td>
                    <Form method="post">
                      <SubmissionKey />
                      <input type="hidden" name="intent" value="delete" />
                      <input type="hidden" name="entryId" value={e.id} />
                      <button type="submit" className="button button--secondary">
                        Delete<span className="visually-hidden"> the entry of {e.on}</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Nothing logged yet. Add each day or part-day of updating as you do it.</p>
      )}
    </>
  );
}
