import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { SubmissionKey } from "~/components/SubmissionKey";
import { startCheckout } from "~/modules/payments/checkout.server";
import { chargeFor } from "~/modules/payments/prices";
import { stripeSettings } from "~/modules/payments/stripe.server";
import { capabilityTitles, findProgramme, loadManifest } from "~/modules/programmes/catalogue.server";
import { criteriaOf } from "~/modules/assessment/criteria";
import { findEnrolment, lessonStatesFor, selfEnrol } from "~/modules/programmes/learning.server";
import { describeLength, describeMinutes, describePrice, formatPence, PROGRAMME_KIND_LABELS } from "~/modules/programmes/labels";
import { moduleProgress, programmeProgress } from "~/modules/programmes/progress";
import { actorOf, forbidden, getCurrentUser, notFound, requireUser } from "~/utils/auth.server";
import { requestDetails } from "~/utils/request.server";
import { refuse, saveOnce, sentFormOf } from "~/utils/save-once.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.programme.title} – Practice Pathways` : "Programme – Practice Pathways" },
];

function programmeOr404(slug: string | undefined) {
  const programme = slug ? findProgramme(slug) : undefined;
  if (!programme) notFound("We could not find that programme.");
  return programme;
}

/** Public: who it is for, modules, length and cost. Signed-in learners also see their progress. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const programme = programmeOr404(params.programme);
  const current = await getCurrentUser(request);
  const enrolment = current ? await findEnrolment(current.user.id, programme.slug) : null;
  const states = enrolment ? ((await lessonStatesFor([enrolment.id])).get(enrolment.id) ?? []) : [];
  const progress = enrolment ? programmeProgress(programme, states) : null;
  const titles = capabilityTitles();
  const frameworkTitles = new Map(loadManifest().frameworks.map((f) => [f.id, f.title]));
  return {
    signedIn: !!current,
    /** A programme lead buys places for their organisation on its places page; anyone signed in may buy one for themselves. */
    lead: current?.active?.role === "programme_lead",
    /** Without Stripe keys, checkout is the site's own test checkout. */
    testCheckout: stripeSettings().mode === "test",
    programme: {
      slug: programme.slug,
      title: programme.title,
      summary: programme.summary,
      audience: programme.audience,
      kind: PROGRAMME_KIND_LABELS[programme.kind],
      length: describeLength(programme.lengthMonths),
      price: describePrice(programme.price),
      paid: !!programme.price,
      /** What one place costs at checkout, VAT included where it applies. */
      placePrice: programme.price ? formatPence(chargeFor(programme.price, 1).totalPence) : null,
      selfEnrol: programme.selfEnrol && !programme.price,
      frameworks: programme.frameworks.map((id) => {
        const use = programme.frameworkUse?.[id];
        const title = frameworkTitles.get(id) ?? id;
        return `${title}${use?.level ? ` (at the ${use.level} level)` : ""}${use?.only ? ` (for ${use.only} only)` : ""}`;
      }),
      awardNote: programme.awardNote ?? null,
      criteriaCount: criteriaOf(programme).length,
      reviewPoints: programme.assessment?.reviewPoints.map((r) => ({ title: r.title, month: r.month, optional: !!r.optional })) ?? [],
      modules: programme.modules.map((m) => ({
        slug: m.slug,
        order: m.order,
        title: m.title,
        summary: m.summary,
        credits: m.credits ?? null,
        minutes: m.lessons.reduce((n, l) => n + l.minutes, 0),
        lessons: m.lessons.length,
        done: enrolment ? moduleProgress(m, states).done : 0,
        capabilities: [...new Set(m.lessons.flatMap((l) => l.capabilities))]
          .slice(0, 6)
          .map((c) => ({ code: c, title: titles.get(c) ?? c })),
      })),
    },
    enrolled: !!enrolment,
    progress: progress && {
      done: progress.done,
      total: progress.total,
      percent: progress.percent,
      minutesLeft: describeMinutes(progress.minutesLeft),
      continueHref: progress.continueAt
        ? `/programmes/${programme.slug}/${progress.continueAt.module.slug}/${progress.continueAt.lesson.slug}`
        : null,
      continueTitle: progress.continueAt?.lesson.title ?? null,
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const current = await requireUser(request);
  const programme = programmeOr404(params.programme);
  const form = await request.formData();
  if (form.get("intent") === "buy") {
    // A self-funder buys a place for themselves: they are enrolled when the payment's webhook arrives, never from here.
    const outcome = await saveOnce(request, sentFormOf(form), current.user.id, async () => {
      const result = await startCheckout(actorOf(current, context, { role: "learner", organisationId: null }), {
        programmeSlug: programme.slug,
        quantity: 1,
        organisationId: null,
        byInvoice: false,
        buyer: current.user,
        origin: requestDetails(request, context).origin,
      });
      if (!result.ok) return refuse(data({ errors: { buy: result.message } }, { status: 400 }));
      return result.url;
    });
    if (!outcome.saved) return outcome.refusal;
    throw redirect(outcome.location);
  }
  const result = await selfEnrol(current.user.id, programme.slug, new Date(), {
    ipAddress: requestDetails(request, context).ipAddress,
  });
  if (!result.ok) {
    forbidden(result.reason === "withdrawn"
            ? "Your organisation withdrew you from this programme. Ask your programme lead to enrol you again."
            : result.reason === "paid"
              ? "This programme has a fee: buy a place on its page, or your employer enrols you."
              : "You cannot enrol yourself on this programme: your employer enrols you.");
  }
  throw redirect(`/programmes/${programme.slug}?enrolled=1`);
}

