import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { Prose } from "~/components/Prose";
import { YearNav } from "~/components/YearNav";
import { requireYearAccess } from "~/modules/first-year/access.server";
import { KIND_LABELS } from "~/modules/portfolio/rules";
import { anonymisationCheck, FINDING_LABELS, recordDecisions } from "~/modules/signoff/anonymisation.server";
import { anonymisationDecisionsSchema } from "~/modules/signoff/anonymisation-form.server";
import { SIGNER_ROLES } from "~/modules/signoff/reviews";
import { actorOf, forbidden, requireUser } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Anonymisation check – Practice Pathways" }];

async function gate(request: Request, enrolmentId: string | undefined) {
  const current = await requireUser(request);
  return { current, ...(await requireYearAccess(current, enrolmentId)) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { enrolment, party, learnerName } = await gate(request, params.enrolmentId);
  const check = await anonymisationCheck(enrolment.id);
  return {
    enrolmentId: enrolment.id,
    learnerName,
    canDecide: party === "learner" || party === "supervisor",
    total: check.total,
    undecided: check.undecided,
    items: check.items
      .filter((i) => i.findings.length)
      .map((i) => ({
        itemId: i.itemId,
        title: i.title,
        kind: KIND_LABELS[i.kind],
        version: i.version,
        redactedBody: i.fields.find((f) => f.field === "body")!.redacted,
        findings: i.findings.map((f) => ({
          key: f.key,
          label: FINDING_LABELS[f.kind],
          text: f.text,
          before: f.context.slice(0, f.start - f.contextStart),
          after: f.context.slice(f.start - f.contextStart + f.text.length),
          decided: f.decided && { ...f.decided, role: SIGNER_ROLES[f.decided.role] ?? f.decided.role },
        })),
      })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { current, enrolment, party } = await gate(request, params.enrolmentId);
  if (party !== "learner" && party !== "supervisor")
    forbidden("The NQSW and their supervisor or assessor carry out the anonymisation check.");
  const form = await parseSubmission(request, anonymisationDecisionsSchema);
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const saved = await recordDecisions(
    enrolment.id,
    actorOf(current, context, {
      role: party === "learner" ? "learner" : undefined,
      organisationId: enrolment.organisationId,
    }),
    form.data,
  );
  throw redirect(`/year/${enrolment.id}/anonymisation?saved=${saved}`);
}

export default function Anonymisation() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <>
      <YearNav enrolmentId={page.enrolmentId} label={`${page.learnerName}'s year`} />
      <ErrorSummary errors={actionData?.errors} />
      {params.get("saved") ? (
        <Notification title="Decisions saved">
          <p>The redacted versions below are what a moderation panel will read.</p>
        </Notification>
      ) : null}
      <span className="caption">{page.learnerName}</span>
      <h1>Anonymisation check</h1>
      <p>
        Before a portfolio goes to a moderation panel, every passage that looks like it could identify a person who uses
        services (a name, a date of birth, an NHS, case or court number, an address, postcode, phone number or email
        address) is checked. Redact it, or confirm it does not identify anyone (a colleague's name, say). A passage
        nobody has decided on is redacted.
      </p>
      <p>
        Dates of meetings, hearings and reviews, legal citations, framework codes, job titles and organisations are not
        flagged; a date is asked about only when the text says it is a birth or it follows a name.
      </p>
      <p>
        <strong>
          {page.total === 0
            ? "Nothing in the portfolio looks identifying."
            : page.undecided === 0
              ? `All ${page.total} passages have been decided.`
              : `${page.undecided} of ${page.total} passages still to decide.`}
        </strong>
      </p>
      {page.items.length ? (
        <Form method="post">
          {page.items.map((item) => (
            <section key={item.itemId} className="panel" aria-labelledby={`item-${item.itemId}`}>
              <h2 className="heading-m" id={`item-${item.itemId}`}>
                <a href={`/year/${page.enrolmentId}/portfolio/${item.itemId}`}>{item.title}</a>{" "}
                <span className="secondary">
                  ({item.kind}, version {item.version})
                </span>
              </h2>
              {item.findings.map((f) => (
                <fieldset className="fieldset form-group" key={f.key}>
                  <legend className="fieldset__legend">
                    This may be {f.label}: <mark>{f.text}</mark>
                  </legend>
                  <p className="hint">
                    …{f.before}
                    <mark>{f.text}</mark>
                    {f.after}…
                  </p>
                  {f.decided ? (
                    <p className="hint">
                      {f.decided.decision === "redact" ? "Redacted" : "Kept"} by {f.decided.by} ({f.decided.role})
                    </p>
                  ) : null}
                  {page.canDecide ? (
                    <div className="radios radios--inline">
                      {(["redact", "keep"] as const).map((choice) => (
                        <div className="radios__item" key={choice}>
                          <input
                            className="radios__input"
                            type="radio"
                            id={`finding-${f.key}-${choice}`}
                            name={`finding-${f.key}`}
                            value={choice}
                            defaultChecked={f.decided?.decision === choice}
                          />
                          <label className="radios__label" htmlFor={`finding-${f.key}-${choice}`}>
                            {choice === "redact" ? "Redact it" : "Keep it: it does not identify anyone"}
                          </label>
                        </div>
                      ))}
                    </div>
                  ) : null}
                </fieldset>
              ))}
              <details className="details">
                <summary>What the panel reads</summary>
                <Prose text={item.redactedBody} />
              </details>
            </section>
          ))}
          {page.canDecide ? (
            <button type="submit" className="button">
              Save the decisions
            </button>
          ) : null}
        </Form>
      ) : null}
    </>
  );
}
