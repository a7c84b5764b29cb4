import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Accessibility statement – Practice Pathways" }];

export default function Accessibility() {
  return (
    <div className="narrow">
      <h1>Accessibility statement</h1>
      <p>
        Practice Pathways is built to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. Every page
        is checked automatically with axe on each change, and the main journeys are tested with a keyboard alone.
      </p>
      <h2>What you can do</h2>
      <ul>
        <li>use the whole service with a keyboard, starting from the "Skip to main content" link</li>
        <li>zoom up to 400% without text spilling off the screen</li>
        <li>use it with a screen reader: forms have labels, errors are announced and linked to the field</li>
        <li>use every form without JavaScript</li>
      </ul>
      <h2>Reporting a problem</h2>
      <p>
        If something does not work for you, tell your programme lead, or the Practice Pathways team through your
        organisation, and say which page and what you were trying to do. We aim to reply within 5 working days.
      </p>
    </div>
  );
}
