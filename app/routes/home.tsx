import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { startPathFor } from "~/modules/organisations/roles";
import { requireUser } from "~/utils/auth.server";

/** The role-aware front door: each role goes to its own start page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request, { partner: "allowed" });
  throw redirect(startPathFor(current.active?.role));
}
