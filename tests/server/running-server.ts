import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { createAppServer } from "../../server/app-server";
import { CLIENT_DIR, SERVER_BUILD } from "../../server/build-dir";
import { PageCache } from "../../server/page-cache";

/** The production server over the built app, on a free port, as the HTTP-level suites run it. */
export type RunningServer = {
  server: http.Server;
  base: string;
  port: number;
  build: ServerBuild;
  close: () => Promise<void>;
};

const MANIFEST = path.resolve(".content-cache/manifest.json");

export async function startServer(): Promise<RunningServer> {
  if (!fs.existsSync(SERVER_BUILD) || !fs.existsSync(MANIFEST))
    throw new Error("Run `npm run build` before the server tests (npm test does).");
  const build = (await import(SERVER_BUILD)) as ServerBuild;
  const server = createAppServer({
    build,
    clientDir: CLIENT_DIR,
    manifestFile: MANIFEST,
    cache: new PageCache(),
    allowLocalHosts: true,
    publicOrigin: "https://help.techflow.example",
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    base: `http://127.0.0.1:${port}`,
    build,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** node:http instead of fetch: a test can send any header (or none), and any body bytes. */
export function rawRequest(
  running: Pick<RunningServer, "port">,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port: running.port,
        method: options.method ?? "GET",
        path: options.path,
        headers: { Host: `127.0.0.1:${running.port}`, ...options.headers },
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}
