import type { LoaderFunctionArgs } from "@remix-run/node";
import { safeFileName } from "~/modules/portfolio/files";
import { requireSession } from "~/modules/shared-sessions/access.server";
import { readMaterial } from "~/modules/shared-sessions/sessions.server";
import { notFound } from "~/utils/auth.server";
import { answeringOutages } from "~/utils/outage.server";

/**
 * A session's material: for those who may open the session (its lead, its facilitator, the learners
 * and partners invited), checked on every download. To anyone else it does not exist.
 */
export const loader = answeringOutages(async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await requireSession(request, params.sharedSessionId);
  const found = await readMaterial(session.id, params.materialId);
  if (!found) notFound("We could not find that file.");
  const name = safeFileName(found.file.fileName);
  return new Response(new Uint8Array(found.content), {
    headers: {
      "Content-Type": found.file.contentType,
      "Content-Length": String(found.content.length),
      "Content-Disposition": `attachment; filename="${name.replace(/"/g, "")}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
