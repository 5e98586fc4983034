import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { type BenchContext, log } from './context.ts';
import { buildApp, Cleanup, generateTenantFile, makeTempDir, REPO_ROOT } from './harness.ts';
import {
  type BenchOptions,
  PART_NAMES,
  type PartName,
  parseBenchOptions,
  USAGE,
  UsageError,
} from './options.ts';
import { runApi } from './parts/api.ts';
import { runBundle } from './parts/bundle.ts';
import { runFetch } from './parts/fetch.ts';
import { runPages } from './parts/pages.ts';
import { runReports } from './parts/reports.ts';
import { type Figure, formatTable, type PartResult, type SkippedPart } from './results.ts';

// `npm run bench`: builds the app, generates a tenant in a temporary database, runs the chosen parts
// against servers started for them, prints a table and writes bench/results.json.

type PartRunner = (context: BenchContext) => Promise<PartResult> | PartResult;

const RUNNERS: Record<PartName, PartRunner> = {
  fetch: runFetch,
  api: runApi,
  pages: runPages,
  reports: runReports,
  bundle: (context) => runBundle(context.distDir),
};

/** Runs the chosen parts; true when one of them failed. */
async function main(options: BenchOptions, cleanup: Cleanup): Promise<boolean> {
  const startedAt = new Date();
  const started = performance.now();
  log(`options: ${JSON.stringify({ ...options, parts: [...options.parts] })}`);

  const tempDir = makeTempDir(cleanup);
  const distDir = join(tempDir, 'dist');
  const dbFile = join(tempDir, 'sandbox.db');
  // Vite builds in a child process while this one generates the tenant.
  const building = buildApp(cleanup, distDir);
  // Should generating throw, the build's failure (if any) is not the news.
  building.catch(() => undefined);
  const needsTenant = [...options.parts].some((part) => part !== 'bundle');
  const tenantStarted = performance.now();
  const tenant = needsTenant ? generateTenantFile(dbFile, options.scale) : undefined;
  if (tenant) {
    log(
      `generated the ${tenant.scale} tenant (${tenant.accounts} accounts, ${tenant.courses} courses) ` +
        `in ${((performance.now() - tenantStarted) / 1000).toFixed(1)} s`,
    );
  }
  log(`built the app in ${((await building) / 1000).toFixed(1)} s`);

  const figures: Figure[] = [];
  const skipped: SkippedPart[] = [];
  let failed = false;
  for (const part of PART_NAMES) {
    if (!options.parts.has(part)) continue;
    const partStarted = performance.now();
    log(`part ${part}...`);
    const context: BenchContext = { options, cleanup, tempDir, dbFile, distDir, tenant };
    try {
      const result = await RUNNERS[part](context);
      figures.push(...result.figures);
      if (result.skipped) skipped.push({ part, reason: result.skipped });
      log(`part ${part} done in ${((performance.now() - partStarted) / 1000).toFixed(1)} s`);
    } catch (error) {
      // One broken part must not cost the figures of the others; the run still ends in failure.
      console.error(`part ${part} failed:`, error);
      skipped.push({ part, reason: `failed: ${error instanceof Error ? error.message : String(error)}` });
      failed = true;
    }
  }

  const wallSeconds = (performance.now() - started) / 1000;
  console.log(`\n${formatTable(figures, skipped)}\n`);
  const output = resolve(REPO_ROOT, options.output);
  const results = {
    startedAt: startedAt.toISOString(),
    wallSeconds,
    options: { ...options, parts: [...options.parts] },
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      loadAverage: loadavg(),
      node: process.version,
    },
    tenant,
    figures,
    skipped,
  };
  writeFileSync(output, `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote ${output}; wall time ${wallSeconds.toFixed(1)} s`);
  return failed;
}

let options: BenchOptions | 'help';
try {
  options = parseBenchOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (options === 'help') {
  console.log(USAGE);
} else {
  const cleanup = new Cleanup();
  const interrupted = (signal: NodeJS.Signals) => {
    log(`${signal}: cleaning up`);
    void cleanup.run().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    if (await main(options, cleanup)) process.exitCode = 1;
  } catch (error) {
    console.error('bench failed:', error);
    process.exitCode = 1;
  } finally {
    await cleanup.run();
  }
}
