import type { ReactNode } from "react";

/** A banner after something happened ("Invitation sent", "Password changed"), announced politely. */
export function Notification({
  title,
  children,
  kind = "success",
}: {
  title: string;
  children: ReactNode;
  kind?: "success" | "information";
}) {
  return (
    <div className={`notification${kind === "success" ? " notification--success" : ""}`} role="status">
      <h2 className="notification__title">{title}</h2>
      <div className="notification__body">{children}</div>
    </div>
  );
}
