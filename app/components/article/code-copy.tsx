import { useCallback, useEffect, useRef, useState, type RefObject } from "react";

const COPIED_FOR_MS = 2000;

async function writeToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Adds a "Copy" button to every prerendered code block inside `container` once the page has loaded
 * (without JavaScript there is nothing to copy with, so the HTML has no button). Returns the message
 * for an aria-live region, so screen readers hear "Copied".
 */
export function useCodeCopyButtons(container: RefObject<HTMLElement | null>, html: string): string {
  const [announcement, setAnnouncement] = useState("");
  const resetTimers = useRef(new Map<HTMLButtonElement, ReturnType<typeof setTimeout>>());

  const announce = useCallback((message: string) => {
    // Clearing first makes a second "Copied" in a row announce again.
    setAnnouncement("");
    requestAnimationFrame(() => setAnnouncement(message));
  }, []);

  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const timers = resetTimers.current;
    const buttons: HTMLButtonElement[] = [];
    for (const block of root.querySelectorAll<HTMLElement>(".code-block")) {
      const code = block.querySelector("pre");
      if (!code || block.querySelector(".code-copy")) continue;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "code-copy";
      button.textContent = "Copy";
      button.setAttribute("aria-label", `Copy ${code.getAttribute("aria-label")?.toLowerCase() ?? "code"}`);
      button.addEventListener("click", async (event) => {
        // The article body follows internal links on click; a copy is never a navigation.
        event.stopPropagation();
        const copied = await writeToClipboard(code.textContent ?? "");
        button.textContent = copied ? "Copied" : "Copy failed";
        announce(copied ? "Copied" : "Copy failed: select the code and copy it with your keyboard");
        clearTimeout(timers.get(button));
        timers.set(
          button,
          setTimeout(() => {
            button.textContent = "Copy";
          }, COPIED_FOR_MS),
        );
      });
      block.append(button);
      buttons.push(button);
    }
    return () => {
      for (const button of buttons) {
        clearTimeout(timers.get(button));
        timers.delete(button);
        button.remove();
      }
    };
  }, [container, html, announce]);

  return announcement;
}
