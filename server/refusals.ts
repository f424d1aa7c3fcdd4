import { createHash } from "node:crypto";
import type http from "node:http";

/**
 * Answers the server layer gives before Remix runs (400 unknown host, 403
 * cross-site form, 405, 413, 414, 415, a too-deep URL's 404): a small page with
 * a link home for browsers, one line of plain text for everything else.
 */
const STYLE =
  "body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:4rem 1.5rem;color:#0f172a;background:#f8fafc}" +
  "main{max-width:36rem;margin:auto}p.code{color:#0369a1;font-weight:600;text-transform:uppercase;font-size:.875rem;letter-spacing:.05em}" +
  "h1{font-size:1.75rem;margin:.25rem 0 1rem}a{color:#0369a1}" +
  "@media (prefers-color-scheme:dark){body{color:#e2e8f0;background:#0f172a}p.code,a{color:#38bdf8}}";
const STYLE_HASH = createHash("sha256").update(STYLE).digest("base64");
const CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const TITLES: Record<number, string> = {
  400: "Bad request",
  403: "Request refused",
  404: "Page not found",
  405: "Method not allowed",
  413: "Request too large",
  414: "Address too long",
  415: "Unsupported form encoding",
};

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function wantsHtml(req: http.IncomingMessage) {
  return (req.headers.accept ?? "").includes("text/html");
}

export function refusalPage(status: number, message: string) {
  const title = TITLES[status] ?? "Request refused";
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(title)} · TechFlow Help Center</title><style>${STYLE}</style></head>` +
    `<body><main><p class="code">Error ${status}</p><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>` +
    `<p><a href="/">Go to the Help Center home page</a></p></main></body></html>`
  );
}

export function sendRefusal(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
) {
  const html = wantsHtml(req);
  const body = html ? refusalPage(status, message) : `${message}\n`;
  res.writeHead(status, {
    ...headers,
    "Content-Type": html ? "text/html; charset=utf-8" : "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Content-Security-Policy": CSP,
    "Cache-Control": "no-store",
  });
  res.end(req.method === "HEAD" ? undefined : body);
}
