import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatDate } from "~/modules/organisations/people";
import { formatSalary, vacancyState, postSpecialismLabel } from "~/modules/returners/vacancies";
import { findPublicVacancy } from "~/modules/returners/vacancies.server";
import { notFound } from "~/utils/auth.server";
import { isUuid } from "~/utils/ids";
import { englandDay } from "~/utils/england";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.vacancy.title}, ${data.vacancy.council}` : "Vacancy"} – Practice Pathways` },
  ...(data?.open ? [] : [{ name: "robots", content: "noindex" }]),
];

/**
 * A post's public page. A closed or withdrawn post's page still answers (200), so an old link
 * is not a dead end, but says plainly that it has closed and shows nothing to apply for.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  if (!isUuid(params.vacancyId)) notFound();
  const v = await findPublicVacancy(params.vacancyId);
  if (!v) notFound();
  const state = vacancyState(v, englandDay());
  return {
    open: state === "open",
    state,
    vacancy: {
      title: v.title,
      council: v.council,
      team: v.team,
      region: v.region,
      grade: v.grade,
      salary: formatSalary(v.salaryFrom, v.salaryTo),
      specialism: postSpecialismLabel(v.specialism),
      returnerFriendly: v.returnerFriendly,
      supervisionOffered: v.supervisionOffered,
      inductionOffered: v.inductionOffered,
      description: v.description,
      closesOn: formatDate(v.closesOn),
    },
  };
}

export default function PublicVacancy() {
  const { open, state, vacancy: v } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <p>
        <a href="/vacancies">Back to all vacancies</a>
      </p>
      <span className="caption">{v.council}</span>
      <h1>{v.title}</h1>
      {!open ? (
        <div className="inset" role="status">
          <h2 className="heading-m">This vacancy has closed</h2>
          <p>
            {state === "withdrawn"
              ? `${v.council} has withdrawn this post. It is no longer taking applications.`
              : `Applications closed on ${v.closesOn}.`}{" "}
            <a href="/vacancies">See the vacancies that are open now</a>.
          </p>
        </div>
      ) : null}
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Council</dt>
          <dd>{v.council}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Team</dt>
          <dd>{v.team}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Region</dt>
          <dd>{v.region}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Specialism</dt>
          <dd>{v.specialism}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Grade</dt>
          <dd>{v.grade}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Salary</dt>
          <dd>{v.salary} a year</dd>
        </div>
        <div className="summary-list__row">
          <dt>Open to returners</dt>
          <dd>{v.returnerFriendly ? "Yes, returners are welcome" : "No"}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Supervision offered</dt>
          <dd className="preserve-lines">{v.supervisionOffered}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Induction offered</dt>
          <dd className="preserve-lines">{v.inductionOffered}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{open ? "Closes on" : "Closed on"}</dt>
          <dd>{v.closesOn}</dd>
        </div>
      </dl>
      {v.description ? (
        <>
          <h2>About the post</h2>
          <p className="preserve-lines">{v.description}</p>
        </>
      ) : null}
      {open ? (
        <>
          <h2>How to apply</h2>
          <p>
            Ask the recruitment helpline to introduce you. An advisor will call you back, talk through what you need to
            return to practice, and, with your agreement, pass your details to {v.council}.
          </p>
          <p>
            <a href="/return-to-social-work/callback" className="button">
              Ask the helpline to introduce you
            </a>
          </p>
        </>
      ) : null}
    </div>
  );
}
