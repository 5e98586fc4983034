import { queryOptions, useQuery } from '@tanstack/react-query';
import * as z from 'zod';
import { canvasFetch } from '../../../api/http.ts';
import { paginate } from '../../../api/paginate.ts';
import { Account } from '../../../api/schemas/account.ts';
import { calendarKeys } from './keys.ts';

// Only what the editor shows: parsing 10,000 full account objects into memory would be wasted.
const AccountSisId = z.object({ id: Account.shape.id, sis_account_id: Account.shape.sis_account_id });
export type AccountSisId = z.output<typeof AccountSisId>;

const SUBTREE_CACHE_MS = 5 * 60_000;
// This list loads beside the two calendar lists (three pages at a time each) and has as many pages
// as both together. A browser runs six requests per host and queues the rest, so asking for four
// here gives it about half of the slots: all three lists end together, where two left the SIS ids
// trailing the calendars by seconds on a 10,000-account subtree.
const CONCURRENCY = 4;

/**
 * SIS ids of an account and every descendant: GET /accounts/:id (the account itself) and
 * GET /accounts/:id/sub_accounts?recursive=true, loaded side by side. Calendars carry no SIS id.
 */
export async function fetchAccountSisIds(accountId: number, signal?: AbortSignal): Promise<AccountSisId[]> {
  const [account, descendants] = await Promise.all([
    canvasFetch(`/api/v1/accounts/${accountId}`, { schema: AccountSisId, signal }),
    paginate(`/api/v1/accounts/${accountId}/sub_accounts`, {
      schema: AccountSisId,
      params: { recursive: true },
      concurrency: CONCURRENCY,
      signal,
    }),
  ]);
  return [account, ...descendants];
}

export function accountSisIdsQueryOptions(accountId: number) {
  return queryOptions({
    queryKey: calendarKeys.sisIds(accountId),
    queryFn: ({ signal }) => fetchAccountSisIds(accountId, signal),
    staleTime: SUBTREE_CACHE_MS,
  });
}

export function useAccountSisIds(accountId: number) {
  return useQuery(accountSisIdsQueryOptions(accountId));
}
