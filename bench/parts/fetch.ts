import type * as z from 'zod';
import { CanvasClient, type PaginateOptions } from '../../src/api/http.ts';
import { Account } from '../../src/api/schemas/account.ts';
import { Course } from '../../src/api/schemas/course.ts';
import { type BenchContext, log, withServer } from '../context.ts';
import { ADMIN_TOKEN } from '../harness.ts';
import { type Figure, type PartResult, withBaseline } from '../results.ts';
import { summarize } from '../stats.ts';

// Fetching a whole list with the typed client in Node, as the dashboard does, against a sandbox that
// answers every request after the simulated round trip. The product's `paginate` fetches pages
// concurrently; the baseline is the same client following rel="next" one page at a time (its
// `paginateSequentially`: the same request, parsing and validation per page, only the order differs).

interface ListUnderTest {
  label: string;
  path: string;
  options: PaginateOptions<z.ZodType>;
  /** Stop after this many pages; undefined fetches the whole list. */
  pageLimit?: number;
}

function listsUnderTest(coursePages: number | undefined): ListUnderTest[] {
  return [
    {
      label: 'courses of the root account',
      path: 'accounts/1/courses',
      options: { schema: Course },
      pageLimit: coursePages,
    },
    {
      label: 'sub-accounts, recursive',
      path: 'accounts/1/sub_accounts',
      // The account tree's own request (features/accounts/api/getSubAccountTree.ts).
      options: {
        schema: Account,
        params: { recursive: true, include: ['course_count', 'sub_account_count'] },
      },
    },
  ];
}

interface Sample {
  ms: number;
  pages: number;
  items: number;
}

/** Thrown into the walk to end it at the page limit; anything else is a real failure. */
class PageLimitReached extends Error {}

async function fetchAll(
  client: CanvasClient,
  list: ListUnderTest,
  mode: 'concurrent' | 'sequential',
): Promise<Sample> {
  const stop = new AbortController();
  let pages = 0;
  let items = 0;
  let endedAt: number | undefined;
  const options = {
    ...list.options,
    signal: stop.signal,
    onPage: (pageItems: unknown[]) => {
      pages += 1;
      items += pageItems.length;
      if (list.pageLimit !== undefined && pages >= list.pageLimit && endedAt === undefined) {
        endedAt = performance.now();
        stop.abort(new PageLimitReached());
      }
    },
  };
  const started = performance.now();
  try {
    if (mode === 'concurrent') await client.paginate(list.path, options);
    else await client.paginateSequentially(list.path, options);
  } catch (error) {
    if (!(error instanceof PageLimitReached)) throw error;
  }
  return { ms: (endedAt ?? performance.now()) - started, pages, items };
}

export function runFetch(context: BenchContext): Promise<PartResult> {
  const { runs, latencyMs, coursePages } = context.options;
  return withServer(context, latencyMs, async (server) => {
    const client = new CanvasClient({ baseUrl: server.baseUrl, token: ADMIN_TOKEN });
    const figures: Figure[] = [];
    for (const list of listsUnderTest(coursePages)) {
      // Untimed first pages warm the JIT and SQLite's cache, so the first timed mode is not penalized.
      for (let warmUp = 0; warmUp < 3; warmUp++) {
        await client.fetchPage(list.path, { schema: list.options.schema, params: list.options.params });
      }
      const concurrent: Sample[] = [];
      const sequential: Sample[] = [];
      // Alternating the two modes spreads the machine's noise over both.
      for (let run = 0; run < runs; run++) {
        concurrent.push(await fetchAll(client, list, 'concurrent'));
        sequential.push(await fetchAll(client, list, 'sequential'));
        log(
          `fetch ${list.label} run ${run + 1}/${runs}: paginate ${Math.round(concurrent.at(-1)?.ms ?? 0)} ms, ` +
            `next-by-next ${Math.round(sequential.at(-1)?.ms ?? 0)} ms`,
        );
      }
      const counts = new Set(
        [...concurrent, ...sequential].map((sample) => `${sample.items}/${sample.pages}`),
      );
      if (counts.size !== 1)
        throw new Error(`fetch ${list.label}: runs disagree on items/pages: ${[...counts]}`);
      const { items, pages } = concurrent[0] as Sample;
      const scope = list.pageLimit !== undefined && pages >= list.pageLimit ? 'first' : 'all';
      const name = `${list.label}: ${scope} ${items.toLocaleString('en-US')} items, ${pages} pages`;
      const pagesPerSecond = (samples: Sample[]) => summarize(samples.map((s) => (s.pages * 1000) / s.ms));
      const seconds = (samples: Sample[]) => summarize(samples.map((s) => s.ms / 1000));
      figures.push(
        withBaseline(
          {
            part: 'fetch',
            name: `${name}, paginate`,
            unit: 'pages/s',
            value: pagesPerSecond(concurrent),
            higherIsBetter: true,
            note: `typed client in Node, sandbox latency ${latencyMs} ms per request`,
          },
          'rel=next 1 by 1',
          pagesPerSecond(sequential),
        ),
        withBaseline(
          {
            part: 'fetch',
            name: `${name}, total time`,
            unit: 's',
            value: seconds(concurrent),
            higherIsBetter: false,
          },
          'rel=next 1 by 1',
          seconds(sequential),
        ),
      );
    }
    return { figures };
  });
}
