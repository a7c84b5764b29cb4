import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { format } from "date-fns";
import { CareerRecordBody } from "~/components/CareerRecordView";
import { ErrorSummary, RadioGroup } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { careerRecordOf } from "~/modules/career/record.server";
import { shareChoiceSchema } from "~/modules/career/share-form.server";
import { chooseShare, shareChoicesOf } from "~/modules/career/sharing.server";
import { actorOf, requireUser } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Your career record – Practice Pathways" }];

/** The person's own career record, whichever organisation they are working in: it is theirs, not an employer's. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const [record, shares] = await Promise.all([
    careerRecordOf({ id: current.user.id, name: current.user.name }, "self"),
    shareChoicesOf(current.user.id, current.memberships),
  ]);
  return {
    record,
    shares: shares.map((s) => ({ ...s, since: s.since ? format(s.since, "d MMMM yyyy") : null })),
  };
}

/** The person chooses, for one organisation they belong to now, whether it may read their record. */
export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireUser(request);
  const form = await parseSubmission(request, shareChoiceSchema);
  if (!form.ok) return data({ errors: form.errors, organisationId: form.values.organisationId ?? null }, { status: 400 });
  const result = await chooseShare(
    actorOf(current, context, { organisationId: form.data.organisationId }),
    current.memberships,
    form.data.organisationId,
    form.data.share === "yes",
  );
  if (!result.ok) return data({ errors: { organisationId: result.message }, organisationId: null }, { status: 400 });
  return redirect(`/career?${form.data.share === "yes" ? "shared" : "stopped"}=${encodeURIComponent(result.organisationName)}`);
}

export default function YourCareerRecord() {
  const { record, shares } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const failedOrg = actionData?.organisationId ?? null;
  const errors = actionData?.errors as Record<string, string> | undefined;
  // The summary links to the group that failed: each organisation's radios have their own id.
  const summary = errors
    ? Object.fromEntries(
        Object.entries(errors).map(([k, v]) => [k === "share" && failedOrg ? `share-${failedOrg}` : k, v]),
      )
    : undefined;
  const shared = params.get("shared");
  const stopped = params.get("stopped");
  return (
    <>
      <ErrorSummary errors={summary} />
      {shared && !errors ? (
        <Notification title="Shared">
          <p>{shared} can now read your career record, for as long as you work there or until you stop sharing.</p>
        </Notification>
      ) : stopped && !errors ? (
        <Notification title="No longer shared">
          <p>{stopped} can no longer read your career record.</p>
        </Notification>
      ) : null}
      <h1>Your career record</h1>
      <p>
        Every programme you are or were on, in every organisation you have belonged to, with what your records say. It is
        yours: it stays with you when you change employer. An employer reads it only while you work there, and only if you
        share it.
      </p>
      <p>
        <a href="/career.pdf" download>
          Download your career record (PDF)
        </a>{" "}
        — each download carries its own verification code, which lists your verified awards at the verify page.
      </p>
      <CareerRecordBody record={record} />
      <h2>Who can read it</h2>
      {shares.length ? (
        shares.map((s) => (
          <Form method="post" noValidate key={s.organisationId} className="career-share">
            <input type="hidden" name="organisationId" value={s.organisationId} />
            <RadioGroup
              name="share"
              id={`share-${s.organisationId}`}
              legend={`Share your career record with ${s.organisationName}?`}
              hint={
                s.shared
                  ? `Shared since ${s.since}. Its programme lead can read it while you belong to ${s.organisationName}.`
                  : s.since
                    ? `Not shared since ${s.since}.`
                    : "Not shared. Nothing of your record is shown to them unless you share it."
              }
              error={failedOrg === s.organisationId ? errors?.share : undefined}
              defaultValue={s.shared ? "yes" : "no"}
              options={[
                { value: "yes", label: "Yes, share it" },
                { value: "no", label: "No, do not share it" },
              ]}
            />
            <button type="submit" className="button button--secondary">
              Save<span className="visually-hidden"> your choice for {s.organisationName}</span>
            </button>
          </Form>
        ))
      ) : (
        <p>You do not belong to an employer or university now, so no one else can read your record.</p>
      )}
    </>
  );
}
