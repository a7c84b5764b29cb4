import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { mayReadAsStaff } from "~/modules/programmes/access.server";
import { findModule, findProgramme } from "~/modules/programmes/catalogue.server";
import { findEnrolment, lessonStatesFor } from "~/modules/programmes/learning.server";
import { describeMinutes } from "~/modules/programmes/labels";
import { getCurrentUser, notFound } from "~/utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.module.title} – ${data.programme.title} – Practice Pathways` : "Module – Practice Pathways" },
];

/** Public outline of a module; an enrolled learner also sees which lessons they have done. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const programme = params.programme ? findProgramme(params.programme) : undefined;
  const module = programme && params.module ? findModule(programme, params.module) : undefined;
  if (!programme || !module) notFound("We could not find that module.");
  const current = await getCurrentUser(request);
  const enrolment = current ? await findEnrolment(current.user.id, programme.slug) : null;
  const states = enrolment ? ((await lessonStatesFor([enrolment.id])).get(enrolment.id) ?? []) : [];
  const done = new Set(states.filter((s) => s.moduleSlug === module.slug && s.completedAt).map((s) => s.lessonSlug));
  return {
    signedIn: !!current,
    enrolled: !!enrolment,
    // Only people who may open the lessons are given links to them (anyone else would be refused).
    canRead: !!enrolment || (!!current && mayReadAsStaff(current)),
    programme: { slug: programme.slug, title: programme.title },
    module: {
      slug: module.slug,
      order: module.order,
      title: module.title,
      summary: module.summary,
      credits: module.credits ?? null,
      assignment: module.assignment ?? null,
      assessmentCriteria: module.assessmentCriteria ?? null,
      lessons: module.lessons.map((l) => ({
        slug: l.slug,
        title: l.title,
        summary: l.summary ?? null,
        minutes: l.minutes,
        done: done.has(l.slug),
      })),
    },
  };
}

export default function ModulePage() {
  const { programme, module, enrolled, signedIn, canRead } = useLoaderData<typeof loader>();
  const done = module.lessons.filter((l) => l.done).length;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <Link to="/programmes">Programmes</Link>
          </li>
          <li>
            <Link to={`/programmes/${programme.slug}`}>{programme.title}</Link>
          </li>
        </ol>
      </nav>
      <span className="caption">
        Module {module.order}
        {module.credits ? ` · ${module.credits} credits` : ""}
      </span>
      <h1>{module.title}</h1>
      <p className="lead narrow">{module.summary}</p>
      {enrolled ? (
        <p>
          {done} of {module.lessons.length} lessons complete.
        </p>
      ) : null}
      <h2>Lessons</h2>
      <ol className="lesson-list">
        {module.lessons.map((l) => (
          <li key={l.slug} className="lesson-list__item">
            {canRead ? (
              <Link to={`/programmes/${programme.slug}/${module.slug}/${l.slug}`}>{l.title}</Link>
            ) : (
              <span className="lesson-list__title">{l.title}</span>
            )}{" "}
            {l.done ? <span className="tag tag--green">Complete</span> : null}
            <span className="secondary lesson-list__meta">
              {l.summary ? `${l.summary} ` : ""}About {describeMinutes(l.minutes)}.
            </span>
          </li>
        ))}
      </ol>
      {!signedIn ? (
        <p>
          <Link to={`/sign-in?redirectTo=/programmes/${programme.slug}/${module.slug}`}>Sign in</Link> to read the
          lessons.
        </p>
      ) : !canRead ? (
        <p>
          The lessons are for learners on this programme.{" "}
          <Link to={`/programmes/${programme.slug}`}>The programme's page</Link> says how to join.
        </p>
      ) : null}
      {module.assignment ? (
        <section aria-labelledby="assignment-heading">
          <h2 id="assignment-heading">Assignment: {module.assignment.title}</h2>
          {module.assignment.wordCount ? (
            <p className="secondary">{module.assignment.wordCount.toLocaleString("en-GB")} words</p>
          ) : null}
          {module.assignment.brief.split(/\n{2,}/).map((para, i) => (
            <p key={i} className="narrow">
              {para}
            </p>
          ))}
          <table className="table">
            <caption>Marking rubric</caption>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col">Weight</th>
                <th scope="col">What each band looks like</th>
              </tr>
            </thead>
            <tbody>
              {module.assignment.rubric.map((r) => (
                <tr key={r.criterion}>
                  <th scope="row">{r.criterion}</th>
                  <td>{r.weight}%</td>
                  <td>
                    <dl className="rubric-bands">
                      {r.bands.map((b) => (
                        <div key={b.band}>
                          <dt>{b.band}</dt>
                          <dd>{b.descriptor}</dd>
                        </div>
                      ))}
                    </dl>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {module.assessmentCriteria ? (
        <section aria-labelledby="criteria-heading">
          <h2 id="criteria-heading">Assessment criteria</h2>
          <p className="narrow">
            An independent assessor judges your practice against these criteria at the end of the module.
          </p>
          <table className="table">
            <caption className="visually-hidden">Assessment criteria</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Criterion</th>
                <th scope="col">What you show</th>
              </tr>
            </thead>
            <tbody>
              {module.assessmentCriteria.map((c) => (
                <tr key={c.code}>
                  <td>{c.code}</td>
                  <td>{c.criterion}</td>
                  <td>{c.evidence ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}
