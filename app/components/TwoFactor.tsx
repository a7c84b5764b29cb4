
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
        <a href={next.href} className="button">
          {next.label}
        </a>
      </p>
    </>
  );
}

/** The QR code an authenticator app scans, with the key to type for someone who cannot scan it. */
export function AuthenticatorKey({
  qrCode,
  typed,
  uri,
  email,
}: {
  qrCode: string;
  typed: string;
  uri: string;
  email: string;
}) {
  return (
    <>
      <img
        className="qr-code"
        src={qrCode}
        width={200}
        height={200}
        alt={`QR code that adds Practice Pathways (${email}) to an authenticator app`}
      />
      <details className="details">
        <summary>I cannot scan the QR code</summary>
        <p>In the app, choose to enter a setup key, and type this key. If the app asks, choose a time-based code.</p>
        <p>
          <span className="visually-hidden">Setup key: </span>
          <code className="setup-key" data-testid="setup-key">
            {typed}
          </code>
        </p>
        <p>
          If the authenticator app is on this device, you can <a href={uri}>add Practice Pathways to it directly</a>.
        </p>
      </details>
    </>
  );
}
