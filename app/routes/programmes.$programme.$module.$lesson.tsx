import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { DraftStatus, RestoredDraft, useDraftKeeper } from "~/components/DraftKeeper";
import { ErrorSummary } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { findLessonOr404, requireLessonAccess, requireStaffReader } from "~/modules/programmes/access.server";
import { capabilityTitles } from "~/modules/programmes/catalogue.server";
import {
  lessonPageRecords,
  recordLessonView,
  reflectionAsEvidence,
  markSentToPortfolio,
  reflectionsFor,
  saveReflection,
  setLessonComplete,
  submitKnowledgeCheck,
} from "~/modules/programmes/learning.server";
import { lessonReflectionDraftKey, type HeldText } from "~/modules/drafts/drafts";
import { heldPostFor } from "~/modules/drafts/held-posts.server";
import { HeldTextNotice } from "~/components/HeldText";
import { discardDraft, loadDrafts } from "~/modules/drafts/drafts.server";
import { markKnowledgeCheck } from "~/modules/programmes/knowledge-check";
import { orderedOptions } from "~/modules/programmes/option-order";
import { moduleProgress, neighbours, scoreChecks, viewToRecord } from "~/modules/programmes/progress";
import { parseLessonAction } from "~/modules/programmes/lesson-form.server";
import { REFLECTION_MAX } from "~/modules/programmes/limits";
import { actorOf, forbidden, requireUser } from "~/utils/auth.server";
import { sendToPortfolio } from "~/modules/portfolio/portfolio.server";
import { keepingWhatWasTyped } from "~/utils/saving.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.lesson.title} – ${data.programme.title} – Practice Pathways` : "Lesson – Practice Pathways" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const { programme, module, lesson } = findLessonOr404(params.programme, params.module, params.lesson);
  const draftKey = (reflectionId: string) =>
    lessonReflectionDraftKey(programme.slug, module.slug, lesson.slug, reflectionId);
  const [records, drafts] = await Promise.all([
    lessonPageRecords(current.user.id, programme.slug, module.slug, lesson.slug),
    loadDrafts(
      current.user.id,
      lesson.reflections.map((r) => draftKey(r.id)),
    ),
  ]);
  if (!records) requireStaffReader(current);
  const titles = capabilityTitles();
  const { previous, next } = neighbours(programme, module.slug, lesson.slug);
  const base = {
    programme: { slug: programme.slug, title: programme.title },
    module: {
      slug: module.slug,
      title: module.title,
      order: module.order,
      // Lessons in a module with an assignment point at it: the brief and rubric live on the module page.
      assignment: module.assignment
        ? { title: module.assignment.title, href: `/programmes/${programme.slug}/${module.slug}#assignment-heading` }
        : null,
    },
    lesson: {
      slug: lesson.slug,
      title: lesson.title,
      minutes: lesson.minutes,
      outcomes: lesson.outcomes,
      capabilities: lesson.capabilities.map((code) => ({ code, title: titles.get(code) ?? code })),
      segments: lesson.segments,
      reflections: lesson.reflections,
      reading: lesson.reading ?? [],
      // The right answers and their feedback stay on the server until the learner answers. Each
      // learner sees the options in their own stable order (ADR 028); each keeps its own index,
      // which is what the form sends and the marking reads.
      checks: lesson.checks.map((c) => ({
        id: c.id,
        question: c.question,
        options: orderedOptions(
          current.user.id,
          `${programme.slug}/${module.slug}/${lesson.slug}/${c.id}`,
          c.options.map((o) => o.text),
        ).map(({ index, option }) => ({ value: index, text: option })),
      })),
    },
    position: { index: module.lessons.findIndex((l) => l.slug === lesson.slug) + 1, of: module.lessons.length },
    previous: previous && {
      href: `/programmes/${programme.slug}/${previous.module.slug}/${previous.lesson.slug}`,
      title: previous.lesson.title,
    },
    next: next && {
      href: `/programmes/${programme.slug}/${next.module.slug}/${next.lesson.slug}`,
      title: next.lesson.title,
    },
  };
  if (!records) {
    return {
      ...base,
      mode: "staff" as const,
      completed: false,
      moduleDone: 0,
      attempt: null,
      reflections: {},
      drafts: {},
      ownerId: current.user.id,
      portfolioHref: null,
      held: null,
    };
  }
  const { enrolment, states: mine, attempt, reflections } = records;
  const enrolmentId = enrolment.id;
  if (viewToRecord(mine, module.slug, lesson.slug, new Date()))
    await recordLessonView(enrolmentId, module.slug, lesson.slug);
  const scored = attempt ? scoreChecks(lesson, Object.keys(attempt.answers), attempt.answers) : null;
  return {
    ...base,
    mode: "learner" as const,
    completed: mine.some((s) => s.moduleSlug === module.slug && s.lessonSlug === lesson.slug && !!s.completedAt),
    moduleDone: moduleProgress(module, mine).done,
    // A lesson of an assessed programme feeds that year's portfolio.
    portfolioHref: programme.assessment && enrolment.organisationId ? `/year/${enrolmentId}/portfolio` : null,
    attempt: scored && { ...scored, submittedAt: attempt!.submittedAt.toISOString() },
    reflections: Object.fromEntries(
      reflections.map((r) => [
        r.reflectionId,
        {
          body: r.body,
          status: r.status,
          updatedAt: r.updatedAt.toISOString(),
          sent: !!r.sentToPortfolioAt,
        },
      ]),
    ),
    // A reflection being written is kept like every other long form's draft (ADR 007).
    drafts: Object.fromEntries(
      lesson.reflections.flatMap((r) => {
        const draft = drafts.get(draftKey(r.id));
        const body = draft && [draft.fields.body ?? ""].flat()[0];
        return draft && body !== undefined ? [[r.id, { body, savedAt: draft.updatedAt.toISOString() }]] : [];
      }),
    ),
    ownerId: current.user.id,
    held: lesson.reflections.length ? await heldPostFor(request, current.user.id) : null,
  };
}

