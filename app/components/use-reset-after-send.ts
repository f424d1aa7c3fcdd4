import { useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";

/**
 * For a composer (a reply box, a note box): once its own submission has gone through, empty it and
 * move focus to the message it created, so the sent text is not left there to be sent again.
 *
 * The action redirects to the new message's anchor (`#message-<id>`, `#post-<n>`); the hook focuses
 * that element when the page settles. A refused submission (`failed`) keeps the text to fix.
 * Without JavaScript the same redirect loads a fresh page with an empty form and the browser scrolls
 * to the anchor.
 *
 * `isOwn` tells this composer's submissions apart from the page's other forms; `reset` empties it
 * (form.reset() for plain fields, or a new key for a component that keeps its own state).
 */
export function useResetAfterSend({
  isOwn,
  failed,
  reset,
}: {
  isOwn: (formData: FormData) => boolean;
  failed: boolean;
  reset: () => void;
}) {
  const navigation = useNavigation();
  const location = useLocation();
  const sending = useRef(false);
  const own = navigation.state !== "idle" && navigation.formData !== undefined && isOwn(navigation.formData);

  useEffect(() => {
    if (own) {
      sending.current = true;
      return;
    }
    if (navigation.state !== "idle" || !sending.current) return;
    sending.current = false;
    if (failed) return;
    reset();
    const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus();
  }, [own, navigation.state, failed, reset, location.hash]);

  /** True while this composer's submission is on its way or the page is reloading after it: its button stays disabled. */
  return own;
}
