import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CareerRecordBody } from "~/components/CareerRecordView";
import { careerRecordOf } from "~/modules/career/record.server";
import { sharedMemberOf } from "~/modules/career/sharing.server";
import { notFound, requireMembership } from "~/utils/auth.server";
import { isUuid } from "~/utils/ids";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.record.personName}'s career record – Practice Pathways` : "Career record – Practice Pathways" },
];

/**
 * A member's career record, for their organisation's programme lead: only while they belong to the
 * organisation and only if they have shared it with it. A former member, someone who has not shared,
 * and anyone of another organisation are answered 404 alike, so the page says nothing of whether a
 * record exists.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { permission: "career:read:organisation" });
  if (!isUuid(params.membershipId)) notFound();
  const member = await sharedMemberOf(current.active.organisationId, params.membershipId);
  if (!member) notFound("We could not find a career record shared with your organisation.");
  return {
    organisation: current.active.organisation.name,
    record: await careerRecordOf({ id: member.userId, name: member.name }, "employer"),
  };
}

export default function MemberCareerRecord() {
  const { organisation, record } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="caption">{organisation}</span>
      <h1>{record.personName}&rsquo;s career record</h1>
      <p>
        {record.personName} shares this record with {organisation}. It is theirs: it shows every programme they are or were
        on, wherever they were; you can read it while they belong to {organisation} and until they stop sharing it.
      </p>
      <CareerRecordBody record={record} whose={record.personName} />
    </>
  );
}
