import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { isTwoFactorEnabled } from "~/modules/auth/two-factor.server";
import { findLearnerInOrganisation } from "~/modules/organisations/memberships.server";
import { describeProgress, STAGE_LABELS } from "~/modules/organisations/people";
import { can } from "~/modules/organisations/roles";
import { notFound, requireUser } from "~/utils/auth.server";
import { isUuid } from "~/utils/ids";
import { AgreementTag } from "~/components/AgreementTag";
import { agreementSummaries } from "~/modules/first-year/overview.server";
import { findProgramme } from "~/modules/programmes/catalogue.server";
import { listOrganisationEnrolments } from "~/modules/programmes/learning.server";
import { describeYear, yearInputFor } from "~/modules/first-year/year";
import { englandToday } from "~/utils/england";
import { hasSharedWith } from "~/modules/career/sharing.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.learner.name} – Practice Pathways` : "Learner – Practice Pathways" },
];

/**
 * One learner's record. A learner sees their own; a supervisor or assessor sees the
 * learners they supervise; a programme lead sees every learner in their organisation.
 * Anyone else, including any user of another organisation, gets 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const id = params.membershipId;
  if (!isUuid(id)) notFound();
  const own = current.memberships.find((m) => m.id === id && m.role === "learner");
  const organisationId = own?.organisationId ?? current.active?.organisationId;
  const role = own ? "learner" : current.active?.role;
  if (!organisationId || !role) notFound();
  if (!own && !can(role, "learner:read:organisation") && !can(role, "learner:read:supervisee")) notFound();
  const learner = await findLearnerInOrganisation(organisationId, id);
  if (!learner) notFound();
  if (!own && !can(role, "learner:read:organisation") && learner.supervisorId !== current.user.id) notFound();
  const organisation = own?.organisation.name ?? current.active!.organisation.name;
  // The assessed years this viewer may open: their own, the ones they supervise, or all for the lead.
  const enrolments = (await listOrganisationEnrolments(organisationId, [learner.userId])).filter(
    (e) => !!own || can(role, "learner:read:organisation") || e.supervisorId === current.user.id,
  );
  const agreements = await agreementSummaries(enrolments);
  // The lead (and only the lead) may reset a learner's two-factor sign-in, from here.
  const twoFactorOn = !own && can(role, "learner:read:organisation") ? await isTwoFactorEnabled(learner.userId) : null;
  const years = enrolments.flatMap((e) => {
    const summary = agreements.get(e.id);
    return summary ? [{ programme: findProgramme(e.programmeSlug)?.title ?? e.programmeSlug, ...summary }] : [];
  });
  // A Masters learner's transcript: their own, or for their university's programme lead.
  const onMasters = enrolments.some((e) => !!findProgramme(e.programmeSlug)?.award);
  const transcriptHref = !onMasters
    ? null
    : own
      ? "/transcript"
      : can(role, "transcript:read:organisation") && current.active?.organisation.kind === "university"
        ? `/learners/${id}/transcript`
        : null;
  // The lead reads a member's career record only while they belong here and have shared it.
  const careerHref = own
    ? "/career"
    : can(role, "career:read:organisation") && (await hasSharedWith(organisationId, id))
      ? `/members/${id}/career`
      : null;
  return {
    isSelf: !!own,
    careerHref,
    careerShareable: !own && can(role, "career:read:organisation"),
    transcriptHref,
    twoFactorOn,
    membershipId: id,
    years,
    organisation,
    learner: {
      name: learner.name,
      email: learner.email,
      jobTitle: learner.jobTitle,
      team: learner.team,
      stage: learner.stage ? STAGE_LABELS[learner.stage] : "Not recorded",
      progress: (() => {
        const year = enrolments.find((e) => findProgramme(e.programmeSlug)?.assessment);
        return year
          ? describeYear(yearInputFor(year, findProgramme(year.programmeSlug)!), englandToday())
          : describeProgress(learner.stage, learner.startedOn);
      })(),
      supervisorName: learner.supervisorName,
      hasPassword: learner.hasPassword,
    },
  };
}

export default function LearnerRecord() {
  const { isSelf, organisation, learner, years, twoFactorOn, membershipId, transcriptHref, careerHref, careerShareable } =
    useLoaderData<typeof loader>();
  return (
    <>
      <span className="caption">{organisation}</span>
      <h1>{isSelf ? "Your record" : learner.name}</h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Name</dt>
          <dd>{learner.name}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Email address</dt>
          <dd>{learner.email}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Post</dt>
          <dd>{[learner.jobTitle, learner.team].filter(Boolean).join(", ") || "Not recorded"}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Stage</dt>
          <dd>{learner.stage}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Where they are</dt>
          <dd>{learner.progress || "No start date recorded"}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Practice supervisor</dt>
          <dd>{learner.supervisorName ?? "Not assigned yet"}</dd>
        </div>
        {!isSelf ? (
          <div className="summary-list__row">
            <dt>Account</dt>
            <dd>{learner.hasPassword ? "Active" : "Invited, has not set a password yet"}</dd>
          </div>
        ) : null}
        {twoFactorOn !== null ? (
          <div className="summary-list__row">
            <dt>Two-factor sign-in</dt>
            <dd>
              {twoFactorOn ? (
                <>
                  On{" "}
                  <a href={`/members/${membershipId}/two-factor`}>
                    Reset<span className="visually-hidden"> two-factor sign-in for {learner.name}</span>
                  </a>
                </>
              ) : (
                "Off"
              )}
            </dd>
          </div>
        ) : null}
      </dl>
      {years.length ? (
        <>
          <h2>Assessed year</h2>
          <ul className="plain-list">
            {years.map((y) => (
              <li key={y.href}>
                {y.programme}: <a href={y.yearHref}>the year</a>,{" "}
                <a href={`${y.yearHref}/portfolio`}>portfolio</a>, <a href={y.href}>learning agreement</a>{" "}
                <AgreementTag state={y.state} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {transcriptHref ? (
        <p>
          <a href={transcriptHref}>{isSelf ? "Your transcript" : `${learner.name}'s transcript`}</a>
        </p>
      ) : null}
      {careerHref ? (
        <p>
          <a href={careerHref}>{isSelf ? "Your career record" : `${learner.name}'s career record`}</a>
          {isSelf ? null : ", shared with " + organisation}
        </p>
      ) : careerShareable ? (
        <p>{learner.name} has not shared their career record with {organisation}.</p>
      ) : null}
      <p>
        <a href="/home">Back to your start page</a>
      </p>
    </>
  );
}
