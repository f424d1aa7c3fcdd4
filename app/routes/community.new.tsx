import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { requireUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { formReply } from "~/auth/responses.server";
import {
  ErrorSummary,
  Field,
  FIELD_CONTROL_CLASS,
  fieldId,
  SubmitButton,
  useServerErrorFocus,
} from "~/components/forms";
import { MarkdownComposer } from "~/components/forum/composer";
import { ForumBreadcrumbs } from "~/components/forum/forum-layout";
import { AnswerSuggestions } from "~/components/forum/suggestions";
import "~/components/article/article-content.css";
import "~/components/forum/forum.css";
import { createThread } from "~/forum/posting.server";
import { BODY_MAX_LENGTH, MAX_TAGS, newThreadSchema, TITLE_MAX_LENGTH, TITLE_MIN_LENGTH } from "~/forum/schemas";
import { listCategories } from "~/forum/thread-lists.server";
import { isRefusal } from "~/lib/refusal";
import { withSeo } from "~/seo/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const staff = can(user, "forum:announcement:create");
  const categories = (await listCategories())
    .filter((category) => staff || !category.staffOnlyThreads)
    .map(({ slug, name, description }) => ({ slug, name, description }));
  const preselected = new URL(request.url).searchParams.get("category");
  return { categories, preselected: categories.some((category) => category.slug === preselected) ? preselected : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: newThreadSchema });
  if (submission.status !== "success") return data(formReply(submission), { status: 400 });
  try {
    const thread = await createThread(user, submission.value);
    return redirect(thread.url, 303);
  } catch (error) {
    if (isRefusal(error))
      return data(formReply(submission, { [error.field ?? "form"]: error.message }), { status: error.status });
    throw error;
  }
}

export const meta: MetaFunction = withSeo(() => [{ title: "New thread · Community · TechFlow Help Center" }]);

export default function NewThread() {
  const { categories, preselected } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "new-thread",
    lastResult,
    constraint: getZodConstraint(newThreadSchema),
    defaultValue: { category: preselected ?? "" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newThreadSchema }),
  });
  useServerErrorFocus(form, lastResult);
  const [title, setTitle] = useState(typeof fields.title.initialValue === "string" ? fields.title.initialValue : "");
  const categoryId = fieldId(fields.category.name);
  return (
    <div className="mx-auto max-w-4xl">
      <ForumBreadcrumbs trail={[{ label: "Community", url: "/community" }, { label: "New thread" }]} />
      <h1 className="mt-4 text-3xl font-bold tracking-tight">Start a new thread</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        Ask a question, share a tip or start a discussion. Other customers and our experts will see it in the community.
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5">
        <ErrorSummary form={form} />
        <div className="space-y-1">
          <label htmlFor={categoryId} className="block text-sm font-medium">
            Category
          </label>
          <select
            {...getSelectProps(fields.category)}
            key={fields.category.key}
            id={categoryId}
            defaultValue={(fields.category.initialValue as string | undefined) ?? ""}
            aria-invalid={fields.category.errors ? true : undefined}
            aria-describedby={fields.category.errors ? `${categoryId}-error` : undefined}
            className={FIELD_CONTROL_CLASS}
          >
            <option value="" disabled>
              Choose a category…
            </option>
            {categories.map((category) => (
              <option key={category.slug} value={category.slug}>
                {category.name}
              </option>
            ))}
          </select>
          {fields.category.errors ? (
            <p id={`${categoryId}-error`} className="text-sm text-red-700 dark:text-red-400">
              {fields.category.errors[0]}
            </p>
          ) : null}
        </div>
        <Field
          label="Title"
          field={fields.title}
          hint={`${TITLE_MIN_LENGTH}–${TITLE_MAX_LENGTH} characters. A question reads best as one: “How do I …?”`}
          minLength={TITLE_MIN_LENGTH}
          maxLength={TITLE_MAX_LENGTH}
          autoComplete="off"
          onChange={(event) => setTitle(event.currentTarget.value)}
        />
        <AnswerSuggestions title={title} />
        <MarkdownComposer
          id={fieldId(fields.body.name)}
          name={fields.body.name}
          key={fields.body.key}
          label="Details"
          defaultValue={(fields.body.initialValue as string | undefined) ?? undefined}
          errors={fields.body.errors}
          maxLength={BODY_MAX_LENGTH}
          rows={10}
          required
        />
        <Field
          label="Tags (optional)"
          field={fields.tags}
          hint={`Up to ${MAX_TAGS}, separated by commas or spaces: lower-case letters, digits and "-", e.g. api, sso, billing.`}
          autoComplete="off"
        />
        <SubmitButton pending={pending}>Post thread</SubmitButton>
      </Form>
    </div>
  );
}
