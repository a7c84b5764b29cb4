import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms";
import { VacancyForm } from "~/components/VacancyForm";
import { vacancySchema } from "~/modules/returners/vacancy-schema.server";
import { createVacancy } from "~/modules/returners/vacancies.server";
import { actorOf, requireMembership } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { englandDay } from "~/utils/england";
import { savedOnce } from "~/utils/save-once.server";
import { HeldTextNotice } from "~/components/HeldText";
import { heldPostFor } from "~/modules/drafts/held-posts.server";
import { keepingWhatWasTyped } from "~/utils/saving.server";

export const meta: MetaFunction = () => [{ title: "Post a vacancy – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { permission: "vacancy:manage:organisation", employerOnly: true });
  return {
    organisation: current.active.organisation.name,
    region: current.active.organisation.region ?? "",
    held: await heldPostFor(request, current.user.id),
  };
}

/** A failed save gives the form back with what was typed (keepingWhatWasTyped). */
export async function action(args: ActionFunctionArgs) {
  return keepingWhatWasTyped(sendForm)(args);
}

async function sendForm({ request, context }: ActionFunctionArgs) {
  const current = await requireMembership(request, { permission: "vacancy:manage:organisation", employerOnly: true });
  const form = await parseSubmission(request, vacancySchema(englandDay()));
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const location = await savedOnce(request, form.sent, current.user.id, async () => {
    const vacancy = await createVacancy(actorOf(current, context), form.data);
    return `/organisation/vacancies/${vacancy.id}?posted=1`;
  });
  throw redirect(location);
}

export default function NewVacancy() {
  const { organisation, region, held: heldPost } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const held = actionData ? null : heldPost;
  const values = ((actionData?.values ?? held?.fields) as Record<string, string> | undefined) ?? { region };
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      {held ? <HeldTextNotice held={held} /> : null}
      <p>
        <a href="/organisation/vacancies">Back to your vacancies</a>
      </p>
      <span className="caption">{organisation}</span>
      <h1>Post a vacancy</h1>
      <p>
        The post is listed publicly, for anyone to read, until its closing date. The helpline can introduce returners
        to it when they agree to share their details with you.
      </p>
      <VacancyForm values={values} errors={errors} submitLabel="Post the vacancy" />
    </div>
  );
}
