import { parseForm } from "~/lib/form-parse";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { requireUser } from "~/auth/guards.server";
import { formReply } from "~/auth/responses.server";
import {
  ErrorSummary,
  Field,
  FIELD_CONTROL_CLASS,
  FormMessage,
  fieldId,
  SubmitButton,
  useServerErrorFocus,
} from "~/components/forms";
import { MarkdownComposer } from "~/components/forum/composer";
import { ForumBreadcrumbs } from "~/components/forum/forum-layout";
import { SimilarIdeas } from "~/components/ideas/similar-ideas";
import "~/components/article/article-content.css";
import "~/components/forum/forum.css";
import { listAreas } from "~/ideas/list.server";
import {
  DESCRIPTION_MAX_LENGTH,
  insteadSchema,
  newIdeaSchema,
  TITLE_MAX_LENGTH,
  TITLE_MIN_LENGTH,
} from "~/ideas/schemas";
import { createIdea } from "~/ideas/submit.server";
import { voteInsteadOfDuplicate } from "~/ideas/votes.server";
import { isRefusal } from "~/lib/refusal";
import { withSeo } from "~/seo/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return { areas: await listAreas() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  if (formData.has("insteadIdeaId")) {
    const instead = parseWithZod(formData, { schema: insteadSchema });
    if (instead.status !== "success")
      return data({ insteadError: "Which idea? The form was incomplete." }, { status: 400 });
    try {
      const outcome = await voteInsteadOfDuplicate(user, instead.value.insteadIdeaId, instead.value.title ?? "");
      return redirect(outcome.url, 303);
    } catch (error) {
      if (isRefusal(error)) return data({ insteadError: error.message }, { status: error.status });
      throw error;
    }
  }
  const submission = parseForm(formData, newIdeaSchema);
  if (submission.status !== "success") return data(formReply(submission), { status: 400 });
  try {
    const idea = await createIdea(user, submission.value);
    return redirect(idea.url, 303);
  } catch (error) {
    if (isRefusal(error))
      return data(formReply(submission, { [error.field ?? "form"]: error.message }), { status: error.status });
    throw error;
  }
}

export const meta: MetaFunction = withSeo(() => [
  { title: "Submit an idea · Feature requests · TechFlow Help Center" },
]);

export default function NewIdea() {
  const { areas } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData && "status" in actionData ? actionData : undefined;
  const insteadError = actionData && "insteadError" in actionData ? actionData.insteadError : undefined;
  const pending = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "new-idea",
    lastResult,
    constraint: getZodConstraint(newIdeaSchema),
    shouldValidate: "onBlur",
    // "Vote for this instead" submits this form too: then only the chosen idea matters, not the half-written one.
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: formData.has("insteadIdeaId") ? insteadSchema : newIdeaSchema }),
  });
  useServerErrorFocus(form, lastResult);
  const [title, setTitle] = useState(typeof fields.title.initialValue === "string" ? fields.title.initialValue : "");
  const areaId = fieldId(fields.area.name);
  return (
    <div className="mx-auto max-w-4xl">
      <ForumBreadcrumbs
        trail={[
          { label: "Community", url: "/community" },
          { label: "Feature requests", url: "/ideas" },
          { label: "Submit an idea" },
        ]}
      />
      <h1 className="mt-4 text-3xl font-bold tracking-tight">Submit an idea</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        Describe what you want to do and why. Your vote is added, and you hear from us when its status changes.
      </p>
      {insteadError ? (
        <div className="mt-4">
          <FormMessage tone="error">{insteadError}</FormMessage>
        </div>
      ) : null}
      <div className="mt-6 space-y-5">
        <Form method="post" {...getFormProps(form)} className="space-y-5">
          <ErrorSummary form={form} />
          <Field
            label="Title"
            field={fields.title}
            hint={`${TITLE_MIN_LENGTH}–${TITLE_MAX_LENGTH} characters: what should TechFlow do? e.g. “Export reports to CSV”`}
            minLength={TITLE_MIN_LENGTH}
            maxLength={TITLE_MAX_LENGTH}
            autoComplete="off"
            onChange={(event) => setTitle(event.currentTarget.value)}
          />
          <SimilarIdeas title={title} />
          <div className="space-y-1">
            <label htmlFor={areaId} className="block text-sm font-medium">
              Product area
            </label>
            <select
              {...getInputProps(fields.area, { type: "text" })}
              key={fields.area.key}
              id={areaId}
              defaultValue={(fields.area.initialValue as string | undefined) ?? ""}
              aria-invalid={fields.area.errors ? true : undefined}
              aria-describedby={fields.area.errors ? `${areaId}-error` : undefined}
              className={FIELD_CONTROL_CLASS}
            >
              <option value="" disabled>
                Choose an area…
              </option>
              {areas.map((area) => (
                <option key={area.slug} value={area.slug}>
                  {area.name}
                </option>
              ))}
            </select>
            {fields.area.errors ? (
              <p id={`${areaId}-error`} className="text-sm text-red-700 dark:text-red-400">
                {fields.area.errors[0]}
              </p>
            ) : null}
          </div>
          <MarkdownComposer
            id={fieldId(fields.description.name)}
            name={fields.description.name}
            key={fields.description.key}
            label="Description"
            defaultValue={(fields.description.initialValue as string | undefined) ?? undefined}
            errors={fields.description.errors}
            maxLength={DESCRIPTION_MAX_LENGTH}
            rows={8}
            required
          />
          <SubmitButton pending={pending}>Submit idea</SubmitButton>
        </Form>
      </div>
    </div>
  );
}
