import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { formReply } from "~/auth/responses.server";
import { ErrorSummary, SubmitButton, useServerErrorFocus } from "~/components/forms";
import { MarkdownComposer } from "~/components/forum/composer";
import { ForumErrorPage } from "~/components/forum/error-page";
import { ForumBreadcrumbs } from "~/components/forum/forum-layout";
import "~/components/article/article-content.css";
import "~/components/forum/forum.css";
import { postIdParam } from "~/forum/route-params.server";
import { editPost } from "~/forum/posting.server";
import { BODY_MAX_LENGTH, editPostSchema } from "~/forum/schemas";
import { loadPostForEdit } from "~/forum/post-lookups.server";
import { isRefusal } from "~/lib/refusal";
import { withSeo } from "~/seo/meta";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = await loadPostForEdit(postIdParam(params.postId), user);
  if (found.kind === "missing") throw data({ message: "There is no such post." }, { status: 404 });
  if (found.kind === "refused") throw data({ message: found.message }, { status: found.status });
  return found;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const postId = postIdParam(params.postId);
  const submission = parseWithZod(await request.formData(), { schema: editPostSchema });
  if (submission.status !== "success") return data(formReply(submission), { status: 400 });
  try {
    const result = await editPost(user, postId, submission.value.body);
    return redirect(result.url, 303);
  } catch (error) {
    if (isRefusal(error)) return data(formReply(submission, { form: error.message }), { status: error.status });
    throw error;
  }
}

export const meta: MetaFunction = withSeo(() => [{ title: "Edit post · Community · TechFlow Help Center" }]);

export default function EditPost() {
  const { post, thread } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "edit-post",
    lastResult,
    constraint: getZodConstraint(editPostSchema),
    defaultValue: { body: post.markdown },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: editPostSchema }),
  });
  useServerErrorFocus(form, lastResult);
  return (
    <div className="mx-auto max-w-4xl">
      <ForumBreadcrumbs
        trail={[
          { label: "Community", url: "/community" },
          { label: thread.title, url: thread.url },
          { label: `Edit post #${post.number}` },
        ]}
      />
      <h1 className="mt-4 text-3xl font-bold tracking-tight">Edit your post</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        The earlier text stays in the post’s edit history, and the post shows “edited”.
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        <ErrorSummary form={form} />
        <MarkdownComposer
          id="field-body"
          name={fields.body.name}
          key={fields.body.key}
          label="Post"
          defaultValue={(fields.body.initialValue as string | undefined) ?? post.markdown}
          errors={fields.body.errors}
          maxLength={BODY_MAX_LENGTH}
          rows={12}
          required
        />
        <div className="flex items-center gap-4">
          <SubmitButton pending={pending}>Save changes</SubmitButton>
          <Link to={post.url} className="text-sm text-sky-700 underline dark:text-sky-400">
            Cancel
          </Link>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ForumErrorPage />;
}
