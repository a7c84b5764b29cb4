import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePortfolio } from "~/modules/portfolio/access.server";
import { readEvidenceFile } from "~/modules/portfolio/portfolio.server";
import { isUuid } from "~/utils/ids";
import { notFound } from "~/utils/auth.server";
import { fileDownload } from "~/utils/download.server";
import { answeringOutages } from "~/utils/outage.server";

/** A file from the portfolio: only for someone who may open this learner's year, checked on every download. */
export const loader = answeringOutages(async ({ request, params }: LoaderFunctionArgs) => {
  const { enrolment } = await requirePortfolio(request, params.enrolmentId);
  if (!isUuid(params.itemId)) notFound();
  const found = await readEvidenceFile(enrolment.id, params.itemId, params.fileId);
  if (!found) notFound("We could not find that file.");
  return fileDownload(found.file, found.content);
});
