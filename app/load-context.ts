declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Set by server/app-server.ts for each request; absent under the Vite dev server. */
    cspNonce?: string;
  }
}

export {};
