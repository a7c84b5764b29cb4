import { useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "~/root";

/**
 * The hidden key that makes a form saved once (ADR 021; read by save-once.server.ts, whose
 * SUBMISSION_KEY names the same field). Drawn by the server, so it works without JavaScript:
 * the signed-in page's key comes from the root, a signed-out page passes its own.
 */
export function SubmissionKey({ value }: { value?: string }) {
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const key = value ?? (root && "submissionKey" in root ? root.submissionKey : undefined);
  return key ? <input type="hidden" name="submissionKey" value={key} /> : null;
}
