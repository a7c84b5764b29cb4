import type { LoaderFunctionArgs } from "@remix-run/node";
import { mayOpenSubmission } from "~/modules/masters/access.server";
import { readSubmissionFile } from "~/modules/masters/assignments.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { fileDownload } from "~/utils/download.server";
import { answeringOutages } from "~/utils/outage.server";

/**
 * A handed-in file: for the learner whose work it is and the staff of the university that set it,
 * checked on every download. To anyone else it does not exist.
 */
export const loader = answeringOutages(async ({ request, params }: LoaderFunctionArgs) => {
  const current = await requireUser(request);
  const found = await readSubmissionFile(params.submissionFileId);
  if (!found || !mayOpenSubmission(current, found)) notFound("We could not find that file.");
  return fileDownload(found.file, found.content);
});
