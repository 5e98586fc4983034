import { queryOptions, useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { paginate } from '../../../api/paginate.ts';
import { AccountCalendar } from '../../../api/schemas/accountCalendar.ts';
import { calendarKeys } from './keys.ts';

// Loading 10,000 calendars takes a hundred requests; keep them while the admin works.
const LIST_STALE_MS = 5 * 60_000;
const LIST_CACHE_MS = 30 * 60_000;
// Two lists load side by side, with the SIS ids (getAccountSisIds.ts) beside them; a browser runs six
// requests per host and queues the rest.
const CONCURRENCY_PER_LIST = 3;

export interface CalendarLoadProgress {
  loadedCalendars: number;
  loadedPages: number;
  /** Known once the first page of both lists has arrived (Canvas sends `rel="last"` here). */
  totalPages: number | undefined;
}

const HALVES = ['visible', 'hidden'] as const;

/**
 * Every calendar of `accountId` and its descendants. Without a filter Canvas lists only the account
 * and its direct children; with `filter=visible` or `filter=hidden` it covers the whole subtree. So
 * the two halves are loaded concurrently (each one's pages concurrently too) and merged. A calendar
 * toggled by someone else between the two loads can turn up in both; it is kept once.
 */
export async function fetchAccountCalendars(
  accountId: number,
  {
    signal,
    onProgress,
  }: { signal?: AbortSignal; onProgress?: (progress: CalendarLoadProgress) => void } = {},
): Promise<AccountCalendar[]> {
  const progress = HALVES.map(() => ({ items: 0, pages: 0, total: undefined as number | undefined }));
  const report = () => {
    const totals = progress.map((half) => half.total);
    onProgress?.({
      loadedCalendars: progress.reduce((sum, half) => sum + half.items, 0),
      loadedPages: progress.reduce((sum, half) => sum + half.pages, 0),
      totalPages: totals.every((total) => total !== undefined)
        ? totals.reduce((sum: number, total) => sum + (total ?? 0), 0)
        : undefined,
    });
  };
  const lists = await Promise.all(
    HALVES.map((filter, half) =>
      paginate(`/api/v1/accounts/${accountId}/account_calendars`, {
        schema: AccountCalendar,
        params: { filter },
        concurrency: CONCURRENCY_PER_LIST,
        signal,
        onPage: (_items, pageProgress) => {
          const state = progress[half] as (typeof progress)[number];
          state.items = pageProgress.loadedItems;
          state.pages = pageProgress.loadedPages;
          state.total = pageProgress.totalPages;
          report();
        },
      }),
    ),
  );
  const byId = new Map<number, AccountCalendar>();
  for (const list of lists)
    for (const calendar of list) if (!byId.has(calendar.id)) byId.set(calendar.id, calendar);
  return [...byId.values()];
}

export function accountCalendarsQueryOptions(
  accountId: number,
  onProgress?: (progress: CalendarLoadProgress) => void,
) {
  return queryOptions({
    queryKey: calendarKeys.list(accountId),
    queryFn: ({ signal }) => fetchAccountCalendars(accountId, { signal, onProgress }),
    staleTime: LIST_STALE_MS,
    gcTime: LIST_CACHE_MS,
  });
}

/** The calendars of an account's subtree, with the progress of the load for a progress bar. */
export function useAccountCalendars(accountId: number) {
  const [progress, setProgress] = useState<CalendarLoadProgress | null>(null);
  const onProgress = useCallback((next: CalendarLoadProgress) => setProgress(next), []);
  const query = useQuery(accountCalendarsQueryOptions(accountId, onProgress));
  return { ...query, progress };
}
