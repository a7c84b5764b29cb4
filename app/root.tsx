import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useLocation, useNavigation, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { navigationFor, ROLE_LABELS } from "~/modules/organisations/roles";
import stylesheet from "~/styles/app.css";
import { getCurrentUser } from "~/utils/auth.server";
import { newSubmissionKey } from "~/utils/save-once.server";
import { useNonce } from "~/utils/nonce";
import { MenuLink } from "~/components/MenuLink";
import { switchLabel } from "~/modules/organisations/switching";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await getCurrentUser(request);
  if (!current) return { viewer: null };
  const active = current.active;
  return {
    // The key every form on the page sends, so each is saved once (ADR 021); signed-out pages
    // may be shared by caches, so a signed-out form that saves carries its own page's key.
    submissionKey: newSubmissionKey(),
    viewer: {
      name: current.user.name,
      acting: active
        ? { role: active.role, roleLabel: ROLE_LABELS[active.role], organisation: active.organisation.name }
        : null,
      canSwitch: current.memberships.length > 1,
      switchLabel: switchLabel(current.memberships.map((m) => m.organisationId)),
      unreadNotices: current.unreadNotices ?? 0,
      navigation: navigationFor(active?.role, {
        returner: current.user.accountKind === "returner",
        university: active?.organisation.kind === "university",
      }),
    },
  };
}

function Header({ viewer }: { viewer: Awaited<ReturnType<typeof loader>>["viewer"] | undefined }) {
  return (
    <header className="header" role="banner">
      <div className="header__bar">
        <div className="width-container header__inner">
          <a href={viewer ? "/home" : "/"} className="header__service">
            Practice Pathways
          </a>
          {viewer ? (
            <div className="header__account">
              <span className="header__who">
                {viewer.name}
                {viewer.acting ? (
                  <>
                    {" "}
                    <span className="header__acting">
                      {viewer.acting.roleLabel}, {viewer.acting.organisation}
                    </span>
                  </>
                ) : null}
              </span>
              <a
                href="/notices"
                className="header__link"
                aria-label={`Notices, ${viewer.unreadNotices} unread`}
              >
                Notices
                {viewer.unreadNotices ? <span className="header__count">{viewer.unreadNotices}</span> : null}
              </a>
              {viewer.canSwitch ? (
                <a href="/account/organisation" className="header__link">
                  {viewer.switchLabel}
                </a>
              ) : null}
              <form method="post" action="/sign-out" className="inline-form">
                <button type="submit" className="header__button">
                  Sign out
                </button>
              </form>
            </div>
          ) : (
            <div className="header__account">
              <a href="/sign-in" className="header__link">
                Sign in
              </a>
            </div>
          )}
        </div>
      </div>
      {viewer ? (
        <nav aria-label="Main" className="nav">
          <ul className="width-container nav__list">
            {viewer.navigation.map((item) => (
              <li key={item.href}>
                <MenuLink to={item.href} end className="nav__link">
                  {item.label}
                </MenuLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}

function PendingIndicator() {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  return (
    <div className="pending" aria-live="polite" data-state={busy ? "busy" : "idle"}>
      {busy ? <span className="pending__bar">{navigation.state === "submitting" ? "Saving…" : "Loading…"}</span> : null}
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main-content" className="skip-link">
          Skip to main content
        </a>
        <PendingIndicator />
        <Header viewer={data?.viewer} />
        <div className="width-container">
          <main className="main" id="main-content" tabIndex={-1}>
            {children}
          </main>
        </div>
        <footer className="footer" role="contentinfo">
          <div className="width-container">
            <p>
              Practice Pathways: learning, supervision and sign-off for social workers in England, from the assessed
              first year to advanced practice and the route back in.
            </p>
            <ul className="footer__links">
              <li>
                <a href="/return-to-social-work">Return to social work</a>
              </li>
              <li>
                <a href="/accessibility">Accessibility statement</a>
              </li>
              <li>
                <a href="/privacy">Privacy</a>
              </li>
              <li>
                <a href="/vacancies">Social work vacancies</a>
              </li>
            </ul>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * A link followed in the browser replaces the page without loading it, so the focus would stay where
 * the old page was. Move it to the new page's main content, where the skip link takes it.
 */
function useFocusOnNewPage() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById("main-content")?.focus({ preventScroll: true });
  }, [pathname]);
}

export default function App() {
  useLoaderData<typeof loader>();
  useFocusOnNewPage();
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const message =
      typeof error.data === "object" && error.data && "message" in error.data ? String(error.data.message) : null;
    if (error.status === 404) {
      return (
        <ErrorPage title="Page not found">
          <p>{message ?? "We could not find that page."} If you typed the web address, check it is correct.</p>
          <p>
            If you followed a link to a learner or a record, it may belong to another organisation, or it may have been
            removed.
          </p>
        </ErrorPage>
      );
    }
    if (error.status === 403) {
      return (
        <ErrorPage title="You do not have access to this page">
          <p>{message ?? "Your role does not give you access to this page."}</p>
          <p>If you think you should have access, ask your programme lead.</p>
        </ErrorPage>
      );
    }
    if (error.status === 503) {
      return (
        <ErrorPage title="Sorry, the service is unavailable">
          <p>
            Practice Pathways is unavailable for a moment. Nothing you saved has been lost. Please try again shortly.
          </p>
        </ErrorPage>
      );
    }
    return (
      <ErrorPage title="Sorry, there is a problem">
        <p>{message ?? "We could not complete that request."}</p>
      </ErrorPage>
    );
  }
  return (
    <ErrorPage title="Sorry, there is a problem with the service">
      <p>Something went wrong on our side. Nothing you saved has been lost. Please try again in a moment.</p>
      <p>If it keeps happening, contact your programme lead and tell them what you were doing.</p>
    </ErrorPage>
  );
}

function ErrorPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="narrow">
      <h1 className="heading-l">{title}</h1>
      {children}
      <p>
        <a href="/home">Go to your start page</a>
      </p>
    </div>
  );
}
