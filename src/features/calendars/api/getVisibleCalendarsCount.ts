import { queryOptions, useQuery } from '@tanstack/react-query';
import { canvasFetch } from '../../../api/http.ts';
import { VisibleCalendarsCount } from '../../../api/schemas/accountCalendar.ts';
import { calendarKeys } from './keys.ts';

/** GET /api/v1/accounts/:id/visible_calendars_count: visible calendars in the account's whole subtree. */
export async function fetchVisibleCalendarsCount(accountId: number, signal?: AbortSignal): Promise<number> {
  const { count } = await canvasFetch(`/api/v1/accounts/${accountId}/visible_calendars_count`, {
    schema: VisibleCalendarsCount,
    signal,
  });
  return count;
}

export function visibleCalendarsCountQueryOptions(accountId: number) {
  return queryOptions({
    queryKey: calendarKeys.visibleCount(accountId),
    queryFn: ({ signal }) => fetchVisibleCalendarsCount(accountId, signal),
  });
}

export function useVisibleCalendarsCount(accountId: number) {
  return useQuery(visibleCalendarsCountQueryOptions(accountId));
}
