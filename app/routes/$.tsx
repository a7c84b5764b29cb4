import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/utils/auth.server";

/** Any address that matches no page gets the friendly 404 from the root error boundary. */
export async function loader(_: LoaderFunctionArgs) {
  notFound();
}

export async function action() {
  notFound();
}

export default function NotFound() {
  return null;
}
