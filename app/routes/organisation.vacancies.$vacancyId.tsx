import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { VacancyForm } from "~/components/VacancyForm";
import { formatDate } from "~/modules/organisations/people";
import { vacancySchema } from "~/modules/returners/vacancy-schema.server";
import { VACANCY_STATE_LABELS, vacancyState } from "~/modules/returners/vacancies";
import { findOrganisationVacancy, updateVacancy, withdrawVacancy } from "~/modules/returners/vacancies.server";
import { actorOf, notFound, requireMembership } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { isUuid } from "~/utils/ids";
import { englandDay } from "~/utils/england";
import { HeldTextNotice } from "~/components/HeldText";
import { heldPostFor } from "~/modules/drafts/held-posts.server";
import { keepingWhatWasTyped } from "~/utils/saving.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.vacancy.title ?? "Vacancy"} – Practice Pathways` },
];

async function vacancyOr404(request: Request, vacancyId: string | undefined) {
  const current = await requireMembership(request, { permission: "vacancy:manage:organisation", employerOnly: true });
  if (!isUuid(vacancyId)) notFound();
  const vacancy = await findOrganisationVacancy(current.active.organisationId, vacancyId);
  if (!vacancy) notFound();
  return { current, vacancy };
}

const today = () => englandDay();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { current, vacancy } = await vacancyOr404(request, params.vacancyId);
  return {
    held: await heldPostFor(request, current.user.id),
    organisation: current.active.organisation.name,
    vacancy: {
      id: vacancy.id,
      title: vacancy.title,
      state: vacancyState(vacancy, today()),
      closesOn: formatDate(vacancy.closesOn),
      withdrawnOn: vacancy.withdrawnAt ? formatDate(vacancy.withdrawnAt) : null,
    },
    values: {
      title: vacancy.title,
      team: vacancy.team,
      region: vacancy.region,
      grade: vacancy.grade,
      salaryFrom: String(vacancy.salaryFrom),
      salaryTo: String(vacancy.salaryTo),
      specialism: vacancy.specialism,
      returnerFriendly: vacancy.returnerFriendly ? "yes" : "no",
      supervisionOffered: vacancy.supervisionOffered,
      inductionOffered: vacancy.inductionOffered,
      description: vacancy.description,
      closesOn: vacancy.closesOn,
    } as Record<string, string>,
  };
}

/** A failed save gives the form back with what was typed (keepingWhatWasTyped). */
export async function action(args: ActionFunctionArgs) {
  return keepingWhatWasTyped(sendForm)(args);
}

async function sendForm({ request, params, context }: ActionFunctionArgs) {
  const { current, vacancy } = await vacancyOr404(request, params.vacancyId);
  const actor = actorOf(current, context);
  const formData = await request.formData().catch(() => null);
  const intent = formData?.get("intent");
  if (intent === "withdraw") {
    if (!(await withdrawVacancy(actor, vacancy.id)))
      return data({ errors: { form: "This vacancy has already been withdrawn." }, values: {} }, { status: 400 });
    throw redirect(`/organisation/vacancies/${vacancy.id}?withdrawn=1`);
  }
  if (intent !== "save" || !formData)
    return data({ errors: { form: "Choose whether to save your changes or withdraw the post." }, values: {} }, { status: 400 });
  // A date already set may stay, even once passed; a new one must be today or later.
  const earliest = vacancy.closesOn < today() ? vacancy.closesOn : today();
  const form = await parseSubmission(formData, vacancySchema(earliest));
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  await updateVacancy(actor, vacancy.id, form.data);
  throw redirect(`/organisation/vacancies/${vacancy.id}?saved=1`);
}

export default function VacancyPage() {
  const { organisation, vacancy, values, held: heldPost } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const held = !actionData && heldPost?.fields.intent === "save" ? heldPost : null;
  const kept = (actionData?.values ?? held?.fields) as Record<string, string> | undefined;
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      {held ? <HeldTextNotice held={held} /> : null}
      {params.get("posted") ? (
        <Notification title="Vacancy posted">
          <p>
            It is on the public <a href={`/vacancies/${vacancy.id}`}>vacancies list</a> until {vacancy.closesOn}.
          </p>
        </Notification>
      ) : null}
      {params.get("saved") ? (
        <Notification title="Changes saved">
          <p>The public page shows them now.</p>
        </Notification>
      ) : null}
      {params.get("withdrawn") ? (
        <Notification title="Vacancy withdrawn">
          <p>It no longer appears on the public list, and nobody new can be introduced for it.</p>
        </Notification>
      ) : null}
      <p>
        <a href="/organisation/vacancies">Back to your vacancies</a>
      </p>
      <span className="caption">{organisation}</span>
      <h1>{vacancy.title}</h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Status</dt>
          <dd>
            {VACANCY_STATE_LABELS[vacancy.state]}
            {vacancy.state === "withdrawn" && vacancy.withdrawnOn ? ` on ${vacancy.withdrawnOn}` : null}
            {vacancy.state === "closed" ? ` on ${vacancy.closesOn}` : null}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Public page</dt>
          <dd>
            <a href={`/vacancies/${vacancy.id}`}>See the post as the public sees it</a>
          </dd>
        </div>
      </dl>
      <h2>Change the post</h2>
      <VacancyForm values={kept && kept.intent === "save" ? kept : values} errors={errors} submitLabel="Save changes" />
      {vacancy.state !== "withdrawn" ? (
        <>
          <h2>Withdraw the post</h2>
          <p>
            Withdraw it if the post has been filled or will not go ahead. It leaves the public list at once; people
            already introduced stay on your introductions list.
          </p>
          <Form method="post">
            <button type="submit" name="intent" value="withdraw" className="button button--warning">
              Withdraw this vacancy
            </button>
          </Form>
        </>
      ) : null}
    </div>
  );
}
