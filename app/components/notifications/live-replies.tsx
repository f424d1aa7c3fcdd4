import { useNavigate, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { pageOfPost, postPath } from "~/forum/paths";

/**
 * "2 new replies, show" for a reader with a thread open. It listens to the thread's Server-Sent
 * Events (/community/t/<id>/events); "show" reloads the thread's data (or, when the first new post
 * is on a later page, goes there) and scrolls to the first new post. Without JavaScript it renders
 * nothing: a reload shows new replies.
 */
export function LiveReplies({
  thread,
  page,
  lastPostNumber,
}: {
  thread: { id: number; slug: string };
  page: number;
  lastPostNumber: number;
}) {
  const [latest, setLatest] = useState(lastPostNumber);
  // The last post this reader has on screen; new posts are counted from here.
  const [seen, setSeen] = useState(lastPostNumber);
  const scrollTo = useRef<number | null>(null);
  const revalidator = useRevalidator();
  const navigate = useNavigate();

  // The page's own data moved on (the reader replied, or "show" reloaded it): those posts are seen.
  useEffect(() => {
    setSeen((current) => Math.max(current, lastPostNumber));
    setLatest((current) => Math.max(current, lastPostNumber));
  }, [lastPostNumber]);

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(`/community/t/${thread.id}/events`);
    const onNumber = (event: MessageEvent<string>) => {
      try {
        const body = JSON.parse(event.data) as { postNumber?: number; lastPostNumber?: number };
        const number = body.postNumber ?? body.lastPostNumber;
        if (typeof number === "number") setLatest((current) => Math.max(current, number));
      } catch {
        // A malformed event is ignored; the next one carries the full number again.
      }
    };
    source.addEventListener("post", onNumber);
    source.addEventListener("hello", onNumber);
    return () => source.close();
  }, [thread.id]);

  useEffect(() => {
    if (revalidator.state !== "idle" || scrollTo.current === null) return;
    const target = document.getElementById(`post-${scrollTo.current}`);
    scrollTo.current = null;
    if (target) {
      target.scrollIntoView({ behavior: "smooth", block: "start" });
      target.focus({ preventScroll: true });
    }
  }, [revalidator.state]);

  const fresh = latest - seen;
  if (fresh <= 0) return null;

  const show = () => {
    const first = seen + 1;
    if (pageOfPost(first) !== page) {
      navigate(postPath(thread, first));
      return;
    }
    scrollTo.current = first;
    revalidator.revalidate();
  };

  return (
    <div
      className="sticky bottom-4 z-10 flex justify-center"
      role="status"
      aria-live="polite"
      data-testid="live-replies"
    >
      <button
        type="button"
        onClick={show}
        disabled={revalidator.state !== "idle"}
        className="rounded-full bg-sky-700 px-4 py-2 text-sm font-medium text-white shadow-lg hover:bg-sky-800 disabled:opacity-70"
      >
        {fresh === 1 ? "1 new reply" : `${fresh} new replies`}, show
      </button>
    </div>
  );
}
