import { useNavigate } from "@remix-run/react";
import { useEffect, useState } from "react";

/**
 * The welcome after confirming an email is shown once: the address loses ?welcome=1 (on `path`),
 * so a reload or a bookmark does not greet again. Returns whether to greet on this visit.
 */
export function useWelcomeOnce(welcome: boolean, path: string) {
  const [welcomed] = useState(welcome);
  const navigate = useNavigate();
  useEffect(() => {
    if (welcome) navigate(path, { replace: true, preventScrollReset: true });
  }, [welcome, navigate, path]);
  return welcomed;
}
