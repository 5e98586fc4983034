import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { type BenchContext, log, withServer } from '../context.ts';
import type { Figure, PartResult } from '../results.ts';
import { percentile, type Summary, summarize } from '../stats.ts';
import { installKeyLatencyProbe, installProbe, type ProbeState, type TextWatch } from './pageProbe.ts';

// The production build in Chromium over the bench's tenant, with the sandbox's simulated round trip:
// the account tree from navigation to every account expanded, the calendar editor from navigation to
// every calendar listed, typing a filter over all of them, and saving a bulk change. Each figure is
// read on the page's own clock; long tasks (> 50 ms) and the JS heap are recorded alongside.

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const STEP_TIMEOUT_MS = 180_000;
const TYPED_FILTER = 'engineering';
const KEY_DELAY_MS = 120;
/** Time given to the deferred filter render after the last keystroke. */
const TYPING_SETTLE_MS = 1_000;
const SAVE_TARGET = 5_000;

const count = (value: number) => value.toLocaleString('en-US');

function watches(totalCalendars: number): TextWatch[] {
  const showingAll = `Showing ${count(totalCalendars)} of ${count(totalCalendars)} calendars`;
  return [
    { name: 'treeExpanded', pattern: 'Expanded all [\\d,]+ accounts' },
    { name: 'calendarsListed', pattern: showingAll },
    { name: 'calendarsUsable', pattern: showingAll, unless: 'Loading SIS IDs…' },
    { name: 'saved', pattern: 'Saved\\. Canvas updated [\\d,]+ accounts?\\.' },
  ];
}

interface RunSample {
  treeMs: number;
  treeLongTasks: LongTaskSummary;
  treeHeapMb: number;
  calendarsListedMs: number;
  calendarsUsableMs: number;
  calendarsLongTasks: LongTaskSummary;
  calendarsHeapMb: number;
  keyLatencies: number[];
  typingLongTasks: LongTaskSummary;
  saveMs: number;
  saveLongTasks: LongTaskSummary;
}

interface LongTaskSummary {
  count: number;
  totalMs: number;
  maxMs: number;
}

function longTasksBetween(state: ProbeState, from: number, to: number): LongTaskSummary {
  const tasks = state.longTasks.filter((task) => task.start + task.duration >= from && task.start <= to);
  return {
    count: tasks.length,
    totalMs: tasks.reduce((sum, task) => sum + task.duration, 0),
    maxMs: tasks.reduce((max, task) => Math.max(max, task.duration), 0),
  };
}

async function probe(page: Page): Promise<ProbeState> {
  return page.evaluate(() => window.benchProbe);
}

async function waitForMark(page: Page, name: string): Promise<number> {
  const handle = await page.waitForFunction((mark) => window.benchProbe.marks[mark], name, {
    timeout: STEP_TIMEOUT_MS,
    polling: 100,
  });
  return (await handle.jsonValue()) as number;
}

/** Used JS heap after a full garbage collection: what the page keeps, not what it churned through. */
async function heapMb(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const used = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value;
    if (used === undefined) throw new Error('Chromium reported no JSHeapUsedSize');
    return used / 1024 / 1024;
  } finally {
    await cdp.detach();
  }
}

/**
 * Exactly `visibleCount` calendars visible (the lowest ids), the rest hidden, so every run saves the
 * same number of changes. Written straight to the tenant: the bench owns it and the server keeps no cache.
 */
function resetCalendarVisibility(dbFile: string, visibleCount: number): void {
  const db = new Database(dbFile);
  try {
    db.pragma('busy_timeout = 10000');
    db.prepare(
      `UPDATE accounts SET calendar_visible = CASE WHEN id IN (
         SELECT id FROM accounts WHERE workflow_state = 'active' ORDER BY id LIMIT ?) THEN 1 ELSE 0 END`,
    ).run(visibleCount);
  } finally {
    db.close();
  }
}

