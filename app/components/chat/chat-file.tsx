import { useRef } from "react";
import { CHAT_FILE_MAX_BYTES, CHAT_FILE_RULE, type ChatFileView } from "~/chat/rules";
import { megabytes } from "~/tickets/attachment-rules";
import type { ChatAnswer } from "./use-chat";

/**
 * Files in chat, for both sides: the composer's file field (the ticket form's rules, stated once from
 * the shared rules module) and the files under a message in the transcript (images previewed, anything
 * else a download link). The server checks the size and the type from the bytes; the size check here
 * only saves the wait for an upload that would be refused.
 */

function sizeLabel(bytes: number) {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** POSTs a file (and the typed text as its caption) to /chat/<id>/files; every refusal comes back with its reason. */
export async function sendChatFile(chatUrl: string, file: File, caption: string): Promise<ChatAnswer> {
  if (file.size > CHAT_FILE_MAX_BYTES)
    return {
      ok: false,
      message: `“${file.name}” is larger than ${megabytes(CHAT_FILE_MAX_BYTES)}. Attach a smaller file.`,
    };
  const body = new FormData();
  body.set("caption", caption);
  body.set("attachments", file);
  try {
    const response = await fetch(`${chatUrl}/files`, { method: "POST", body, headers: { Accept: "application/json" } });
    const text = await response.text();
    try {
      return JSON.parse(text) as ChatAnswer;
    } catch {
      // The server's own refusals (a body past its limit) are one line of plain text.
      return {
        ok: response.ok,
        message: response.ok ? undefined : text.trim() || `The server answered ${response.status}.`,
      };
    }
  } catch {
    return { ok: false, message: "You seem to be offline; the file was not sent." };
  }
}

export function ChatFileField({
  id,
  file,
  onChange,
}: {
  id: string;
  file: File | null;
  onChange: (file: File | null) => void;
}) {
  const input = useRef<HTMLInputElement | null>(null);
  return (
    <div className="flex flex-col gap-1 text-xs text-slate-700 dark:text-slate-300">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={id} className="font-medium">
          Attach a file
        </label>
        <input
          ref={input}
          id={id}
          type="file"
          aria-describedby={`${id}-rule`}
          onChange={(event) => onChange(event.target.files?.[0] ?? null)}
          className="max-w-full text-xs file:mr-2 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-2 file:py-1 dark:file:border-slate-600 dark:file:bg-slate-800 dark:file:text-slate-100"
        />
        {file ? (
          <button
            type="button"
            className="underline"
            onClick={() => {
              if (input.current) input.current.value = "";
              onChange(null);
            }}
          >
            Remove <span className="sr-only">{file.name}</span>
          </button>
        ) : null}
      </div>
      <p id={`${id}-rule`}>{CHAT_FILE_RULE}</p>
    </div>
  );
}

/** Clears a file input after its file was sent. */
export function clearFileInput(id: string) {
  const input = document.getElementById(id);
  if (input instanceof HTMLInputElement) input.value = "";
}

export function ChatFiles({ files, own }: { files: readonly ChatFileView[]; own: boolean }) {
  if (files.length === 0) return null;
  const linkClass = own ? "text-white underline" : "text-sky-800 underline dark:text-sky-300";
  return (
    <ul className="mt-1 space-y-1" aria-label="Files">
      {files.map((file) => (
        <li key={file.id}>
          {/* One link a file: an image's preview sits inside it (alt empty: the file name beside it says what it is). */}
          <a href={file.url} target="_blank" rel="noreferrer" className={linkClass}>
            {file.contentType.startsWith("image/") ? (
              <img
                src={file.url}
                alt=""
                loading="lazy"
                className="mb-1 block max-h-40 max-w-full rounded border border-slate-300 bg-white dark:border-slate-600"
              />
            ) : null}
            {file.fileName}
          </a>{" "}
          <span className="text-xs">({sizeLabel(file.size)})</span>
        </li>
      ))}
    </ul>
  );
}
