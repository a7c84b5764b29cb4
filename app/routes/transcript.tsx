import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TranscriptTable } from "~/components/TranscriptTable";
import { mastersEnrolmentOf, transcriptFor } from "~/modules/masters/transcript.server";
import { notFound, requireUser } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Your transcript – Practice Pathways" }];

/** A Masters learner's own transcript: only marks the exam board has confirmed. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const found = await mastersEnrolmentOf(current.user.id);
  if (!found) notFound("You are not on a Masters programme, so there is no transcript.");
  return { transcript: await transcriptFor(found) };
}

export default function YourTranscript() {
  const { transcript } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Your transcript</h1>
      <TranscriptTable transcript={transcript} />
      <p>
        <a href="/transcript.pdf" download>
          Download your transcript (PDF)
        </a>{" "}
        — each download carries its own verification code, which anyone can check at the verify page.
      </p>
    </>
  );
}