function visibleCalendars(dbFile: string): number {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (
      db
        .prepare(
          `SELECT COUNT(*) AS n FROM accounts WHERE workflow_state = 'active' AND calendar_visible = 1`,
        )
        .get() as {
        n: number;
      }
    ).n;
  } finally {
    db.close();
  }
}

function activeAccounts(dbFile: string): number {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (
      db.prepare(`SELECT COUNT(*) AS n FROM accounts WHERE workflow_state = 'active'`).get() as { n: number }
    ).n;
  } finally {
    db.close();
  }
}

async function newProbedPage(browser: Browser, baseUrl: string, totalCalendars: number) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  // tsx compiles the probe functions with esbuild's name-keeping helper; the page needs a stand-in.
  await page.addInitScript({ content: 'globalThis.__name = (target) => target;' });
  await page.addInitScript(installProbe, watches(totalCalendars));
  return { context, page };
}

async function measureTree(browser: Browser, baseUrl: string, totalCalendars: number) {
  const { context, page } = await newProbedPage(browser, baseUrl, totalCalendars);
  try {
    await page.goto('/accounts');
    const expandAll = page.getByRole('button', { name: 'Expand all' });
    await expandAll.click();
    const treeMs = await waitForMark(page, 'treeExpanded');
    const state = await probe(page);
    return {
      treeMs,
      treeLongTasks: longTasksBetween(state, 0, treeMs),
      treeHeapMb: await heapMb(context, page),
    };
  } finally {
    await context.close();
  }
}

async function measureCalendars(
  browser: Browser,
  baseUrl: string,
  totalCalendars: number,
  saveCount: number,
) {
  const { context, page } = await newProbedPage(browser, baseUrl, totalCalendars);
  try {
    await page.goto('/calendars');
    const calendarsListedMs = await waitForMark(page, 'calendarsListed');
    const calendarsUsableMs = await waitForMark(page, 'calendarsUsable');
    const loaded = await probe(page);
    const calendarsLongTasks = longTasksBetween(loaded, 0, calendarsUsableMs);
    const calendarsHeapMb = await heapMb(context, page);

    // Typing a filter over every calendar, one key at a time at a brisk typist's pace.
    const filter = page.getByLabel('Filter by name or SIS ID');
    await filter.click();
    await page.evaluate(installKeyLatencyProbe);
    const typingFrom = await page.evaluate(() => performance.now());
    await page.keyboard.type(TYPED_FILTER, { delay: KEY_DELAY_MS });
    await page.waitForTimeout(TYPING_SETTLE_MS);
    const typed = await probe(page);
    const typingTo = await page.evaluate(() => performance.now());
    if (typed.keyLatencies.length !== TYPED_FILTER.length) {
      throw new Error(`recorded ${typed.keyLatencies.length} keystrokes of ${TYPED_FILTER.length}`);
    }
    await page.getByRole('button', { name: 'Clear filter text' }).click();

    // Hide every visible calendar: the Visible facet, select all matching, Hide, review, save.
    await page.getByRole('radiogroup', { name: 'Visibility' }).getByText('Visible', { exact: true }).click();
    await page.getByRole('button', { name: `Select all ${count(saveCount)} matching` }).click();
    await page.getByRole('button', { name: 'Hide', exact: true }).click();
    await page.getByRole('button', { name: `Review ${count(saveCount)} changes` }).click();
    const review = page.getByRole('dialog', { name: `Review changes to ${count(saveCount)} accounts` });
    await review.getByRole('button', { name: `Save ${count(saveCount)} accounts` }).click();
    const savedAt = await waitForMark(page, 'saved');
    const saved = await probe(page);
    const clickedAt = saved.lastClickAt;
    if (clickedAt === undefined) throw new Error('the Save click was not seen by the page');
    return {
      calendarsListedMs,
      calendarsUsableMs,
      calendarsLongTasks,
      calendarsHeapMb,
      keyLatencies: typed.keyLatencies,
      typingLongTasks: longTasksBetween(typed, typingFrom, typingTo),
      saveMs: savedAt - clickedAt,
      saveLongTasks: longTasksBetween(saved, clickedAt, savedAt),
    };
  } finally {
    await context.close();
  }
}

