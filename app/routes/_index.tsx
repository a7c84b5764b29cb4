import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { startPathFor } from "~/modules/organisations/roles";
import { getCurrentUser } from "~/utils/auth.server";
import { Notification } from "~/components/Notification";

export const meta: MetaFunction = () => [
  { title: "Practice Pathways – social work learning, supervision and sign-off" },
  {
    name: "description",
    content:
      "The assessed first year, early career learning, Masters coursework, advanced practice and the route back into social work, in one place.",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await getCurrentUser(request);
  return { startPath: current ? startPathFor(current.active?.role) : null };
}

export default function Index() {
  const { startPath } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      {params.get("signed-out") ? (
        <Notification title="Signed out" kind="information">
          <p>You have signed out of Practice Pathways.</p>
        </Notification>
      ) : null}
      <h1>Learning, supervision and sign-off for social workers</h1>
      <p className="lead narrow">
        Practice Pathways carries a social worker in England from the assessed first year in practice to advanced
        practice, and keeps a record of what they did and who signed it off that stands up at panel.
      </p>
      {startPath ? (
        <p>
          <a href={startPath} className="button">
            Go to your start page
          </a>
        </p>
      ) : (
        <div className="button-group">
          <a href="/sign-in" className="button">
            Sign in
          </a>
          <a href="/sign-up">Create an account if you are returning to social work</a>
        </div>
      )}
      <div className="card-grid">
        <section className="card">
          <h2 className="heading-s">Newly qualified social workers</h2>
          <p>
            Your assessed and supported first year: learning agreement, supervision, review points at 3, 6 and 12
            months, and a portfolio mapped to the Professional Capabilities Framework and the Knowledge and Skills
            Statements.
          </p>
        </section>
        <section className="card">
          <h2 className="heading-s">Supervisors and assessors</h2>
          <p>
            See each supervisee's year at a glance, record supervision, and sign off review points against the exact
            version of the evidence you read.
          </p>
        </section>
        <section className="card">
          <h2 className="heading-s">Employers</h2>
          <p>
            Invite your NQSWs and supervisors, assign supervision and see what is due across your cohort. Nothing of
            your learners is visible to any other employer.
          </p>
        </section>
        <section className="card">
          <h2 className="heading-s">Returning to social work</h2>
          <p>
            If you have been out of practice, the recruitment helpline can talk you through the updating days you need
            and introduce you to councils with vacancies.
          </p>
          <p>
            <a href="/return-to-social-work">Return to social work: check what you need and ask for a call back</a>
          </p>
        </section>
      </div>
    </>
  );
}
