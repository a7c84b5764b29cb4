import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TranscriptTable } from "~/components/TranscriptTable";
import { requireTranscriptReader } from "~/modules/masters/access.server";
import { transcriptFor } from "~/modules/masters/transcript.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Transcript: ${data.transcript.learnerName} – Practice Pathways` : "Transcript – Practice Pathways" },
];

/** A learner's transcript for their university's programme lead. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found } = await requireTranscriptReader(request, params.membershipId);
  return { membershipId: params.membershipId!, transcript: await transcriptFor(found) };
}

export default function LearnerTranscript() {
  const { membershipId, transcript } = useLoaderData<typeof loader>();
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <a href={`/learners/${membershipId}`}>{transcript.learnerName}</a>
          </li>
        </ol>
      </nav>
      <h1>Transcript: {transcript.learnerName}</h1>
      <TranscriptTable transcript={transcript} />
      <p>
        <a href={`/learners/${membershipId}/transcript.pdf`} download>
          Download the transcript (PDF)
        </a>
      </p>
    </>
  );
}
