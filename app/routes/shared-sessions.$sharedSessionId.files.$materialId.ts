import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSession } from "~/modules/shared-sessions/access.server";
import { readMaterial } from "~/modules/shared-sessions/sessions.server";
import { notFound } from "~/utils/auth.server";
import { fileDownload } from "~/utils/download.server";
import { answeringOutages } from "~/utils/outage.server";

/**
 * A session's material: for those who may open the session (its lead, its facilitator, the learners
 * and partners invited), checked on every download. To anyone else it does not exist.
 */
export const loader = answeringOutages(async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await requireSession(request, params.sharedSessionId);
  const found = await readMaterial(session.id, params.materialId);
  if (!found) notFound("We could not find that file.");
  return fileDownload(found.file, found.content);
});
