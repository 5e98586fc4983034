import { queryOptions, useQuery } from '@tanstack/react-query';
import { paginate } from '../../../api/paginate.ts';
import { Account } from '../../../api/schemas/account.ts';
import { accountKeys } from './keys.ts';

/** GET /api/v1/accounts/:id/sub_accounts: direct children with their own counts, every page, by name. */
export function fetchSubAccounts(parentId: number, signal?: AbortSignal): Promise<Account[]> {
  return paginate(`/api/v1/accounts/${parentId}/sub_accounts`, {
    schema: Account,
    params: { include: ['course_count', 'sub_account_count'], order: 'name' },
    signal,
  });
}

export function subAccountsQueryOptions(parentId: number) {
  return queryOptions({
    queryKey: accountKeys.subAccounts(parentId),
    queryFn: ({ signal }) => fetchSubAccounts(parentId, signal),
  });
}

export function useSubAccounts(parentId: number) {
  return useQuery(subAccountsQueryOptions(parentId));
}
