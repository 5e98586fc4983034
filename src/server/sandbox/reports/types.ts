import type { Db } from '../db/connection.ts';
import type { AccountRow } from '../lookup.ts';

/** A CSV cell as the database gives it; null and undefined are written as empty cells. */
export type CsvCell = string | number | boolean | null | undefined;

/** Everything a report may read while it runs. */
export interface ReportRunContext {
  /** A connection used only for reading; no statement may stay open across batches. */
  db: Db;
  /** The account the report was started on (its subtree is the report's scope). */
  account: AccountRow;
  rootAccountId: number;
  /** The stored parameters of the run, exactly as submitted (form values are strings). */
  parameters: Record<string, unknown>;
  /** Who started the run. */
  userId: number;
  /** When the run started; "now" for every date the report computes. */
  startedAt: Date;
}

/** One CSV the report produces. */
export interface ReportFile {
  /** Name inside a zip (e.g. `users.csv`); also the name stem when it is the only file. */
  name: string;
  header: string[];
  /** Exact number of data rows, counted before writing, so progress can be reported. */
  rowCount: number;
  /**
   * Data rows in batches. Each batch comes from complete queries (keyset pagination), so the
   * runner can pause between batches without holding a statement open.
   */
  batches(): Iterable<CsvCell[][]>;
}

/** A report type the sandbox offers, as listed by GET /api/v1/accounts/:id/reports. */
export interface ReportDefinition {
  report: string;
  title: string;
  /** Shown with include[]=description_html. */
  descriptionHtml: string;
  /** Canvas's `parameters` object; null when the report takes none. */
  parameters: Record<string, { required: boolean; description: string }> | null;
  /**
   * Checks the parameters and lists the files to write. Throws ReportFailure for a parameter
   * Canvas accepts at start but the job rejects (the run ends in `error` with that text).
   */
  plan(run: ReportRunContext): ReportFile[];
  /**
   * Canvas's settings summary of a finished run (its `extra_text`, e.g. `Term: Fall 2025;`),
   * which ends the success message. Reports without their own use `defaultSettingsSummary`.
   */
  settingsSummary?(run: ReportRunContext): string;
}

/** A report that cannot be produced; its message becomes the run's `parameters.extra_text`. */
export class ReportFailure extends Error {}
