import { useEffect, useRef, useState } from "react";

/** One suggestion as the server sends it (snippet is HTML-escaped text with <mark> around matches). */
export type SuggestionView = { id: string; type: string; url: string; title: string; section: string; snippet: string };

const DEBOUNCE_MS = 250;

type Start = {
  subject: string;
  description: string;
  sessionId: string | null;
  suggestions: SuggestionView[];
  searched: boolean;
};

/**
 * Asks /support/suggest for answers to what the customer typed (debounced; only the newest answer
 * counts) and keeps the deflection session the server opens, so a solved problem and the ticket
 * filed afterwards are recorded against it. Text as the page first showed it is not asked again.
 */
export function useProblemSuggestions(subject: string, description: string, start: Start) {
  const [sessionId, setSessionId] = useState(start.sessionId);
  const [suggestions, setSuggestions] = useState(start.suggestions);
  const [asked, setAsked] = useState(start.searched);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);
  const sessionRef = useRef(start.sessionId);
  const { subject: initialSubject, description: initialDescription } = start;

  useEffect(() => {
    if (subject === initialSubject && description === initialDescription) return;
    const text = `${subject} ${description}`.trim();
    if (text.length < 3) return;
    const request = ++latest.current;
    const timer = window.setTimeout(async () => {
      setLoading(true);
      const params = new URLSearchParams({ subject, description });
      if (sessionRef.current) params.set("session", sessionRef.current);
      try {
        const response = await fetch(`/support/suggest?${params}`, { headers: { Accept: "application/json" } });
        if (!response.ok || request !== latest.current) return;
        const body = (await response.json()) as { sessionId: string | null; suggestions: SuggestionView[] };
        sessionRef.current = body.sessionId;
        setSessionId(body.sessionId);
        setSuggestions(body.suggestions);
        setAsked(true);
      } finally {
        if (request === latest.current) setLoading(false);
      }
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [subject, description, initialSubject, initialDescription]);

  /** Records that a suggestion was opened (deflection analytics); fire and forget. */
  function opened(documentId: string) {
    if (!sessionId) return;
    const body = new FormData();
    body.set("intent", "open");
    body.set("session", sessionId);
    body.set("documentId", documentId);
    void fetch("/support/suggest", { method: "POST", body });
  }

  return { sessionId, suggestions, asked, loading, opened };
}
