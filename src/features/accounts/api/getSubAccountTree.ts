import { queryOptions, useQueries } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { paginate } from '../../../api/paginate.ts';
import { Account } from '../../../api/schemas/account.ts';
import { accountKeys } from './keys.ts';

// Loading 10,000 accounts takes a hundred requests; keep the result around while the admin works.
const SUBTREE_CACHE_MS = 30 * 60_000;
// Each progress update re-renders the accounts page; a hundred pages would re-render it a hundred
// times during Expand all. A count that moves four times a second reads just as well.
const PROGRESS_INTERVAL_MS = 250;

/**
 * GET /api/v1/accounts/:id/sub_accounts?recursive=true: every active descendant, all pages.
 * Canvas gives no total here, so progress is reported as a running count. Counts are asked for
 * too; where the server leaves them out, the tree derives sub-account counts from the list itself.
 */
export function fetchSubAccountTree(
  rootId: number,
  { signal, onProgress }: { signal?: AbortSignal; onProgress?: (loadedAccounts: number) => void } = {},
): Promise<Account[]> {
  return paginate(`/api/v1/accounts/${rootId}/sub_accounts`, {
    schema: Account,
    params: { recursive: true, include: ['course_count', 'sub_account_count'] },
    signal,
    onPage: (_items, progress) => onProgress?.(progress.loadedItems),
  });
}

export function subAccountTreeQueryOptions(rootId: number, onProgress?: (loadedAccounts: number) => void) {
  return queryOptions({
    queryKey: accountKeys.subAccountTree(rootId),
    queryFn: ({ signal }) => fetchSubAccountTree(rootId, { signal, onProgress }),
    staleTime: SUBTREE_CACHE_MS,
    gcTime: SUBTREE_CACHE_MS,
  });
}

export interface SubAccountTrees {
  /** Loaded subtrees by root id; a stable object between renders while no query changes. */
  listsByRoot: ReadonlyMap<number, Account[]>;
  isFetching: boolean;
  error: Error | null;
}

function combineSubAccountTrees(
  rootIds: readonly number[],
  results: readonly { data?: Account[]; isFetching: boolean; error: Error | null }[],
): SubAccountTrees {
  const listsByRoot = new Map<number, Account[]>();
  rootIds.forEach((rootId, position) => {
    const data = results[position]?.data;
    if (data) listsByRoot.set(rootId, data);
  });
  return {
    listsByRoot,
    isFetching: results.some((result) => result.isFetching),
    error: results.find((result) => result.error)?.error ?? null,
  };
}

/**
 * Accounts loaded so far by root id, and the callback the loads report to. The first report shows at
 * once; later ones are gathered and shown together at most every PROGRESS_INTERVAL_MS.
 */
function useThrottledProgress(): [ReadonlyMap<number, number>, (rootId: number, loaded: number) => void] {
  const [progressByRoot, setProgressByRoot] = useState<ReadonlyMap<number, number>>(new Map());
  const unshown = useRef(new Map<number, number>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastShownAt = useRef(Number.NEGATIVE_INFINITY);

  const show = useCallback(() => {
    timer.current = undefined;
    lastShownAt.current = performance.now();
    const updates = unshown.current;
    unshown.current = new Map();
    setProgressByRoot((previous) => new Map([...previous, ...updates]));
  }, []);
  const report = useCallback(
    (rootId: number, loaded: number) => {
      unshown.current.set(rootId, loaded);
      if (timer.current !== undefined) return;
      const wait = Math.max(0, lastShownAt.current + PROGRESS_INTERVAL_MS - performance.now());
      timer.current = setTimeout(show, wait);
    },
    [show],
  );
  useEffect(() => () => clearTimeout(timer.current), []);
  return [progressByRoot, report];
}

/**
 * The whole subtree under each of `rootIds`, fetched only when `enabled` (expand all, or a search
 * that must look beyond the loaded nodes). `loadedAccounts` counts accounts received so far across
 * the loads, for a progress line.
 */
export function useSubAccountTrees(rootIds: readonly number[], enabled: boolean) {
  const [progressByRoot, reportProgress] = useThrottledProgress();
  // Stable while rootIds is, so react-query re-runs it only when a query result changes.
  const combine = useCallback(
    (results: { data?: Account[]; isFetching: boolean; error: Error | null }[]) =>
      combineSubAccountTrees(rootIds, results),
    [rootIds],
  );
  const trees = useQueries({
    queries: rootIds.map((rootId) => ({
      ...subAccountTreeQueryOptions(rootId, (loaded) => reportProgress(rootId, loaded)),
      enabled,
    })),
    combine,
  });
  const loadedAccounts = [...progressByRoot.values()].reduce((sum, count) => sum + count, 0);
  return { ...trees, loadedAccounts };
}
