import EmailReplyParser from "email-reply-parser";
import type { ParsedMail } from "mailparser";
import { cleanFileName, discardUploads, receiveUpload, type CheckedFile } from "../tickets/attachments.server";
import { MAX_BODY_CHARS } from "./limits";

/**
 * What of a mail reaches the ticket. The text part, or for HTML-only mail the text mailparser makes of
 * the HTML (scripts and styles dropped; the HTML itself is never shown), is then Markdown through the
 * sanitizer like anything a customer types. Quoted history and signatures are removed by
 * email-reply-parser. Attachments go through the form's type sniffing and size caps.
 */

export function mailText(parsed: ParsedMail, options: { stripQuoted: boolean }): string {
  let text = (parsed.text ?? "").replace(/\r\n?/g, "\n");
  if (options.stripQuoted && text) text = new EmailReplyParser().parseReply(text);
  text = text.trim();
  if (text.length > MAX_BODY_CHARS)
    text = `${text.slice(0, MAX_BODY_CHARS)}\n\n_(The rest of this mail was cut: it was too long.)_`;
  return text;
}

async function* chunksOf(content: Buffer): AsyncIterable<Uint8Array> {
  yield new Uint8Array(content.buffer, content.byteOffset, content.byteLength);
}

export type MailFiles = { files: CheckedFile[]; refused: string[] };

/** The mail's attachments as checked uploads; refused ones are named with the reason. Inline images of an HTML body (logos) are left out. */
export async function mailAttachments(parsed: ParsedMail, bytesLeftOnTicket: number): Promise<MailFiles> {
  const files: CheckedFile[] = [];
  const refused: string[] = [];
  let left = bytesLeftOnTicket;
  try {
    for (const attachment of parsed.attachments) {
      if (attachment.related) continue;
      const name = cleanFileName(attachment.filename ?? "attachment");
      const received = await receiveUpload(name, chunksOf(attachment.content), left);
      if (received.kind === "file") {
        files.push(received.file);
        left -= received.file.size;
      } else if (received.kind === "refused") {
        refused.push(received.problem.message);
      }
    }
  } catch (error) {
    await discardUploads(files);
    throw error;
  }
  return { files, refused };
}

/** The message as the ticket shows it: the text, then a note for each attachment that was not taken. */
export function messageBody(text: string, refused: readonly string[]): string {
  const notes = refused.map((reason) => `_Attachment not added: ${reason}_`);
  return [text || "_(This mail had no text.)_", ...notes].join("\n\n");
}
