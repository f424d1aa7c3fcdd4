import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { requireCapability } from "~/auth/guards.server";
import { formReply } from "~/auth/responses.server";
import { ErrorSummary, Field, SubmitButton, useServerErrorFocus } from "~/components/forms";
import { ForumErrorPage } from "~/components/forum/error-page";
import { ForumBreadcrumbs } from "~/components/forum/forum-layout";
import { categoryPath } from "~/forum/paths";
import { createCategory } from "~/forum/posting.server";
import { newCategorySchema } from "~/forum/schemas";
import { isRefusal } from "~/lib/refusal";
import { withSeo } from "~/seo/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "forum:category:create");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "forum:category:create");
  const submission = parseWithZod(await request.formData(), { schema: newCategorySchema });
  if (submission.status !== "success") return data(formReply(submission), { status: 400 });
  try {
    const category = await createCategory(user, submission.value);
    return redirect(categoryPath(category.slug), 303);
  } catch (error) {
    if (isRefusal(error))
      return data(formReply(submission, { [error.field ?? "form"]: error.message }), { status: error.status });
    throw error;
  }
}

export const meta: MetaFunction = withSeo(() => [{ title: "New category · Community · TechFlow Help Center" }]);

export default function NewCategory() {
  const lastResult = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "new-category",
    lastResult,
    constraint: getZodConstraint(newCategorySchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newCategorySchema }),
  });
  useServerErrorFocus(form, lastResult);
  return (
    <div className="mx-auto max-w-2xl">
      <ForumBreadcrumbs trail={[{ label: "Community", url: "/community" }, { label: "New category" }]} />
      <h1 className="mt-4 text-3xl font-bold tracking-tight">Add a category</h1>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        <ErrorSummary form={form} />
        <Field label="Name" field={fields.name} />
        <Field
          label="Address"
          field={fields.slug}
          hint='The part after /community/c/: lower-case letters, digits and "-".'
        />
        <Field label="Description" field={fields.description} />
        <label className="flex items-center gap-2 text-sm">
          <input {...getInputProps(fields.isQuestions, { type: "checkbox" })} key={fields.isQuestions.key} /> Threads
          are questions (they can have an accepted answer)
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input {...getInputProps(fields.staffOnlyThreads, { type: "checkbox" })} key={fields.staffOnlyThreads.key} />{" "}
          Only staff start threads (everyone can reply)
        </label>
        <SubmitButton pending={pending}>Add category</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ForumErrorPage />;
}
