import { numericPageOf, numericQueryValue, type PageLinks, withPageNumber } from './linkHeader.ts';

export interface PaginateProgress {
  loadedItems: number;
  loadedPages: number;
  totalPages?: number;
}

export interface FetchedPage<T> {
  items: T[];
  links: PageLinks;
}

export interface CollectPagesInput<T> {
  /** URL of page 1, with `per_page` and the caller's params already encoded. */
  firstUrl: string;
  perPage: number;
  concurrency: number;
  signal?: AbortSignal;
  fetchPage: (url: string, signal: AbortSignal | undefined) => Promise<FetchedPage<T>>;
  onPage?: (items: T[], progress: PaginateProgress) => void;
}

/** Gathers pages in page order, dropping items whose `id` was already seen (data can shift between pages). */
class PageAccumulator<T> {
  readonly items: T[] = [];
  private readonly seenIds = new Set<string>();
  loadedPages = 0;

  constructor(private readonly onPage: CollectPagesInput<T>['onPage']) {}

  add(pageItems: T[], totalPages: number | undefined): void {
    const fresh = pageItems.filter((item) => this.isFirstSighting(item));
    for (const item of fresh) this.items.push(item);
    this.loadedPages += 1;
    this.onPage?.(fresh, { loadedItems: this.items.length, loadedPages: this.loadedPages, totalPages });
  }

  private isFirstSighting(item: T): boolean {
    if (typeof item !== 'object' || item === null || !('id' in item)) return true;
    const { id } = item;
    if (typeof id !== 'number' && typeof id !== 'string') return true;
    const key = String(id);
    if (this.seenIds.has(key)) return false;
    this.seenIds.add(key);
    return true;
  }
}

/** The baseline: follow `rel="next"` one request at a time. */
export async function collectPagesSequentially<T>(input: CollectPagesInput<T>): Promise<T[]> {
  const accumulator = new PageAccumulator(input.onPage);
  await followNextLinks(input.firstUrl, input, accumulator);
  return accumulator.items;
}

/**
 * Fetches page 1, then the rest concurrently when pages are numbered: all of 2..last when Canvas
 * names the last page, otherwise a speculative window of `concurrency` pages that closes at the
 * first short, empty or final page. Bookmark pages can only be reached through `next`, one by one.
 */
export async function collectPages<T>(input: CollectPagesInput<T>): Promise<T[]> {
  const accumulator = new PageAccumulator(input.onPage);
  const first = await input.fetchPage(input.firstUrl, input.signal);
  const next = first.links.next;
  const nextPage = numericPageOf(next);
  const lastPage = numericPageOf(first.links.last);

  if (next === undefined || nextPage === undefined) {
    accumulator.add(first.items, next === undefined ? 1 : undefined);
    if (next !== undefined && first.items.length > 0) await followNextLinks(next, input, accumulator);
    return accumulator.items;
  }

  // Canvas writes the effective (clamped) page size into its links; judging "short" pages against
  // the size asked for would end the walk early whenever the server serves fewer per page.
  const pageSize = numericQueryValue(next, 'per_page') ?? input.perPage;
  const walk = { template: next, pageSize, accumulator };
  if (lastPage !== undefined) {
    accumulator.add(first.items, lastPage);
    if (lastPage >= nextPage) await fetchNumberedPages(input, { ...walk, from: nextPage, lastPage });
  } else if (isFinalPage(first, pageSize)) {
    accumulator.add(first.items, 1);
  } else {
    accumulator.add(first.items, undefined);
    await fetchNumberedPages(input, { ...walk, from: nextPage, lastPage: undefined });
  }
  return accumulator.items;
}

