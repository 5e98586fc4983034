import { queryOptions, useQuery } from '@tanstack/react-query';
import { paginate } from '../../../api/paginate.ts';
import { Account } from '../../../api/schemas/account.ts';
import { accountKeys } from './keys.ts';

/** GET /api/v1/accounts: the accounts the user administers, with counts; `[]` for teachers and students. */
export function fetchAdministeredAccounts(signal?: AbortSignal): Promise<Account[]> {
  return paginate('/api/v1/accounts', {
    schema: Account,
    params: { include: ['course_count', 'sub_account_count'] },
    signal,
  });
}

export function administeredAccountsQueryOptions() {
  return queryOptions({
    queryKey: accountKeys.administered(),
    queryFn: ({ signal }) => fetchAdministeredAccounts(signal),
  });
}

export function useAdministeredAccounts() {
  return useQuery(administeredAccountsQueryOptions());
}
