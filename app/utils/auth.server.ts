/**
 * Gates called at the top of every loader and action. Each either returns who is
 * asking and in which organisation, or throws: a redirect to sign in, a 403, or a 404.
 */
import { data, redirect, type AppLoadContext } from "@remix-run/node";
import type { AuditActor, OrganisationActor } from "~/modules/audit/audit.server";
import { readSessionToken } from "~/modules/auth/cookie.server";
import { validateSessionToken, type SessionRow, type UserRow } from "~/modules/auth/session.server";
import type { MembershipWithOrganisation } from "~/modules/organisations/memberships.server";
import { can, startPathFor, type Permission, type Role } from "~/modules/organisations/roles";
import { switchLabel } from "~/modules/organisations/switching";
import { twoFactorRequiredBy } from "~/modules/auth/two-factor";
import { oncePerRequest } from "~/utils/request-scope.server";
import { devMailboxOpen } from "~/utils/env.server";
import { fromThisMachine } from "~/utils/request.server";
import { holdPostOfEndedSession, releaseHeldPost } from "~/modules/drafts/held-posts.server";

export interface CurrentUser {
  user: Pick<UserRow, "id" | "name" | "email" | "accountKind" | "helplineContactConsent">;
  session: SessionRow;
  memberships: MembershipWithOrganisation[];
  /** The organisation and role the user is acting in now. */
  active: MembershipWithOrganisation | null;
  twoFactor: {
    enabled: boolean;
    /** Organisations that require this person, in a staff role, to use two-factor sign-in. */
    requiredBy: string[];
  };
  /** Notices not yet read (read with the session, for the header); absent in a hand-made CurrentUser. */
  unreadNotices?: number;
}

/** Where a person an organisation requires to use two-factor sign-in, and who has not, is sent. */
export const TWO_FACTOR_SETUP_PATH = "/account/security/two-factor";

const cache = new WeakMap<Request, Promise<CurrentUser | null>>();

export function getCurrentUser(request: Request): Promise<CurrentUser | null> {
  let pending = cache.get(request);
  if (!pending) {
    const token = readSessionToken(request);
    // The root loader and the page's loader of one page view look the session up once.
    pending = token ? oncePerRequest(`current-user:${token}`, () => loadCurrentUser(token)) : Promise.resolve(null);
    cache.set(request, pending);
  }
  return pending;
}

async function loadCurrentUser(token: string): Promise<CurrentUser | null> {
  const found = await validateSessionToken(token);
  if (!found) return null;
  const mine = found.memberships;
  const active = mine.find((m) => m.id === found.session.activeMembershipId) ?? mine[0] ?? null;
  const { id, name, email, accountKind, helplineContactConsent } = found.user;
  return {
    user: { id, name, email, accountKind, helplineContactConsent },
    session: found.session,
    memberships: mine,
    active,
    twoFactor: { enabled: found.twoFactorOn, requiredBy: twoFactorRequiredBy(mine) },
    unreadNotices: found.unreadNotices,
  };
}

/** True when the person must set up two-factor sign-in before using the site. */
export function mustSetUpTwoFactor(current: CurrentUser) {
  return !current.twoFactor.enabled && current.twoFactor.requiredBy.length > 0;
}

export function signInPath(request: Request) {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return back === "/" || back.startsWith("/sign-in") ? "/sign-in" : `/sign-in?redirectTo=${encodeURIComponent(back)}`;
}

/**
 * The person must be signed in. Someone whose organisation requires two-factor sign-in,
 * and who has not set it up, is sent to set it up first: only the setup page (which uses
 * `requireUserDuringTwoFactorSetup`) and signing out are open to them until they have.
 */
export async function requireUser(request: Request, options: { partner?: "allowed" } = {}): Promise<CurrentUser> {
  const current = await requireUserDuringTwoFactorSetup(request);
  if (mustSetUpTwoFactor(current)) throw redirect(TWO_FACTOR_SETUP_PATH);
  if (current.active?.role === "partner" && options.partner !== "allowed") refusePartner();
  return current;
}

/**
 * A partner from police, health or education sees their shared sessions and their own account, and
 * nothing else (ADR 026): every gate refuses them unless the page says they are allowed, so a page
 * added later is closed to them until someone decides otherwise.
 */
function refusePartner(): never {
  forbidden("As a partner you can see the shared sessions you are invited to, and their materials: nothing else here.");
}

/**
 * Signed in, whether or not two-factor sign-in is still to be set up: for the setup page only.
 * A form sent after the session ended is held for the person whose session it was, and they are
 * told so as they sign in; a form sent signed in lets go of any copy held of it (ADR 020).
 */
