import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireTranscriptReader } from "~/modules/masters/access.server";
import { transcriptPdf } from "~/modules/masters/transcript-pdf.server";
import { issueTranscript, transcriptFor } from "~/modules/masters/transcript.server";
import { actorOf } from "~/utils/auth.server";
import { englandDay } from "~/utils/england";
import { answeringOutages } from "~/utils/outage.server";
import { pdfDownload } from "~/utils/download.server";

/** A learner's transcript as a PDF for their university's programme lead, issued with a stored verification code. */
export const loader = answeringOutages(async ({ request, params, context }: LoaderFunctionArgs) => {
  const { current, found } = await requireTranscriptReader(request, params.membershipId);
  const transcript = await transcriptFor(found);
  const issued = await issueTranscript(actorOf(current, context), found, transcript);
  const origin = process.env.APP_ORIGIN ?? new URL(request.url).origin;
  const pdf = await transcriptPdf(transcript, { code: issued.code, verifyUrl: `${origin}/verify`, issuedOn: englandDay(issued.issuedAt) });
  return pdfDownload(pdf, `transcript-${issued.code}.pdf`);
});
