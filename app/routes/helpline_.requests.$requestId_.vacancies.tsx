/**
 * Suitable vacancies for one person who asked the helpline to call them back, best first
 * (their region, their specialism, open to returners, closing soonest), and the advisor's
 * introductions of them to councils. Introducing needs the person's recorded consent.
 *
 * (Named with `_` so that the page stands alone, not inside the desk's request page.)
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { formatDate } from "~/modules/organisations/people";
import { hasRecordedConsent } from "~/modules/returners/introductions";
import { findHelplineRequest, introduce, listRequestIntroductions } from "~/modules/returners/introductions.server";
import { rankVacancies } from "~/modules/returners/matching";
import {
  CALLBACK_STATUS_LABELS,
  INTRODUCTION_STATUS_LABELS,
  SPECIALISM_LABELS,
} from "~/modules/returners/options";
import { formatSalary, postSpecialismLabel } from "~/modules/returners/vacancies";
import { listAllOpenVacancies } from "~/modules/returners/vacancies.server";
import { introduceSchema } from "~/modules/returners/introduction-schema.server";
import { actorOf, notFound, requireMembership } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { isUuid } from "~/utils/ids";
import { englandDay } from "~/utils/england";
import { refuse, saveOnce } from "~/utils/save-once.server";
import { SubmissionKey } from "~/components/SubmissionKey";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Vacancies for ${data?.request.name ?? "a returner"} – Practice Pathways` },
];

async function requestOr404(request: Request, requestId: string | undefined) {
  const current = await requireMembership(request, { permission: "introduction:create:helpline" });
  if (!isUuid(requestId)) notFound();
  const found = await findHelplineRequest(current.active.organisationId, requestId);
  if (!found) notFound();
  return { current, found };
}

const today = () => englandDay();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { current, found } = await requestOr404(request, params.requestId);
  const [open, made] = await Promise.all([listAllOpenVacancies(today()), listRequestIntroductions(found.id)]);
  const introducedTo = new Set(made.map((i) => i.vacancyId));
  const matches = rankVacancies({ region: found.region, specialism: found.specialism }, open, today());
  return {
    organisation: current.active.organisation.name,
    request: {
      id: found.id,
      reference: found.reference,
      name: found.name,
      region: found.region,
      specialism: SPECIALISM_LABELS[found.specialism],
      status: CALLBACK_STATUS_LABELS[found.status],
      consent: hasRecordedConsent(found),
      consentRecordedOn: found.consentRecordedAt ? formatDate(found.consentRecordedAt) : null,
    },
    matches: matches.map((m) => ({
      id: m.vacancy.id,
      title: m.vacancy.title,
      council: m.vacancy.council,
      team: m.vacancy.team,
      region: m.vacancy.region,
      specialism: postSpecialismLabel(m.vacancy.specialism),
      salary: formatSalary(m.vacancy.salaryFrom, m.vacancy.salaryTo),
      closesOn: formatDate(m.vacancy.closesOn),
      sameRegion: m.sameRegion,
      sameSpecialism: m.sameSpecialism,
      returnerFriendly: m.vacancy.returnerFriendly,
      introduced: introducedTo.has(m.vacancy.id),
    })),
    introductions: made.map((i) => ({
      id: i.id,
      council: i.council,
      vacancyTitle: i.vacancyTitle,
      vacancyId: i.vacancyId,
      status: INTRODUCTION_STATUS_LABELS[i.status],
      introducedOn: formatDate(i.createdAt),
      changedOn: formatDate(i.updatedAt),
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { current, found } = await requestOr404(request, params.requestId);
  const form = await parseSubmission(request, introduceSchema);
  if (!form.ok)
    return data({ errors: { form: Object.values(form.errors)[0] ?? "Choose a vacancy" } }, { status: 400 });
  const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
    const result = await introduce(actorOf(current, context), found.id, form.data.vacancyId, today());
    if (!result.ok) return refuse(data({ errors: { form: result.message } }, { status: 400 }));
    return `/helpline/requests/${found.id}/vacancies?introduced=1`;
  });
  if (!outcome.saved) return outcome.refusal;
  throw redirect(outcome.location);
}

export default function RequestVacancies() {
  const { request: r, matches, introductions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <>
      <ErrorSummary errors={actionData?.errors} />
      {params.get("introduced") ? (
        <Notification title="Introduction made">
          <p>The council&apos;s programme lead can see {r.name}&apos;s details and will record what happens next.</p>
        </Notification>
      ) : null}
      <p>
        <a href={`/helpline/requests/${r.id}`}>Back to the request</a>
      </p>
      <span className="caption">
        {r.reference}: {r.status}
      </span>
      <h1>Vacancies for {r.name}</h1>
      <p>
        Looking for {r.specialism.toLowerCase()} posts in {r.region}. Open posts are listed best first: in their region, in
        their specialism, open to returners, then closing soonest.
      </p>
      {r.consent ? (
        <p>
          {r.name} agreed to share their details with councils (recorded on {r.consentRecordedOn}).
        </p>
      ) : (
        <div className="inset">
          <h2 className="heading-s">No consent to share their details</h2>
          <p>
            {r.name} has not agreed to share their details with councils, so you cannot introduce them. Ask them on
            your next call, and record their consent before introducing them.
          </p>
        </div>
      )}

      <h2>Introductions made</h2>
      {introductions.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Introductions made for {r.name}</caption>
          <thead>
            <tr>
              <th scope="col">Council</th>
              <th scope="col">Post</th>
              <th scope="col">Introduced</th>
              <th scope="col">Status</th>
              <th scope="col">Last change</th>
            </tr>
          </thead>
          <tbody>
            {introductions.map((i) => (
              <tr key={i.id}>
                <td>{i.council}</td>
                <td>
                  <a href={`/vacancies/${i.vacancyId}`}>{i.vacancyTitle}</a>
                </td>
                <td>{i.introducedOn}</td>
                <td>{i.status}</td>
                <td>{i.changedOn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Suitable open vacancies</h2>
      {matches.length === 0 ? (
        <p>There are no open vacancies just now.</p>
      ) : (
        <ol className="plain-list">
          {matches.map((m) => (
            <li key={m.id} className="card">
              <h3 className="heading-s">
                <a href={`/vacancies/${m.id}`}>{m.title}</a>
              </h3>
              <p>
                {m.council}, {m.team}. {m.region}; {m.specialism}; {m.salary}.
              </p>
              <p className="hint">Why it is suggested:</p>
              <ul>
                <li>{m.sameRegion ? `In their region (${m.region})` : `Another region (${m.region})`}</li>
                <li>{m.sameSpecialism ? "Suits their specialism" : `A different specialism (${m.specialism})`}</li>
                <li>{m.returnerFriendly ? "Open to returners" : "Not marked as open to returners"}</li>
                <li>Closes on {m.closesOn}</li>
              </ul>
              {m.introduced ? (
                <p>
                  <span className="tag tag--green">Introduced</span>
                </p>
              ) : r.consent ? (
                <Form method="post">
                  <SubmissionKey />
                  <input type="hidden" name="vacancyId" value={m.id} />
                  <button type="submit" name="intent" value="introduce" className="button button--secondary">
                    Introduce {r.name} to {m.council} for this post
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
