import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CheckboxGroup, ErrorSummary, SelectField, TextField } from "~/components/forms";
import { MaterialFileField } from "~/components/MaterialFileField";
import { SubmissionKey } from "~/components/SubmissionKey";
import { ROLE_LABELS } from "~/modules/organisations/roles";
import { requireSessionsLead } from "~/modules/shared-sessions/access.server";
import { readMaterialFile, SESSION_LISTS, sessionSchema } from "~/modules/shared-sessions/forms.server";
import { AGENCY_LABELS, SESSION_MINUTES, topicsOf } from "~/modules/shared-sessions/rules";
import { createSession, inviteOptions, programmesWithSharedSessions } from "~/modules/shared-sessions/sessions.server";
import { actorOf } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { refuse, saveOnce } from "~/utils/save-once.server";
import { keepingWhatWasTyped } from "~/utils/saving.server";
import { readUploadForm } from "~/utils/uploads.server";

export const meta: MetaFunction = () => [{ title: "Add a shared session – Practice Pathways" }];

const ORDER = ["topic", "day", "time", "minutes", "place", "link", "facilitatorId", "learners", "partners", "material"];

/** The one programme with shared sessions (CP lead); a second would add a choice of programme here. */
function programmeHere() {
  return programmesWithSharedSessions()[0] ?? null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireSessionsLead(request);
  const programme = programmeHere();
  const options = programme ? await inviteOptions(current.active.organisationId, programme.slug) : { learners: [], partners: [], staff: [] };
  return {
    organisation: current.active.organisation.name,
    programme: programme && { title: programme.title, criteria: programme.sharedSessions.evidences.join(", ") },
    topics: programme ? topicsOf(programme).map((t) => ({ value: t.value, label: t.title })) : [],
    staff: options.staff.map((s) => ({ value: s.userId, label: `${s.name} (${s.jobTitle ?? ROLE_LABELS[s.role]})` })),
    learners: options.learners.map((l) => ({ value: l.enrolmentId, label: l.name, hint: l.team ?? undefined })),
    partners: options.partners.map((p) => ({
      value: p.membershipId,
      label: p.name,
      hint: [p.jobTitle, p.agency, p.agencyKind ? AGENCY_LABELS[p.agencyKind] : null].filter(Boolean).join(", "),
    })),
    me: current.user.id,
  };
}

/** A failed save gives the form back with what was typed (keepingWhatWasTyped). */
export async function action(args: ActionFunctionArgs) {
  return keepingWhatWasTyped(sendForm)(args);
}

async function sendForm({ request, context }: ActionFunctionArgs) {
  const current = await requireSessionsLead(request);
  const programme = programmeHere();
  if (!programme) return data({ errors: { topic: "No programme has shared sessions." }, values: {} }, { status: 400 });
  const upload = await readUploadForm(request, ["material"]);
  if (!upload) return data({ errors: { form: "We could not read that form. Please try again." }, values: {} }, { status: 400 });
  const form = await parseSubmission(upload.formData, sessionSchema, { lists: SESSION_LISTS });
  const material = await readMaterialFile(upload);
  const errors: Record<string, string> = form.ok ? {} : { ...form.errors };
  if (!material.ok) errors.material = material.message;
  else if (material.file && (!form.ok || Object.keys(errors).length))
    errors.material = `Choose ${material.file.name} again: for your security, a browser does not keep a chosen file after an error`;
  if (!form.ok || !material.ok || Object.keys(errors).length) return data({ errors, values: form.values }, { status: 400 });
  const v = form.data;
  const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
    const made = await createSession(
      actorOf(current, context),
      {
        programmeSlug: programme.slug,
        moduleSlug: v.moduleSlug,
        lessonSlug: v.lessonSlug,
        startsAt: v.startsAt,
        minutes: v.minutes,
        place: v.place,
        link: v.link,
        facilitatorId: v.facilitatorId,
        enrolmentIds: v.learners,
        partnerMembershipIds: v.partners,
      },
      material.file,
    );
    if (!made.ok) return refuse(data({ errors: { [made.field ?? "form"]: made.message }, values: form.values }, { status: 400 }));
    return `/shared-sessions/${made.id}?created=1`;
  });
  if (!outcome.saved) return outcome.refusal;
  throw redirect(outcome.location);
}

export default function NewSharedSession() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = actionData?.values as Record<string, string | string[]> | undefined;
  const text = (name: string) => (typeof values?.[name] === "string" ? (values[name] as string) : undefined);
  const ticked = (name: string) => new Set(Array.isArray(values?.[name]) ? (values[name] as string[]) : []);
  const learners = ticked("learners");
  const partners = ticked("partners");
  if (!page.programme)
    return (
      <div className="narrow">
        <h1>Add a shared session</h1>
        <p>None of the programmes has shared sessions.</p>
      </div>
    );
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} order={ORDER} />
      <span className="caption">
        {page.organisation} · {page.programme.title}
      </span>
      <h1>Add a shared session</h1>
      <p>
        A session taught with police, health and education colleagues. Everyone you invite sees it on their shared
        sessions page. A learner marked as attending has it as evidence for {page.programme.criteria}.
      </p>
      <Form method="post" encType="multipart/form-data" noValidate>
        <SubmissionKey />
        <SelectField
          name="topic"
          label="Topic"
          hint="A module of the programme, or one of its lessons."
          options={page.topics}
          defaultValue={text("topic")}
          error={errors?.topic}
        />
        <TextField name="day" label="Date" type="date" width="third" defaultValue={text("day")} error={errors?.day} />
        <TextField
          name="time"
          label="Start time"
          type="time"
          hint="On the 24-hour clock, in England's time."
          width="third"
          defaultValue={text("time")}
          error={errors?.time}
        />
        <TextField
          name="minutes"
          label="Length, in minutes"
          hint={`From ${SESSION_MINUTES.min} to ${SESSION_MINUTES.max}; a morning is about 180.`}
          inputMode="numeric"
          width="third"
          defaultValue={text("minutes")}
          error={errors?.minutes}
        />
        <TextField
          name="place"
          label="Place"
          hint="The room and building. Leave it blank for a session held only online."
          defaultValue={text("place")}
          error={errors?.place}
        />
        <TextField
          name="link"
          label="Online link (optional)"
          hint="A web address starting https:// for anyone joining online."
          type="url"
          spellCheck={false}
          defaultValue={text("link")}
          error={errors?.link}
        />
        <SelectField
          name="facilitatorId"
          label="Facilitator"
          hint="Runs the session and keeps its register."
          options={page.staff}
          defaultValue={text("facilitatorId") ?? page.me}
          error={errors?.facilitatorId}
        />
        <CheckboxGroup
          name="learners"
          legend="Learners to invite"
          hint="Learners on the programme in your organisation."
          error={errors?.learners}
          options={page.learners.map((l) => ({ ...l, checked: learners.has(l.value) }))}
          empty="No one is on the programme yet."
        />
        <CheckboxGroup
          name="partners"
          legend="Partners to invite"
          hint={
            <>
              Police, health and education colleagues who have joined. To invite someone new,{" "}
              <a href="/organisation/invite?role=partner">invite a partner</a> once the session is added.
            </>
          }
          error={errors?.partners}
          options={page.partners.map((p) => ({ ...p, checked: partners.has(p.value) }))}
          empty="No partner has joined yet."
        />
        <MaterialFileField label="Material (optional)" error={errors?.material} />
        <div className="button-group">
          <button type="submit" className="button">
            Add the session
          </button>
          <a href="/organisation/shared-sessions">Cancel</a>
        </div>
      </Form>
    </div>
  );
}
