import { useQueries } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { Account } from '../../../../api/schemas/account.ts';
import { useAdministeredAccounts } from '../../../../lib/administeredAccounts.ts';
import { subAccountsQueryOptions } from '../../api/getSubAccounts.ts';
import { useSubAccountTrees } from '../../api/getSubAccountTree.ts';
import { type AccountTreeIndex, buildAccountTreeIndex } from './treeModel.ts';

const NO_ACCOUNTS: Account[] = [];

export interface AccountTreeDataOptions {
  /** Expanded accounts: their children are fetched unless a loaded subtree already holds them. */
  expandedIds: ReadonlySet<number>;
  /** Load every root's whole subtree (expand all, or a search beyond the loaded nodes). */
  loadSubtrees: boolean;
  /** Parents whose child lists are wanted only for their counts (rows that came from a subtree without counts). */
  countParentIds: ReadonlySet<number>;
}

interface ChildListsResult {
  lists: ReadonlyMap<number, Account[]>;
  errors: ReadonlyMap<number, Error>;
}

/** Everything the account tree shows, merged from GET /accounts, child lists and recursive subtrees. */
export function useAccountTreeData({ expandedIds, loadSubtrees, countParentIds }: AccountTreeDataOptions) {
  const administered = useAdministeredAccounts();
  const roots = administered.data ?? NO_ACCOUNTS;
  const rootIds = useMemo(() => roots.map((account) => account.id), [roots]);
  const subtrees = useSubAccountTrees(rootIds, loadSubtrees);

  const idsInSubtrees = useMemo(() => {
    const ids = new Set<number>();
    for (const [rootId, list] of subtrees.listsByRoot) {
      ids.add(rootId);
      for (const account of list) ids.add(account.id);
    }
    return ids;
  }, [subtrees.listsByRoot]);

  const childListIds = useMemo(() => {
    const ids = new Set<number>(countParentIds);
    for (const id of expandedIds) if (!idsInSubtrees.has(id)) ids.add(id);
    return [...ids].sort((a, b) => a - b);
  }, [expandedIds, idsInSubtrees, countParentIds]);

  const combineChildLists = useCallback(
    (results: { data?: Account[]; error: Error | null }[]): ChildListsResult => {
      const lists = new Map<number, Account[]>();
      const errors = new Map<number, Error>();
      childListIds.forEach((id, position) => {
        const result = results[position];
        if (result?.data) lists.set(id, result.data);
        else if (result?.error) errors.set(id, result.error);
      });
      return { lists, errors };
    },
    [childListIds],
  );
  const childLists = useQueries({
    queries: childListIds.map((id) => subAccountsQueryOptions(id)),
    combine: combineChildLists,
  });

  const index: AccountTreeIndex = useMemo(
    () => buildAccountTreeIndex({ roots, childLists: childLists.lists, subtreeLists: subtrees.listsByRoot }),
    [roots, childLists.lists, subtrees.listsByRoot],
  );

  return {
    administered,
    rootIds,
    index,
    childListErrors: childLists.errors,
    subtrees,
    /** Every root's subtree is loaded: search and expand-all see the whole tree. */
    allSubtreesLoaded: rootIds.length > 0 && rootIds.every((id) => subtrees.listsByRoot.has(id)),
  };
}
