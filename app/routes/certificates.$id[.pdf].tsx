import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicOrigin } from "~/lib/env.server";
import { certificatePdf } from "~/training/certificate-pdf.server";
import { verifyCertificate } from "~/training/certificates.server";

/** /certificates/<id>.pdf: the certificate to download, printed with its verification address. */
export async function loader({ params }: LoaderFunctionArgs) {
  const certificate = await verifyCertificate(params.id);
  if (!certificate)
    return new Response("There is no certificate with that id.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const pdf = await certificatePdf(certificate, `${publicOrigin}/certificates/${certificate.id}`);
  return new Response(pdf, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="techflow-certificate-${certificate.id}.pdf"`,
      // Revocation must show at once: no cache keeps an old copy.
      "Cache-Control": "private, no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
}
