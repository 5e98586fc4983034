import type { Db } from '../../src/server/sandbox/db/connection.ts';
import { catalogueOf } from '../../src/server/sandbox/jobs/reportCatalogue.ts';
import { subtreeRange } from '../../src/server/sandbox/lookup.ts';
import {
  type CsvCell,
  type ReportDefinition,
  ReportFailure,
  type ReportRunContext,
} from '../../src/server/sandbox/reports/types.ts';

// Report definitions of the tests' own, so the runner and the API are tested apart from the
// sandbox's real reports (whose content has its own tests).

/** A note cell that exercises CSV quoting: quotes and a comma, an empty string, or nothing. */
export function noteFor(accountId: number): string | null {
  if (accountId % 7 === 0) return 'say "hi", ok';
  if (accountId % 5 === 0) return '';
  return null;
}

export interface SubAccountRow {
  id: number;
  depth: number;
}

/** Every active sub-account below the run's account, in id order. */
export function subAccountsOf(db: Db, accountPath: string, accountId: number): SubAccountRow[] {
  return db
    .prepare(
      `SELECT id, depth FROM accounts WHERE path >= ? AND path < ? AND id <> ? AND workflow_state = 'active'
       ORDER BY id`,
    )
    .all(...subtreeRange(accountPath), accountId) as SubAccountRow[];
}

function subAccountsFile(run: ReportRunContext, name: string) {
  const [low, high] = subtreeRange(run.account.path);
  const total = (
    run.db
      .prepare(
        `SELECT count(*) AS total FROM accounts WHERE path >= ? AND path < ? AND id <> ? AND workflow_state = 'active'`,
      )
      .get(low, high, run.account.id) as { total: number }
  ).total;
  return {
    name,
    header: ['canvas_account_id', 'depth', 'note'],
    rowCount: total,
    *batches(): Iterable<CsvCell[][]> {
      let after = 0;
      for (;;) {
        const rows = run.db
          .prepare(
            `SELECT id, depth FROM accounts WHERE path >= ? AND path < ? AND id <> ? AND workflow_state = 'active'
               AND id > ? ORDER BY id LIMIT 25`,
          )
          .all(low, high, run.account.id, after) as SubAccountRow[];
        if (rows.length === 0) return;
        after = rows[rows.length - 1]?.id ?? after;
        yield rows.map((row) => [row.id, row.depth, noteFor(row.id)]);
      }
    },
  };
}

export const SLOW_ROWS = 2000;
/** How long `test_busy_plan_csv` keeps its thread busy planning. */
export const BUSY_PLAN_MS = 1000;

export const TEST_REPORTS: ReportDefinition[] = [
  {
    report: 'test_accounts_csv',
    title: 'Sub-accounts',
    descriptionHtml: '<p>Every sub-account.</p>',
    parameters: {
      enrollment_term_id: { required: false, description: 'The term' },
      include_deleted: { required: false, description: 'Deleted too' },
    },
    plan: (run) => [subAccountsFile(run, 'accounts.csv')],
  },
  {
    report: 'test_multi_csv',
    title: 'Accounts and terms',
    descriptionHtml: '<p>Two files.</p>',
    parameters: null,
    plan: (run) => [
      subAccountsFile(run, 'accounts.csv'),
      {
        name: 'terms.csv',
        header: ['term_id', 'name'],
        rowCount: 2,
        batches: () => [
          [
            [1, 'First, "quoted"'],
            [2, 'Second'],
          ],
        ],
      },
    ],
  },
  {
    report: 'test_failing_csv',
    title: 'Always refused',
    descriptionHtml: '<p>Fails.</p>',
    parameters: null,
    plan: () => {
      throw new ReportFailure('The start date must be before the end date.');
    },
  },
  {
    report: 'test_crash_csv',
    title: 'Crashes midway',
    descriptionHtml: '<p>Crashes.</p>',
    parameters: null,
    plan: () => [
      {
        name: 'crash.csv',
        header: ['n'],
        rowCount: 100,
        *batches() {
          yield [[1], [2], [3]];
          throw new Error('disk on fire');
        },
      },
    ],
  },
  {
    report: 'test_slow_csv',
    title: 'Slow numbers',
    descriptionHtml: '<p>Many rows.</p>',
    parameters: { label: { required: false, description: 'Any text' } },
    plan: () => [
      {
        name: 'numbers.csv',
        header: ['n'],
        rowCount: SLOW_ROWS,
        *batches() {
          for (let start = 1; start <= SLOW_ROWS; start += 100) {
            yield Array.from({ length: 100 }, (_, index) => [start + index]);
          }
        },
      },
    ],
  },
  {
    report: 'test_busy_plan_csv',
    title: 'Slow to plan',
    descriptionHtml: '<p>Counts for a long time.</p>',
    parameters: null,
    plan: (run) => {
      // Keeps its thread busy, as a count over a large tenant does: a job on the server's own
      // thread would stall every request for that long.
      const until = Date.now() + BUSY_PLAN_MS;
      while (Date.now() < until);
      return [subAccountsFile(run, 'accounts.csv')];
    },
  },
];

/**
 * The tests' catalogue. Jobs run in worker threads, which import this module to find it (see
 * jobs/reportCatalogue.ts): that is why these definitions are not in the test file itself.
 */
export const TEST_REPORT_CATALOGUE = catalogueOf(TEST_REPORTS, {
  moduleUrl: import.meta.url,
  exportName: 'TEST_REPORT_CATALOGUE',
});
