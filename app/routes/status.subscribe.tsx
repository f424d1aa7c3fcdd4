import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { formReply } from "~/auth/responses.server";
import { ErrorSummary, Field, FormMessage, SubmitButton, useServerErrorFocus } from "~/components/forms";
import { subscribeSchema } from "~/status/schemas";
import { clientAddress } from "~/lib/rate-limit.server";
import { requestSubscription } from "~/status/subscriptions.server";
import { isRefusal, refusalHeaders } from "~/lib/refusal";
import { withSeo } from "~/seo/meta";

export const meta: MetaFunction = withSeo(() => [{ title: "Status updates by email · TechFlow Help Center" }]);

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: subscribeSchema });
  if (submission.status !== "success") return data({ reply: formReply(submission), sent: false }, { status: 400 });
  try {
    await requestSubscription(submission.value.email, clientAddress(request));
  } catch (error) {
    if (isRefusal(error))
      return data(
        { reply: formReply(submission, { email: error.message }), sent: false },
        { status: error.status, headers: refusalHeaders(error) },
      );
    throw error;
  }
  return data({ reply: null, sent: true });
}

export default function Subscribe() {
  const answer = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  const lastResult = answer?.reply ?? undefined;
  const [form, fields] = useForm({
    id: "status-subscribe",
    lastResult,
    constraint: getZodConstraint(subscribeSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: subscribeSchema }),
  });
  useServerErrorFocus(form, lastResult);
  return (
    <div className="mx-auto max-w-md space-y-5 py-6">
      <h1 className="text-3xl font-bold tracking-tight">Status updates by email</h1>
      <p className="text-slate-700 dark:text-slate-300">
        We email you when an incident starts, at each update, when it is resolved, and when maintenance is scheduled.
        You confirm the address first; every email has a one-click unsubscribe link. Prefer a feed? Use the{" "}
        <a className="text-sky-700 underline dark:text-sky-400" href="/status/feed.atom">
          Atom feed
        </a>
        .
      </p>
      {answer?.sent ? (
        <FormMessage tone="success">
          Check your inbox: we sent a link to confirm the subscription. Nothing else is sent until you confirm.
        </FormMessage>
      ) : (
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <ErrorSummary form={form} />
          <Field label="Email address" field={fields.email} type="email" autoComplete="email" />
          <SubmitButton pending={pending}>Subscribe</SubmitButton>
        </Form>
      )}
      <p>
        <Link to="/status" className="text-sky-700 underline dark:text-sky-400">
          Back to the status page
        </Link>
      </p>
    </div>
  );
}
