import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireCapability } from "~/auth/guards.server";
import { formReply } from "~/auth/responses.server";
import { ErrorSummary, Field, SubmitButton } from "~/components/forms";
import { MarkdownComposer } from "~/components/forum/composer";
import { ForumErrorPage } from "~/components/forum/error-page";
import { postIdParam } from "~/forum/route-params.server";
import { moderatorEditSchema } from "~/forum/moderation-schemas";
import { editPostAsModerator, loadPostForModeratorEdit } from "~/forum/moderator-post-edit.server";
import { BODY_MAX_LENGTH } from "~/forum/schemas";
import { isRefusal } from "~/lib/refusal";
import { withSeo } from "~/seo/meta";

/** A moderator edits any post, at any age: the old text stays in the post's history, the edit and its reason go to the audit log. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "forum:post:edit-any");
  const post = await loadPostForModeratorEdit(user, postIdParam(params.postId));
  if (!post) throw data({ message: "We couldn’t find that post. It may have been deleted." }, { status: 404 });
  return { post };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCapability(request, "forum:post:edit-any");
  const submission = parseWithZod(await request.formData(), { schema: moderatorEditSchema });
  if (submission.status !== "success") return data(formReply(submission), { status: 400 });
  try {
    const result = await editPostAsModerator(
      user,
      postIdParam(params.postId),
      submission.value.body,
      submission.value.reason,
    );
    return redirect(result.url, 303);
  } catch (error) {
    if (isRefusal(error)) return data(formReply(submission, { form: error.message }), { status: error.status });
    throw error;
  }
}

export const meta: MetaFunction = withSeo(() => [
  { title: "Edit post (moderator) · Community · TechFlow Help Center" },
]);

export default function ModeratorEditPost() {
  const { post } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "moderator-edit",
    lastResult,
    constraint: getZodConstraint(moderatorEditSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: moderatorEditSchema }),
    defaultValue: { body: post.markdown, reason: "" },
  });
  return (
    <div className="mx-auto max-w-3xl">
      <p className="text-sm">
        <Link to={post.url} className="text-sky-700 underline dark:text-sky-400">
          ← {post.thread.title}, post #{post.number}
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">Edit {post.authorName}’s post</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        As a moderator. The previous text stays in the post’s edit history, and the edit is recorded in the audit log.
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
        <Field label="Reason for the edit (kept in the audit log)" field={fields.reason} type="text" maxLength={500} />
        <SubmitButton pending={navigation.state === "submitting"}>Save edit</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ForumErrorPage />;
}
