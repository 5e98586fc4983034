import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import type { PaginateProgress } from './collectPages.ts';
import { CanvasApiError } from './errors.ts';
import { CanvasClient, configureCanvasClient } from './http.ts';
import { fetchPage, paginate, paginateSequentially } from './paginate.ts';

const HOST = 'https://canvas.test';
const Item = z.looseObject({ id: z.number(), name: z.string() });
type Item = z.output<typeof Item>;

function makeItems(count: number, start = 1): Item[] {
  return Array.from({ length: count }, (_, index) => ({ id: start + index, name: `Item ${start + index}` }));
}

interface FakeListOptions {
  /** `ordinal` pages 1..n, or Canvas's `bookmark` pages. */
  mode?: 'ordinal' | 'bookmark';
  /** Send rel="last" (ordinal only). */
  withLast?: boolean;
  /** Server-side clamp of per_page. */
  maxPerPage?: number;
  /** Emit host-relative links, like the token list. */
  relativeLinks?: boolean;
  /** A naive server that claims a next page whenever the page is full. */
  nextWhenFull?: boolean;
  /** Milliseconds before answering a page; varies to make pages arrive out of order. */
  delayFor?: (page: number) => number;
  /** Replace the answer for a page. */
  override?: (page: number) => Response | undefined;
  /** Called before serving each page; may mutate the data set. */
  beforeServe?: (page: number, items: Item[]) => void;
}

/** A stand-in for a Canvas list endpoint that honours page/per_page and writes Link headers. */
function fakeCanvasList(items: Item[], options: FakeListOptions = {}) {
  const path = '/api/v1/accounts/1/courses';
  const stats = { inFlight: 0, maxInFlight: 0, requestedUrls: [] as string[], aborted: 0 };

  const wait = (ms: number, signal: AbortSignal | null | undefined) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        stats.aborted += 1;
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });

  const fetchStub = vi.fn(async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    stats.requestedUrls.push(`${url.pathname}${url.search}`);
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    try {
      const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 10), options.maxPerPage ?? 100);
      const pageParam = url.searchParams.get('page');
      const page = pageNumberOf(pageParam);
      await wait(options.delayFor?.(page ?? 1) ?? 0, init?.signal);
      if (page === undefined) {
        return new Response(
          JSON.stringify({ status: 'bad_request', errors: [{ page: 'restart and follow next' }] }),
          {
            status: 400,
          },
        );
      }
      const overridden = options.override?.(page);
      if (overridden) return overridden;
      options.beforeServe?.(page, items);
      const offset = (page - 1) * perPage;
      const slice = items.slice(offset, offset + perPage);
      const hasNext = options.nextWhenFull ? slice.length === perPage : offset + perPage < items.length;
      const lastPage = Math.max(1, Math.ceil(items.length / perPage));
      const rels: Array<[string, string]> = [['current', pageValue(page)]];
      if (hasNext) rels.push(['next', pageValue(page + 1)]);
      if (page > 1) rels.push(['prev', pageValue(page - 1)]);
      rels.push(['first', pageValue(1)]);
      if (options.withLast && options.mode !== 'bookmark') rels.push(['last', pageValue(lastPage)]);
      const origin = options.relativeLinks ? '' : HOST;
      const link = rels
        .map(
          ([rel, value]) =>
            `<${origin}${path}?include%5B%5D=term&page=${value}&per_page=${perPage}>; rel="${rel}"`,
        )
        .join(',');
      return new Response(JSON.stringify(slice), {
        headers: { 'Content-Type': 'application/json; charset=utf-8', Link: link },
      });
    } finally {
      stats.inFlight -= 1;
    }
  });

  function pageValue(page: number): string {
    if (options.mode !== 'bookmark') return String(page);
    return page === 1 ? 'first' : `bookmark:${btoa(JSON.stringify([page]))}`;
  }

  function pageNumberOf(value: string | null): number | undefined {
    if (options.mode === 'bookmark') {
      if (value === null || value === 'first') return 1;
      if (!value.startsWith('bookmark:')) return undefined;
      return (JSON.parse(atob(value.slice('bookmark:'.length))) as number[])[0];
    }
    return value === null ? 1 : Number(value);
  }

  const client = new CanvasClient({ baseUrl: HOST, fetch: fetchStub, sleep: async () => {} });
  return { client, fetchStub, stats, path };
}

