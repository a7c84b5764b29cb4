/**
 * Calling a route's loader or action directly, as a signed-in person's browser would: a GET or a
 * form POST with their cookie, and what came back, however it came (a redirect, a refusal thrown
 * as a Response, or the page's data with a status).
 */
import { ORIGIN } from "./fixtures";

export type Fields = Record<string, string>;

/** Anyone whose browser sends a session cookie. */
export interface WithCookie {
  cookie: string;
}

export function form(fields: Fields) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return body;
}

export const get = (person: WithCookie | null, path: string) =>
  new Request(`${ORIGIN}${path}`, { headers: person ? { Cookie: person.cookie } : {} });

export const post = (person: WithCookie, path: string, fields: Fields) =>
  new Request(`${ORIGIN}${path}`, { method: "POST", body: form(fields), headers: { Cookie: person.cookie } });

export interface Answer {
  status: number;
  location: string | null;
  message: string;
  errors: Record<string, string>;
  values: Record<string, string>;
}

/** What a request answers, however it answers: a redirect, a refusal, or the page's data. */
export async function answerOf(run: () => Promise<unknown>): Promise<Answer> {
  let result: unknown;
  try {
    result = await run();
  } catch (thrown) {
    if (thrown instanceof Error) throw thrown;
    result = thrown;
  }
  if (result instanceof Response)
    return { status: result.status, location: result.headers.get("Location"), message: "", errors: {}, values: {} };
  const { init, data } = (result ?? {}) as {
    init?: ResponseInit | null;
    data?: { message?: string; errors?: Record<string, string>; values?: Record<string, string> };
  };
  return {
    status: init?.status ?? 200,
    location: null,
    message: data?.message ?? "",
    errors: data?.errors ?? {},
    values: data?.values ?? {},
  };
}
