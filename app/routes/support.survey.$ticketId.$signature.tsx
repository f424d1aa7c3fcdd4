import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod";
import { FormMessage } from "~/components/forms";
import { firstError } from "~/lib/form-intent";
import { PRIVATE_PAGE_HEADERS } from "~/lib/private-page-headers";
import { surveySchema } from "~/tickets/schemas";
import { recordSurveyAnswer, surveyFor } from "~/tickets/survey.server";
import { withSeo } from "~/seo/meta";

/** /support/survey/<ticket>/<signature>: the satisfaction survey by signed link, no sign-in needed; one answer per ticket. */

async function requireSurvey(params: { ticketId?: string; signature?: string }) {
  const survey = await surveyFor(params.ticketId ?? "", params.signature ?? "");
  if (!survey) throw data({ message: "This survey link is not valid." }, { status: 404 });
  return survey;
}

export async function loader({ params }: LoaderFunctionArgs) {
  return data({ survey: await requireSurvey(params) }, { headers: PRIVATE_PAGE_HEADERS });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireSurvey(params);
  const submission = parseWithZod(await request.formData(), { schema: surveySchema });
  if (submission.status !== "success")
    return data(
      { error: firstError(submission, "Choose a rating from 1 to 5."), done: false },
      { status: 400, headers: PRIVATE_PAGE_HEADERS },
    );
  const recorded = await recordSurveyAnswer(params.ticketId ?? "", submission.value.rating, submission.value.comment);
  if (!recorded)
    return data(
      { error: "This survey was already answered. Thank you!", done: true },
      { status: 409, headers: PRIVATE_PAGE_HEADERS },
    );
  return data({ error: null, done: true }, { headers: PRIVATE_PAGE_HEADERS });
}

export const meta: MetaFunction = withSeo(() => [
  { title: "How did we do? · TechFlow Help Center" },
  { name: "robots", content: "noindex" },
]);

export default function Survey() {
  const { survey } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const done = answer?.done || survey.answered;
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-3xl font-bold tracking-tight">How did we do?</h1>
      <p>
        Ticket <span className="font-mono">{survey.number}</span>: {survey.subject}
      </p>
      {answer?.error ? <FormMessage tone={answer.done ? "info" : "error"}>{answer.error}</FormMessage> : null}
      {done ? (
        <FormMessage tone="success">
          <span data-testid="survey-thanks">Thank you for your answer.</span>
        </FormMessage>
      ) : (
        <Form method="post" className="space-y-4">
          <fieldset>
            <legend className="font-medium">Your rating (1 = poor, 5 = excellent)</legend>
            <div className="mt-2 flex gap-2">
              {[1, 2, 3, 4, 5].map((rating) => (
                <label
                  key={rating}
                  className="flex cursor-pointer items-center gap-1 rounded-md border border-slate-300 px-3 py-2 has-[:checked]:border-sky-700 has-[:checked]:bg-sky-50 dark:border-slate-600 dark:has-[:checked]:bg-sky-950"
                >
                  <input type="radio" name="rating" value={rating} required /> {rating}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="space-y-1">
            <label htmlFor="survey-comment" className="block font-medium">
              Anything to add? (optional)
            </label>
            <textarea
              id="survey-comment"
              name="comment"
              rows={4}
              maxLength={5000}
              className="w-full rounded-md border border-slate-300 bg-white p-2 dark:border-slate-600 dark:bg-slate-900"
            />
          </div>
          <button type="submit" className="rounded-md bg-sky-700 px-4 py-2 font-medium text-white">
            Send
          </button>
        </Form>
      )}
    </div>
  );
}
