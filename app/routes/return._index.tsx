import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { CheckboxField, ErrorSummary, RadioGroup, SelectField, TextField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { ReturnNav } from "~/components/ReturnNav";
import {
  REGIONS,
  REGISTRATION_LABELS,
  REGISTRATION_STATUSES,
  SPECIALISMS,
  SPECIALISM_LABELS,
} from "~/modules/returners/options";
import { returnOverview } from "~/modules/returners/overview.server";
import { formatDays } from "~/modules/returners/journey";
import { checklistSchema, profileSchema } from "~/modules/returners/journey-forms.server";
import { requireReturner, saveChecklist, saveProfile } from "~/modules/returners/journey.server";
import { type FieldErrors } from "~/utils/forms";
import { parseSubmission } from "~/utils/forms.server";
import { englandDay } from "~/utils/england";
import { actorOf } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Your return to social work – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { current, profile } = await requireReturner(request);
  const overview = await returnOverview(current.user.id, profile, new Date(), current.user.helplineContactConsent);
  return {
    name: current.user.name,
    ...overview,
    profile: profile && {
      registrationStatus: profile.registrationStatus,
      lapsedOn: profile.lapsedOn ?? "",
      lastPractisedOn: profile.lastPractisedOn?.slice(0, 7) ?? "",
      region: profile.region ?? "",
      specialism: profile.specialism,
      registrationRestored: profile.registrationRestored,
      referencesReceived: profile.referencesReceived,
      supervisedStartAgreed: profile.supervisedStartAgreed,
    },
  };
}

type Refusal = { errors: FieldErrors; values: Record<string, string>; intent: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const { current } = await requireReturner(request);
  const actor = actorOf(current, context);
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return data<Refusal>(
      { errors: { form: "We could not read that form. Please try again." }, values: {}, intent: "" },
      { status: 400 },
    );
  }
  const intent = formData.get("intent");
  const today = englandDay();
  if (intent === "profile") {
    const form = await parseSubmission(formData, profileSchema(today));
    if (!form.ok) return data<Refusal>({ ...form, intent }, { status: 400 });
    const { registrationStatus, lapsedOn, lastPractisedOn, region, specialism } = form.data;
    await saveProfile(actor, { registrationStatus, lapsedOn, lastPractisedOn, region, specialism });
    throw redirect("/return?saved=answers");
  }
  if (intent === "checklist") {
    const form = await parseSubmission(formData, checklistSchema);
    if (!form.ok) return data<Refusal>({ ...form, intent }, { status: 400 });
    const saved = await saveChecklist(actor, {
      registrationRestored: form.data.registrationRestored === "yes",
      referencesReceived: form.data.referencesReceived === "yes",
      supervisedStartAgreed: form.data.supervisedStartAgreed === "yes",
    });
    if (!saved)
      return data<Refusal>(
        {
          errors: { form: "Answer the questions about your registration first." },
          values: form.values,
          intent,
        },
        { status: 400 },
      );
    throw redirect("/return?saved=checklist");
  }
  return data<Refusal>(
    { errors: { form: "We could not tell what that form was for. Please try again." }, values: {}, intent: "" },
    { status: 400 },
  );
}

