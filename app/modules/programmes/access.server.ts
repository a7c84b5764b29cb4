/** Who may read a programme's lessons, and as what. */
import { findLesson, findModule, findProgramme } from "./catalogue.server";
import { findEnrolment, type Enrolment } from "./learning.server";
import { forbidden, notFound, type CurrentUser } from "~/utils/auth.server";

const STAFF_ROLES = new Set(["supervisor", "assessor", "team_manager", "programme_lead", "admin"]);

export function findLessonOr404(programmeSlug?: string, moduleSlug?: string, lessonSlug?: string) {
  const programme = programmeSlug ? findProgramme(programmeSlug) : undefined;
  const module = programme && moduleSlug ? findModule(programme, moduleSlug) : undefined;
  const lesson = module && lessonSlug ? findLesson(module, lessonSlug) : undefined;
  if (!programme || !module || !lesson) notFound("We could not find that lesson.");
  return { programme, module, lesson };
}

/** Staff read every programme's lessons; so a lesson list links them even where they are not enrolled. */
export function mayReadAsStaff(current: CurrentUser) {
  return current.memberships.some((m) => STAFF_ROLES.has(m.role));
}

export type LessonAccess = { mode: "learner"; enrolment: Enrolment } | { mode: "staff" };

/**
 * Enrolled learners work through lessons; staff (supervisors, assessors, programme leads)
 * may read them to support their learners. Anyone else is told to enrol first.
 */
export async function requireLessonAccess(current: CurrentUser, programmeSlug: string): Promise<LessonAccess> {
  const enrolment = await findEnrolment(current.user.id, programmeSlug);
  if (enrolment) return { mode: "learner", enrolment };
  requireStaffReader(current);
  return { mode: "staff" };
}

/** For someone not enrolled on a programme: staff read its lessons; anyone else is told to enrol first. */
export function requireStaffReader(current: CurrentUser) {
  if (!mayReadAsStaff(current)) forbidden("You are not enrolled on this programme. Its page says how to join.");
}
