// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query';
import { render, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { configureCanvasClient } from '../../../api/http.ts';
import { createFetchStub, createTestQueryClient } from '../../../test/test-utils.tsx';
import { useSubAccountTrees } from './getSubAccountTree.ts';

// Stable between renders, as the accounts page's root ids are.
const ROOT_IDS = [1];
const PER_PAGE = 10;
const FULL_PAGES = 40;
const TOTAL = FULL_PAGES * PER_PAGE + 5;
const RESPONSE_DELAY_MS = 3;

function subAccount(id: number) {
  return {
    id,
    name: `Account ${id}`,
    uuid: `u${id}`,
    parent_account_id: 1,
    root_account_id: 1,
    workflow_state: 'active',
    default_time_zone: 'America/Denver',
  };
}

/** A recursive sub-accounts list without rel="last", as Canvas sends it, ending on a short page. */
function stubSubAccountPages(): typeof fetch {
  const stub = createFetchStub(({ url }) => {
    if (url.pathname !== '/api/v1/accounts/1/sub_accounts') return undefined;
    const page = Number(url.searchParams.get('page') ?? '1');
    const size = page <= FULL_PAGES ? PER_PAGE : page === FULL_PAGES + 1 ? 5 : 0;
    const first = (page - 1) * PER_PAGE + 2;
    const body = Array.from({ length: size }, (_, index) => subAccount(first + index));
    const next = new URL(url);
    next.searchParams.set('page', String(page + 1));
    next.searchParams.set('per_page', String(PER_PAGE));
    return { body, link: size === PER_PAGE ? `<${next.href}>; rel="next"` : undefined };
  });
  // Pages a few milliseconds apart, each in its own task, as responses arrive from a network.
  return async (input, init) => {
    await new Promise((resolve) => setTimeout(resolve, RESPONSE_DELAY_MS));
    return stub.fetch(input, init);
  };
}

/** Hands every render's result to `onRender`. */
function Probe({ onRender }: { onRender: (trees: ReturnType<typeof useSubAccountTrees>) => void }) {
  onRender(useSubAccountTrees(ROOT_IDS, true));
  return null;
}

describe('useSubAccountTrees', () => {
  it('shows the loading progress a few times, not once per page, and ends on the full count', async () => {
    configureCanvasClient({ baseUrl: 'http://localhost', fetch: stubSubAccountPages() });
    const shownCounts: number[] = [];
    let loadedList: number | undefined;
    const startedAt = performance.now();
    render(
      <QueryClientProvider client={createTestQueryClient()}>
        <Probe
          onRender={(trees) => {
            shownCounts.push(trees.loadedAccounts);
            loadedList = trees.listsByRoot.get(1)?.length;
          }}
        />
      </QueryClientProvider>,
    );

    await waitFor(() => expect(loadedList).toBe(TOTAL));
    const loadMs = performance.now() - startedAt;
    await waitFor(() => expect(shownCounts.at(-1)).toBe(TOTAL));
    const distinctCounts = new Set(shownCounts.filter((count) => count > 0));
    // At most four counts a second, plus the first and the final one; unthrottled, each of the 41
    // pages would show its own (a loaded machine stretches the load, so the bound follows it).
    expect(distinctCounts.size).toBeLessThanOrEqual(Math.ceil(loadMs / 250) + 2);
    expect(distinctCounts.size).toBeLessThan(FULL_PAGES / 4);
  });
});
