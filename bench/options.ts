import { parseArgs } from 'node:util';
import { isTenantScale, TENANT_SCALES, type TenantScale } from '../src/server/sandbox/db/generate.ts';

export const PART_NAMES = ['fetch', 'api', 'pages', 'reports', 'bundle'] as const;
export type PartName = (typeof PART_NAMES)[number];

export interface BenchOptions {
  quick: boolean;
  parts: ReadonlySet<PartName>;
  /** Timed runs per figure; the median is reported. */
  runs: number;
  /** Simulated round trip added by the sandbox for the fetch and pages parts. */
  latencyMs: number;
  scale: TenantScale;
  /** Pages of the 100,000-course list fetched per run; undefined fetches them all. */
  coursePages: number | undefined;
  /** Runs of the provisioning report, which takes minutes over the large tenant. */
  reportRuns: number;
  /** Seconds autocannon hammers each endpoint per run. */
  apiSeconds: number;
  /** Where the results go; relative to the repository. */
  output: string;
}

export const USAGE = `Usage: npm run bench -- [options]

Builds the app, generates a tenant in a temporary database, starts the server and measures it.
  --quick           demo tenant, one run each, shorter load tests (under 2 minutes)
  --only=LIST       parts to run, comma-separated: ${PART_NAMES.join(',')} (default all)
  --runs=N          timed runs per figure (default 3, quick 1)
  --latency=MS      simulated round trip for fetch and pages (default 50)
  --scale=SCALE     ${TENANT_SCALES.join('|')} (default large, quick demo)
  --api-seconds=S   load-test duration per endpoint and run (default 3, quick 2)
  --course-pages=N  pages of the courses list fetched per run, or "all" (the default)
  --report-runs=N   runs of the provisioning report (default 1: about 25 s each on the large tenant)
  --output=FILE     results file (default bench/results.json)
  -h, --help        this text`;

export class UsageError extends Error {}

function positiveInteger(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min)
    throw new UsageError(`--${name} must be an integer >= ${min}`);
  return parsed;
}

export function parseBenchOptions(args: readonly string[]): BenchOptions | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        quick: { type: 'boolean' },
        only: { type: 'string' },
        runs: { type: 'string' },
        latency: { type: 'string' },
        scale: { type: 'string' },
        'api-seconds': { type: 'string' },
        'course-pages': { type: 'string' },
        'report-runs': { type: 'string' },
        output: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  const quick = values.quick === true;
  const scale = typeof values.scale === 'string' ? values.scale : quick ? 'demo' : 'large';
  if (!isTenantScale(scale)) throw new UsageError(`--scale must be ${TENANT_SCALES.join(' or ')}`);
  const parts = new Set<PartName>();
  const only = typeof values.only === 'string' ? values.only : PART_NAMES.join(',');
  for (const name of only.split(',').map((part) => part.trim())) {
    if (!(PART_NAMES as readonly string[]).includes(name)) {
      throw new UsageError(`Unknown part "${name}" in --only; expected ${PART_NAMES.join(', ')}`);
    }
    parts.add(name as PartName);
  }
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  return {
    quick,
    parts,
    runs: positiveInteger('runs', text('runs'), quick ? 1 : 3),
    latencyMs: positiveInteger('latency', text('latency'), 50, 0),
    scale,
    apiSeconds: positiveInteger('api-seconds', text('api-seconds'), quick ? 2 : 3),
    reportRuns: positiveInteger('report-runs', text('report-runs'), 1),
    // Every course by default, as the issue asks: 100,000 on the large tenant.
    coursePages:
      text('course-pages') === undefined || text('course-pages') === 'all'
        ? undefined
        : positiveInteger('course-pages', text('course-pages'), 1),
    output: text('output') ?? 'bench/results.json',
  };
}
