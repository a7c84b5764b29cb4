import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMarker } from "~/modules/masters/marker-access.server";
import { anonymousFileName } from "~/modules/masters/marking";
import { markerFile, submissionForMarker } from "~/modules/masters/marking.server";
import { notFound } from "~/utils/auth.server";
import { answeringOutages } from "~/utils/outage.server";
import { download } from "~/utils/download.server";

/**
 * A file of the work a marker may read (or an annotated copy on one of its marks), named by the
 * candidate number and the module, never by the name the learner gave it. To anyone else it does not exist.
 */
export const loader = answeringOutages(async ({ request, params }: LoaderFunctionArgs) => {
  const current = await requireMarker(request);
  const work = await submissionForMarker(current.user.id, current.active.organisationId, params.submissionId);
  if (!work) notFound("We could not find that file.");
  const found = await markerFile(work, params.submissionFileId);
  if (!found) notFound("We could not find that file.");
  const extension = found.file.contentType === "application/pdf" ? "pdf" : "docx";
  const name = found.annotatedBy
    ? anonymousFileName(`${work.candidateNumber}-annotated-${found.annotatedBy}`, work.assignment.moduleSlug, extension)
    : anonymousFileName(work.candidateNumber, work.assignment.moduleSlug, extension, found.index);
  return download(found.content, { name, contentType: found.file.contentType });
});
