import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { format, parseISO } from "date-fns";
import { CheckboxGroup, ErrorSummary, TextAreaField, TextField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { ReturnNav } from "~/components/ReturnNav";
import { cpdSentences, cpdState, discussedWithPeer, registrationYearOf, standardField } from "~/modules/returners/cpd";
import { PROFESSIONAL_STANDARDS } from "~/modules/returners/options";
import { cpdRecordSchema } from "~/modules/returners/journey-forms.server";
import { addCpdRecord, listCpdRecords, requireReturner } from "~/modules/returners/journey.server";
import { type FieldErrors } from "~/utils/forms";
import { parseSubmission } from "~/utils/forms.server";
import { englandDay } from "~/utils/england";
import { actorOf } from "~/utils/auth.server";
import { savedOnce } from "~/utils/save-once.server";
import { SubmissionKey } from "~/components/SubmissionKey";
import { HeldTextNotice } from "~/components/HeldText";
import { heldPostFor } from "~/modules/drafts/held-posts.server";
import { keepingWhatWasTyped } from "~/utils/saving.server";

export const meta: MetaFunction = () => [{ title: "CPD records – Your return – Practice Pathways" }];

const long = (d: string) => format(parseISO(d), "d MMMM yyyy");
const STANDARD_TITLES = new Map<string, string>(PROFESSIONAL_STANDARDS.map((s) => [s.code, s.title]));

export async function loader({ request }: LoaderFunctionArgs) {
  const { current } = await requireReturner(request);
  const today = englandDay();
  const records = await listCpdRecords(current.user.id);
  const state = cpdState(
    records.map((r) => ({ recordedOn: r.recordedOn, peerReflection: discussedWithPeer(r) })),
    today,
  );
  const shown = records.map((r) => ({
    id: r.id,
    recordedOn: long(r.recordedOn),
    year: registrationYearOf(r.recordedOn),
    activity: r.activity,
    learning: r.learning,
    impact: r.impact,
    standards: r.standards.map((code) => ({ code, title: STANDARD_TITLES.get(code) ?? code })),
    peer: discussedWithPeer(r) ? { name: r.peerName!, reflection: r.peerReflection! } : null,
    peerNote: !discussedWithPeer(r) && (r.peerName || r.peerReflection) ? true : false,
  }));
  const years: { label: string; starts: string; ends: string; records: typeof shown }[] = [];
  // Newest registration year first; the records come newest first, so years appear in that order.
  for (const record of shown) {
    let year = years.find((y) => y.label === record.year.label);
    if (!year) {
      year = { label: record.year.label, starts: long(record.year.starts), ends: long(record.year.ends), records: [] };
      years.push(year);
    }
    year.records.push(record);
  }
  return {
    held: await heldPostFor(request, current.user.id),
    today,
    years,
    state: {
      year: state.year.label,
      starts: long(state.year.starts),
      ends: long(state.year.ends),
      met: state.kind === "met",
      records: state.records,
      peerReviewed: state.peerReviewed,
      warn: state.kind === "due" && state.warn,
      ...cpdSentences(state),
    },
  };
}

type Refusal = { errors: FieldErrors; values: Record<string, string> };

/** A failed save gives the form back with what was typed (keepingWhatWasTyped). */
export async function action(args: ActionFunctionArgs) {
  return keepingWhatWasTyped(sendForm)(args);
}

async function sendForm({ request, context }: ActionFunctionArgs) {
  const { current } = await requireReturner(request);
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return data<Refusal>(
      { errors: { form: "We could not read that form. Please try again." }, values: {} },
      { status: 400 },
    );
  }
  const form = await parseSubmission(formData, cpdRecordSchema(englandDay()));
  if (!form.ok) return data<Refusal>({ errors: form.errors, values: form.values }, { status: 400 });
  const location = await savedOnce(request, form.sent, current.user.id, async () => {
    await addCpdRecord(actorOf(current, context), form.data);
    return "/return/cpd?added=1";
  });
  throw redirect(location);
}

