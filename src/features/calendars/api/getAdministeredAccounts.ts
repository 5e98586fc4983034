import { queryOptions, useQuery } from '@tanstack/react-query';
import * as z from 'zod';
import { paginate } from '../../../api/paginate.ts';
import { Account } from '../../../api/schemas/account.ts';
import { calendarKeys } from './keys.ts';

/** What the picker needs of an administered account. */
export const AdministeredAccount = z.object({
  id: Account.shape.id,
  name: Account.shape.name,
  parent_account_id: Account.shape.parent_account_id,
});
export type AdministeredAccount = z.output<typeof AdministeredAccount>;

/** GET /api/v1/accounts: the accounts the user administers; `[]` for teachers and students. */
export function fetchAdministeredAccounts(signal?: AbortSignal): Promise<AdministeredAccount[]> {
  return paginate('/api/v1/accounts', { schema: AdministeredAccount, signal });
}

export function administeredAccountsQueryOptions() {
  return queryOptions({
    queryKey: calendarKeys.administeredAccounts(),
    queryFn: ({ signal }) => fetchAdministeredAccounts(signal),
  });
}

export function useAdministeredAccounts() {
  return useQuery(administeredAccountsQueryOptions());
}

/** The account the page opens on: the first root the user administers, else the first account. */
export function defaultManagedAccount(
  accounts: readonly AdministeredAccount[],
): AdministeredAccount | undefined {
  return accounts.find((account) => account.parent_account_id === null) ?? accounts[0];
}
