import { Form, useLocation } from "@remix-run/react";
import type { HeldText } from "~/modules/drafts/drafts";
import { Notification } from "./Notification";

/**
 * Above a form filled from what its writer sent after their session had ended (ADR 020), with a way
 * to let it go (a plain form, so it works without JavaScript).
 */
export function HeldTextNotice({ held, returnTo }: { held: HeldText; returnTo?: string }) {
  const location = useLocation();
  return (
    <Notification title="We kept what you wrote" kind="information">
      <p>
        We kept what you wrote when your session ended. It is back on the form below, exactly as you sent it, but it has
        not been saved yet: check it and save it.
      </p>
      {held.fileLeftOut ? <p>We do not keep files, so choose your file again before you save.</p> : null}
      <Form method="post" action="/drafts" reloadDocument>
        <input type="hidden" name="intent" value="discard-held" />
        <input type="hidden" name="returnTo" value={returnTo ?? location.pathname + location.search} />
        <button type="submit" className="button button--secondary">
          Discard it and start again
        </button>
      </Form>
    </Notification>
  );
}
