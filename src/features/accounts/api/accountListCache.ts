import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { Account } from '../../../api/schemas/account.ts';
import { administeredAccountsKey } from '../../../lib/administeredAccounts.ts';
import { accountKeys } from './keys.ts';

function updateLists(
  queryClient: QueryClient,
  queryKey: QueryKey,
  update: (list: Account[], key: QueryKey) => Account[],
): void {
  for (const [key, list] of queryClient.getQueriesData<Account[]>({ queryKey })) {
    if (list) queryClient.setQueryData(key, update(list, key));
  }
}

/**
 * The loaded subtrees can hold 10,000 accounts; refetching them after every edit would cost a hundred
 * requests, so mutations patch them in place. The short child lists are refetched instead (they
 * carry counts and Canvas's name order).
 */
export function addAccountToSubtrees(queryClient: QueryClient, account: Account): void {
  updateLists(queryClient, accountKeys.subAccountTrees(), (list, key) => {
    const rootId = key[key.length - 1];
    const belongs =
      account.parent_account_id === rootId || list.some((item) => item.id === account.parent_account_id);
    return belongs ? [...list, { ...account, course_count: 0, sub_account_count: 0 }] : list;
  });
}

/** Writes a changed account into every cached list holding it, keeping counts the update response lacks. */
export function replaceAccountInLists(queryClient: QueryClient, account: Account): void {
  const replace = (list: Account[]) =>
    list.some((item) => item.id === account.id)
      ? list.map((item) => (item.id === account.id ? { ...item, ...account } : item))
      : list;
  updateLists(queryClient, accountKeys.subAccountTrees(), replace);
  updateLists(queryClient, accountKeys.subAccountLists(), replace);
  updateLists(queryClient, administeredAccountsKey, replace);
}

export function removeAccountFromLists(queryClient: QueryClient, accountId: number): void {
  const remove = (list: Account[]) =>
    list.some((item) => item.id === accountId) ? list.filter((item) => item.id !== accountId) : list;
  updateLists(queryClient, accountKeys.subAccountTrees(), remove);
  updateLists(queryClient, accountKeys.subAccountLists(), remove);
}
