import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/article/breadcrumbs";
import { ErrorSummary, FormMessage, SubmitButton } from "~/components/forms";
import { NotFound } from "~/components/not-found";
import { QuizQuestionField, QuizResults } from "~/components/training/quiz";
import { pageNotFound } from "~/content/pages.server";
import { forwardHeaders } from "~/lib/headers";
import { isRefusal, refusalHeaders } from "~/lib/refusal";
import { findCourse, quizOf } from "~/training/courses.server";
import { publicQuestions, quizAnswersSchema, unansweredMessage } from "~/training/grading";
import { quizPage } from "~/training/quiz-page.server";
import { submitQuiz } from "~/training/quiz.server";
import { withSeo } from "~/seo/meta";

/** /training/<course>/quiz: answered here, graded on the server; the answers reach the browser only with the results. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await quizPage(params.course, user);
  if (!page) return pageNotFound();
  return data(page, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const course = await findCourse(params.course);
  if (!course) return pageNotFound();
  const questions = publicQuestions(quizOf(course));
  const submission = parseWithZod(await request.formData(), { schema: quizAnswersSchema(questions) });
  if (submission.status !== "success") {
    // The page words the count of unanswered questions from the field errors (the same with and without JavaScript).
    return data({ reply: submission.reply(), outcome: null }, { status: 400 });
  }
  try {
    const outcome = await submitQuiz(user, course, submission.value as Record<string, string | string[]>);
    return data({ reply: null, outcome });
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return data(
      { reply: submission.reply({ formErrors: [error.message] }), outcome: null },
      { status: error.status, headers: refusalHeaders(error) },
    );
  }
}

export const headers = forwardHeaders;
export const meta: MetaFunction<typeof loader> = withSeo(({ data: page }) => [
  {
    title: page
      ? `Quiz: ${page.course.title} · Training · TechFlow Help Center`
      : "Page not found · TechFlow Help Center",
  },
]);

export default function QuizPage() {
  const { course, questions, attemptsLeft, certificate } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "quiz",
    lastResult: answer?.reply ?? null,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: quizAnswersSchema(questions) }),
  });
  const outcome = answer?.outcome ?? null;
  const unanswered = questions.some((question) => form.allErrors[question.name]?.length)
    ? unansweredMessage(questions, form.allErrors)
    : null;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <Breadcrumbs
        crumbs={[
          { label: "Help Center", url: "/" },
          { label: "Training", url: "/training" },
          { label: course.title, url: course.url },
        ]}
        current="Quiz"
      />
      <header>
        <h1 className="text-3xl font-bold tracking-tight">Quiz: {course.title}</h1>
        <p className="mt-2 text-slate-700 dark:text-slate-300">
          {questions.length} questions. You pass with {course.passMarkPercent}% or more and get a certificate valid for{" "}
          {course.certificateValidityMonths} months. You have {course.attemptsPerDay} attempts a day.
        </p>
      </header>
      {outcome ? (
        <QuizResults graded={outcome.graded} certificateId={outcome.certificateId} courseUrl={course.url} />
      ) : (
        <>
          {certificate ? (
            <FormMessage tone="info">
              You already hold a valid certificate for this course:{" "}
              <Link to={`/certificates/${certificate.id}`} className="underline">
                view your certificate
              </Link>
              . You may take the quiz again for practice.
            </FormMessage>
          ) : null}
          <p className="text-sm" data-testid="attempts-left">
            {attemptsLeft > 0
              ? `Attempts left today: ${attemptsLeft} of ${course.attemptsPerDay}.`
              : `You have used today's ${course.attemptsPerDay} attempts. You can try again tomorrow (a new day starts at midnight UTC).`}
          </p>
          <Form method="post" {...getFormProps(form)} className="space-y-6">
            {unanswered && form.status === "error" ? (
              <p className="font-medium text-red-800 dark:text-red-200" data-testid="quiz-unanswered">
                {unanswered}
              </p>
            ) : null}
            <ErrorSummary form={form} />
            {questions.map((question) => (
              <QuizQuestionField key={question.name} question={question} field={fields[question.name]} />
            ))}
            <SubmitButton pending={pending}>Submit answers</SubmitButton>
          </Form>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <NotFound />;
}
