import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { draftFields, formPath, isDraftKey } from "~/modules/drafts/drafts";
import { releaseHeldPost } from "~/modules/drafts/held-posts.server";
import { discardDraft, saveDraft } from "~/modules/drafts/drafts.server";
import { getCurrentUser, notFound } from "~/utils/auth.server";
import { safeRedirect } from "~/utils/request.server";

/**
 * Keeps what someone is typing in a long form (called by the form's script as they type)
 * and throws a draft away when they ask. A draft is only ever the writer's own: it is keyed
 * by their user id, and a form shows it only after its own access checks. A post held after the
 * writer's session ended (ADR 020) is let go here too, when they ask.
 */
export async function action({ request }: ActionFunctionArgs) {
  const current = await getCurrentUser(request);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return Response.json({ error: "unreadable" }, { status: 400 });
  }
  const formKey = form.get("formKey");
  if (form.get("intent") === "discard-held") {
    const back = safeRedirect(form.get("returnTo"), "/home");
    if (current) await releaseHeldPost(request, current.user.id, formPath(new URL(back, request.url)));
    throw redirect(back);
  }
  if (form.get("intent") === "discard-draft") {
    const back = safeRedirect(form.get("returnTo"), "/home");
    if (current && isDraftKey(formKey)) await discardDraft(current.user.id, formKey);
    throw redirect(back);
  }
  if (!current) return Response.json({ error: "signed-out" }, { status: 401 });
  if (!isDraftKey(formKey)) return Response.json({ error: "unknown-form" }, { status: 400 });
  const fields = draftFields(form.entries());
  if (!fields) return Response.json({ error: "too-long" }, { status: 413 });
  const savedAt = await saveDraft(current.user.id, formKey, fields);
  return Response.json({ savedAt: savedAt.toISOString() });
}

export async function loader() {
  notFound();
}
