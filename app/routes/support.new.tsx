import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { getProfile } from "~/auth/users.server";
import { can } from "~/auth/permissions";
import { ErrorSummary, Field, FormMessage, SubmitButton, TextAreaField } from "~/components/forms";
import {
  AccountFields,
  AttachmentsField,
  HelpfulAdditions,
  NewTicketHeader,
  TicketNeedsAnAccount,
} from "~/components/support/new-ticket-parts";
import { FormSection, OneClickAnswerField, UsersAffectedField } from "~/components/support/ticket-form-parts";
import { PriorityPicker } from "~/components/support/priority-picker";
import { TimeZoneField } from "~/components/support/time-zone-field";
import { trailFor, whoIs } from "~/deflection/suggest.server";
import { forwardHeaders } from "~/lib/headers";
import { isRefusal, refusalHeaders } from "~/lib/refusal";
import { ATTACHMENTS_FIELD, type TicketFormUpload } from "~/tickets/attachment-upload.server";
import { withTicketForm } from "~/tickets/route-helpers.server";
import { ticketFilingSchema, ticketFormSchema } from "~/tickets/schemas";
import { fileTicket } from "~/tickets/ticket-filing.server";
import { REQUEST_HELPFUL_ADDITIONS, SUPPORT_TIME_ZONE } from "~/support/policy";
import { withSeo } from "~/seo/meta";

