import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { format, parseISO } from "date-fns";
import { certificateDates } from "~/modules/signoff/certificate.server";
import { englandDay } from "~/utils/england";
import { TextField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { certificateByCode } from "~/modules/signoff/panel.server";
import { transcriptByCode } from "~/modules/masters/transcript.server";

export const meta: MetaFunction = () => [{ title: "Check a certificate or transcript – Practice Pathways" }];

/** Public: anyone with a certificate's or a Masters transcript's code can check it is real and what it says. */
export async function loader({ request }: LoaderFunctionArgs) {
  const code = new URL(request.url).searchParams.get("code")?.slice(0, 40) ?? "";
  if (!code) return { code, result: null };
  const cert = await certificateByCode(code);
  const transcript = cert ? null : await transcriptByCode(code);
  if (transcript)
    return {
      code,
      result: {
        found: true as const,
        kind: "transcript" as const,
        code: transcript.code,
        learnerName: transcript.learnerName,
        organisationName: transcript.institution,
        programmeTitle: transcript.programmeTitle,
        rows: [
          ["Code", transcript.code],
          ["Transcript of", transcript.learnerName],
          ["Awarding university", transcript.institution],
          ["Programme", transcript.programmeTitle],
          ["Credits", String(transcript.totalCredits)],
          ["Award reached", transcript.award ? `${transcript.award}${transcript.classification ? `, ${transcript.classification}` : ""}` : "None yet"],
          ["Issued", format(parseISO(englandDay(transcript.issuedAt)), "d MMMM yyyy")],
        ] as [string, string][],
      },
    };
  return {
    code,
    result: cert
      ? {
          found: true as const,
          kind: "certificate" as const,
          code: cert.code,
          learnerName: cert.learnerName,
          organisationName: cert.organisationName,
          programmeTitle: cert.programmeTitle,
          dates: certificateDates(cert).programme,
          rows: [
            ["Code", cert.code],
            ["Awarded to", cert.learnerName],
            ["By", cert.organisationName],
            ["Programme", cert.programmeTitle],
            ["Programme dates", certificateDates(cert).programme],
            [certificateDates(cert).decidedLabel, certificateDates(cert).decided],
            ["Assessed against", cert.frameworks],
            ...(cert.awardNote ? ([["The award", cert.awardNote]] as [string, string][]) : []),
            ["Issued", format(parseISO(englandDay(cert.issuedAt)), "d MMMM yyyy")],
          ] as [string, string][],
        }
      : { found: false as const },
  };
}

export default function Verify() {
  const { code, result } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <h1>Check a certificate or transcript</h1>
      <p>Enter the verification code printed on a Practice Pathways certificate or Masters transcript to see whether it is genuine.</p>
      {result?.found ? (
        <Notification title={result.kind === "transcript" ? "This transcript is genuine" : "This certificate is genuine"}>
          <dl className="summary-list">
            {result.rows.map(([label, value]) => (
              <div className="summary-list__row" key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </Notification>
      ) : result ? (
        <div className="error-summary" role="alert" aria-labelledby="not-found-title">
          <h2 className="error-summary__title" id="not-found-title">
            No certificate or transcript has this code
          </h2>
          <p>Check the code and try again. Codes look like PP-ABCD-EFGH-JKLM.</p>
        </div>
      ) : null}
      <Form method="get">
        <TextField name="code" label="Verification code" defaultValue={code} autoComplete="off" />
        <button type="submit" className="button">
          Check
        </button>
      </Form>
    </div>
  );
}
