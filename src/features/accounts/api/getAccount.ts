import { queryOptions, useQuery } from '@tanstack/react-query';
import { canvasFetch } from '../../../api/http.ts';
import { Account } from '../../../api/schemas/account.ts';
import { accountKeys } from './keys.ts';

/**
 * GET /api/v1/accounts/:id with its counts. This endpoint reads `includes[]`, not `include[]`.
 * `id` may also be a Canvas id form such as 'self' (the root account).
 */
export function fetchAccount(id: number | string, signal?: AbortSignal): Promise<Account> {
  return canvasFetch(`/api/v1/accounts/${id}`, {
    schema: Account,
    params: { includes: ['course_count', 'sub_account_count'] },
    signal,
  });
}

export function accountQueryOptions(id: number | string) {
  return queryOptions({
    queryKey: accountKeys.detail(id),
    queryFn: ({ signal }) => fetchAccount(id, signal),
  });
}

export function useAccount(id: number | string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...accountQueryOptions(id), enabled });
}
