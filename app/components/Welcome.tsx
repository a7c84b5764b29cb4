import { useSearchParams } from "@remix-run/react";

export function Welcome({ children }: { children: React.ReactNode }) {
  const [params] = useSearchParams();
  if (!params.get("welcome")) return null;
  return (
    <div className="notification notification--success" role="status">
      <h2 className="notification__title">Welcome to Practice Pathways</h2>
      <div className="notification__body">{children}</div>
    </div>
  );
}