export function runPages(context: BenchContext): Promise<PartResult> {
  const { runs, latencyMs } = context.options;
  const totalCalendars = activeAccounts(context.dbFile);
  const saveCount = Math.min(SAVE_TARGET, totalCalendars);
  return withServer(context, latencyMs, async (server) => {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    context.cleanup.add('close Chromium', () => browser.close());
    const samples: RunSample[] = [];
    try {
      for (let run = 0; run < runs; run++) {
        resetCalendarVisibility(context.dbFile, saveCount);
        const tree = await measureTree(browser, server.baseUrl, totalCalendars);
        const calendars = await measureCalendars(browser, server.baseUrl, totalCalendars, saveCount);
        const left = visibleCalendars(context.dbFile);
        if (left !== 0) throw new Error(`after saving, ${left} calendars are still visible`);
        samples.push({ ...tree, ...calendars });
        log(
          `pages run ${run + 1}/${runs}: tree ${Math.round(tree.treeMs)} ms, calendars ${Math.round(calendars.calendarsUsableMs)} ms, ` +
            `save ${Math.round(calendars.saveMs)} ms`,
        );
      }
    } finally {
      await browser.close();
    }
    return { figures: pageFigures(samples, totalCalendars, saveCount, latencyMs) };
  });
}

function pageFigures(
  samples: RunSample[],
  totalCalendars: number,
  saveCount: number,
  latencyMs: number,
): Figure[] {
  const of = (pick: (sample: RunSample) => number): Summary => summarize(samples.map(pick));
  const figure = (name: string, unit: string, value: Summary, note?: string): Figure => ({
    part: 'pages',
    name,
    unit,
    value,
    higherIsBetter: false,
    ...(note && { note }),
  });
  const longTasks = (phase: string, pick: (sample: RunSample) => LongTaskSummary): Figure[] => [
    figure(
      `${phase}: long tasks > 50 ms`,
      'count',
      of((sample) => pick(sample).count),
    ),
    figure(
      `${phase}: long tasks, total`,
      'ms',
      of((sample) => pick(sample).totalMs),
    ),
    figure(
      `${phase}: longest task`,
      'ms',
      of((sample) => pick(sample).maxMs),
    ),
  ];
  const allKeys = samples.flatMap((sample) => sample.keyLatencies);
  return [
    figure(
      `account tree: navigation → Expand all done (${count(totalCalendars)} accounts)`,
      'ms',
      of((s) => s.treeMs),
      `Chromium, production build, sandbox latency ${latencyMs} ms per request`,
    ),
    ...longTasks('account tree', (s) => s.treeLongTasks),
    figure(
      'account tree: JS heap used after GC',
      'MB',
      of((s) => s.treeHeapMb),
    ),
    figure(
      `calendars: navigation → all ${count(totalCalendars)} listed`,
      'ms',
      of((s) => s.calendarsListedMs),
    ),
    figure(
      'calendars: navigation → SIS IDs loaded too',
      'ms',
      of((s) => s.calendarsUsableMs),
    ),
    ...longTasks('calendars load', (s) => s.calendarsLongTasks),
    figure(
      'calendars: JS heap used after GC',
      'MB',
      of((s) => s.calendarsHeapMb),
    ),
    figure(
      `filter typing over ${count(totalCalendars)} rows: key → next paint, median`,
      'ms',
      of((s) => percentile(s.keyLatencies, 0.5)),
      `"${TYPED_FILTER}" typed ${KEY_DELAY_MS} ms apart in each run; ${allKeys.length} keystrokes in all`,
    ),
    figure(
      'filter typing: key → next paint, p95',
      'ms',
      of((s) => percentile(s.keyLatencies, 0.95)),
    ),
    ...longTasks('filter typing', (s) => s.typingLongTasks),
    figure(
      `save ${count(saveCount)} calendar changes: Save → confirmation`,
      'ms',
      of((s) => s.saveMs),
    ),
    ...longTasks('save', (s) => s.saveLongTasks),
  ];
}
