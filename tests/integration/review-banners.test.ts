/**
 * The banner after a supervisor's decision matches it (issue 19 item 8): Helen Marsh approves Grace
 * Whitfield's 6-month review not on track, and the page she is sent to shows a warning, not a
 * success; on both databases.
 */
import { and, desc, eq } from "drizzle-orm";
import { enrolments, reviewSubmissions, users } from "#db/schema";
import { seedDemoWorld } from "#db/seed/demo-world";
import { REVIEW_BANNERS } from "~/modules/signoff/review-banners";
import * as reviewPage from "~/routes/year.$enrolmentId.reviews.$code";
import * as reviewsList from "~/routes/year.$enrolmentId.reviews._index";
import { withTestDatabase } from "../support/database";
import { ORIGIN } from "../support/fixtures";
import { sessionFor } from "../support/site";

const t = withTestDatabase();

beforeAll(async () => {
  await seedDemoWorld(t.db);
}, 120_000);

test("an approval not on track sends the supervisor to a warning, not a success", async () => {
  const [grace] = await t.db.select().from(users).where(eq(users.email, "grace.whitfield@northmoor.example"));
  const [year] = await t.db.select().from(enrolments).where(eq(enrolments.userId, grace!.id));
  const [submission] = await t.db
    .select()
    .from(reviewSubmissions)
    .where(and(eq(reviewSubmissions.enrolmentId, year!.id), eq(reviewSubmissions.reviewCode, "six-month")))
    .orderBy(desc(reviewSubmissions.number))
    .limit(1);
  expect(submission).toBeDefined();
  const helen = await sessionFor(t.db, "helen.marsh@northmoor.example", "supervisor");
  const path = `/year/${year!.id}/reviews/six-month`;
  let location = "";
  try {
    await reviewPage.action({
      request: new Request(`${ORIGIN}${path}`, {
        method: "POST",
        headers: { Cookie: helen, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          intent: "decide",
          submission: submission!.id,
          decision: "approved",
          outcome: "not_on_track",
          actionPlan: "Weekly case discussion on risk assessments until the 9-month review.",
          comments: "",
        }),
      }),
      params: { enrolmentId: year!.id, code: "six-month" },
      context: { clientIp: "203.0.113.9", cspNonce: "n" },
    } as never);
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    location = thrown.headers.get("Location") ?? "";
  }
  expect(location).toBe(`${path}?done=approved-not-on-track`);
  const done = new URL(location, ORIGIN).searchParams.get("done")!;
  expect(REVIEW_BANNERS[done]).toMatchObject({ kind: "warning", title: "Review approved: not on track" });

  // The year's review points show it as approved not on track, not as good news; the 3-month review, on track, is.
  const list = (await reviewsList.loader({
    request: new Request(`${ORIGIN}/year/${year!.id}/reviews`, { headers: { Cookie: helen } }),
    params: { enrolmentId: year!.id },
    context: {},
  } as never)) as { reviews: { code: string; concern: boolean; state: string }[] };
  expect(list.reviews.find((r) => r.code === "six-month")).toMatchObject({ state: "approved", concern: true });
  expect(list.reviews.find((r) => r.code === "three-month")).toMatchObject({ state: "complete", concern: false });

  // The review's own page says so too: its state and the approval in its history are a concern.
  const page = (await reviewPage.loader({
    request: new Request(`${ORIGIN}${path}`, { headers: { Cookie: helen } }),
    params: { enrolmentId: year!.id, code: "six-month" },
    context: {},
  } as never)) as unknown as {
    concern: boolean;
    history: { signoffs: { decision: string; concern: boolean }[] }[];
  };
  expect(page.concern).toBe(true);
  expect(page.history[0]!.signoffs.find((g) => g.decision === "approved")).toMatchObject({ concern: true });
});
