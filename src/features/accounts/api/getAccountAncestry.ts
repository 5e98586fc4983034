import { type QueryClient, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Account } from '../../../api/schemas/account.ts';
import { isCanvasErrorKind } from '../../../lib/canvasErrors.ts';
import { accountQueryOptions } from './getAccount.ts';
import { accountKeys } from './keys.ts';

/**
 * The account and its ancestors, root first, by walking `parent_account_id` with GET /accounts/:id
 * (Canvas has no ancestry endpoint). The walk stops below the first ancestor the user may not read:
 * a sub-account admin sees their own account at the top.
 */
export async function fetchAccountAncestry(queryClient: QueryClient, accountId: number): Promise<Account[]> {
  let current = await queryClient.fetchQuery(accountQueryOptions(accountId));
  const chain = [current];
  while (current.parent_account_id !== null) {
    try {
      current = await queryClient.fetchQuery(accountQueryOptions(current.parent_account_id));
    } catch (error) {
      if (isCanvasErrorKind(error, 'unauthorized', 'not_found')) break;
      throw error;
    }
    chain.unshift(current);
  }
  return chain;
}

export function accountAncestryQueryOptions(queryClient: QueryClient, accountId: number) {
  return queryOptions({
    queryKey: accountKeys.ancestry(accountId),
    queryFn: () => fetchAccountAncestry(queryClient, accountId),
  });
}

export function useAccountAncestry(accountId: number | null, { enabled = true }: { enabled?: boolean } = {}) {
  const queryClient = useQueryClient();
  return useQuery({
    ...accountAncestryQueryOptions(queryClient, accountId ?? 0),
    enabled: enabled && accountId !== null,
  });
}
