import { useEffect, useId, useRef, useState, type RefObject } from "react";

type Suggestion = { username: string; name: string };
type Query = { start: number; end: number; prefix: string };

/** "@sa" right before the caret (after a space, a line start or punctuation), as the server's mention rule reads it. */
function queryAtCaret(element: HTMLTextAreaElement): Query | null {
  const end = element.selectionStart;
  if (end !== element.selectionEnd) return null;
  const match = /(?:^|[^\p{L}\p{N}_@./+-])@([a-z0-9][a-z0-9_-]{0,38})$/iu.exec(
    element.value.slice(Math.max(0, end - 41), end),
  );
  if (!match) return null;
  return { start: end - match[1].length - 1, end, prefix: match[1] };
}

/**
 * Suggests usernames while a signed-in member types "@" and a few letters in a reply to a thread
 * (/api/users/mentions): the people who posted in that thread. Arrow keys move, Enter or Tab picks,
 * Escape closes; picking writes "@username " and tells the composer (the "forum:inserted" event its
 * preview follows). Without JavaScript members type the username themselves.
 */
export function MentionAutocomplete({
  textareaRef,
  threadId,
}: {
  textareaRef: RefObject<HTMLTextAreaElement>;
  threadId: number;
}) {
  const listId = useId();
  const [items, setItems] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(0);
  const [box, setBox] = useState<{ top: number; left: number; width: number } | null>(null);
  const query = useRef<Query | null>(null);
  const state = useRef({ items, active });
  state.current = { items, active };

  useEffect(() => {
    const element = textareaRef.current;
    if (!element) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let request: AbortController | null = null;
    element.setAttribute("aria-autocomplete", "list");
    element.setAttribute("aria-controls", listId);

    const close = () => {
      query.current = null;
      setItems([]);
      element.removeAttribute("aria-activedescendant");
    };
    const pick = (choice: Suggestion) => {
      const found = query.current;
      if (!found) return;
      const text = `@${choice.username} `;
      element.value = element.value.slice(0, found.start) + text + element.value.slice(found.end);
      const caret = found.start + text.length;
      element.setSelectionRange(caret, caret);
      element.dispatchEvent(new Event("forum:inserted"));
      close();
    };
    const onInput = () => {
      const found = queryAtCaret(element);
      clearTimeout(timer);
      if (!found) return close();
      query.current = found;
      timer = setTimeout(() => {
        request?.abort();
        request = new AbortController();
        fetch(`/api/users/mentions?thread=${threadId}&q=${encodeURIComponent(found.prefix)}`, {
          signal: request.signal,
          credentials: "same-origin",
        })
          .then((response) => (response.ok ? (response.json() as Promise<{ users: Suggestion[] }>) : { users: [] }))
          .then((body) => {
            if (query.current !== found) return;
            const rect = element.getBoundingClientRect();
            setBox({ top: rect.bottom + 4, left: rect.left, width: Math.min(rect.width, 320) });
            setItems(body.users);
            setActive(0);
          })
          .catch(() => undefined);
      }, 150);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const { items: current, active: index } = state.current;
      if (current.length === 0) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        setActive((index + (event.key === "ArrowDown" ? 1 : current.length - 1)) % current.length);
      } else if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        pick(current[index]);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    };
    const onPick = (event: Event) => {
      const choice = (event as CustomEvent<Suggestion>).detail;
      if (choice) pick(choice);
    };
    element.addEventListener("input", onInput);
    element.addEventListener("keydown", onKeyDown);
    const onBlur = () => setTimeout(close, 150);
    element.addEventListener("blur", onBlur);
    element.addEventListener("mention:pick", onPick);
    window.addEventListener("scroll", close, { passive: true });
    return () => {
      clearTimeout(timer);
      request?.abort();
      element.removeEventListener("input", onInput);
      element.removeEventListener("keydown", onKeyDown);
      element.removeEventListener("blur", onBlur);
      element.removeEventListener("mention:pick", onPick);
      window.removeEventListener("scroll", close);
    };
  }, [textareaRef, listId, threadId]);

  useEffect(() => {
    const element = textareaRef.current;
    if (!element) return;
    if (items.length) element.setAttribute("aria-activedescendant", `${listId}-${active}`);
  }, [active, items, listId, textareaRef]);

  if (items.length === 0 || !box) return <ul id={listId} role="listbox" hidden />;
  return (
    <ul
      id={listId}
      role="listbox"
      aria-label="Members to mention"
      data-testid="mention-suggestions"
      style={{ position: "fixed", top: box.top, left: box.left, width: box.width }}
      className="z-30 overflow-hidden rounded-md border border-slate-300 bg-white text-sm shadow-lg dark:border-slate-600 dark:bg-slate-900"
    >
      {items.map((item, index) => (
        <li
          key={item.username}
          id={`${listId}-${index}`}
          role="option"
          aria-selected={index === active}
          className={`cursor-pointer px-3 py-1.5 ${index === active ? "bg-sky-100 dark:bg-sky-900" : ""}`}
          onMouseDown={(event) => {
            // Keep the textarea's focus and caret; the pick goes through the same path as the keyboard.
            event.preventDefault();
            textareaRef.current?.dispatchEvent(new CustomEvent("mention:pick", { detail: item }));
          }}
        >
          <span className="font-medium">@{item.username}</span>{" "}
          <span className="text-slate-500 dark:text-slate-400">{item.name}</span>
        </li>
      ))}
    </ul>
  );
}