function ProfileForm({
  profile,
  errors,
  values,
  submit,
}: {
  profile: ReturnType<typeof useLoaderData<typeof loader>>["profile"];
  errors?: FieldErrors;
  values?: Record<string, string>;
  submit: string;
}) {
  const value = (name: keyof NonNullable<typeof profile>) =>
    values?.[name] ?? (profile ? String(profile[name]) : undefined);
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="profile" />
      <RadioGroup
        name="registrationStatus"
        legend="Where does your registration with Social Work England stand?"
        error={errors?.registrationStatus}
        defaultValue={value("registrationStatus")}
        options={REGISTRATION_STATUSES.map((s) => ({ value: s, label: REGISTRATION_LABELS[s] }))}
      />
      <TextField
        name="lapsedOn"
        type="date"
        label="On what date did your registration lapse?"
        hint="Only if it has lapsed. The date your registration ended, as Social Work England's letter or your online account gives it, for example 2020-12-01: time off the register is counted to the day."
        width="third"
        defaultValue={value("lapsedOn")}
        error={errors?.lapsedOn}
      />
      <TextField
        name="lastPractisedOn"
        type="month"
        label="When did you last practise as a social worker?"
        hint="The month and year, for example 2019-09."
        width="third"
        defaultValue={value("lastPractisedOn")}
        error={errors?.lastPractisedOn}
      />
      <SelectField
        name="region"
        label="Which region do you want to work in?"
        error={errors?.region}
        defaultValue={value("region")}
        options={REGIONS.map((r) => ({ value: r, label: r }))}
      />
      <RadioGroup
        name="specialism"
        legend="Which area of social work are you returning to?"
        error={errors?.specialism}
        defaultValue={value("specialism")}
        options={SPECIALISMS.map((s) => ({ value: s, label: SPECIALISM_LABELS[s] }))}
      />
      <button type="submit" className="button">
        {submit}
      </button>
    </Form>
  );
}

/** The answers' fields then the checklist's, as the page shows them. */
const FIELD_ORDER = [
  "registrationStatus",
  "lapsedOn",
  "lastPractisedOn",
  "region",
  "specialism",
  "registrationRestored",
  "referencesReceived",
  "supervisedStartAgreed",
];

