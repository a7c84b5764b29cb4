import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCandidateAccess } from "~/modules/assessment/access.server";
import { certificatePdf } from "~/modules/signoff/certificate.server";
import { certificateFor } from "~/modules/signoff/panel.server";
import { notFound } from "~/utils/auth.server";
import { answeringOutages } from "~/utils/outage.server";

/** The candidate's certificate once the independent assessor records achieved (ADR 024). */
export const loader = answeringOutages(async ({ request, params }: LoaderFunctionArgs) => {
  const { enrolment } = await requireCandidateAccess(request, params.enrolmentId);
  const cert = await certificateFor(enrolment.id);
  if (!cert) notFound("There is no certificate yet: it is issued when the independent assessor records achieved.");
  const origin = process.env.APP_ORIGIN ?? new URL(request.url).origin;
  const pdf = await certificatePdf(cert, `${origin}/verify`);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="certificate-${cert.code}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
});
