import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./components/nonce";
import "./load-context";
import { composeApp } from "./composition.server";
import { startEventLoopMonitor, stopEventLoopMonitor } from "./lib/event-loop.server";
import { startTaskWorker } from "./lib/task-queue.server";

// Called by name: a bare import of the composition root is dropped from the production build (see there).
composeApp();

const ABORT_DELAY_MS = 5_000;

/**
 * Called once by the production server (server/index.ts) through the build's entry module: the queued-task
 * worker and the event-loop monitor must live in this module graph, where the routes that queue tasks and
 * /healthz live (the server's own modules are a separate graph). Returns what stops them.
 */
export function startBackgroundWork(): () => Promise<void> {
  startEventLoopMonitor();
  const stopTasks = startTaskWorker();
  return async () => {
    stopEventLoopMonitor();
    await stopTasks();
  };
}

/**
 * Renders the whole document before answering: pages here have no deferred data,
 * and a complete body is what the anonymous page cache stores.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext?.cspNonce ?? "";
  return new Promise<Response>((resolve, reject) => {
    let failed = false;
    const app = (
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} nonce={nonce || undefined} />
      </NonceProvider>
    );
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce: nonce || undefined,
      onAllReady() {
        const body = new PassThrough();
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        resolve(
          new Response(createReadableStreamFromReadable(body), {
            headers: responseHeaders,
            status: failed ? 500 : responseStatusCode,
          }),
        );
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        failed = true;
        console.error(error);
      },
    });
    setTimeout(abort, ABORT_DELAY_MS);
  });
}