/** /support/new: the ticket form with the guide's essentials and helpful additions. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  if (!user.account || !can(user, "ticket:create")) return { account: null, user: { name: user.name } } as const;
  const sessionId = url.searchParams.get("session");
  const [{ session }, profile] = await Promise.all([trailFor(await whoIs(request), sessionId), getProfile(user)]);
  return {
    account: { name: user.account.name, number: user.account.accountNumber, plan: user.account.plan },
    // The phone saved in Settings fills the contact phone; the customer may change it for this ticket.
    user: { name: user.name, phone: profile.phone ?? "" },
    subject: (url.searchParams.get("subject") ?? "").slice(0, 200),
    description: (url.searchParams.get("description") ?? "").slice(0, 20_000),
    sessionId: session?.id ?? null,
    timeZones: Intl.supportedValuesOf("timeZone"),
  };
}

const NOT_ECHOED = [ATTACHMENTS_FIELD];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!user.account || !can(user, "ticket:create"))
    throw data({ message: "Only members of a customer account can file tickets." }, { status: 403 });
  // Files stream to disk as the form arrives; whatever is not filed with the ticket is deleted afterwards.
  return withTicketForm(request, null, (upload) => fileFromForm(request, user, upload));
}

async function fileFromForm(
  request: Request,
  user: Awaited<ReturnType<typeof requireUser>>,
  { form: formData, files, problem }: TicketFormUpload,
) {
  const submission = parseWithZod(formData, { schema: ticketFilingSchema() });
  // Everything wrong is said at once: the typed text comes back with the message about the files.
  const attachmentErrors: Record<string, string[]> = problem ? { [ATTACHMENTS_FIELD]: [problem.message] } : {};
  const status = problem?.status ?? 400;
  if (submission.status !== "success")
    return data(submission.reply({ hideFields: NOT_ECHOED, fieldErrors: attachmentErrors }), { status });
  const { values, issueStartedAt } = submission.value;
  if (problem) return data(submission.reply({ hideFields: NOT_ECHOED, fieldErrors: attachmentErrors }), { status });
  const who = await whoIs(request);
  const { trail } = await trailFor(who, values.deflectionSessionId);
  try {
    const filed = await fileTicket(user, {
      values: { ...values, deflectionSessionId: trail.length ? values.deflectionSessionId : undefined },
      issueStartedAt,
      files,
      deflectionTrail: trail,
    });
    return redirect(`/support/tickets/${filed.number}?filed=1`);
  } catch (error) {
    // The form comes back as typed (files aside), with the reason beside the field it names.
    if (!isRefusal(error)) throw error;
    const field = error.field ?? "form";
    return data(
      submission.reply({
        hideFields: NOT_ECHOED,
        formErrors: field === "form" ? [error.message] : undefined,
        fieldErrors: field === "form" ? {} : { [field]: [error.message] },
      }),
      { status: error.status, headers: refusalHeaders(error) },
    );
  }
}

export const headers = forwardHeaders;
export const meta: MetaFunction = withSeo(() => [{ title: "New ticket · Contact support · TechFlow Help Center" }]);

export default function NewTicket() {
  const page = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "new-ticket",
    lastResult,
    constraint: getZodConstraint(ticketFormSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ticketFormSchema }),
    defaultValue: page.account
      ? {
          subject: page.subject,
          description: page.description,
          contactName: page.user.name,
          contactPhone: page.user.phone,
          issueTimeZone: SUPPORT_TIME_ZONE,
        }
      : {},
  });
  if (!page.account) return <TicketNeedsAnAccount />;
  const attachmentErrors = lastResult && "error" in lastResult ? lastResult.error?.attachments : undefined;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <NewTicketHeader />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="space-y-5">
        <ErrorSummary form={form} hiddenFields={["deflectionSessionId"]} />
        {page.sessionId ? <input type="hidden" name="deflectionSessionId" value={page.sessionId} /> : null}
        <FormSection id="contact" title="1. Who we contact">
          <div className="grid gap-3 md:grid-cols-2">
            <AccountFields name={page.account.name} number={page.account.number} />
            <Field label="Contact person (required)" field={fields.contactName} autoComplete="name" />
            <Field
              label="Contact phone (required)"
              field={fields.contactPhone}
              type="tel"
              autoComplete="tel"
              hint={page.user.phone ? "From your settings; change it for this ticket if needed." : undefined}
            />
          </div>
        </FormSection>
        <FormSection id="problem" title="2. The problem">
          <Field label="Subject (required)" field={fields.subject} />
          <TextAreaField
            label="Describe the problem (required; Markdown allowed)"
            field={fields.description}
            rows={5}
          />
          <TextAreaField label="Impact on your business (required)" field={fields.businessImpact} rows={2} />
          <UsersAffectedField field={fields.usersAffected} countField={fields.usersAffectedCount} />
        </FormSection>
        <FormSection id="details" title="3. When it started and what you see">
          <div className="grid gap-3 md:grid-cols-2">
            <Field label="When the issue started (required)" field={fields.issueStartedAt} type="datetime-local" />
            <TimeZoneField field={fields.issueTimeZone} zones={page.timeZones} />
          </div>
          <OneClickAnswerField
            name="errorMessages"
            label="Exact error messages (required)"
            field={fields.errorMessages}
            boxField={fields.noErrorMessages}
            rows={2}
            placeholder="Paste the exact text, or write “see screenshot” and attach it below."
          />
          <OneClickAnswerField
            name="stepsToReproduce"
            label="Steps to reproduce (required)"
            field={fields.stepsToReproduce}
            boxField={fields.notReproducible}
            rows={3}
          />
          <OneClickAnswerField
            name="alreadyTried"
            label="What you have already tried (required)"
            field={fields.alreadyTried}
            boxField={fields.nothingTriedYet}
            rows={2}
          />
        </FormSection>
        <FormSection id="urgency" title="4. Urgency">
          <PriorityPicker plan={page.account.plan} field={fields.priority} confirmField={fields.p1Confirmed} />
        </FormSection>
        <FormSection
          id="files"
          title="5. Helpful additions (optional)"
          description={REQUEST_HELPFUL_ADDITIONS.join(" · ")}
        >
          <AttachmentsField errors={attachmentErrors} />
          <HelpfulAdditions fields={fields} />
        </FormSection>
        {form.errors?.length ? <FormMessage tone="error">{form.errors[0]}</FormMessage> : null}
        <SubmitButton pending={pending}>File the ticket</SubmitButton>
      </Form>
    </div>
  );
}
