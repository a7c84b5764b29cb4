import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { TextField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { verifyCode, type Verified } from "~/modules/signoff/verify.server";

export const meta: MetaFunction = () => [{ title: "Check a certificate or transcript – Practice Pathways" }];

/** Public: anyone with a certificate's, a Masters transcript's or a career record's code can check it is real and what it says. */
export async function loader({ request }: LoaderFunctionArgs) {
  const code = new URL(request.url).searchParams.get("code")?.slice(0, 40) ?? "";
  if (!code) return { code, result: null };
  const verified = await verifyCode(code);
  return { code, result: verified ? { found: true as const, ...verified } : { found: false as const } };
}

/** The document's facts as the page lists them, in the words each kind of document uses. */
function rowsOf(v: Verified): [string, string][] {
  if (v.kind === "career record")
    return [
      ["Code", v.code],
      ["Career record of", v.learnerName],
      ["Furthest stage reached", v.stage],
      ...(v.awards.length
        ? v.awards.map((award, i): [string, string] => [`Verified award ${i + 1}`, award])
        : [["Verified awards", "None when it was issued"] as [string, string]]),
      ["Issued", v.issued],
    ];
  if (v.kind === "transcript")
    return [
      ["Code", v.code],
      ["Transcript of", v.learnerName],
      ["Awarding university", v.organisationName],
      ["Programme", v.programmeTitle],
      ["Credits", String(v.credits)],
      ["Award reached", v.award ?? "None yet"],
      ["Issued", v.issued],
    ];
  return [
    ["Code", v.code],
    ["Awarded to", v.learnerName],
    ["By", v.organisationName],
    ["Programme", v.programmeTitle],
    ["Programme dates", v.dates],
    [v.decidedLabel, v.decided],
    ["Assessed against", v.frameworks],
    ...(v.awardNote ? ([["The award", v.awardNote]] as [string, string][]) : []),
    ["Issued", v.issued],
  ];
}

export default function Verify() {
  const { code, result } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <h1>Check a certificate or transcript</h1>
      <p>Enter the verification code printed on a Practice Pathways certificate, Masters transcript or career record to see whether it is genuine.</p>
      {result?.found ? (
        <Notification title={`This ${result.kind} is genuine`}>
          <dl className="summary-list">
            {rowsOf(result).map(([label, value]) => (
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
            No certificate, transcript or career record has this code
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
