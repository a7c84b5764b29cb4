import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook, WEBHOOK_BODY_LIMIT } from "~/modules/payments/fulfilment.server";
import { notFound } from "~/utils/auth.server";

/** There is no page here: only Stripe (and the test checkout) post to it. */
export function loader() {
  notFound();
}

const answer = (status: number, body: Record<string, unknown>) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });

/** The raw bytes as sent, for the signature, read no further than the limit. */
async function rawBody(request: Request, limit: number): Promise<Buffer | null> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) return null;
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Stripe's webhook (ADR 027). Not a form: it is exempt from the server's same-origin check because
 * it verifies Stripe's signature on the raw body instead; a bad, missing or stale signature is
 * answered 400 and changes nothing. A failure after that is a 500, and Stripe sends the event again.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return answer(405, { error: "POST only" });
  const body = await rawBody(request, WEBHOOK_BODY_LIMIT);
  if (!body) return answer(413, { error: "body too large" });
  const result = await receiveWebhook(body, request.headers.get("stripe-signature"));
  if (result.status === 400) {
    console.warn(`[payments] refused a webhook: ${result.reason}`);
    return answer(400, { error: "signature not verified" });
  }
  return answer(200, { received: true, outcome: result.outcome });
}
