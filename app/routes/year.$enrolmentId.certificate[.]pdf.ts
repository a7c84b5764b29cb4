import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireYearAccess } from "~/modules/first-year/access.server";
import { certificateDownload } from "~/modules/signoff/certificate.server";
import { certificateFor } from "~/modules/signoff/panel.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { answeringOutages } from "~/utils/outage.server";

/** The learner's certificate, for them and the people who may open their year. */
export const loader = answeringOutages(async ({ request, params }: LoaderFunctionArgs) => {
  const current = await requireUser(request);
  const { enrolment } = await requireYearAccess(current, params.enrolmentId);
  const cert = await certificateFor(enrolment.id);
  if (!cert) notFound("There is no certificate for this year yet: it is issued after the moderation panel.");
  return certificateDownload(cert, request);
});