export default function YourReturn() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  // New forms after each answer, showing what was saved rather than what was last typed.
  const { key } = useLocation();
  const errors = actionData?.errors;
  const profileErrors = actionData?.intent === "profile" ? errors : undefined;
  const checklistErrors = actionData?.intent === "checklist" ? errors : undefined;
  const values = actionData?.values;
  const offers = page.introductions.filter((i) => i.goodNews);
  const journey = page.journey;
  return (
    <>
      <ReturnNav />
      <ErrorSummary errors={errors} order={FIELD_ORDER} />
      {params.get("saved") === "answers" ? (
        <Notification title="Your answers are saved">
          <p>The days of updating you need are worked out from them.</p>
        </Notification>
      ) : null}
      {params.get("saved") === "checklist" ? (
        <Notification title="Checklist saved">
          <p>Your evidence pack shows it too.</p>
        </Notification>
      ) : null}
      <span className="caption">Your return</span>
      <h1>Your return to social work</h1>
      <p className="lead">{page.standing}</p>
      {page.tasks.length ? (
        <section aria-labelledby="next-heading">
          <h2 id="next-heading">What to do next</h2>
          <ul className="plain-list">
            {page.tasks.map((t) => (
              <li key={t.text} className="action-row">
                {t.urgency === "upcoming" ? <span className="tag tag--grey">Coming up</span> : null}{" "}
                <a href={t.href}>{t.text}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {offers.map((o) => (
        <div className="notification notification--success" key={o.id}>
          <h2 className="notification__title">
            {o.statusLabel}: {o.council}
          </h2>
          <div className="notification__body">
            <p>
              {o.vacancy}, {o.team}. {o.status === "started" && o.startsOn ? `You start on ${o.startsOn}.` : null}
              {o.status === "offered"
                ? "The council will be in touch about the next steps, including a supervised start."
                : null}
            </p>
          </div>
        </div>
      ))}

      {!journey ? (
        <div className="narrow" id="answers">
          <p className="lead">
            First, a few questions. Your answers decide how many days of updating you need before you apply to restore
            your registration.
          </p>
          <ProfileForm key={key} profile={null} errors={profileErrors} values={values} submit="Work out what I need" />
        </div>
      ) : (
        <>
          <section aria-labelledby="updating-heading" className="panel">
            <h2 id="updating-heading">Updating days</h2>
            {journey.route === "new_applicant" ? (
              <p>
                You were never on the register, so you apply to join it as a new applicant, not to restore a
                registration. Social Work England tells new applicants how much updating they need; a log of what you do
                still helps your application.
              </p>
            ) : journey.needed === 0 ? (
              <p>
                {journey.route === "return" && journey.timeOffRegister
                  ? `Off the register for ${journey.timeOffRegister}: under 2 years, so you`
                  : "You"}{" "}
                need no updating days to apply to restore your registration.
              </p>
            ) : (
              <>
                <label htmlFor="updating-meter" className="heading-m block">
                  {formatDays(journey.count.counted)} of {journey.needed} days counted
                </label>
                <meter
                  id="updating-meter"
                  className="meter"
                  min={0}
                  max={journey.needed}
                  value={Math.min(journey.count.counted, journey.needed)}
                  optimum={journey.needed}
                >
                  {formatDays(journey.count.counted)} of {journey.needed}
                </meter>
                {journey.timeOffRegister ? (
                  <p>
                    Off the register for {journey.timeOffRegister}:{" "}
                    {journey.needed === 60 ? "more than 5 years, so 60 days" : "from 2 up to 5 years, so 30 days"}.
                  </p>
                ) : null}
                <p className="hint">
                  A day is at least 6 hours (each date counts for one day at most); only the last 12 months count;
                  private study at most half.
                  {journey.count.privateStudyNotCounted > 0
                    ? ` ${formatDays(journey.count.privateStudyNotCounted)} days of private study are over the half and do not count.`
                    : ""}
                  {journey.count.outsideWindow > 0
                    ? ` ${journey.count.outsideWindow} ${journey.count.outsideWindow === 1 ? "entry is" : "entries are"} more than 12 months old and no longer ${journey.count.outsideWindow === 1 ? "counts" : "count"}.`
                    : ""}
                </p>
              </>
            )}
            <p>
              <a href="/return/updating">
                {journey.entries ? "See and add to your updating log" : "Start your updating log"}
              </a>
            </p>
          </section>

          <h2 id="checklist">Ready to return</h2>
          <p>
            {journey.checklist.ready
              ? "Everything is in place for your return."
              : `${journey.checklist.left} of ${journey.checklist.items.length} still to do.`}
          </p>
          <ul className="plain-list" aria-labelledby="checklist">
            {journey.checklist.items
              .filter((i) => !i.manual)
              .map((i) => (
                <li key={i.key} className="action-row">
                  <strong>{i.label}</strong>:{" "}
                  {i.done ? (
                    <span className="tag tag--green">Done</span>
                  ) : (
                    <span className="tag tag--grey">Not yet</span>
                  )}{" "}
                  <span className="secondary">({i.detail}, worked out from your log)</span>
                </li>
              ))}
          </ul>
          <Form method="post" noValidate className="narrow" key={key}>
            <input type="hidden" name="intent" value="checklist" />
            <fieldset className="fieldset">
              <legend className="fieldset__legend">Tick what is done</legend>
              {checklistErrors?.form ? <p className="error-message">{checklistErrors.form}</p> : null}
              {journey.checklist.items
                .filter((i) => i.manual)
                .map((i) => (
                  <CheckboxField
                    key={i.key}
                    name={i.key}
                    label={i.label}
                    defaultChecked={values && actionData?.intent === "checklist" ? values[i.key] === "yes" : i.done}
                    error={checklistErrors?.[i.key]}
                  />
                ))}
            </fieldset>
            <button type="submit" className="button button--secondary">
              Save the checklist
            </button>
          </Form>
        </>
      )}

      <h2 id="introductions">Your introductions to councils</h2>
      {page.introductions.length ? (
        <table className="table">
          <caption className="visually-hidden">Councils the helpline introduced you to</caption>
          <thead>
            <tr>
              <th scope="col">Council</th>
              <th scope="col">Post</th>
              <th scope="col">Where it stands</th>
              <th scope="col">Last change</th>
            </tr>
          </thead>
          <tbody>
            {page.introductions.map((i) => (
              <tr key={i.id}>
                <td>{i.council}</td>
                <td>
                  {i.vacancy}
                  <br />
                  <span className="secondary">{i.team}</span>
                </td>
                <td>
                  <span
                    className={`tag ${i.goodNews ? "tag--green" : i.status === "declined" || i.status === "withdrawn" ? "tag--grey" : ""}`}
                  >
                    {i.statusLabel}
                  </span>
                  {i.status === "interview" && i.interviewOn ? (
                    <>
                      <br />
                      Interview on {i.interviewOn}
                    </>
                  ) : null}
                  {i.startsOn && (i.status === "offered" || i.status === "started") ? (
                    <>
                      <br />
                      Starts on {i.startsOn}
                    </>
                  ) : null}
                </td>
                <td>{i.changedOn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>
          None yet. When the recruitment helpline introduces you to a council with a vacant post (only with your
          consent), it is listed here with where it stands.
        </p>
      )}

      <h2>Refresher programme</h2>
      {page.refresher?.enrolled ? (
        <>
          <p>
            <a href={page.refresher.href}>{page.refresher.title}</a>: {page.refresher.modulesDone} of{" "}
            {page.refresher.modulesTotal} modules done ({page.refresher.lessonsDone} of {page.refresher.lessonsTotal}{" "}
            lessons).
          </p>
          <progress
            className="progress"
            max={page.refresher.lessonsTotal}
            value={page.refresher.lessonsDone}
            aria-label="Refresher lessons completed"
          >
            {page.refresher.lessonsDone} of {page.refresher.lessonsTotal}
          </progress>
          {page.refresher.next ? (
            <p>
              <a href={page.refresher.next.href} className="button">
                Next lesson<span className="visually-hidden">: {page.refresher.next.title}</span>
              </a>
              <br />
              <span className="secondary">
                {page.refresher.next.title} ({page.refresher.next.module})
              </span>
            </p>
          ) : (
            <p>
              <strong>All lessons complete.</strong>
            </p>
          )}
          <p className="hint">Log the hours you spend on it as formal study in your updating log.</p>
        </>
      ) : page.refresher ? (
        <p>
          You are not on the refresher yet. <a href={page.refresher.href}>{page.refresher.title}</a> is free, and
          its hours count as formal study.
        </p>
      ) : (
        <p>The refresher programme is not available at the moment.</p>
      )}

      <h2>CPD this registration year ({page.cpd.year})</h2>
      {page.cpd.met ? (
        <p>
          <span className="tag tag--green">Done</span> {page.cpd.need} {page.cpd.renewal}
        </p>
      ) : page.cpd.warn ? (
        <div className="warning-text">
          <strong>
            {page.cpd.need} {page.cpd.renewal}
          </strong>
        </div>
      ) : (
        <p>
          {page.cpd.need} {page.cpd.renewal}
        </p>
      )}
      <p>
        <a href="/return/cpd">Your CPD records</a>
      </p>

      <h2>Evidence pack</h2>
      <p>
        Your updating log, CPD records and this checklist in one document, for your application to Social Work England
        to restore your registration.
      </p>
      <p>
        <a href="/return/evidence.pdf" download>
          Download your evidence pack (PDF)
        </a>
      </p>

      {journey && page.profile ? (
        <>
          <h2>What you need</h2>
          <ul>
            {journey.steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
          {journey.nationalProgramme ? (
            <p>
              Your time out of practice is within the 2 to 10 years of the Local Government Association's Return to
              Social Work programme. It runs in funded intakes with its own eligibility checks and places: when an
              intake opens, check whether you qualify and apply.
            </p>
          ) : null}
          <details className="details" id="answers" open={!!profileErrors}>
            <summary>Change your answers</summary>
            <div className="narrow">
              <ProfileForm
                key={key}
                profile={page.profile}
                errors={profileErrors}
                values={values}
                submit="Save your answers"
              />
            </div>
          </details>
        </>
      ) : null}
    </>
  );
}
