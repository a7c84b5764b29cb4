import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { signOut } from "~/modules/auth/accounts.server";
import { clearedSessionCookie } from "~/modules/auth/cookie.server";
import { getCurrentUser } from "~/utils/auth.server";
import { requestDetails } from "~/utils/request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await getCurrentUser(request);
  throw redirect(current ? "/home" : "/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await getCurrentUser(request);
  if (current) {
    await signOut(current.session.id, current.user.id, requestDetails(request, context));
  }
  return redirect("/?signed-out=1", { headers: { "Set-Cookie": clearedSessionCookie() } });
}
