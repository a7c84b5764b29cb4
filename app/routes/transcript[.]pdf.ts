import type { LoaderFunctionArgs } from "@remix-run/node";
import { transcriptPdf } from "~/modules/masters/transcript-pdf.server";
import { issueTranscript, mastersEnrolmentOf, transcriptFor } from "~/modules/masters/transcript.server";
import { actorOf, notFound, requireUser } from "~/utils/auth.server";
import { englandDay } from "~/utils/england";
import { answeringOutages } from "~/utils/outage.server";
import { pdfDownload } from "~/utils/download.server";

/** The learner's transcript as a PDF, issued with a verification code that is stored. */
export const loader = answeringOutages(async ({ request, context }: LoaderFunctionArgs) => {
  const current = await requireUser(request);
  const found = await mastersEnrolmentOf(current.user.id);
  if (!found) notFound("You are not on a Masters programme, so there is no transcript.");
  const transcript = await transcriptFor(found);
  const issued = await issueTranscript(
    actorOf(current, context, { role: "learner", organisationId: found.enrolment.organisationId }),
    found,
    transcript,
  );
  const origin = process.env.APP_ORIGIN ?? new URL(request.url).origin;
  const pdf = await transcriptPdf(transcript, { code: issued.code, verifyUrl: `${origin}/verify`, issuedOn: englandDay(issued.issuedAt) });
  return pdfDownload(pdf, `transcript-${issued.code}.pdf`);
});
