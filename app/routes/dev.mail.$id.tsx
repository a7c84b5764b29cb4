import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound, requireMailboxReader } from "~/utils/auth.server";
import { readStoredEmail } from "~/utils/email.server";

export const meta: MetaFunction = () => [{ title: "Email – Development mailbox – Practice Pathways" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireMailboxReader(request, context);
  const email = await readStoredEmail(params.id ?? "");
  if (!email) notFound();
  return { email };
}

/** Links in the plain-text body are made clickable so the journey can be followed. */
function Body({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g);
  return (
    <div className="mail-body">
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </div>
  );
}

export default function DevEmail() {
  const { email } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="caption">Development mailbox</span>
      <h1 className="heading-l">{email.subject}</h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>To</dt>
          <dd>{email.to}</dd>
        </div>
        <div className="summary-list__row">
          <dt>From</dt>
          <dd>{email.from}</dd>
        </div>
      </dl>
      <Body text={email.text} />
      <p>
        <a href="/dev/mail">Back to the mailbox</a>
      </p>
    </>
  );
}
