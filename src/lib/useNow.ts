import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `intervalMs`, for displays that age (expiry warnings, "3 days
 * ago") so that a page left open does not go stale.
 */
export function useNow(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