function pagesRequested(stats: { requestedUrls: string[] }): string[] {
  return stats.requestedUrls.map((url) => new URL(url, HOST).searchParams.get('page') ?? '(none)');
}

describe('paginate with rel="last"', () => {
  it('fetches the remaining pages concurrently, at most 4 in flight, keeping page order', async () => {
    const items = makeItems(950);
    // Later pages answer sooner, so they arrive out of order.
    const { client, stats, path } = fakeCanvasList(items, {
      withLast: true,
      delayFor: (page) => 30 - page * 2,
    });
    const progress: PaginateProgress[] = [];
    const pageFirstIds: number[] = [];
    const result = await client.paginate(path, {
      schema: Item,
      params: { include: ['term'] },
      onPage: (pageItems, p) => {
        progress.push(p);
        pageFirstIds.push(pageItems[0]?.id ?? -1);
      },
    });
    expect(result).toEqual(items);
    expect(stats.maxInFlight).toBe(4);
    expect(stats.requestedUrls).toHaveLength(10);
    expect(stats.requestedUrls[0]).toBe('/api/v1/accounts/1/courses?include[]=term&per_page=100');
    expect(new Set(pagesRequested(stats))).toEqual(
      new Set(['(none)', '2', '3', '4', '5', '6', '7', '8', '9', '10']),
    );
    expect(pageFirstIds).toEqual([1, 101, 201, 301, 401, 501, 601, 701, 801, 901]);
    expect(progress.map((p) => p.loadedPages)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(progress.at(-1)).toEqual({ loadedItems: 950, loadedPages: 10, totalPages: 10 });
    expect(progress.every((p) => p.totalPages === 10)).toBe(true);
  });

  it('respects a lower concurrency', async () => {
    const { client, stats, path } = fakeCanvasList(makeItems(500), { withLast: true, delayFor: () => 5 });
    await client.paginate(path, { schema: Item, concurrency: 2 });
    expect(stats.maxInFlight).toBe(2);
  });

  it('makes one request when everything fits on page 1', async () => {
    const items = makeItems(30);
    const { client, stats, path } = fakeCanvasList(items, { withLast: true });
    const progress: PaginateProgress[] = [];
    expect(await client.paginate(path, { schema: Item, onPage: (_i, p) => progress.push(p) })).toEqual(items);
    expect(stats.requestedUrls).toHaveLength(1);
    expect(progress).toEqual([{ loadedItems: 30, loadedPages: 1, totalPages: 1 }]);
  });

  it('drops items that reappear when data shifts between pages', async () => {
    const items = makeItems(250);
    let inserted = false;
    const { client, path } = fakeCanvasList(items, {
      withLast: true,
      // A record created after page 1 was served pushes every later row one place down.
      beforeServe: (page, data) => {
        if (page > 1 && !inserted) {
          inserted = true;
          data.unshift({ id: 9999, name: 'New' });
        }
      },
    });
    const result = await client.paginate(path, { schema: Item, concurrency: 1 });
    const ids = result.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(makeItems(250).map((item) => item.id));
  });
});

describe('paginate without rel="last"', () => {
  it('fetches ahead speculatively and stops at the short final page', async () => {
    const items = makeItems(950);
    const { client, stats, path } = fakeCanvasList(items, { delayFor: (page) => 20 - page });
    const progress: PaginateProgress[] = [];
    const result = await client.paginate(path, { schema: Item, onPage: (_i, p) => progress.push(p) });
    expect(result).toEqual(items);
    expect(stats.maxInFlight).toBe(4);
    // Never more than a window beyond the end.
    expect(stats.requestedUrls.length).toBeGreaterThanOrEqual(10);
    expect(stats.requestedUrls.length).toBeLessThanOrEqual(13);
    expect(progress.map((p) => p.loadedPages)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(progress.at(-1)).toEqual({ loadedItems: 950, loadedPages: 10, totalPages: 10 });
  });

  it('aborts and discards requests beyond the end', async () => {
    const items = makeItems(250);
    // Pages past the end are slow, so they are still in flight when page 3 closes the list.
    const { client, stats, path } = fakeCanvasList(items, { delayFor: (page) => (page > 3 ? 200 : 5) });
    const result = await client.paginate(path, { schema: Item });
    expect(result).toEqual(items);
    expect(stats.aborted).toBeGreaterThan(0);
  });

  it('stops at an empty page when the server claims a next page for every full one', async () => {
    const items = makeItems(400);
    const { client, path } = fakeCanvasList(items, { nextWhenFull: true });
    const pages: number[] = [];
    const result = await client.paginate(path, { schema: Item, onPage: (i) => pages.push(i.length) });
    expect(result).toEqual(items);
    expect(pages).toEqual([100, 100, 100, 100, 0]);
  });

  it('treats a short page as the end even when it still links a next page', async () => {
    const items = makeItems(1000);
    const { client, path } = fakeCanvasList(items, {
      override: (page) =>
        page === 2
          ? new Response(JSON.stringify(items.slice(100, 140)), {
              headers: { Link: `<${HOST}${path}?page=3&per_page=100>; rel="next"` },
            })
          : undefined,
    });
    expect(await client.paginate(path, { schema: Item })).toEqual(items.slice(0, 140));
  });

  it('judges short pages by the page size Canvas actually used', async () => {
    const items = makeItems(230);
    const { client, path } = fakeCanvasList(items, { maxPerPage: 50 });
    expect(await client.paginate(path, { schema: Item, perPage: 100 })).toEqual(items);
  });

  it('ignores failures of pages beyond the end', async () => {
    const items = makeItems(150);
    const { client, path } = fakeCanvasList(items, {
      delayFor: (page) => (page === 2 ? 20 : 0),
      override: (page) =>
        page > 2 ? new Response('{"errors":[{"message":"boom"}]}', { status: 500 }) : undefined,
    });
    expect(await client.paginate(path, { schema: Item })).toEqual(items);
  });

  it('fails with the error of a page inside the list', async () => {
    const { client, path } = fakeCanvasList(makeItems(500), {
      override: (page) =>
        page === 3
          ? new Response('{"errors":[{"message":"An error occurred."}]}', { status: 500 })
          : undefined,
    });
    await expect(client.paginate(path, { schema: Item })).rejects.toMatchObject({
      kind: 'server',
      message: 'An error occurred.',
    });
  });
});

describe('paginate over bookmark pages', () => {
  it('follows next links one at a time, copying them as given', async () => {
    const items = makeItems(35);
    const { client, stats } = fakeCanvasList(items, {
      mode: 'bookmark',
      relativeLinks: true,
      delayFor: () => 2,
    });
    const result = await client.paginate('users/self/user_generated_tokens', { schema: Item, perPage: 10 });
    expect(result).toEqual(items);
    expect(stats.maxInFlight).toBe(1);
    expect(pagesRequested(stats)).toEqual([
      '(none)',
      `bookmark:${btoa('[2]')}`,
      `bookmark:${btoa('[3]')}`,
      `bookmark:${btoa('[4]')}`,
    ]);
    // The relative links were resolved against the request host and kept their encoding.
    expect(stats.requestedUrls[1]).toBe(
      `/api/v1/accounts/1/courses?include%5B%5D=term&page=bookmark:${btoa('[2]')}&per_page=10`,
    );
  });
});

describe('paginate options', () => {
  it('applies select to wrapped lists', async () => {
    const terms = makeItems(3);
    const client = new CanvasClient({
      baseUrl: HOST,
      fetch: async () => new Response(JSON.stringify({ enrollment_terms: terms })),
    });
    const result = await client.paginate('accounts/1/terms', {
      schema: Item,
      select: (body) => (body as { enrollment_terms: unknown }).enrollment_terms,
    });
    expect(result).toEqual(terms);
  });

  it('validates every item', async () => {
    const client = new CanvasClient({
      baseUrl: HOST,
      fetch: async () => new Response(JSON.stringify([{ id: 1, name: 'a' }, { id: 2 }])),
    });
    await expect(client.paginate('accounts/1/courses', { schema: Item })).rejects.toThrow(/\[1\]\.name/);
  });

  it('rejects with the AbortError and cancels in-flight pages when aborted', async () => {
    const { client, stats, path } = fakeCanvasList(makeItems(900), {
      withLast: true,
      delayFor: (p) => (p === 1 ? 0 : 500),
    });
    const controller = new AbortController();
    const pending = client.paginate(path, {
      schema: Item,
      signal: controller.signal,
      onPage: () => setTimeout(() => controller.abort(), 5),
    });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(stats.aborted).toBe(4);
  });

  it('fails when onPage throws', async () => {
    const { client, path } = fakeCanvasList(makeItems(300), { withLast: true });
    let calls = 0;
    await expect(
      client.paginate(path, {
        schema: Item,
        onPage: () => {
          calls += 1;
          if (calls === 2) throw new Error('render failed');
        },
      }),
    ).rejects.toThrow('render failed');
  });

  it('retries rate-limited pages inside a concurrent walk', async () => {
    const items = makeItems(400);
    let limited = false;
    const { client, path } = fakeCanvasList(items, {
      withLast: true,
      override: (page) => {
        if (page !== 3 || limited) return undefined;
        limited = true;
        return new Response('403 Forbidden (Rate Limit Exceeded)\n', { status: 403 });
      },
    });
    expect(await client.paginate(path, { schema: Item })).toEqual(items);
  });
});

describe('paginateSequentially', () => {
  it('follows next one page at a time and returns the same items', async () => {
    const items = makeItems(450);
    const { client, stats, path } = fakeCanvasList(items, { withLast: true, delayFor: () => 1 });
    const progress: PaginateProgress[] = [];
    const result = await client.paginateSequentially(path, {
      schema: Item,
      onPage: (_i, p) => progress.push(p),
    });
    expect(result).toEqual(items);
    expect(stats.maxInFlight).toBe(1);
    expect(pagesRequested(stats)).toEqual(['(none)', '2', '3', '4', '5']);
    expect(progress.at(-1)).toEqual({ loadedItems: 450, loadedPages: 5, totalPages: 5 });
  });
});

describe('default-client helpers', () => {
  it('paginate, paginateSequentially and fetchPage use the configured client', async () => {
    const items = makeItems(120);
    const { fetchStub, path } = fakeCanvasList(items, { withLast: true });
    configureCanvasClient({ baseUrl: HOST, fetch: fetchStub });
    expect(await paginate(path, { schema: Item })).toEqual(items);
    expect(await paginateSequentially(path, { schema: Item })).toEqual(items);
    const second = await fetchPage(path, {
      schema: Item,
      page: 2,
      perPage: 50,
      params: { include: ['term'] },
    });
    expect(second.items).toEqual(items.slice(50, 100));
    expect(second.hasNext).toBe(true);
    expect(second.links.next).toBe(`${HOST}${path}?include%5B%5D=term&page=3&per_page=50`);
    expect(fetchStub.mock.calls.at(-1)?.[0]).toBe(`${HOST}${path}?include[]=term&page=2&per_page=50`);
    const last = await fetchPage(path, { schema: Item, page: 3, perPage: 50 });
    expect(last.hasNext).toBe(false);
  });

  it('fetchPage surfaces Canvas errors', async () => {
    const { client, path } = fakeCanvasList(makeItems(10), { mode: 'bookmark' });
    const error = await client.fetchPage(path, { schema: Item, page: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CanvasApiError);
    expect((error as CanvasApiError).messages).toEqual(['restart and follow next']);
  });
});
