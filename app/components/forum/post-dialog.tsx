import { useEffect, useRef, type ReactNode } from "react";

/**
 * The modal a thread page shares between its posts (the flag dialog, the post moderator forms): open while
 * there is a post to act on, closed by Escape, Cancel or a finished form (all of which call `onClose`).
 */
export function PostDialog({
  open,
  labelledBy,
  onClose,
  children,
}: {
  open: boolean;
  labelledBy: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={labelledBy}
      onClose={onClose}
      className="w-[22rem] max-w-[95vw] rounded-lg border border-slate-300 bg-white p-4 text-sm text-slate-900 shadow-lg backdrop:bg-slate-900/40 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
    >
      {open ? children : null}
    </dialog>
  );
}
