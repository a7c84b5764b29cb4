import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireIndependentAssessor } from "~/modules/assessment/access.server";
import { submissionForAssessor, submittedEvidenceFile } from "~/modules/assessment/assessment.server";
import { notFound } from "~/utils/auth.server";
import { fileDownload } from "~/utils/download.server";
import { answeringOutages } from "~/utils/outage.server";

/**
 * A file of a portfolio as submitted, for the submission's appointed independent assessor, checked on
 * every download. To anyone else it does not exist.
 */
export const loader = answeringOutages(async ({ request, params }: LoaderFunctionArgs) => {
  const current = await requireIndependentAssessor(request);
  const found = await submissionForAssessor(params.submissionId, current.user.id, current.active.organisationId);
  if (!found) notFound("We could not find that file.");
  const file = await submittedEvidenceFile(found, params.itemId, params.fileId);
  if (!file) notFound("We could not find that file.");
  return fileDownload(file.file, file.content);
});
