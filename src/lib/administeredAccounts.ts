import { queryOptions, useQuery } from '@tanstack/react-query';
import * as z from 'zod';
import { paginate } from '../api/paginate.ts';
import { Account } from '../api/schemas/account.ts';

/**
 * One cache entry for GET /api/v1/accounts shared by every page, so switching pages doesn't
 * refetch it and a rename on the accounts page shows everywhere.
 */
export const administeredAccountsKey = ['administered-accounts'] as const;

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
    queryKey: administeredAccountsKey,
    queryFn: ({ signal }) => fetchAdministeredAccounts(signal),
  });
}

export function useAdministeredAccounts() {
  return useQuery(administeredAccountsQueryOptions());
}

/** The account a page opens on: the first root the user administers, else the first account. */
export function defaultManagedAccount<T extends Pick<Account, 'parent_account_id'>>(
  accounts: readonly T[],
): T | undefined {
  return accounts.find((account) => account.parent_account_id === null) ?? accounts[0];
}

/** What an account picker needs of an account. */
export const AccountSummary = z.object({
  id: Account.shape.id,
  name: Account.shape.name,
  parent_account_id: Account.shape.parent_account_id,
});
export type AccountSummary = z.output<typeof AccountSummary>;

/** GET /api/v1/accounts/:id/sub_accounts?recursive=true: every descendant of an administered account. */
export function fetchAllSubAccounts(rootId: number, signal?: AbortSignal): Promise<AccountSummary[]> {
  return paginate(`/api/v1/accounts/${rootId}/sub_accounts`, {
    schema: AccountSummary,
    params: { recursive: true },
    signal,
  });
}

/** Sub-accounts are many on a big tenant, so they load only once a picker asks for them. */
export function useAllSubAccounts(rootIds: readonly number[], enabled: boolean) {
  return useQuery({
    queryKey: ['sub-accounts-below', [...rootIds]] as const,
    queryFn: async ({ signal }) =>
      (await Promise.all(rootIds.map((rootId) => fetchAllSubAccounts(rootId, signal)))).flat(),
    enabled: enabled && rootIds.length > 0,
    staleTime: 5 * 60_000,
  });
}
