import type { LoaderFunctionArgs } from "@remix-run/node";
import { careerRecordPdf, issueCareerRecord } from "~/modules/career/issue.server";
import { careerRecordOf } from "~/modules/career/record.server";
import { actorOf, requireUser } from "~/utils/auth.server";
import { answeringOutages } from "~/utils/outage.server";
import { pdfDownload } from "~/utils/download.server";

/** The person's own career record as a PDF, issued with a verification code that is stored with its awards. */
export const loader = answeringOutages(async ({ request, context }: LoaderFunctionArgs) => {
  const current = await requireUser(request);
  const record = await careerRecordOf({ id: current.user.id, name: current.user.name }, "self");
  const issued = await issueCareerRecord(actorOf(current, context), current.user.id, record);
  const origin = process.env.APP_ORIGIN ?? new URL(request.url).origin;
  const pdf = await careerRecordPdf(record, issued, `${origin}/verify`);
  return pdfDownload(pdf, `career-record-${issued.code}.pdf`);
});
