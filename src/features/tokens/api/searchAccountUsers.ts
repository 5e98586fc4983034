import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchPage } from '../../../api/paginate.ts';
import { User } from '../../../api/schemas/user.ts';
import { tokenKeys } from './keys.ts';

/** Canvas refuses shorter search terms with a 400 (`SearchTermHelper`). */
export const USER_SEARCH_MIN_LENGTH = 2;
const USER_SEARCH_RESULTS = 20;

/**
 * GET /api/v1/accounts/:account_id/users?search_term=: the first matches among the account's users,
 * by name, login id or SIS id (login and SIS matching follow the caller's rights, as in Canvas).
 */
export async function searchAccountUsers(accountId: number, searchTerm: string, signal?: AbortSignal) {
  const page = await fetchPage(`/api/v1/accounts/${accountId}/users`, {
    schema: User,
    params: { search_term: searchTerm },
    perPage: USER_SEARCH_RESULTS,
    signal,
  });
  return page.items;
}

export function accountUserSearchQueryOptions(accountId: number, searchTerm: string) {
  return queryOptions({
    queryKey: tokenKeys.userSearch(accountId, searchTerm),
    queryFn: ({ signal }) => searchAccountUsers(accountId, searchTerm, signal),
    // The previous matches stay listed while the next term loads, so the list does not flicker.
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useAccountUserSearch(accountId: number | undefined, searchTerm: string) {
  const term = searchTerm.trim();
  return useQuery({
    ...accountUserSearchQueryOptions(accountId ?? 0, term),
    enabled: accountId !== undefined && term.length >= USER_SEARCH_MIN_LENGTH,
  });
}
