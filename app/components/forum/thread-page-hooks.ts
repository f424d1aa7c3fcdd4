import { useNavigate } from "@remix-run/react";
import { useCallback, useEffect, type RefObject } from "react";
import { pageOfPost, postPath } from "~/forum/paths";
import { quoteMarkdown } from "~/forum/quotes";
import type { PostView, ThreadView } from "~/forum/views";
import { insertIntoComposer } from "./composer-text";

/**
 * A link to #post-n without its ?page (typed or shortened by hand) still lands on the post: the
 * browser knows the hash, the server never sees it, so the page moves itself to the post's page.
 */
export function useLandOnLinkedPost(thread: ThreadView) {
  const navigate = useNavigate();
  useEffect(() => {
    const wanted = /^#post-(\d+)$/.exec(window.location.hash);
    const number = wanted ? Number(wanted[1]) : 0;
    if (number >= 1 && number <= thread.lastPostNumber && pageOfPost(number) !== thread.page)
      navigate(postPath(thread, number), { replace: true });
  }, [navigate, thread]);
}

/** "Quote" on a post: the selected words, when the selection lies inside this post, otherwise the whole post, go into the reply box. */
export function useQuoteIntoComposer(composer: RefObject<HTMLTextAreaElement>) {
  return useCallback(
    (post: PostView) => {
      const element = composer.current;
      if (!element) return;
      const selection = window.getSelection();
      const body = document.querySelector(`[data-post-body="${post.number}"]`);
      const selected =
        selection &&
        body &&
        !selection.isCollapsed &&
        body.contains(selection.anchorNode) &&
        body.contains(selection.focusNode)
          ? selection.toString()
          : "";
      insertIntoComposer(
        element,
        quoteMarkdown(selected.trim() || post.markdown, post.author.name, post.url, post.number),
      );
      element.scrollIntoView({ block: "center" });
    },
    [composer],
  );
}
