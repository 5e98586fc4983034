import { useEffect, useRef, useState } from 'react';

/**
 * A text field backed by a URL parameter: typing updates the field at once and the URL after
 * `delayMs` of quiet; a URL changed from elsewhere (back button, a link) replaces the field's text.
 * `commit` must be stable between renders.
 */
export function useDebouncedUrlValue(
  urlValue: string,
  commit: (value: string) => void,
  delayMs: number,
): [string, (value: string) => void] {
  const [draft, setDraft] = useState(urlValue);
  const committed = useRef(urlValue);

  useEffect(() => {
    if (urlValue === committed.current) return;
    committed.current = urlValue;
    setDraft(urlValue);
  }, [urlValue]);

  useEffect(() => {
    if (draft === committed.current) return;
    const timer = setTimeout(() => {
      committed.current = draft;
      commit(draft);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [draft, delayMs, commit]);

  return [draft, setDraft];
}