async function followNextLinks<T>(
  startUrl: string,
  input: CollectPagesInput<T>,
  accumulator: PageAccumulator<T>,
): Promise<void> {
  const visited = new Set<string>();
  let url: string | undefined = startUrl;
  while (url !== undefined) {
    input.signal?.throwIfAborted();
    visited.add(url);
    const page = await input.fetchPage(url, input.signal);
    const next = page.links.next;
    accumulator.add(
      page.items,
      next === undefined ? accumulator.loadedPages + 1 : numericPageOf(page.links.last),
    );
    // A repeated URL or an empty page that still claims a successor would otherwise loop forever.
    url = next !== undefined && page.items.length > 0 && !visited.has(next) ? next : undefined;
  }
}

function isFinalPage<T>(page: FetchedPage<T>, pageSize: number): boolean {
  return page.links.next === undefined || page.items.length === 0 || page.items.length < pageSize;
}

interface NumberedWalk<T> {
  /** A link to an ordinal page, used as the model for every other page's URL. */
  template: string;
  pageSize: number;
  from: number;
  /** Known from `rel="last"`; undefined means the end is found by fetching ahead. */
  lastPage: number | undefined;
  accumulator: PageAccumulator<T>;
}

type PageOutcome<T> = { ok: true; page: FetchedPage<T> } | { ok: false; error: unknown };

/**
 * Keeps at most `concurrency` page requests in flight and hands pages to the accumulator strictly in
 * page order. Without a known last page, the first page that turns out to be final fixes the end:
 * requests beyond it are aborted and their results (or failures) discarded.
 */
function fetchNumberedPages<T>(input: CollectPagesInput<T>, walk: NumberedWalk<T>): Promise<void> {
  const { signal, concurrency } = input;
  return new Promise<void>((resolve, reject) => {
    const arrived = new Map<number, PageOutcome<T>>();
    const inFlight = new Map<number, AbortController>();
    let nextToLaunch = walk.from;
    let nextToDeliver = walk.from;
    let endPage = walk.lastPage;
    let finished = false;

    const finish = (failure?: { error: unknown }) => {
      if (finished) return;
      finished = true;
      signal?.removeEventListener('abort', onAbort);
      for (const controller of inFlight.values()) controller.abort();
      inFlight.clear();
      if (failure) reject(failure.error);
      else resolve();
    };
    const onAbort = () => finish({ error: signal?.reason });

    const launch = () => {
      while (
        !finished &&
        inFlight.size < Math.max(1, concurrency) &&
        (endPage === undefined || nextToLaunch <= endPage)
      ) {
        const pageNumber = nextToLaunch++;
        const controller = new AbortController();
        inFlight.set(pageNumber, controller);
        input.fetchPage(withPageNumber(walk.template, pageNumber), controller.signal).then(
          (page) => settle(pageNumber, { ok: true, page }),
          (error: unknown) => settle(pageNumber, { ok: false, error }),
        );
      }
    };

    const settle = (pageNumber: number, outcome: PageOutcome<T>) => {
      inFlight.delete(pageNumber);
      if (finished || (endPage !== undefined && pageNumber > endPage)) return;
      arrived.set(pageNumber, outcome);
      if (walk.lastPage === undefined && outcome.ok && isFinalPage(outcome.page, walk.pageSize)) {
        closeAt(pageNumber);
      }
      deliver();
      if (finished) return;
      if (endPage !== undefined && nextToDeliver > endPage) finish();
      else launch();
    };

    const closeAt = (pageNumber: number) => {
      endPage = pageNumber;
      for (const [other, controller] of inFlight) {
        if (other > pageNumber) {
          controller.abort();
          inFlight.delete(other);
        }
      }
      for (const other of arrived.keys()) if (other > pageNumber) arrived.delete(other);
    };

    const deliver = () => {
      for (let outcome = arrived.get(nextToDeliver); outcome; outcome = arrived.get(nextToDeliver)) {
        arrived.delete(nextToDeliver);
        if (!outcome.ok) {
          finish({ error: outcome.error });
          return;
        }
        try {
          walk.accumulator.add(outcome.page.items, endPage);
        } catch (error) {
          // An onPage callback that throws must fail the walk, not leave it hanging.
          finish({ error });
          return;
        }
        nextToDeliver += 1;
      }
    };

    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    launch();
  });
}
