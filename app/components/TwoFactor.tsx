import { Link } from "@remix-run/react";

/** The recovery codes, shown once after two-factor sign-in is turned on or the codes are replaced. */
export function RecoveryCodes({ codes, next }: { codes: string[]; next: { href: string; label: string } }) {
  return (
    <>
      <h2>Save your recovery codes</h2>
      <p>
        If you do not have your phone, you can sign in with one of these codes instead of a security code. Each code
        works once.
      </p>
      <div className="warning-text">
        <strong>This is the only time we show these codes.</strong> Write them down or save them in a password manager,
        and keep them somewhere safe. Do not keep them on the phone that has your authenticator app.
      </div>
      <ol className="recovery-codes" aria-label="Your recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p>
        <Link to={next.href} className="button">
          {next.label}
        </Link>
      </p>
    </>
  );
}
