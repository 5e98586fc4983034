// Every kind of data the sandbox's provisioning report can export.
import { ENTITIES } from '../../src/server/sandbox/reports/definitions/sisExport.ts';
import { type BenchContext, log, withServer } from '../context.ts';
import { ADMIN_TOKEN, type RunningServer } from '../harness.ts';
import type { Figure, PartResult } from '../results.ts';
import { summarize } from '../stats.ts';

// The provisioning report over every entity of the tenant, through the documented API
// (/work/shared/canvas-api/account-reports.md): POST .../reports/provisioning_csv, then poll the run
// until it completes. Rows per second come from the run's own `current_line`; memory is the server
// process's resident set, sampled from /proc while the report runs, and its high-water mark.

const REPORT_PATH = '/api/v1/accounts/1/reports/provisioning_csv';
const POLL_MS = 100;
const SAMPLE_MS = 50;
const REPORT_TIMEOUT_MS = 300_000;

interface ReportRun {
  id: number;
  status: string;
  current_line: number | null;
  run_time?: number;
  message?: string | null;
}

class EndpointMissing extends Error {}

async function api(server: RunningServer, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.baseUrl}${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${ADMIN_TOKEN}`,
      Accept: 'application/json',
      'Content-Type': 'application/json',
    },
  });
}

interface ReportSample {
  rows: number;
  seconds: number;
  peakRssMb: number;
  growthMb: number;
}

async function runReport(server: RunningServer): Promise<ReportSample> {
  const before = server.memory().rssBytes;
  let sampledPeak = before;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, server.memory().rssBytes);
  }, SAMPLE_MS);
  try {
    const started = performance.now();
    const parameters = Object.fromEntries(ENTITIES.map((entity) => [entity, true]));
    const created = await api(server, REPORT_PATH, { method: 'POST', body: JSON.stringify({ parameters }) });
    // An unrouted path answers the sandbox's generic 404; a missing report type would too.
    if (created.status === 404) throw new EndpointMissing(`POST ${REPORT_PATH} answered 404`);
    if (!created.ok) throw new Error(`POST ${REPORT_PATH}: ${created.status} ${await created.text()}`);
    let run = (await created.json()) as ReportRun;
    while (run.status !== 'complete') {
      if (['error', 'aborted', 'deleted'].includes(run.status)) {
        throw new Error(`the report ended ${run.status}: ${run.message ?? ''}`);
      }
      if (performance.now() - started > REPORT_TIMEOUT_MS)
        throw new Error('the report did not finish in 5 minutes');
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const polled = await api(server, `${REPORT_PATH}/${run.id}`);
      if (!polled.ok)
        throw new Error(`GET ${REPORT_PATH}/${run.id}: ${polled.status} ${await polled.text()}`);
      run = (await polled.json()) as ReportRun;
    }
    const seconds = (performance.now() - started) / 1000;
    const rows = run.current_line ?? 0;
    if (rows === 0) throw new Error('the completed report reports no rows (current_line)');
    const peak = Math.max(sampledPeak, server.memory().rssBytes);
    return { rows, seconds, peakRssMb: peak / 1024 / 1024, growthMb: (peak - before) / 1024 / 1024 };
  } finally {
    clearInterval(sampler);
  }
}

export async function runReports(context: BenchContext): Promise<PartResult> {
  const runs = context.options.reportRuns;
  try {
    const samples: (ReportSample & { highWaterMb: number })[] = [];
    for (let run = 0; run < runs; run++) {
      // A fresh server per run, so that the high-water mark belongs to this report alone.
      const sample = await withServer(context, 0, async (server) => {
        const result = await runReport(server);
        return { ...result, highWaterMb: server.memory().peakRssBytes / 1024 / 1024 };
      });
      samples.push(sample);
      log(
        `reports run ${run + 1}/${runs}: ${sample.rows} rows in ${sample.seconds.toFixed(1)} s, ` +
          `peak RSS ${Math.round(sample.peakRssMb)} MB`,
      );
    }
    const rows = samples[0]?.rows ?? 0;
    const figure = (name: string, unit: string, values: number[], higherIsBetter: boolean): Figure => ({
      part: 'reports',
      name,
      unit,
      value: summarize(values),
      higherIsBetter,
    });
    return {
      figures: [
        figure(
          `provisioning_csv, all entities (${rows.toLocaleString('en-US')} rows): rows/s`,
          'rows/s',
          samples.map((s) => s.rows / s.seconds),
          true,
        ),
        figure(
          'provisioning_csv: POST → complete',
          's',
          samples.map((s) => s.seconds),
          false,
        ),
        figure(
          'provisioning_csv: server peak RSS (sampled)',
          'MB',
          samples.map((s) => s.peakRssMb),
          false,
        ),
        figure(
          'provisioning_csv: server RSS growth over idle',
          'MB',
          samples.map((s) => s.growthMb),
          false,
        ),
        figure(
          'provisioning_csv: server VmHWM (since start)',
          'MB',
          samples.map((s) => s.highWaterMb),
          false,
        ),
      ],
    };
  } catch (error) {
    if (error instanceof EndpointMissing)
      return { figures: [], skipped: `endpoint missing (${error.message})` };
    throw error;
  }
}
