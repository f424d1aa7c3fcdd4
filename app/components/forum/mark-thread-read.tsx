import { useEffect } from "react";

/**
 * Once a signed-in reader is shown a page of a thread, tells the server how far they have read
 * (POST /api/forum/read), so the thread lists stop counting those posts as new. Loading the page
 * writes nothing: a prefetch on hover or a crawler must not mark a thread read.
 */
export function MarkThreadRead({
  thread,
}: {
  thread: { id: number; viewer: { signedIn: boolean }; posts: { number: number }[] };
}) {
  const upTo = thread.viewer.signedIn ? (thread.posts.at(-1)?.number ?? null) : null;
  useEffect(() => {
    if (upTo === null) return;
    const body = new URLSearchParams({ threadId: String(thread.id), upTo: String(upTo) });
    // A beacon survives leaving the page straight away; fetch is the fallback where beacons are off.
    if (typeof navigator.sendBeacon === "function" && navigator.sendBeacon("/api/forum/read", body)) return;
    void fetch("/api/forum/read", { method: "POST", body, credentials: "same-origin", keepalive: true }).catch(
      () => undefined,
    );
  }, [thread.id, upTo]);
  return null;
}
