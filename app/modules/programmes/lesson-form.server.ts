import { parseForm } from "~/utils/forms";
import { lessonActionSchema } from "./schemas.server";

/**
 * The lesson page's forms, parsed. On the server only, so that zod (and everything the schema pulls
 * in) stays out of the lesson page's JavaScript: the page has a budget (tests/e2e/js-budget.spec.ts).
 */
export function parseLessonAction(formData: FormData) {
  return parseForm(formData, lessonActionSchema);
}
