import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { collectFields, type DraftFields } from "~/modules/drafts/drafts";
import { Notification } from "./Notification";

type State = "idle" | "saving" | "saved" | "kept-locally";

interface LocalCopy {
  fields: DraftFields;
  at: string;
}

function fillForm(form: HTMLFormElement, fields: DraftFields) {
  for (const [name, value] of Object.entries(fields)) {
    const values = Array.isArray(value) ? value : [value];
    const elements = form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
      `[name="${CSS.escape(name)}"]`,
    );
    for (const el of elements) {
      if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio"))
        el.checked = values.includes(el.value);
      else if (!(el instanceof HTMLInputElement && (el.type === "hidden" || el.type === "file")))
        el.value = values[0] ?? "";
    }
  }
}

function readForm(form: HTMLFormElement) {
  return collectFields(new FormData(form), (name) => name === "intent" || name === "version");
}

/**
 * Keeps a long form as a draft while the person types: saved to Practice Pathways after a
 * pause in typing (so it follows them to another sign-in), and copied into this browser
 * first (so a lost connection or an expired session loses nothing). The browser's copy is
 * kept through sending the form until the server has saved it (ADR 020). Without JavaScript
 * nothing here runs, and the form's own action keeps the text after a failed submit.
 */
export function useDraftKeeper({
  formKey,
  ownerId,
  serverSavedAt,
}: {
  formKey: string;
  ownerId: string;
  serverSavedAt: string | null;
}) {
  const ref = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const [state, setState] = useState<State>("idle");
  const [savedAt, setSavedAt] = useState<string | null>(serverSavedAt);
  const storageKey = `pp-draft:${ownerId}:${formKey}`;

  async function save() {
    const form = ref.current;
    if (!form) return;
    setState("saving");
    const body = new FormData();
    body.set("formKey", formKey);
    for (const [name, value] of Object.entries(readForm(form)))
      for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    try {
      const response = await fetch("/drafts", { method: "POST", body, credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      const answer = (await response.json()) as { savedAt: string };
      window.localStorage.removeItem(storageKey);
      setSavedAt(answer.savedAt);
      setState("saved");
    } catch {
      setState("kept-locally");
    }
  }

  // A copy left in this browser that is newer than the saved draft wins, and is saved again.
  useEffect(() => {
    const raw = window.localStorage.getItem(storageKey);
    if (!raw || !ref.current) return;
    try {
      const local = JSON.parse(raw) as LocalCopy;
      if (!serverSavedAt || local.at > serverSavedAt) {
        fillForm(ref.current, local.fields);
        timer.current = setTimeout(() => void save(), 0);
      } else window.localStorage.removeItem(storageKey);
    } catch {
      window.localStorage.removeItem(storageKey);
    }
  }, [storageKey]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => () => clearTimeout(timer.current), []);

  // The copy in this browser goes only once the server has saved the form: its answer to the form is
  // then a redirect to the saved record. A redirect to sign in (the session had ended), the form back
  // with a problem, an error page or no answer at all leave the copy where it is.
  const navigation = useNavigation();
  const sent = useRef(false);
  useEffect(() => {
    if (!sent.current) return;
    if (navigation.state === "loading" && navigation.formMethod) {
      const redirected = (navigation.location.state as { _isRedirect?: boolean } | null)?._isRedirect === true;
      if (!redirected) return;
      sent.current = false;
      const to = navigation.location.pathname;
      if (!to.startsWith("/sign-in") && !to.startsWith("/account/security/two-factor"))
        window.localStorage.removeItem(storageKey);
    } else if (navigation.state === "idle") sent.current = false;
  }, [navigation, storageKey]);

  const keepLocally = () => {
    const form = ref.current;
    if (!form) return;
    const copy: LocalCopy = { fields: readForm(form), at: new Date().toISOString() };
    window.localStorage.setItem(storageKey, JSON.stringify(copy));
  };
  const onChange = () => {
    keepLocally();
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), 800);
  };
  const onSubmit = (_event: FormEvent<HTMLFormElement>) => {
    clearTimeout(timer.current);
    keepLocally();
    sent.current = true;
  };
  return { formProps: { ref, onChange, onSubmit }, state, savedAt };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const twoDigits = (n: number) => String(n).padStart(2, "0");
/** 14:05, in local time. Written out rather than with date-fns, which forms pages would otherwise ship only for this. */
const clock = (d: Date) => `${twoDigits(d.getHours())}:${twoDigits(d.getMinutes())}`;
/** 4 Jan 2027 at 14:05, in local time. */
const dayAndClock = (d: Date) => `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()} at ${clock(d)}`;

export function DraftStatus({ state, savedAt }: { state: State; savedAt: string | null }) {
  const time = savedAt ? clock(new Date(savedAt)) : null;
  return (
    <p className="hint draft-status" aria-live="polite" role="status">
      {state === "saving"
        ? "Saving draft…"
        : state === "saved"
          ? `Draft saved at ${time}.`
          : state === "kept-locally"
            ? "Could not reach Practice Pathways just now: your text is kept in this browser and saved when you are back."
            : "Your writing is kept as a draft while you type."}
    </p>
  );
}

/** Shown above a form filled from a draft, with a way to throw the draft away (works without JavaScript). */
export function RestoredDraft({ formKey, savedAt, returnTo }: { formKey: string; savedAt: string; returnTo: string }) {
  return (
    <Notification title="Your draft is back" kind="information">
      <p>
        We kept what you were writing, last saved {dayAndClock(new Date(savedAt))}. Carry on where
        you left off.
      </p>
      <Form method="post" action="/drafts" reloadDocument>
        <input type="hidden" name="intent" value="discard-draft" />
        <input type="hidden" name="formKey" value={formKey} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <button type="submit" className="button button--secondary">
          Discard the draft and start again
        </button>
      </Form>
    </Notification>
  );
}
