import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { type BenchContext, log, withServer } from '../context.ts';
import { ADMIN_TOKEN, type RunningServer, startListeningChild } from '../harness.ts';
import { type Figure, type PartResult, withBaseline } from '../results.ts';
import { summarize } from '../stats.ts';
import type { CapturedResponse } from './bareServer.ts';

// Requests per second and latency of the sandbox under several connections, for three requests the
// dashboard makes, against the ceiling of this machine: a bare node:http server answering the very
// same bytes from memory. The sandbox runs with no simulated latency here.

const CONNECTIONS = 10;
const WARM_UP_SECONDS = 1;
const BULK_ENTRIES = 1_000;

interface Endpoint {
  label: string;
  method: 'GET' | 'PUT';
  path: string;
  /** Bodies sent in turn; the bulk update flips visibility back and forth so every request writes. */
  bodies?: string[];
}

function endpoints(dbFile: string): Endpoint[] {
  const db = new Database(dbFile, { readonly: true });
  let ids: number[];
  try {
    ids = (
      db
        .prepare(`SELECT id FROM accounts WHERE workflow_state = 'active' AND id <> 1 ORDER BY id LIMIT ?`)
        .all(BULK_ENTRIES) as { id: number }[]
    ).map((row) => row.id);
  } finally {
    db.close();
  }
  const bulkBody = (visible: boolean) => JSON.stringify(ids.map((id) => ({ id, visible })));
  return [
    { label: 'courses page (100 rows)', method: 'GET', path: '/api/v1/accounts/1/courses?per_page=100' },
    {
      label: 'sub-accounts page (100, recursive)',
      method: 'GET',
      path: '/api/v1/accounts/1/sub_accounts?recursive=true&include[]=course_count&include[]=sub_account_count&per_page=100',
    },
    {
      label: `bulk calendar update (${ids.length} entries)`,
      method: 'PUT',
      path: '/api/v1/accounts/1/account_calendars',
      bodies: [bulkBody(false), bulkBody(true)],
    },
  ];
}

const HEADERS = {
  authorization: `Bearer ${ADMIN_TOKEN}`,
  accept: 'application/json',
  'content-type': 'application/json',
  'x-requested-with': 'canvas-admin',
};

/** Headers that belong to one connection or one moment, not to the answer. */
const TRANSIENT_HEADERS = new Set([
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
]);

async function capture(baseUrl: string, endpoint: Endpoint): Promise<CapturedResponse> {
  const response = await fetch(`${baseUrl}${endpoint.path}`, {
    method: endpoint.method,
    headers: HEADERS,
    body: endpoint.bodies?.[0],
  });
  if (!response.ok)
    throw new Error(`${endpoint.method} ${endpoint.path}: ${response.status} ${await response.text()}`);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!TRANSIENT_HEADERS.has(name)) headers[name] = value;
  });
  const body = Buffer.from(await response.arrayBuffer());
  return {
    method: endpoint.method,
    path: endpoint.path,
    status: response.status,
    headers,
    bodyBase64: body.toString('base64'),
  };
}

interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
}

async function load(baseUrl: string, endpoint: Endpoint, seconds: number): Promise<LoadResult> {
  let sent = 0;
  const bodies = endpoint.bodies;
  const result = await autocannon({
    url: baseUrl,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: endpoint.method,
        path: endpoint.path,
        headers: HEADERS,
        // autocannon calls any setupRequest key it finds, so it is left out for fixed requests.
        ...(bodies && { setupRequest: (request) => ({ ...request, body: bodies[sent++ % bodies.length] }) }),
      },
    ],
  });
  const failures = result.non2xx + result.errors + result.timeouts;
  if (failures > 0 || result.requests.total === 0) {
    throw new Error(
      `${endpoint.label} at ${baseUrl}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts ` +
        `of ${result.requests.total} requests`,
    );
  }
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

export function runApi(context: BenchContext): Promise<PartResult> {
  const { runs, apiSeconds } = context.options;
  return withServer(context, 0, async (sandbox) => {
    const list = endpoints(context.dbFile);
    const captured = await Promise.all(list.map((endpoint) => capture(sandbox.baseUrl, endpoint)));
    const capturedFile = join(context.tempDir, 'captured-responses.json');
    writeFileSync(capturedFile, JSON.stringify(captured));
    const bare = await startListeningChild(
      context.cleanup,
      ['bench/parts/bareServer.ts', capturedFile],
      /listening on (http:\/\/\S+)/,
    );
    try {
      return { figures: await measureAll(list, sandbox, bare, runs, apiSeconds) };
    } finally {
      await bare.stop();
    }
  });
}

async function measureAll(
  list: Endpoint[],
  sandbox: RunningServer,
  bare: RunningServer,
  runs: number,
  seconds: number,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const endpoint of list) {
    // Untimed first: the JIT and SQLite's page cache warm up on both servers alike.
    await load(sandbox.baseUrl, endpoint, WARM_UP_SECONDS);
    await load(bare.baseUrl, endpoint, WARM_UP_SECONDS);
    const product: LoadResult[] = [];
    const ceiling: LoadResult[] = [];
    for (let run = 0; run < runs; run++) {
      product.push(await load(sandbox.baseUrl, endpoint, seconds));
      ceiling.push(await load(bare.baseUrl, endpoint, seconds));
      log(
        `api ${endpoint.label} run ${run + 1}/${runs}: sandbox ${Math.round(product.at(-1)?.requestsPerSecond ?? 0)} req/s, ` +
          `bare ${Math.round(ceiling.at(-1)?.requestsPerSecond ?? 0)} req/s`,
      );
    }
    const pick = (results: LoadResult[], key: keyof LoadResult) =>
      summarize(results.map((result) => result[key]));
    const name = `${endpoint.label}, ${CONNECTIONS} connections`;
    figures.push(
      withBaseline(
        {
          part: 'api',
          name: `${name}: throughput`,
          unit: 'req/s',
          value: pick(product, 'requestsPerSecond'),
          higherIsBetter: true,
        },
        'bare node:http',
        pick(ceiling, 'requestsPerSecond'),
      ),
      withBaseline(
        {
          part: 'api',
          name: `${name}: p50 latency`,
          unit: 'ms',
          value: pick(product, 'p50'),
          higherIsBetter: false,
        },
        'bare node:http',
        pick(ceiling, 'p50'),
      ),
      withBaseline(
        {
          part: 'api',
          name: `${name}: p99 latency`,
          unit: 'ms',
          value: pick(product, 'p99'),
          higherIsBetter: false,
        },
        'bare node:http',
        pick(ceiling, 'p99'),
      ),
    );
  }
  return figures;
}
