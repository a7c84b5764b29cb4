import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { REFERENCE_PATTERN } from "~/modules/returners/helpline-queue";

export const meta: MetaFunction = () => [{ title: "Request sent – Return to social work – Practice Pathways" }];

/**
 * The page after a callback request. It shows the reference from the address and nothing else
 * about the person: the page is not looked up, so it says nothing about whether a reference exists.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const reference = new URL(request.url).searchParams.get("reference")?.trim().toUpperCase() ?? "";
  return { reference: REFERENCE_PATTERN.test(reference) ? reference : null };
}

export default function CallbackSent() {
  const { reference } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <div className="panel" role="status">
        <h1>We will call you back</h1>
        {reference ? (
          <p>
            Your reference is <br />
            <span className="reference">{reference}</span>
          </p>
        ) : null}
      </div>
      <p>We have sent a confirmation{reference ? " with your reference" : ""} to the email address you gave us.</p>
      <h2>What happens next</h2>
      <ol>
        <li>An advisor will call you within two working days, at the times you gave us if we can.</li>
        <li>
          They will talk through what you need to restore your registration, such as updating days, and the refresher
          programme.
        </li>
        <li>When you are ready, they can introduce you to councils with vacancies for returning social workers.</li>
      </ol>
      <p>If we miss you, we will leave a message and try again. Have your reference to hand when we call.</p>
      <p>
        <a href="/return-to-social-work">Back to Return to social work</a>
      </p>
    </div>
  );
}
