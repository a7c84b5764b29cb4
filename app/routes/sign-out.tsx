import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { recordAudit } from "~/modules/audit/audit.server";
import { clearedSessionCookie } from "~/modules/auth/cookie.server";
import { invalidateSession } from "~/modules/auth/session.server";
import { getCurrentUser } from "~/utils/auth.server";
import { requestDetails } from "~/utils/request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await getCurrentUser(request);
  throw redirect(current ? "/home" : "/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await getCurrentUser(request);
  if (current) {
    await invalidateSession(current.session.id);
    await recordAudit({
      actorUserId: current.user.id,
      action: "auth.sign_out",
      subjectType: "user",
      subjectId: current.user.id,
      ipAddress: requestDetails(request, context).ipAddress,
    });
  }
  return redirect("/?signed-out=1", { headers: { "Set-Cookie": clearedSessionCookie() } });
}