export default function ProgrammePage() {
  const { programme, enrolled, progress, signedIn, lead, testCheckout } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? (actionData.errors as Record<string, string>) : undefined;
  const [params] = useSearchParams();
  return (
    <>
      <ErrorSummary errors={errors} />
      {params.get("cancelled") && !enrolled ? (
        <Notification title="You left the checkout" kind="information">
          <p>Nothing was paid. You can buy a place whenever you are ready.</p>
        </Notification>
      ) : null}
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <a href="/programmes">Programmes</a>
          </li>
        </ol>
      </nav>
      <span className="caption">{programme.kind}</span>
      <h1>{programme.title}</h1>
      <p className="lead narrow">{programme.summary}</p>
      {progress ? (
        <div className="panel narrow">
          <h2 className="heading-m">Your progress</h2>
          <progress className="progress" max={progress.total} value={progress.done} aria-label="Lessons completed">
            {progress.percent}%
          </progress>
          <p>
            {progress.done} of {progress.total} lessons complete. About {progress.minutesLeft} left.
          </p>
          {progress.continueHref ? (
            <a href={progress.continueHref} className="button">
              Continue: {progress.continueTitle}
            </a>
          ) : (
            <p>
              <strong>You have completed every lesson.</strong>
            </p>
          )}
        </div>
      ) : null}
      <dl className="summary-list narrow">
        <div className="summary-list__row">
          <dt>Who it is for</dt>
          <dd>{programme.audience}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Length</dt>
          <dd>{programme.length}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Cost</dt>
          <dd>{programme.price}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Frameworks</dt>
          <dd>{programme.frameworks.join("; ")}</dd>
        </div>
        {programme.criteriaCount ? (
          <div className="summary-list__row">
            <dt>Assessment</dt>
            <dd>
              A portfolio of evidence against the programme's {programme.criteriaCount} criteria, with a summary
              statement for each, confirmed by your line manager and judged by an independent assessor from outside
              your team.
            </dd>
          </div>
        ) : null}
        {programme.awardNote ? (
          <div className="summary-list__row">
            <dt>The award</dt>
            <dd>{programme.awardNote}</dd>
          </div>
        ) : null}
        {programme.reviewPoints.length ? (
          <div className="summary-list__row">
            <dt>Review points</dt>
            <dd>{programme.reviewPoints
                .map((r) => `${r.title} (month ${r.month}${r.optional ? ", where the employer adds it" : ""})`)
                .join(", ")}</dd>
          </div>
        ) : null}
      </dl>
      {!enrolled ? (
        <div className="inset narrow">
          {programme.selfEnrol ? (
            signedIn ? (
              <Form method="post">
                <p>This programme is free, and you can start it now.</p>
                <button type="submit" className="button">
                  Enrol on this programme
                </button>
              </Form>
            ) : (
              <p>
                This programme is free. <a href={`/sign-up`}>Create an account</a> or{" "}
                <a href={`/sign-in?redirectTo=/programmes/${programme.slug}`}>sign in</a> to enrol.
              </p>
            )
          ) : programme.paid ? (
            <>
              <h2 className="heading-m">Buy a place</h2>
              <p>
                A place costs {programme.placePrice}. If your employer pays, they buy your place and enrol you. If you
                are paying yourself, pay online: you are enrolled as soon as the payment is confirmed.
              </p>
              {signedIn ? (
                <Form method="post">
                  <SubmissionKey />
                  <input type="hidden" name="intent" value="buy" />
                  {errors?.buy ? (
                    <p className="error-message" id="buy">
                      <span className="visually-hidden">Error:</span> {errors.buy}
                    </p>
                  ) : null}
                  {testCheckout ? (
                    <p className="secondary">
                      Online payment here is a test checkout: no card is asked for and no money is taken.
                    </p>
                  ) : (
                    <p className="secondary">You pay on Stripe's secure page; we never see your card details.</p>
                  )}
                  <button type="submit" className="button">
                    Pay {programme.placePrice} and enrol
                  </button>
                </Form>
              ) : (
                <p>
                  <a href="/sign-up">Create an account</a> (choose “I am paying for my own learning”) or{" "}
                  <a href={`/sign-in?redirectTo=/programmes/${programme.slug}`}>sign in</a> to buy a place.
                </p>
              )}
              {lead ? (
                <p>
                  <a href={`/organisation/places?programme=${programme.slug}`}>Buy places for your organisation’s staff</a>
                </p>
              ) : null}
            </>
          ) : (
            <p>Your employer enrols you on this programme. Ask your programme lead if you should be on it.</p>
          )}
        </div>
      ) : null}
      <h2>Modules</h2>
      <ol className="module-list">
        {programme.modules.map((m) => (
          <li key={m.slug} className="module-list__item">
            <h3 className="heading-s">
              <a href={`/programmes/${programme.slug}/${m.slug}`}>
                Module {m.order}: {m.title}
              </a>
            </h3>
            <p>{m.summary}</p>
            <p className="secondary">
              {m.lessons} {m.lessons === 1 ? "lesson" : "lessons"}, about {describeMinutes(m.minutes)}
              {m.credits ? `, ${m.credits} credits` : ""}
              {enrolled ? ` · ${m.done} of ${m.lessons} complete` : ""}
            </p>
          </li>
        ))}
      </ol>
    </>
  );
}
