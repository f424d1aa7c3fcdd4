import { useEffect, useRef, useState } from "react";
import {
  INSTANT_SEARCH_DEBOUNCE_MS,
  InstantSearchError,
  fetchSuggestions,
  groupHits,
  type HitGroup,
  type InstantSearchResponse,
} from "./instant-search-client";

/** Answers kept for retyped or back-spaced text, so it shows again without a request. */
const CACHE_SIZE = 30;

type Answer = { text: string; data: InstantSearchResponse };
type Failure = { text: string; message: string };

/** What the popup shows for the text in the box. */
export type SuggestionsView = {
  /** The answer for exactly this text, once it has come. */
  current: InstantSearchResponse | null;
  currentError: string | null;
  loading: boolean;
  /** While the next answer loads, the previous one stays on screen rather than flickering away. */
  shown: InstantSearchResponse | null;
  groups: HitGroup[];
  noResults: boolean;
};

function describeSuggestions(query: string, result: Answer | null, error: Failure | null): SuggestionsView {
  const current = query && result?.text === query ? result.data : null;
  const currentError = query && !current && error?.text === query ? error.message : null;
  const loading = query !== "" && !current && !currentError;
  const shown = current ?? (loading && result ? result.data : null);
  return {
    current,
    currentError,
    loading,
    shown,
    groups: shown ? groupHits(shown.hits) : [],
    noResults: current !== null && current.hits.length === 0,
  };
}

/**
 * GET /api/search for the trimmed text, debounced and cached; `onAnswer` runs whenever an answer
 * (or a failure) for the current text arrives, so the caller can forget its highlighted option.
 */
export function useInstantSuggestions(query: string, onAnswer: () => void): SuggestionsView {
  const cacheRef = useRef(new Map<string, InstantSearchResponse>());
  const [result, setResult] = useState<Answer | null>(null);
  const [error, setError] = useState<Failure | null>(null);

  // The cleanup aborts the request for text that is no longer current.
  useEffect(() => {
    if (!query) return;
    const cached = cacheRef.current.get(query);
    if (cached) {
      setResult({ text: query, data: cached });
      setError(null);
      onAnswer();
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      fetchSuggestions(query, controller.signal).then(
        (data) => {
          if (controller.signal.aborted) return;
          const cache = cacheRef.current;
          cache.set(query, data);
          if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
          setResult({ text: query, data });
          setError(null);
          onAnswer();
        },
        (reason: unknown) => {
          if (controller.signal.aborted) return;
          const message =
            reason instanceof InstantSearchError
              ? reason.message
              : "Search is unavailable right now. Check your connection and try again.";
          setError({ text: query, message });
          onAnswer();
        },
      );
    }, INSTANT_SEARCH_DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [query, onAnswer]);

  return describeSuggestions(query, result, error);
}