export default function CpdLog() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  const held = actionData ? null : page.held;
  const values = (actionData?.values ?? held?.fields) as Record<string, string> | undefined;
  const [params] = useSearchParams();
  // A new form after each answer, so a record just added is not left in the boxes to be added twice.
  const { key } = useLocation();
  const { state } = page;
  const standardsError = errors?.standards;
  return (
    <>
      <ReturnNav />
      <ErrorSummary errors={errors} />
      {held ? <HeldTextNotice held={held} /> : null}
      {params.get("added") ? (
        <Notification title="CPD record added">
          <p>It is in your evidence pack too.</p>
        </Notification>
      ) : null}
      <span className="caption">Your return</span>
      <h1>CPD records</h1>
      <p className="narrow">
        Social Work England asks for at least two CPD records each registration year (1 December to 30 November), at
        least one of them reflected on with a peer: another professional you talked it over with. One record can be
        both. Renewal is open from 1 September to 30 November.
      </p>

      <section aria-labelledby="state-heading" className="panel">
        <h2 id="state-heading" className="heading-m">
          Registration year {state.year}: {state.starts} to {state.ends}
        </h2>
        <p>
          {state.records} {state.records === 1 ? "record" : "records"} so far, {state.peerReviewed} reflected on with a
          peer.
        </p>
        {state.met ? (
          <p>
            <span className="tag tag--green">Done</span> {state.need}
          </p>
        ) : state.warn ? (
          <div className="warning-text">
            <strong>{state.need}</strong>
          </div>
        ) : (
          <p>{state.need}</p>
        )}
        <p>{state.renewal}</p>
      </section>

      <div className="narrow">
        <h2>Add a CPD record</h2>
        <Form method="post" noValidate key={key}>
          <SubmissionKey />
          <TextField
            name="recordedOn"
            type="date"
            label="Date of the activity"
            hint="Not in the future."
            max={page.today}
            width="third"
            defaultValue={values?.recordedOn ?? page.today}
            error={errors?.recordedOn}
          />
          <TextAreaField
            name="activity"
            label="What did you do?"
            hint="For example, a course on the Care Act, a journal article, or a case discussion."
            rows={3}
            defaultValue={values?.activity}
            error={errors?.activity}
          />
          <TextAreaField
            name="learning"
            label="What did you learn?"
            rows={4}
            defaultValue={values?.learning}
            error={errors?.learning}
          />
          <TextAreaField
            name="impact"
            label="What impact will it have on your practice?"
            hint="How you will work differently, and what difference it makes to the people you work with."
            rows={4}
            defaultValue={values?.impact}
            error={errors?.impact}
          />
          <CheckboxGroup
            name="standards"
            legend="Which professional standards does it relate to?"
            hint="Social Work England's professional standards. Choose at least one."
            error={standardsError}
            options={PROFESSIONAL_STANDARDS.map((s) => ({
              name: standardField(s.code),
              value: "yes",
              label: `${s.code}. ${s.title}`,
              checked: values?.[standardField(s.code)] === "yes",
            }))}
          />
          <h3 className="heading-s">Reflected on with a peer (optional)</h3>
          <p className="hint">
            Give both the peer&apos;s name and what you discussed for the record to count as reflected on with a peer.
          </p>
          <TextAreaField
            name="peerReflection"
            label="What you discussed with them, and what you took from it"
            rows={3}
            defaultValue={values?.peerReflection}
            error={errors?.peerReflection}
          />
          <TextField
            name="peerName"
            label="Peer's name and role"
            hint="For example, Sam Carter, senior social worker."
            defaultValue={values?.peerName}
            error={errors?.peerName}
            autoComplete="off"
          />
          <button type="submit" className="button">
            Add the record
          </button>
        </Form>
      </div>

      <h2>Your records</h2>
      {page.years.length === 0 ? <p>No CPD records yet.</p> : null}
      {page.years.map((y) => (
        <section key={y.label} aria-labelledby={`year-${y.label}`} className="record-list">
          <h3 id={`year-${y.label}`} className="heading-m">
            Registration year {y.label} ({y.starts} to {y.ends})
          </h3>
          {y.records.map((r) => (
            <article key={r.id} className="card" aria-labelledby={`record-${r.id}`}>
              <h4 id={`record-${r.id}`} className="heading-s">
                {r.recordedOn}{" "}
                {r.peer ? (
                  <span className="tag tag--green">Reflected on with a peer</span>
                ) : (
                  <span className="tag tag--grey">Not reflected on with a peer</span>
                )}
              </h4>
              <dl className="summary-list">
                <div className="summary-list__row">
                  <dt>What I did</dt>
                  <dd className="preserve-lines">{r.activity}</dd>
                </div>
                <div className="summary-list__row">
                  <dt>What I learnt</dt>
                  <dd className="preserve-lines">{r.learning}</dd>
                </div>
                <div className="summary-list__row">
                  <dt>Impact on my practice</dt>
                  <dd className="preserve-lines">{r.impact}</dd>
                </div>
                <div className="summary-list__row">
                  <dt>Professional standards</dt>
                  <dd>
                    <ul className="plain-list">
                      {r.standards.map((s) => (
                        <li key={s.code}>
                          {s.code}. {s.title}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </div>
                {r.peer ? (
                  <div className="summary-list__row">
                    <dt>Reflected on with {r.peer.name}</dt>
                    <dd className="preserve-lines">{r.peer.reflection}</dd>
                  </div>
                ) : r.peerNote ? (
                  <div className="summary-list__row">
                    <dt>Peer reflection</dt>
                    <dd>Incomplete: it needs both the peer&apos;s name and what you discussed.</dd>
                  </div>
                ) : null}
              </dl>
            </article>
          ))}
        </section>
      ))}
    </>
  );
}
