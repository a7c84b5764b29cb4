import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { format, parseISO } from "date-fns";
import { certificateDates } from "~/modules/signoff/certificate.server";
import { englandDay } from "~/utils/england";
import { TextField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { certificateByCode } from "~/modules/signoff/panel.server";

export const meta: MetaFunction = () => [{ title: "Check a certificate – Practice Pathways" }];

/** Public: anyone with a certificate's code can check it is real and what it says. */
export async function loader({ request }: LoaderFunctionArgs) {
  const code = new URL(request.url).searchParams.get("code")?.slice(0, 40) ?? "";
  if (!code) return { code, result: null };
  const cert = await certificateByCode(code);
  return {
    code,
    result: cert
      ? {
          found: true as const,
          code: cert.code,
          learnerName: cert.learnerName,
          organisationName: cert.organisationName,
          programmeTitle: cert.programmeTitle,
          frameworks: cert.frameworks,
          dates: certificateDates(cert).programme,
          decided: certificateDates(cert).decided,
          issued: format(parseISO(englandDay(cert.issuedAt)), "d MMMM yyyy"),
        }
      : { found: false as const },
  };
}

export default function Verify() {
  const { code, result } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <h1>Check a certificate</h1>
      <p>Enter the verification code printed on a Practice Pathways certificate to see whether it is genuine.</p>
      {result?.found ? (
        <Notification title="This certificate is genuine">
          <dl className="summary-list">
            {(
              [
                ["Code", result.code],
                ["Awarded to", result.learnerName],
                ["By", result.organisationName],
                ["Programme", result.programmeTitle],
                ["Programme dates", result.dates],
                ["Moderation panel's decision", result.decided],
                ["Assessed against", result.frameworks],
                ["Issued", result.issued],
              ] as const
            ).map(([label, value]) => (
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
            No certificate has this code
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
