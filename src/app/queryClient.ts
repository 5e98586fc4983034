import { QueryClient } from '@tanstack/react-query';
import { isRetryableError } from '../lib/canvasErrors.ts';

const MAX_RETRIES = 2;

/**
 * Thirty seconds of freshness keeps tab switches and back-navigation instant without hiding other
 * admins' changes for long. A 4xx from Canvas is a decision, not a glitch, so it is not retried
 * (the client already backs off on rate limits).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) => failureCount < MAX_RETRIES && isRetryableError(error),
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
