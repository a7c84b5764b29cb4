import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { format } from "date-fns";
import type { ReactNode } from "react";
import { ErrorSummary, TextAreaField } from "~/components/forms";
import { HeldTextNotice } from "~/components/HeldText";
import { heldPostFor } from "~/modules/drafts/held-posts.server";
import { Notification } from "~/components/Notification";
import { Prose } from "~/components/Prose";
import { YearNav } from "~/components/YearNav";
import {
  agreementStatus,
  NO_TEAM_MANAGER,
  PARTIES,
  PARTY_LABELS,
  type AgreementField,
} from "~/modules/first-year/agreement";
import { findAgreement, saveAgreement, signAgreement } from "~/modules/first-year/agreement.server";
import { requireYearAccess } from "~/modules/first-year/access.server";
import { agreementActionSchema } from "~/modules/first-year/year-forms.server";
import { learningAgreementDue, yearInputFor } from "~/modules/first-year/year";
import { formatDate } from "~/modules/organisations/people";
import { actorOf, forbidden, requireUser } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { englandToday } from "~/utils/england";
import { refuse, savedBefore, savedOnce, saveOnce, sentFormOf } from "~/utils/save-once.server";
import { SubmissionKey } from "~/components/SubmissionKey";
import { keepingWhatWasTyped } from "~/utils/saving.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Learning agreement – ${data.learnerName} – Practice Pathways`
      : "Learning agreement – Practice Pathways",
  },
];

const FIELDS: { name: AgreementField; label: string; hint: string }[] = [
  {
    name: "goals",
    label: "Learning goals",
    hint: "What the NQSW wants to learn and show this year, with the first review point in mind.",
  },
  {
    name: "support",
    label: "Support offered",
    hint: "Supervision, shadowing, training, a mentor or peer group, and who provides each.",
  },
  {
    name: "protectedTime",
    label: "Protected development time",
    hint: "About 10% of working time: how much, when in the week, and how it is kept free.",
  },
  {
    name: "caseload",
    label: "Caseload agreed",
    hint: "How much lower than an experienced colleague's, how it rises through the year, and which cases are not held alone.",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const { enrolment, programme, party, signsAs, learnerName, teamManagerName } = await requireYearAccess(
    current,
    params.enrolmentId,
  );
  const { agreement, signatures } = await findAgreement(enrolment.id);
  const due = learningAgreementDue(yearInputFor(enrolment, programme));
  const status = agreementStatus(agreement, signatures, due, englandToday());
  const when = (d: Date) => format(d, "d MMMM yyyy, HH:mm");
  return {
    enrolmentId: enrolment.id,
    party,
    signsAs,
    learnerName,
    teamManager: teamManagerName,
    programme: programme.title,
    due: formatDate(due),
    agreement: agreement && {
      version: agreement.version,
      goals: agreement.goals,
      support: agreement.support,
      protectedTime: agreement.protectedTime,
      caseload: agreement.caseload,
      updatedAt: when(agreement.updatedAt),
    },
    status: {
      complete: status.complete,
      overdue: status.overdue,
      parties: PARTIES.map((p) => ({
        party: p,
        label: PARTY_LABELS[p],
        signedBy: status.current[p]?.signerName ?? null,
        signedAt: status.current[p] ? when(status.current[p]!.signedAt) : null,
        stale: status.stale.includes(p),
      })),
      mine: signsAs ? (status.current[signsAs] ? "signed" : "unsigned") : null,
    },
    held: signsAs ? await heldPostFor(request, current.user.id) : null,
    // Signed by the programme lead before team managers signed: kept on record, no longer counted.
    earlierLeadSignatures: signatures
      .filter((s) => s.party === "programme_lead")
      .map((s) => ({ by: s.signerName ?? "Unknown", version: s.version, at: when(s.signedAt) })),
  };
}

/** A failed save gives the form back with what was typed (keepingWhatWasTyped). */
export async function action(args: ActionFunctionArgs) {
  return keepingWhatWasTyped(sendForm)(args);
}

async function sendForm({ request, params, context }: ActionFunctionArgs) {
  const current = await requireUser(request);
  const { enrolment, signsAs } = await requireYearAccess(current, params.enrolmentId);
  if (!signsAs)
    forbidden(
      "The NQSW, their supervisor and their team manager write and sign the learning agreement; the programme lead reads it.",
    );
  const formData = await request.formData();
  // A repeat of a signature already made is sent where the first went, not told it is too late.
  const repeat = await savedBefore(request, sentFormOf(formData), current.user.id);
  if (repeat) throw redirect(repeat);
  const form = await parseSubmission(formData, agreementActionSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const actor = {
    ...actorOf(current, context, { role: signsAs, organisationId: enrolment.organisationId }),
    party: signsAs,
  };
  const here = `/year/${enrolment.id}/agreement`;
  if (form.data.intent === "save") {
    const { goals, support, protectedTime, caseload } = form.data;
    const location = await savedOnce(request, form.sent, current.user.id, async () => {
      const saved = await saveAgreement(enrolment.id, actor, { goals, support, protectedTime, caseload });
      return `${here}?saved=${saved.changed ? "changed" : "same"}`;
    });
    throw redirect(location);
  }
  const { version } = form.data;
  const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
    const signed = await signAgreement(enrolment.id, actor, version);
    if (!signed.ok) return refuse(data({ errors: { form: signed.message }, values: {} }, { status: 409 }));
    return `${here}?signed=1`;
  });
  if (!outcome.saved) return outcome.refusal;
  throw redirect(outcome.location);
}

