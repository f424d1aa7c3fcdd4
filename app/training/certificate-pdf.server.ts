import { PDFDocument, StandardFonts, rgb, type PDFFont } from "pdf-lib";
import type { CertificateView } from "./types";

/**
 * The certificate as a one-page PDF (A4 landscape), made with pdf-lib from the same view the
 * verification page shows. It carries the verification address, so a printed copy can be checked,
 * and says REVOKED or EXPIRED when it is.
 */

const A4_LANDSCAPE: [number, number] = [841.89, 595.28];
const INK = rgb(0.06, 0.09, 0.16);
const ACCENT = rgb(0.01, 0.41, 0.63);

function formatDay(iso: string) {
  return new Date(iso).toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
}

/** The standard fonts write WinAnsi only; a character outside it (a name in another script) becomes "?" rather than failing. */
function printable(font: PDFFont, text: string) {
  return [...text]
    .map((character) => {
      try {
        font.encodeText(character);
        return character;
      } catch {
        return "?";
      }
    })
    .join("");
}

export async function certificatePdf(certificate: CertificateView, verifyUrl: string): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.setTitle(`Certificate: ${certificate.courseTitle}`);
  document.setAuthor("TechFlow Solutions");
  document.setSubject(`Certificate ${certificate.id}`);
  const page = document.addPage(A4_LANDSCAPE);
  const regular = await document.embedFont(StandardFonts.Helvetica);
  const bold = await document.embedFont(StandardFonts.HelveticaBold);
  const [width, height] = A4_LANDSCAPE;

  const centred = (text: string, y: number, font: PDFFont, size: number, color = INK) => {
    const safe = printable(font, text);
    let fitted = size;
    while (fitted > 10 && font.widthOfTextAtSize(safe, fitted) > width - 120) fitted -= 1;
    page.drawText(safe, { x: (width - font.widthOfTextAtSize(safe, fitted)) / 2, y, size: fitted, font, color });
  };

  page.drawRectangle({ x: 24, y: 24, width: width - 48, height: height - 48, borderColor: ACCENT, borderWidth: 3 });
  centred("TechFlow Solutions", height - 100, bold, 18, ACCENT);
  centred("Certificate of completion", height - 160, bold, 34);
  centred("This certifies that", height - 215, regular, 16);
  centred(certificate.holderName, height - 260, bold, 30);
  centred("has passed the course", height - 300, regular, 16);
  centred(certificate.courseTitle, height - 340, bold, 22);
  centred(
    `Issued ${formatDay(certificate.issuedAt)}. Valid until ${formatDay(certificate.validUntil)}.`,
    height - 390,
    regular,
    14,
  );
  if (certificate.status !== "valid")
    centred(
      certificate.status === "revoked" ? "REVOKED: this certificate is no longer valid." : "EXPIRED",
      height - 430,
      bold,
      20,
      rgb(0.7, 0.1, 0.1),
    );
  centred(`Verify this certificate at ${verifyUrl}`, 70, regular, 11);
  centred(`Certificate id ${certificate.id}`, 52, regular, 9);
  return document.save();
}
