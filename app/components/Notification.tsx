import type { ReactNode } from "react";
import { useActionData } from "@remix-run/react";
import { cameBackRefused } from "~/utils/form-messages";

/**
 * A banner after something happened ("Invitation sent", "Password changed"), announced politely.
 * A success banner says what an earlier save did (from the query string it left); when a form on
 * the page has just come back refused, it is not shown beside the errors.
 */
export function Notification({
  title,
  children,
  kind = "success",
}: {
  title: string;
  children: ReactNode;
  kind?: "success" | "information" | "warning";
}) {
  // The action data of the route this banner is rendered in.
  const refused = cameBackRefused(useActionData());
  if (refused && kind === "success") return null;
  const modifier = kind === "information" ? "" : ` notification--${kind}`;
  return (
    <div className={`notification${modifier}`} role="status">
      <h2 className="notification__title">{title}</h2>
      <div className="notification__body">{children}</div>
    </div>
  );
}
