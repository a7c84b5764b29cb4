import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireYearAccess } from "~/modules/first-year/access.server";
import { actedBy, recordAudit } from "~/modules/audit/audit.server";
import { yearExportPdf } from "~/modules/signoff/export.server";
import { actorOf, requireUser } from "~/utils/auth.server";
import { answeringOutages } from "~/utils/outage.server";
import { pdfDownload } from "~/utils/download.server";

/** The whole year as one PDF, for those who may open it; each download is in the audit trail. */
export const loader = answeringOutages(async ({ request, params, context }: LoaderFunctionArgs) => {
  const current = await requireUser(request);
  const { enrolment, programme, learnerName, party } = await requireYearAccess(current, params.enrolmentId);
  const organisationName =
    current.memberships.find((m) => m.organisationId === enrolment.organisationId)?.organisation.name ?? "";
  const pdf = await yearExportPdf(enrolment, programme, learnerName, organisationName);
  await recordAudit({
    ...actedBy(actorOf(current, context, { role: party, organisationId: enrolment.organisationId })),
    action: "year.exported",
    subjectType: "enrolment",
    subjectId: enrolment.id,
    detail: { enrolment: enrolment.id },
  });
  return pdfDownload(pdf, `year-${enrolment.id}.pdf`);
});
