import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CourseworkPanel } from "~/components/CourseworkPanel";
import { assignmentForLearner, recordMitigation, requestExtension, submitVersion } from "~/modules/masters/assignments.server";
import { extensionRequestSchema, mitigationSchema } from "~/modules/masters/coursework-forms.server";
import { readHandIn } from "~/modules/masters/hand-in.server";
import { courseworkView } from "~/modules/masters/learner-page.server";
import { parseSubmission } from "~/utils/forms.server";
import { refuse, saveOnce, sentFormOf } from "~/utils/save-once.server";
import { readUploadForm } from "~/utils/uploads.server";
import { mayReadAsStaff } from "~/modules/programmes/access.server";
import { findModule, findProgramme } from "~/modules/programmes/catalogue.server";
import { findEnrolment, lessonStatesFor } from "~/modules/programmes/learning.server";
import { describeMinutes } from "~/modules/programmes/labels";
import { actorOf, forbidden, getCurrentUser, notFound, requireUser } from "~/utils/auth.server";
import { data, redirect } from "@remix-run/node";

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
  // A learner on a Masters cohort sees the assignment their cohort has open for this module.
  const coursework = enrolment && programme.award ? await courseworkView(enrolment, module.slug, new URL(request.url)) : null;
  return {
    coursework,
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

/** The learner hands in work, asks for an extension or puts forward mitigating circumstances. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const current = await requireUser(request);
  const programme = params.programme ? findProgramme(params.programme) : undefined;
  const module = programme && params.module ? findModule(programme, params.module) : undefined;
  if (!programme?.award || !module) notFound("We could not find that module.");
  const enrolment = await findEnrolment(current.user.id, programme.slug);
  if (!enrolment || enrolment.status !== "active") forbidden("Only learners on this programme hand in its assignments.");
  const assignment = await assignmentForLearner(enrolment, module.slug);
  if (!assignment) notFound("There is no assignment open for this module yet.");
  const actor = actorOf(current, context, { role: "learner", organisationId: assignment.organisationId });
  const here = `/programmes/${programme.slug}/${module.slug}`;
  const upload = await readUploadForm(request);
  if (!upload) return data({ intent: "", errors: { form: "We could not read that form. Please try again." }, values: {} }, { status: 400 });
  const intent = String(upload.formData.get("intent") ?? "");
  if (intent === "hand-in") {
    const handIn = await readHandIn(upload);
    if (!handIn.ok) return data({ intent, errors: handIn.errors, values: handIn.values }, { status: 400 });
    const outcome = await saveOnce(request, handIn.sent, current.user.id, async () => {
      const result = await submitVersion(actor, assignment, enrolment, handIn);
      if (!result.ok) return refuse(data({ intent, errors: { body: result.message }, values: { body: handIn.body } }, { status: 400 }));
      return `${here}?handedIn=${result.version}#receipt`;
    });
    if (!outcome.saved) return outcome.refusal;
    throw redirect(outcome.location);
  }
  if (intent === "request-extension" || intent === "mitigation") {
    const form =
      intent === "request-extension"
        ? await parseSubmission(upload.formData, extensionRequestSchema)
        : await parseSubmission(upload.formData, mitigationSchema);
    if (!form.ok) return data({ intent, errors: form.errors, values: form.values }, { status: 400 });
    const outcome = await saveOnce(request, sentFormOf(upload.formData), current.user.id, async () => {
      if ("reasons" in form.data) {
        const result = await requestExtension(actor, assignment, enrolment, form.data);
        if (!result.ok)
          return refuse(data({ intent, errors: { deadlineDay: result.message }, values: form.values }, { status: 400 }));
        return `${here}?asked=1#extension`;
      }
      await recordMitigation(actor, assignment, enrolment, form.data.circumstances);
      return `${here}?recorded=1#mitigating-circumstances`;
    });
    if (!outcome.saved) return outcome.refusal;
    throw redirect(outcome.location);
  }
  return data({ intent, errors: { form: "We could not read that form. Please try again." }, values: {} }, { status: 400 });
}

export default function ModulePage() {
  const { programme, module, enrolled, signedIn, canRead, coursework } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const done = module.lessons.filter((l) => l.done).length;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <a href="/programmes">Programmes</a>
          </li>
          <li>
            <a href={`/programmes/${programme.slug}`}>{programme.title}</a>
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
              <a href={`/programmes/${programme.slug}/${module.slug}/${l.slug}`}>{l.title}</a>
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
          <a href={`/sign-in?redirectTo=/programmes/${programme.slug}/${module.slug}`}>Sign in</a> to read the
          lessons.
        </p>
      ) : !canRead ? (
        <p>
          The lessons are for learners on this programme.{" "}
          <a href={`/programmes/${programme.slug}`}>The programme's page</a> says how to join.
        </p>
      ) : null}
      {coursework ? <CourseworkPanel view={coursework} sent={actionData ?? null} /> : null}
      {module.assignment ? (
        <section aria-labelledby="assignment-heading">
          <h2 id="assignment-heading">Assignment: {module.assignment.title}</h2>
          {module.assignment.wordCount ? (
            <p className="secondary">{module.assignment.wordCount.toLocaleString("en-GB")} words</p>
          ) : null}
          {module.assignment.stages ? (
            <>
              <h3>Stages</h3>
              <ol className="narrow">
                {module.assignment.stages.map((stage) => (
                  <li key={stage.code}>
                    <strong>{stage.title}</strong>
                    {stage.marked ? " (marked)" : ""}: {stage.summary}
                  </li>
                ))}
              </ol>
            </>
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
