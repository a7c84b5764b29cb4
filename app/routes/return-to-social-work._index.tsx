import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { ErrorSummary, RadioGroup } from "~/components/forms";
import { RETURN_ANSWER_FIELDS, ReturnAnswerFields } from "~/components/ReturnAnswerFields";
import { eligibilitySchema } from "~/modules/returners/callback-schemas.server";
import { checkEligibility, type Eligibility } from "~/modules/returners/eligibility";
import { SPECIALISM_LABELS } from "~/modules/returners/options";
import { parseSubmission } from "~/utils/forms.server";
import { englandDay } from "~/utils/england";

export const meta: MetaFunction = () => [
  { title: "Return to social work – Practice Pathways" },
  {
    name: "description",
    content:
      "For qualified social workers who have been out of practice: check the updating days you need, and ask the recruitment helpline to call you back.",
  },
];

const ANSWERS = [
  "qualifiedInUk",
  "registration",
  "lastPractisedMonth",
  "lastPractisedYear",
  "lapsedDay",
  "lapsedMonth",
  "lapsedYear",
  "specialism",
];

/** The self-check is a plain GET form: its answers and its result live in the address. */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  if (!ANSWERS.some((name) => params.has(name))) return { checked: false as const };
  const formData = new FormData();
  for (const [name, value] of params) if (ANSWERS.includes(name)) formData.append(name, value.slice(0, 200));
  const today = englandDay();
  const form = await parseSubmission(formData, eligibilitySchema(today));
  if (!form.ok) return data({ checked: true as const, errors: form.errors, values: form.values }, { status: 400 });
  const { qualifiedInUk, registration, lastPractisedOn, lapsedOn, specialism } = form.data;
  const result = checkEligibility(
    {
      qualifiedInUk: qualifiedInUk === "yes",
      registration,
      lastPractisedOn,
      lapsedOn: lapsedOn ?? undefined,
      specialism,
    },
    today,
  );
  return { checked: true as const, values: form.values, result, specialism };
}

function headlineOf(result: Eligibility) {
  if (result.route === "overseas") return "Apply as a new applicant through Social Work England's international route";
  if (result.route === "new_applicant") return "Apply to join the register as a new applicant, not to restore";
  if (result.route === "still_registered") return "You need no updating days: you are still registered";
  if (result.updatingDays === 0) return "You need no updating days";
  return `You need ${result.updatingDays} updating days`;
}

function Result({ result, specialism }: { result: Eligibility; specialism: keyof typeof SPECIALISM_LABELS }) {
  return (
    <section className="panel" aria-labelledby="result-title" id="result">
      <h2 id="result-title">{headlineOf(result)}</h2>
      {result.route === "return" ? (
        <p>
          You have been off the register for {result.timeOffRegister}, counted from the day it lapsed to today.{" "}
          {result.updatingDays === 60
            ? "More than 5 years off the register, even by a day, means 60 days of updating before you apply to restore your registration."
            : result.updatingDays === 30
              ? "From 2 years up to and including 5 years off the register means 30 days of updating before you apply to restore your registration."
              : "Under 2 years off the register, you can apply to restore your registration straight away."}
        </p>
      ) : null}
      <p>
        You have been out of practice for about {result.yearsOutOfPractice} years.{" "}
        {result.nationalProgramme
          ? "The Local Government Association's Return to Social Work programme runs in funded intakes, with its own eligibility and a limited number of places, for people 2 to 10 years out of practice with about two years' statutory experience. Your time out of practice is within that range, so when an intake opens you can check whether you are eligible and apply: it funds refresher training and a supervised start."
          : "The Local Government Association's Return to Social Work programme, when it has an intake, is for people 2 to 10 years out of practice, so it is unlikely to fit you, but the helpline can still help."}
      </p>
      <h3>What to do next</h3>
      <ol>
        {result.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <p>
        Councils looking for{" "}
        {specialism === "either"
          ? "returning social workers"
          : SPECIALISM_LABELS[specialism].toLowerCase() + " social workers"}{" "}
        can offer a supervised start. <a href="/return-to-social-work/callback">Ask us to call you back</a> to talk
        it through.
      </p>
    </section>
  );
}

export default function ReturnToSocialWork() {
  const page = useLoaderData<typeof loader>();
  const errors = "errors" in page ? (page.errors as Record<string, string>) : undefined;
  const values = "values" in page ? (page.values as Record<string, string>) : {};
  return (
    <>
      <ErrorSummary errors={errors} order={["qualifiedInUk", ...RETURN_ANSWER_FIELDS]} />
      <h1>Return to social work</h1>
      <p className="lead narrow">
        If you qualified as a social worker and have been out of practice, councils want your experience back. The
        recruitment helpline can tell you what you need to do, and introduce you to councils with vacant posts.
      </p>
      {"result" in page && page.result ? <Result result={page.result} specialism={page.specialism} /> : null}
      <div className="narrow">
        <h2>Who it is for</h2>
        <ul>
          <li>Social workers who qualified in the UK and left practice, for a career break, caring, or another job.</li>
          <li>Whether your registration with Social Work England has lapsed or you are still on the register.</li>
          <li>Adults&apos; or children and families social work.</li>
        </ul>
        <h2>What the route looks like</h2>
        <ol>
          <li>
            <strong>We call you back</strong> within two working days, talk through your experience and what you want,
            and explain what you need.
          </li>
          <li>
            <strong>A refresher programme and your updating days.</strong> Off the register for 2 years up to and
            including 5 years, you need 30 days of updating; more than 5 years, even by a day, 60 days. A day is at
            least 6 hours, within the 12 months before you apply: supervised practice, formal study and private study,
            with private study at most half. Never registered? Then you apply to join the register as a new applicant
            instead.
          </li>
          <li>
            <strong>Restore your registration</strong> with Social Work England, with your log of updating and your
            references.
          </li>
          <li>
            <strong>A supervised start</strong> in a council team, with regular supervision and a planned induction.
          </li>
        </ol>
        <p>
          <a href="/return-to-social-work/callback" className="button">
            Ask us to call you back
          </a>
        </p>
        <p>
          <a href="/vacancies">See councils&apos; vacancies for returning social workers</a>
        </p>

        <h2 id="check-title">Check what you need</h2>
        <p>Answer five questions. Nothing is saved and nobody is told: the answer appears on this page.</p>
        <Form method="get" action="/return-to-social-work" noValidate aria-labelledby="check-title">
          <RadioGroup
            name="qualifiedInUk"
            legend="Did you qualify as a social worker in the UK?"
            error={errors?.qualifiedInUk}
            defaultValue={values.qualifiedInUk}
            options={[
              { value: "yes", label: "Yes" },
              { value: "no", label: "No, I qualified outside the UK" },
            ]}
          />
          <ReturnAnswerFields values={values} errors={errors} />
          <button type="submit" className="button">
            Check what I need
          </button>
        </Form>
      </div>
    </>
  );
}
