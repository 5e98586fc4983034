import { queryOptions, useQuery } from '@tanstack/react-query';
import { paginate } from '../../../api/paginate.ts';
import { Account } from '../../../api/schemas/account.ts';
import { tokenKeys } from './keys.ts';

/** GET /api/v1/accounts: the accounts the caller administers (`[]` for teachers and students). */
export function fetchAdministeredAccounts(signal?: AbortSignal): Promise<Account[]> {
  return paginate('/api/v1/accounts', { schema: Account, signal });
}

export function administeredAccountsQueryOptions() {
  return queryOptions({
    queryKey: tokenKeys.administeredAccounts(),
    queryFn: ({ signal }) => fetchAdministeredAccounts(signal),
    staleTime: 5 * 60_000,
  });
}

export function useAdministeredAccounts() {
  return useQuery(administeredAccountsQueryOptions());
}
