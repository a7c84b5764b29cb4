import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Privacy – Practice Pathways" }];

export default function Privacy() {
  return (
    <div className="narrow">
      <h1>Privacy</h1>
      <p>
        Your employer (or, if you signed up yourself, Practice Pathways) is responsible for the records kept about your
        learning and assessment here. Only people in your organisation whose role needs it can see them: your
        supervisor, your assessor and your programme lead. No other employer can see anything about you.
      </p>
      <h2>What we keep</h2>
      <ul>
        <li>your name, email address and the organisations and roles you hold</li>
        <li>a record of signing in (time, address and browser) to protect your account</li>
        <li>an audit trail of changes made by staff, which cannot be edited</li>
      </ul>
      <p>
        We use one cookie, to keep you signed in. It expires after 2 hours without activity, and after 12 hours at most.
        We do not use tracking or advertising cookies.
      </p>
      <h2>Returners</h2>
      <p>
        If you ask the recruitment helpline to contact you, its advisors can see your name and email address. We only
        share your details with a council when you agree to it.
      </p>
    </div>
  );
}
