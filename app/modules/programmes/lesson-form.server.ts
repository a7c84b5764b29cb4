import { parseSubmission } from "~/utils/forms.server";
import { lessonActionSchema } from "./lesson-action-form.server";

/**
 * The lesson page's forms, parsed. On the server only, so that zod (and everything the schema pulls
 * in) stays out of the lesson page's JavaScript: the page has a budget (tests/e2e/js-budget.spec.ts).
 */
export function parseLessonAction(source: Request | FormData) {
  return parseSubmission(source, lessonActionSchema);
}
