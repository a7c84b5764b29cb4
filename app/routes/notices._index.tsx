import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms";
import { noticeActionSchema } from "~/modules/notices/notice-forms.server";
import { listNotices, markAllNoticesRead, markNoticeRead } from "~/modules/notices/notices.server";
import { requireUser } from "~/utils/auth.server";
import { englandDateTime } from "~/utils/england";
import { parseSubmission } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Notices – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request, { partner: "allowed" });
  const notices = await listNotices(current.user.id);
  return {
    notices: notices.map((n) => ({ id: n.id, text: n.text, href: n.href, at: englandDateTime(n.createdAt), unread: !n.readAt })),
  };
}

/** Mark one notice, or all, as read: a person's own notices only. */
export async function action({ request }: ActionFunctionArgs) {
  const current = await requireUser(request, { partner: "allowed" });
  const form = await parseSubmission(request, noticeActionSchema);
  if (!form.ok) return data({ errors: { form: "Choose a notice to mark as read" } }, { status: 400 });
  if (form.data.intent === "read-all") await markAllNoticesRead(current.user.id);
  else if (!(await markNoticeRead(current.user.id, form.data.notice)))
    return data({ errors: { form: "That notice is not yours, or has gone" } }, { status: 404 });
  return redirect("/notices");
}

export default function Notices() {
  const { notices } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors;
  const unread = notices.filter((n) => n.unread).length;
  return (
    <div>
      <ErrorSummary errors={errors} />
      <h1>Notices</h1>
      <p>
        {unread ? `${unread} unread.` : "Nothing unread."} <a href="/account/notices">Choose how you hear about each kind</a>
      </p>
      {notices.length === 0 ? (
        <p>You have no notices yet. When something needs you, it is listed here.</p>
      ) : (
        <>
          {unread ? (
            <Form method="post">
              <input type="hidden" name="intent" value="read-all" />
              <button type="submit" className="button button--secondary">
                Mark all as read
              </button>
            </Form>
          ) : null}
          <ul className="notice-list">
            {notices.map((n) => (
              <li key={n.id} className={n.unread ? "notice-list__item notice-list__item--unread" : "notice-list__item"}>
                {n.unread ? <strong className="tag">Unread</strong> : null}
                <Form method="post" action={`/notices/${n.id}/open`} className="inline-form">
                  <button type="submit" className="link-button">
                    {n.text}
                  </button>
                </Form>
                <span className="hint">{n.at}</span>
                {n.unread ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="read" />
                    <input type="hidden" name="notice" value={n.id} />
                    <button type="submit" className="button button--secondary">
                      Mark as read<span className="visually-hidden">: {n.text}</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
