import { useSearchParams } from "@remix-run/react";
import { Notification } from "./Notification";

export function Welcome({ children }: { children: React.ReactNode }) {
  const [params] = useSearchParams();
  if (!params.get("welcome")) return null;
  return <Notification title="Welcome to Practice Pathways">{children}</Notification>;
}