export async function requireUserDuringTwoFactorSetup(request: Request): Promise<CurrentUser> {
  const current = await getCurrentUser(request);
  const posted = request.method === "POST" && !gatedPosts.has(request);
  if (posted) gatedPosts.add(request);
  if (!current) {
    const held = posted ? await holdPostOfEndedSession(request) : null;
    if (held)
      throw redirect(`/sign-in?redirectTo=${encodeURIComponent(held.path)}&held=1`, {
        headers: { "Set-Cookie": held.cookie },
      });
    throw redirect(signInPath(request));
  }
  if (posted) await releaseHeldPost(request, current.user.id);
  return current;
}

/** Posts the gate has already seen: an action may pass through it more than once. */
const gatedPosts = new WeakSet<Request>();

export async function requireAnonymous(request: Request) {
  const current = await getCurrentUser(request);
  if (current) throw redirect(startPathFor(current.active?.role));
}

export function forbidden(message = "You do not have access to this page."): never {
  throw data({ message }, { status: 403 });
}

export function notFound(message = "We could not find that page."): never {
  throw data({ message }, { status: 404 });
}

export interface MembershipRequirement {
  /** The organisation an id in the URL belongs to; a different one is answered with 404. */
  organisationId?: string;
  roles?: readonly Role[];
  permission?: Permission;
  /** The page is an employer's (ASYE panels, grants, vacancies, introductions): at a university it does not exist. */
  employerOnly?: boolean;
}

export type ActingUser = CurrentUser & { active: MembershipWithOrganisation };

/** The user must be acting, in their chosen organisation, in one of the given roles. */
export async function requireMembership(request: Request, requirement: MembershipRequirement): Promise<ActingUser> {
  // The role and permission checks below decide for a partner too: only what names them lets them in.
  const current = await requireUser(request, { partner: "allowed" });
  if (current.active?.role === "partner" && !requirement.roles && !requirement.permission) refusePartner();
  const active = current.active;
  if (!active) forbidden("This page is for members of an organisation.");
  if (requirement.organisationId && requirement.organisationId !== active.organisationId) notFound();
  if (requirement.employerOnly && active.organisation.kind === "university") notFound();
  const roleOk = requirement.roles ? requirement.roles.includes(active.role) : true;
  const permissionOk = requirement.permission ? can(active.role, requirement.permission) : true;
  if (!roleOk || !permissionOk) {
    const other = current.memberships.find(
      (m) =>
        m.id !== active.id &&
        (requirement.roles?.includes(m.role) ?? (requirement.permission ? can(m.role, requirement.permission) : false)),
    );
    forbidden(
      other
        ? `This page is for your role as ${other.role.replace("_", " ")} at ${other.organisation.name}. ${switchLabel(current.memberships.map((m) => m.organisationId))} to use it.`
        : "Your role does not give you access to this page.",
    );
  }
  return current as ActingUser;
}

/**
 * The development mailbox shows password-reset and invitation links, so it is shown only to this
 * machine (the developer's own browser) or a signed-in platform admin; to anyone else it does not
 * exist, and when it is closed (a deployment without DEV_MAILBOX=true) it exists for no one.
 */
export async function requireMailboxReader(request: Request, context: AppLoadContext) {
  if (!devMailboxOpen()) notFound();
  if (fromThisMachine(request, context)) return;
  const current = await requireUser(request);
  if (!current.memberships.some((m) => m.role === "admin")) notFound();
}

/** Whom an action's audit records name when it is done in a role other than the chosen membership's. */
export interface ActingAs {
  /** The capacity the person acts in here: "learner" on their own year, "team_manager" countersigning. */
  role?: string;
  /** The organisation the record belongs to, e.g. the learner's year's. */
  organisationId?: string | null;
}

/**
 * The one way an action names who did it, for its audit records: the signed-in person, in the
 * role and organisation they are acting in (unless `as` says otherwise), from this request's address.
 */
export function actorOf(current: ActingUser, context: AppLoadContext, as?: Pick<ActingAs, "role">): OrganisationActor;
export function actorOf(current: CurrentUser, context: AppLoadContext, as?: ActingAs): AuditActor;
export function actorOf(current: CurrentUser, context: AppLoadContext, as: ActingAs = {}): AuditActor {
  return {
    userId: current.user.id,
    role: as.role ?? current.active?.role ?? current.user.accountKind,
    organisationId: "organisationId" in as ? (as.organisationId ?? null) : (current.active?.organisationId ?? null),
    ipAddress: context.clientIp ?? "unknown",
  };
}
