import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCandidateAccess } from "~/modules/assessment/access.server";
import { certificateDownload } from "~/modules/signoff/certificate.server";
import { certificateFor } from "~/modules/signoff/panel.server";
import { notFound } from "~/utils/auth.server";
import { answeringOutages } from "~/utils/outage.server";

/** The candidate's certificate once the independent assessor records achieved (ADR 024). */
export const loader = answeringOutages(async ({ request, params }: LoaderFunctionArgs) => {
  const { enrolment } = await requireCandidateAccess(request, params.enrolmentId);
  const cert = await certificateFor(enrolment.id);
  if (!cert) notFound("There is no certificate yet: it is issued when the independent assessor records achieved.");
  return certificateDownload(cert, request);
});
