import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { format } from "date-fns";
import { requireMailboxReader } from "~/utils/auth.server";
import { listStoredEmails } from "~/utils/email.server";

export const meta: MetaFunction = () => [{ title: "Development mailbox – Practice Pathways" }];

/** Only exists while email is written to files (no SMTP configured). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireMailboxReader(request, context);
  const emails = await listStoredEmails();
  return {
    emails: emails.map((e) => ({
      id: e.id,
      to: e.to,
      subject: e.subject,
      sentAt: format(new Date(e.sentAt), "d MMM yyyy, HH:mm:ss"),
    })),
  };
}

export default function DevMailbox() {
  const { emails } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="caption">Development only</span>
      <h1>Mailbox</h1>
      <p>No SMTP server is configured, so emails are kept here instead of being sent. Set SMTP_HOST to send them.</p>
      {emails.length === 0 ? (
        <p>No emails yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Emails, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Sent</th>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
            </tr>
          </thead>
          <tbody>
            {emails.map((e) => (
              <tr key={e.id}>
                <td>{e.sentAt}</td>
                <td>{e.to}</td>
                <td>
                  <a href={`/dev/mail/${e.id}`}>{e.subject}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
