import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { markNoticeRead } from "~/modules/notices/notices.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { isUuid } from "~/utils/ids";
import { safeRedirect } from "~/utils/request.server";

/** Opening a notice marks it read, then goes where the thing is done (POST, then a redirect). */
export async function action({ request, params }: ActionFunctionArgs) {
  const current = await requireUser(request, { partner: "allowed" });
  if (!isUuid(params.noticeId)) notFound();
  const href = await markNoticeRead(current.user.id, params.noticeId);
  if (!href) notFound();
  return redirect(safeRedirect(href, "/notices"));
}

/** Only a form opens a notice; a visit by address goes to the list. */
export async function loader() {
  return redirect("/notices");
}