function Tag({ children, colour }: { children: ReactNode; colour: "green" | "red" | "yellow" | "grey" }) {
  return <span className={`tag tag--${colour}`}>{children}</span>;
}

export default function LearningAgreement() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const held = !actionData && page.held?.fields.intent === "save" ? page.held : null;
  const values = (actionData?.values ?? held?.fields) as Record<string, string> | undefined;
  const [params] = useSearchParams();
  const a = page.agreement;
  return (
    <>
      <YearNav enrolmentId={page.enrolmentId} label={`${page.learnerName}'s year`} />
      <ErrorSummary errors={errors} />
      {params.get("saved") === "changed" ? (
        <Notification title="Agreement saved">
          <p>
            Everyone signs again, because the text changed. Earlier signatures stay on record against the earlier
            version.
          </p>
        </Notification>
      ) : null}
      {params.get("signed") ? (
        <Notification title="Signed">
          <p>Your signature is recorded against this exact version of the agreement.</p>
        </Notification>
      ) : null}
      <span className="caption">
        {page.learnerName} · {page.programme}
      </span>
      <h1>Learning agreement</h1>
      <p className="narrow">
        Agreed in the first month by the NQSW, their practice supervisor (or assessor) and their team manager. Due by{" "}
        {page.due}.{" "}
        {page.status.complete ? (
          <Tag colour="green">Signed by all three</Tag>
        ) : page.status.overdue ? (
          <Tag colour="red">Overdue</Tag>
        ) : (
          <Tag colour="yellow">Waiting for signatures</Tag>
        )}
      </p>
      <table className="table">
        <caption>Signatures{a ? ` on version ${a.version}` : ""}</caption>
        <thead>
          <tr>
            <th scope="col">Who</th>
            <th scope="col">Signed</th>
          </tr>
        </thead>
        <tbody>
          {page.status.parties.map((p) => (
            <tr key={p.party}>
              <th scope="row">{p.label}</th>
              <td>
                {p.signedBy ? (
                  <>
                    {p.signedBy}, {p.signedAt}
                  </>
                ) : p.stale ? (
                  "Signed an earlier version; needs to sign this one"
                ) : p.party === "team_manager" && !page.teamManager ? (
                  NO_TEAM_MANAGER
                ) : p.party === "team_manager" ? (
                  `Not yet (${page.teamManager})`
                ) : (
                  "Not yet"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.earlierLeadSignatures.length ? (
        <p className="hint narrow">
          {page.earlierLeadSignatures
            .map((s) => `${s.by} signed version ${s.version} as programme lead on ${s.at}`)
            .join("; ")}
          . The programme lead signed before team managers did: that signature stays on record and no longer counts.
        </p>
      ) : null}
      {page.party === "programme_lead" && !page.signsAs ? (
        <p className="narrow">
          {page.teamManager
            ? `The year's team manager, ${page.teamManager}, signs for the employer.`
            : "The year's team manager signs for the employer: name one on the year's settings."}{" "}
          <a href={`/year/${page.enrolmentId}/settings`}>Changes to the year</a>
        </p>
      ) : null}
      {a && page.signsAs && page.status.mine === "unsigned" ? (
        <Form method="post" className="panel narrow">
          <SubmissionKey />
          <input type="hidden" name="intent" value="sign" />
          <input type="hidden" name="version" value={a.version} />
          <h2 className="heading-m">Sign as {PARTY_LABELS[page.signsAs].toLowerCase()}</h2>
          <p>
            By signing you agree to version {a.version} as written below, last changed {a.updatedAt}.
          </p>
          <button type="submit" className="button">
            Sign the agreement
          </button>
        </Form>
      ) : null}
      <div className="narrow">
        <h2>{a ? `The agreement (version ${a.version})` : page.signsAs ? "Write the agreement" : "The agreement"}</h2>
        {a ? null : page.signsAs ? (
          <p>Anyone of the three can write it; each then signs for their part.</p>
        ) : (
          <p>Not written yet.</p>
        )}
        {held ? <HeldTextNotice held={held} /> : null}
        {page.signsAs ? (
          <AgreementForm values={values} errors={errors} agreement={a} />
        ) : a ? (
          <AgreementText agreement={a} />
        ) : null}
        <p>
          <a href="/home">Back to your start page</a>
        </p>
      </div>
    </>
  );
}

type Shown = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["agreement"]>;

function AgreementText({ agreement }: { agreement: Shown }) {
  return (
    <dl className="summary-list">
      {FIELDS.map((f) => (
        <div className="summary-list__row" key={f.name}>
          <dt>{f.label}</dt>
          <dd>
            <Prose text={agreement[f.name]} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function AgreementForm({
  values,
  errors,
  agreement: a,
}: {
  values: Record<string, string> | undefined;
  errors: Record<string, string> | undefined;
  agreement: Shown | null;
}) {
  return (
    <>
      <Form method="post" noValidate>
        <SubmissionKey />
        <input type="hidden" name="intent" value="save" />
        {FIELDS.map((f) => (
          <TextAreaField
            key={f.name}
            {...f}
            defaultValue={values?.[f.name] ?? a?.[f.name] ?? ""}
            error={errors?.[f.name]}
          />
        ))}
        <button type="submit" className="button button--secondary">
          Save the agreement
        </button>
      </Form>
    </>
  );
}
