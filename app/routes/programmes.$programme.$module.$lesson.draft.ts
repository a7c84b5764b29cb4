import type { ActionFunctionArgs } from "@remix-run/node";
import { findLessonOr404, requireLessonAccess } from "~/modules/programmes/access.server";
import { saveReflection } from "~/modules/programmes/learning.server";
import { REFLECTION_MAX } from "~/modules/programmes/limits";
import { getCurrentUser } from "~/utils/auth.server";

/**
 * Saves a reflection draft while the learner types (called by the lesson page's script).
 * Answers JSON, never a redirect, so the page can tell "saved" from "kept in this browser".
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const current = await getCurrentUser(request);
  if (!current) return Response.json({ error: "signed-out" }, { status: 401 });
  const { programme, module, lesson } = findLessonOr404(params.programme, params.module, params.lesson);
  const access = await requireLessonAccess(current, programme.slug);
  if (access.mode !== "learner") return Response.json({ error: "not-a-learner" }, { status: 403 });
  const form = await request.formData();
  const reflectionId = form.get("reflectionId");
  const body = form.get("body");
  if (typeof reflectionId !== "string" || !lesson.reflections.some((r) => r.id === reflectionId))
    return Response.json({ error: "unknown-reflection" }, { status: 400 });
  if (typeof body !== "string" || body.length > REFLECTION_MAX)
    return Response.json({ error: "too-long" }, { status: 400 });
  await saveReflection(access.enrolment.id, module.slug, lesson.slug, reflectionId, body, "draft");
  return Response.json({ savedAt: new Date().toISOString() });
}

export async function loader() {
  return new Response("Not found", { status: 404 });
}
