import { Worker } from 'node:worker_threads';
import type { AccountRow } from '../lookup.ts';
import type { CatalogueSource } from './reportCatalogue.ts';

// What the runner (main thread) and a report worker say to each other. The main thread owns every
// write to account_reports and attachments; a worker only reads the database and writes the file.

/** Everything a worker needs to write one run's file (structured-cloned into the worker). */
export interface ReportJobInput {
  runId: number;
  reportType: string;
  /** The sandbox database file; the worker opens it read-only (WAL lets it read while the server writes). */
  databaseFile: string;
  /** Absolute `<db file>.files` directory; the worker writes under `reports/<run id>/`. */
  filesDirectory: string;
  catalogue: CatalogueSource;
  account: AccountRow;
  rootAccountId: number;
  parameters: Record<string, unknown>;
  userId: number;
  /** ISO timestamp the main thread recorded as the run's `started_at`. */
  startedAt: string;
  paceMs: number;
  batchRows: number;
}

/** Main thread → worker: finish at the next batch and close the file without completing it. */
export interface StopJobCommand {
  type: 'stop';
}

/** Lines written so far (header rows included, as Canvas counts) out of the planned total. */
export interface JobProgressMessage {
  type: 'progress';
  lines: number;
  totalLines: number;
}

/** The file is complete and closed. */
export interface JobDoneMessage {
  type: 'done';
  filename: string;
  /** Relative to the files directory, as stored in `attachments.storage_path`. */
  storagePath: string;
  contentType: 'text/csv' | 'application/zip';
  size: number;
  lines: number;
  /** Canvas's settings summary of the run (`extra_text`), which ends the success message. */
  settingsSummary: string;
}

/** The job failed; its partial file is closed but still on disk. */
export interface JobFailedMessage {
  type: 'failed';
  /** A ReportFailure (the report refused its parameters) rather than an unexpected error. */
  refused: boolean;
  reason: string;
  /** The stack of an unexpected error, for the server log. */
  detail: string;
}

export type ReportJobMessage = JobProgressMessage | JobDoneMessage | JobFailedMessage;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `AccountReports.generate_file_name`: `<report>_<DD_Mon_YYYY>_<run id>` (jobs run in UTC). */
export function reportFileName(
  reportType: string,
  runId: number,
  at: Date,
  extension: 'csv' | 'zip',
): string {
  const day = String(at.getUTCDate()).padStart(2, '0');
  const date = `${day}_${MONTHS[at.getUTCMonth()]}_${at.getUTCFullYear()}`;
  return `${reportType}_${date}_${runId}.${extension}`;
}

/**
 * Starts a worker thread for one run. The entry is TypeScript, so the worker registers tsx's
 * loader before importing it: Node 20 ignores `--import` in a worker's `execArgv` and its workers
 * do not inherit the parent's loader hooks, which leaves registering from inside the thread as the
 * way that works both under `node --import tsx` and under vitest.
 */
export function spawnReportJob(input: ReportJobInput): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./reportWorker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(bootstrap, { eval: true, workerData: input, name: `report run ${input.runId}` });
  // A running report must not keep a test process (or a server that is shutting down) alive.
  worker.unref();
  return worker;
}
