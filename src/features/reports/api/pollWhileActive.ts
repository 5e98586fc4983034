import type { Query } from '@tanstack/react-query';
import { pollDelayMs } from '../model/pollSchedule.ts';

/**
 * A `refetchInterval` that polls with backoff while `isActive(data)` holds and stops otherwise. The
 * backoff restarts whenever the data becomes active again (a new run on a history page), counting
 * the fetches made since then. react-query stops interval refetches in background tabs by default.
 */
export function pollWhileActive<T>(isActive: (data: T) => boolean) {
  const activeSince = new WeakMap<object, number>();
  // biome-ignore lint/suspicious/noExplicitAny: the interval ignores the query's error and key types.
  return (query: Query<T, any, any, any>): number | false => {
    const { data, dataUpdateCount } = query.state;
    if (data === undefined || !isActive(data)) {
      activeSince.delete(query);
      return false;
    }
    const since = activeSince.get(query) ?? dataUpdateCount;
    activeSince.set(query, since);
    return pollDelayMs(dataUpdateCount - since);
  };
}