/** A failed save gives the form back with what was typed (keepingWhatWasTyped). */
export async function action(args: ActionFunctionArgs) {
  return keepingWhatWasTyped(sendForm)(args);
}

async function sendForm({ request, params, context }: ActionFunctionArgs) {
  const current = await requireUser(request);
  const { programme, module, lesson } = findLessonOr404(params.programme, params.module, params.lesson);
  const access = await requireLessonAccess(current, programme.slug);
  if (access.mode !== "learner") forbidden("Only learners on this programme can record progress.");
  const enrolmentId = access.enrolment.id;
  const parsed = await parseLessonAction(request);
  const here = `/programmes/${programme.slug}/${module.slug}/${lesson.slug}`;
  const refuse = (errors: Record<string, string>, checkAnswers: Record<string, number> = {}, values = {}) =>
    data({ errors, values, checkAnswers }, { status: 400 });
  if (!parsed.ok) return refuse(parsed.errors, {}, parsed.values);
  const input = parsed.data;
  switch (input.intent) {
    case "complete":
    case "incomplete":
      await setLessonComplete(enrolmentId, module.slug, lesson.slug, input.intent === "complete");
      throw redirect(`${here}${input.intent === "complete" ? "?completed=1" : ""}#lesson-status`);
    case "check": {
      const marked = markKnowledgeCheck(lesson, input.checkIds, parsed.values);
      if (!marked.ok) return refuse(marked.errors, marked.answers);
      await submitKnowledgeCheck(enrolmentId, module.slug, lesson, marked.ids, marked.answers);
      throw redirect(`${here}#check-results`);
    }
    case "reflection-send": {
      const saved = (await reflectionsFor(enrolmentId, module.slug, lesson.slug)).find(
        (r) => r.reflectionId === input.reflectionId && r.status === "saved" && r.body.trim(),
      );
      if (!saved || !programme.assessment || !access.enrolment.organisationId)
        return refuse({
          [`reflection-${input.reflectionId}`]: "Save your reflection before sending it to your portfolio",
        });
      const itemId = await sendToPortfolio(
        enrolmentId,
        actorOf(current, context, { role: "learner", organisationId: access.enrolment.organisationId }),
        `lesson-reflection:${saved.id}`,
        reflectionAsEvidence(programme.assessment, access.enrolment.pathway, lesson, saved),
        (tx) => markSentToPortfolio(saved.id, tx),
      );
      throw redirect(`/year/${enrolmentId}/portfolio/${itemId}?added=1`);
    }
    case "reflection-save": {
      if (!lesson.reflections.some((r) => r.id === input.reflectionId))
        return refuse({ form: "That reflection is not part of this lesson." });
      if (!input.body.trim())
        return refuse(
          { [`reflection-${input.reflectionId}`]: "Write your reflection before saving it" },
          {},
          parsed.values,
        );
      await saveReflection(enrolmentId, module.slug, lesson.slug, input.reflectionId, input.body, "saved");
      await discardDraft(
        current.user.id,
        lessonReflectionDraftKey(programme.slug, module.slug, lesson.slug, input.reflectionId),
      );
      throw redirect(`${here}?saved=${encodeURIComponent(input.reflectionId)}#reflection-${input.reflectionId}`);
    }
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function ReflectionForm({
  id,
  prompt,
  saved,
  draft,
  typed,
  held,
  draftKey,
  ownerId,
  here,
  error,
  disabled,
  portfolioHref,
}: {
  id: string;
  prompt: string;
  saved?: { body: string; status: string; updatedAt: string; sent: boolean };
  /** The learner's draft of this reflection, kept while they typed (ADR 007). */
  draft?: { body: string; savedAt: string };
  /** What they sent, when saving it failed. */
  typed?: string;
  /** What they sent after their session had ended, kept for them (ADR 020). */
  held?: HeldText;
  draftKey: string;
  ownerId: string;
  here: string;
  error?: string;
  disabled: boolean;
  portfolioHref: string | null;
}) {
  const keeper = useDraftKeeper({ formKey: draftKey, ownerId, serverSavedAt: draft?.savedAt ?? null });
  const fieldId = `reflection-${id}`;
  return (
    <section className="reflection" aria-labelledby={`${fieldId}-heading`} id={fieldId + "-section"}>
      <h2 className="reflection__title" id={`${fieldId}-heading`}>
        Reflect
      </h2>
      {held && !disabled ? <HeldTextNotice held={held} returnTo={`${here}#${fieldId}`} /> : null}
      {draft && typed === undefined && !held && !disabled ? (
        <RestoredDraft formKey={draftKey} savedAt={draft.savedAt} returnTo={`${here}#${fieldId}`} />
      ) : null}
      <Form method="post" className="reflection__form" {...(disabled ? {} : keeper.formProps)}>
        <input type="hidden" name="intent" value="reflection-save" />
        <input type="hidden" name="reflectionId" value={id} />
        <div className={`form-group${error ? " form-group--error" : ""}`}>
          <label className="label" htmlFor={fieldId}>
            {prompt}
          </label>
          <div className="hint" id={`${fieldId}-hint`}>
            {saved?.sent
              ? "You sent this to your portfolio, where your supervisor, team manager and programme lead can read what you sent. Changes you save here stay yours: the portfolio keeps what you sent."
              : portfolioHref
                ? "Only you can read this. If you send it to your portfolio, it becomes evidence for your assessed year, which your supervisor, team manager and programme lead can read."
                : "Only you can read this."}{" "}
            It is kept as a draft while you type.
          </div>
          {error ? (
            <p className="error-message" id={`${fieldId}-error`}>
              <span className="visually-hidden">Error:</span> {error}
            </p>
          ) : null}
          <textarea
            className={`textarea${error ? " input--error" : ""}`}
            id={fieldId}
            name="body"
            rows={8}
            maxLength={REFLECTION_MAX}
            defaultValue={typed ?? [held?.fields.body ?? draft?.body ?? saved?.body ?? ""].flat()[0]}
            disabled={disabled}
            aria-describedby={`${fieldId}-hint${error ? ` ${fieldId}-error` : ""}`}
            aria-invalid={error ? true : undefined}
          />
        </div>
        {disabled ? null : <DraftStatus state={keeper.state} savedAt={keeper.savedAt} />}
        {disabled ? null : (
          <button type="submit" className="button button--secondary">
            Save reflection
          </button>
        )}
      </Form>
      {portfolioHref && saved?.status === "saved" ? (
        saved.sent ? (
          <p>
            <span className="tag tag--green">In your portfolio</span>{" "}
            <a href={portfolioHref}>Open your portfolio</a>
          </p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="reflection-send" />
            <input type="hidden" name="reflectionId" value={id} />
            <button type="submit" className="button button--secondary">
              Send to your portfolio<span className="visually-hidden"> as evidence</span>
            </button>
          </Form>
        )
      ) : null}
    </section>
  );
}

function KnowledgeCheckForm({
  ids,
  data: page,
  errors,
  chosenNow,
  disabled,
}: {
  ids: string[];
  data: LoaderData;
  errors?: Record<string, string>;
  chosenNow: Record<string, number>;
  disabled: boolean;
}) {
  const questions = ids.map((id) => page.lesson.checks.find((c) => c.id === id)!).filter(Boolean);
  const attempt =
    page.attempt && ids.every((id) => page.attempt!.results.some((r) => r.id === id)) ? page.attempt : null;
  return (
    <section className="knowledge-check" aria-labelledby={`check-${ids[0]}-heading`} id="check-results">
      <h2 className="knowledge-check__title" id={`check-${ids[0]}-heading`}>
        Check your understanding
      </h2>
      {attempt ? (
        <p className="knowledge-check__score" role="status">
          You scored {attempt.score} out of {attempt.total}. Read the feedback under each question, then try again if
          you want to.
        </p>
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value="check" />
        <input type="hidden" name="checkIds" value={ids.join(",")} />
        {questions.map((q) => {
          const result = attempt?.results.find((r) => r.id === q.id);
          const name = `answer-${q.id}`;
          const error = errors?.[name];
          const chosen = chosenNow[q.id] ?? result?.chosen ?? undefined;
          return (
            <div className={`form-group${error ? " form-group--error" : ""}`} key={q.id}>
              <fieldset
                className="fieldset"
                aria-describedby={
                  [error ? `${name}-error` : "", result ? `${name}-feedback` : ""].filter(Boolean).join(" ") ||
                  undefined
                }
              >
                <legend className="fieldset__legend">{q.question}</legend>
                {error ? (
                  <p className="error-message" id={`${name}-error`}>
                    <span className="visually-hidden">Error:</span> {error}
                  </p>
                ) : null}
                <div className="radios">
                  {q.options.map((option, position) => {
                    // The first radio shown takes the field's own id, which the error summary links to.
                    const id = position === 0 ? name : `${name}-${option.value}`;
                    return (
                      <div className="radios__item" key={option.value}>
                        <input
                          className="radios__input"
                          type="radio"
                          id={id}
                          name={name}
                          value={option.value}
                          defaultChecked={chosen === option.value}
                          disabled={disabled}
                        />
                        <label className="radios__label" htmlFor={id}>
                          {option.text}
                        </label>
                      </div>
                    );
                  })}
                </div>
                {result?.feedback ? (
                  <div
                    className={`feedback ${result.correct ? "feedback--correct" : "feedback--incorrect"}`}
                    id={`${name}-feedback`}
                  >
                    <strong>{result.correct ? "Correct. " : "Not quite. "}</strong>
                    {result.feedback}
                  </div>
                ) : null}
              </fieldset>
            </div>
          );
        })}
        {disabled ? null : (
          <button type="submit" className="button">
            {attempt ? "Check my answers again" : "Check my answers"}
          </button>
        )}
      </Form>
    </section>
  );
}

export default function LessonPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = actionData && "errors" in actionData ? (actionData.errors as Record<string, string>) : undefined;
  const chosenNow =
    actionData && "checkAnswers" in actionData ? (actionData.checkAnswers as Record<string, number>) : {};
  const typed = (actionData?.values ?? {}) as Record<string, string | undefined>;
  const held = !actionData && page.held?.fields.intent === "reflection-save" ? page.held : null;
  const staff = page.mode === "staff";
  const { lesson } = page;
  const here = `/programmes/${page.programme.slug}/${page.module.slug}/${lesson.slug}`;
  return (
    <div className="lesson">
      <ErrorSummary errors={errors} />
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <a href={`/programmes/${page.programme.slug}`}>{page.programme.title}</a>
          </li>
          <li>
            <a href={`/programmes/${page.programme.slug}/${page.module.slug}`}>{page.module.title}</a>
          </li>
        </ol>
      </nav>
      <span className="caption">
        Module {page.module.order}, lesson {page.position.index} of {page.position.of}
      </span>
      <h1>{lesson.title}</h1>
      {staff ? (
        <Notification title="Reading as staff" kind="information">
          <p>
            You can read this lesson to support your learners. Progress, answers and reflections are recorded only for
            learners on the programme.
          </p>
        </Notification>
      ) : null}
      {params.get("saved") ? (
        <Notification title="Reflection saved">
          <p>
            Your reflection is saved.
            {page.portfolioHref ? " You can send it to your portfolio as evidence." : ""}
          </p>
        </Notification>
      ) : null}
      <div className="lesson__meta">
        <p>About {lesson.minutes} minutes</p>
        <h2 className="heading-s">By the end of this lesson you will be able to:</h2>
        <ul>
          {lesson.outcomes.map((o) => (
            <li key={o}>{o}</li>
          ))}
        </ul>
        <p className="secondary">
          Maps to:{" "}
          {lesson.capabilities.map((c, i) => (
            <span key={c.code}>
              {i > 0 ? ", " : ""}
              <abbr title={c.title}>{c.code}</abbr> {c.title}
            </span>
          ))}
        </p>
        {page.module.assignment ? (
          <p>
            This lesson prepares you for the module&apos;s assignment:{" "}
            <a href={page.module.assignment.href}>{page.module.assignment.title}</a>.
          </p>
        ) : null}
      </div>
      <div className="lesson__body">
        {lesson.segments.map((segment, i) => {
          if (segment.type === "html") return <div key={i} dangerouslySetInnerHTML={{ __html: segment.html }} />;
          if (segment.type === "reflection") {
            const r = lesson.reflections.find((x) => x.id === segment.id);
            return r ? (
              <ReflectionForm
                key={i}
                id={r.id}
                prompt={r.prompt}
                saved={
                  (
                    page.reflections as Record<
                      string,
                      { body: string; status: string; updatedAt: string; sent: boolean }
                    >
                  )[r.id]
                }
                draft={(page.drafts as Record<string, { body: string; savedAt: string }>)[r.id]}
                typed={typed.reflectionId === r.id ? typed.body : undefined}
                held={held?.fields.reflectionId === r.id ? held : undefined}
                draftKey={lessonReflectionDraftKey(page.programme.slug, page.module.slug, lesson.slug, r.id)}
                ownerId={page.ownerId}
                here={here}
                error={errors?.[`reflection-${r.id}`]}
                disabled={staff}
                portfolioHref={page.portfolioHref}
              />
            ) : null;
          }
          return (
            <KnowledgeCheckForm
              key={i}
              ids={segment.ids}
              data={page}
              errors={errors}
              chosenNow={chosenNow}
              disabled={staff}
            />
          );
        })}
      </div>
      {lesson.reading.length ? (
        <section className="lesson__reading" aria-labelledby="reading-heading">
          <h2 id="reading-heading" className="heading-m">
            Reading
          </h2>
          <ul>
            {lesson.reading.map((r) => (
              <li key={r.cite}>
                {r.cite}
                {r.note ? <p className="secondary">{r.note}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="lesson__status" id="lesson-status" aria-labelledby="lesson-status-heading">
        <h2 id="lesson-status-heading" className="heading-m">
          {page.completed ? "You have completed this lesson" : "Finished this lesson?"}
        </h2>
        {staff ? null : (
          <Form method="post">
            <input type="hidden" name="intent" value={page.completed ? "incomplete" : "complete"} />
            <button type="submit" className={page.completed ? "button button--secondary" : "button"}>
              {page.completed ? "Mark as not complete" : "Mark as complete"}
            </button>
          </Form>
        )}
        {staff ? null : (
          <p>
            {page.moduleDone} of {page.position.of} lessons complete in this module.
          </p>
        )}
      </section>
      <nav className="pagination" aria-label="Lessons">
        {page.previous ? (
          <a href={page.previous.href} rel="prev" className="pagination__link">
            <span className="pagination__label">Previous lesson</span> {page.previous.title}
          </a>
        ) : null}
        {page.next ? (
          <a href={page.next.href} rel="next" className="pagination__link pagination__link--next">
            <span className="pagination__label">Next lesson</span> {page.next.title}
          </a>
        ) : null}
      </nav>
    </div>
  );
}
