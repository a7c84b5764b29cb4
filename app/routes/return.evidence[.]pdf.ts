import type { LoaderFunctionArgs } from "@remix-run/node";
import { actedBy, recordAudit } from "~/modules/audit/audit.server";
import { actorOf } from "~/utils/auth.server";
import { evidencePackPdf } from "~/modules/returners/evidence.server";
import { requireReturner } from "~/modules/returners/journey.server";
import { answeringOutages } from "~/utils/outage.server";
import { pdfDownload } from "~/utils/download.server";

/** The returner's evidence pack for restoring their registration: their own records only. */
export const loader = answeringOutages(async ({ request, context }: LoaderFunctionArgs) => {
  const { current, profile } = await requireReturner(request);
  const pdf = await evidencePackPdf({ id: current.user.id, name: current.user.name }, profile);
  await recordAudit({
    ...actedBy(actorOf(current, context, { role: "returner", organisationId: null })),
    action: "returner.evidence_downloaded",
    subjectType: "returner_profile",
    subjectId: current.user.id,
  });
  return pdfDownload(pdf, "evidence-of-updating.pdf");
});
