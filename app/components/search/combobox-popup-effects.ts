import { useLocation } from "@remix-run/react";
import { useEffect, type RefObject } from "react";
import { optionElementId } from "./instant-search-options";

/** A navigation (a chosen result, the back button) closes the popup. */
export function useCloseOnNavigation(close: () => void) {
  const { key } = useLocation();
  useEffect(() => {
    close();
  }, [key, close]);
}

/** Outside clicks and taps close the popup. */
export function useCloseOnOutsidePointer(rootRef: RefObject<HTMLElement>, expanded: boolean, close: () => void) {
  useEffect(() => {
    if (!expanded) return;
    function onPointerDown(event: PointerEvent) {
      if (rootRef.current && event.target instanceof Node && !rootRef.current.contains(event.target)) close();
    }
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [expanded, rootRef, close]);
}

/** Keeps the highlighted option in view when arrowing through a scrolled popup. */
export function useActiveOptionInView(baseId: string, expanded: boolean, activeIndex: number) {
  useEffect(() => {
    if (!expanded || activeIndex < 0) return;
    document.getElementById(optionElementId(baseId, activeIndex))?.scrollIntoView({ block: "nearest" });
  }, [expanded, activeIndex, baseId]);
}
