import { CanvasApiError, type CanvasErrorKind } from '../api/errors.ts';

const FALLBACK_MESSAGES: Record<CanvasErrorKind, string> = {
  unauthenticated: 'Your session has ended. Reload the page to sign in again.',
  unauthorized: "You're not allowed to do that.",
  not_found: 'The specified resource does not exist.',
  bad_request: 'Canvas rejected the request.',
  rate_limited: 'Canvas is busy (rate limit exceeded). Try again in a moment.',
  server: 'Canvas had an internal problem. Try again later.',
  network: 'Could not reach the server. Check your connection and try again.',
  other: 'The request failed.',
};

/** The text to show for a failed request: Canvas's own messages when it sent any, else a plain summary. */
export function describeError(error: unknown): string {
  if (error instanceof CanvasApiError) {
    const messages = error.messages.length > 0 ? error.messages : Object.values(error.fieldErrors).flat();
    if (messages.length > 0) return messages.join(' ');
    const fallback = FALLBACK_MESSAGES[error.kind];
    return error.status > 0 ? `${fallback} (HTTP ${error.status})` : fallback;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/** Canvas's first message for one attribute of a validation error (e.g. `name`, `search_term`). */
export function fieldErrorOf(error: unknown, field: string): string | undefined {
  if (!(error instanceof CanvasApiError)) return undefined;
  return error.fieldErrors[field]?.[0];
}

export function isCanvasErrorKind(error: unknown, ...kinds: CanvasErrorKind[]): error is CanvasApiError {
  return error instanceof CanvasApiError && kinds.includes(error.kind);
}

/** Client errors (4xx other than rate limiting) won't change on retry; everything else may. */
export function isRetryableError(error: unknown): boolean {
  if (!(error instanceof CanvasApiError)) return false;
  if (error.kind === 'rate_limited') return true;
  return error.status === 0 || error.status >= 500;
}
