import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getOptionalUser, requireCapability } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { FormMessage, SubmitButton, TextAreaField } from "~/components/forms";
import { NotFound } from "~/components/not-found";
import { CertificateDates, certificateStatusText } from "~/components/training/my-training";
import { pageNotFound } from "~/content/pages.server";
import { privatePageHeaders } from "~/lib/private-page-headers";
import { isRefusal } from "~/lib/refusal";
import { revokeCertificate, verifyCertificate } from "~/training/certificates.server";
import { revokeCertificateSchema } from "~/training/schemas";
import { withSeo } from "~/seo/meta";

/** /certificates/<id>: anyone with the link verifies a certificate; staff may revoke it here. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const certificate = await verifyCertificate(params.id);
  if (!certificate) return pageNotFound();
  const user = await getOptionalUser(request);
  return { certificate, canRevoke: Boolean(user && can(user, "training:revoke-certificate")) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCapability(request, "training:revoke-certificate");
  const submission = parseWithZod(await request.formData(), { schema: revokeCertificateSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    await revokeCertificate(user, params.id ?? "", submission.value.reason);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return data(submission.reply({ formErrors: [error.message] }), { status: error.status });
  }
  return data(submission.reply({ resetForm: true }));
}

// The address is the certificate's only key: it does not leave in a Referer, and no cache keeps a copy that revocation would not reach.
export const headers = privatePageHeaders;
export const meta: MetaFunction<typeof loader> = withSeo(({ data: page }) => [
  {
    title: page
      ? `Certificate: ${page.certificate.courseTitle} · TechFlow Help Center`
      : "Page not found · TechFlow Help Center",
  },
  { name: "robots", content: "noindex" },
]);

const STATUS_STYLE = {
  valid:
    "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  expired: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
  revoked: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
};

export default function CertificatePage() {
  const { certificate, canRevoke } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "revoke",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: revokeCertificateSchema }),
  });
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <header>
        <p className="text-sm font-medium uppercase tracking-wide text-sky-800 dark:text-sky-300">
          Certificate verification
        </p>
        <h1 className="mt-1 text-3xl font-bold tracking-tight">{certificate.courseTitle}</h1>
      </header>
      <div className={`rounded-lg border p-4 ${STATUS_STYLE[certificate.status]}`} data-testid="certificate-status">
        <p className="text-lg font-semibold">
          {certificate.status === "valid"
            ? "Valid certificate"
            : certificate.status === "revoked"
              ? "This certificate has been revoked"
              : "This certificate has expired"}
        </p>
        {certificate.status === "revoked" && certificate.revokedAt ? (
          <p className="mt-1 text-sm">
            TechFlow withdrew it on {new Date(certificate.revokedAt).toISOString().slice(0, 10)}. It no longer certifies
            the course.
          </p>
        ) : null}
      </div>
      <dl className="grid gap-3 sm:grid-cols-2">
        <div>
          <dt className="text-sm text-slate-600 dark:text-slate-300">Holder</dt>
          <dd className="text-xl font-semibold" data-testid="certificate-holder">
            {certificate.holderName}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600 dark:text-slate-300">Course</dt>
          <dd className="font-medium">
            <Link to={certificate.courseUrl} className="text-sky-700 underline dark:text-sky-400">
              {certificate.courseTitle}
            </Link>
          </dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="text-sm text-slate-600 dark:text-slate-300">Dates</dt>
          <dd>
            {certificateStatusText(certificate.status)}: <CertificateDates certificate={certificate} />
          </dd>
        </div>
      </dl>
      <p>
        <a
          href={`/certificates/${certificate.id}.pdf`}
          className="rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          download
        >
          Download the certificate (PDF)
        </a>
      </p>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Anyone with this page&apos;s address can check the certificate. Certificate id: <code>{certificate.id}</code>
      </p>
      {canRevoke && certificate.status !== "revoked" ? (
        <section aria-labelledby="revoke-heading" className="rounded-lg border border-red-200 p-4 dark:border-red-900">
          <h2 id="revoke-heading" className="text-lg font-semibold">
            Revoke (staff)
          </h2>
          <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
            {form.errors?.length ? <FormMessage tone="error">{form.errors[0]}</FormMessage> : null}
            <TextAreaField label="Reason (kept for the record)" field={fields.reason} rows={2} />
            <SubmitButton>Revoke this certificate</SubmitButton>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <NotFound />;
}
