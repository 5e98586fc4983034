/** First poll of a running report, as Canvas's own page does: soon, since short reports finish fast. */
export const FIRST_POLL_MS = 1_000;
/** Polls slow down to this, so a long report costs one request every ten seconds. */
export const MAX_POLL_MS = 10_000;
const GROWTH = 1.5;

/**
 * Delay before the next status request, given how many have been made while the run was active:
 * 1 s, 1.5 s, 2.3 s, 3.4 s, 5.1 s, 7.6 s, then 10 s.
 */
export function pollDelayMs(pollsSoFar: number): number {
  const polls = Math.max(0, Math.floor(pollsSoFar));
  return Math.min(MAX_POLL_MS, Math.round(FIRST_POLL_MS * GROWTH ** polls));
}
