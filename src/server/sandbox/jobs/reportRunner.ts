import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type { Db } from '../db/connection.ts';
import type { AccountRow } from '../lookup.ts';
import { accountSettings } from '../serializers/account.ts';
import type { AccountReportRow } from '../serializers/accountReport.ts';
import { filesDirectoryFor, removeRunFiles } from './fileStore.ts';
import { type ReportCatalogue, SANDBOX_REPORT_CATALOGUE } from './reportCatalogue.ts';
import {
  type JobDoneMessage,
  type JobFailedMessage,
  type ReportJobMessage,
  type StopJobCommand,
  spawnReportJob,
} from './reportJob.ts';

export interface ReportRunnerSettings {
  catalogue: ReportCatalogue;
  /** How long a new run stays `created` before its job starts (SANDBOX_REPORT_START_DELAY_MS). */
  startDelayMs: number;
  /** Pause after each batch, so e2e tests can watch a run progress (SANDBOX_REPORT_PACE_MS). */
  paceMs: number;
  /** Rows written between two pauses (SANDBOX_REPORT_BATCH_ROWS). */
  batchRows: number;
  /** Jobs running at once; later runs wait in `created`. */
  maxConcurrentJobs: number;
}

const DEFAULT_START_DELAY_MS = 250;
const DEFAULT_PACE_MS = 0;
const DEFAULT_BATCH_ROWS = 1000;
const MAX_CONCURRENT_JOBS = 2;
/**
 * How long a job told to stop may take to close its file before its thread is terminated. A job
 * hears the command between batches; a definition still counting in plan() does not.
 */
const STOP_GRACE_MS = 1000;
/** Canvas's text when a run is aborted (`AccountReports.finalize_report`). */
export const ABORTED_TEXT = 'Report has been aborted';
/** Canvas's `extra_text` for a report that failed without an error report to point to. */
const GENERIC_FAILURE_TEXT = 'Failed, the report failed to generate a file. Please try again.';
/** The sandbox's `extra_text` for a run its server stopped in the middle of. */
export const RESTARTED_TEXT = 'Failed, the server restarted while the report was running. Please try again.';
const FALLBACK_LOCALE = 'en';
/** Why a run fails on a server whose database has no file a worker could open. */
const IN_MEMORY_TEXT = 'Reports need the sandbox database in a file; this server keeps it in memory.';

function envNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, minimum: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < minimum) {
    throw new Error(`${name} must be a number of at least ${minimum}, got "${raw}"`);
  }
  return Math.floor(value);
}

/** The pacing knobs from the environment; the defaults make reports run as fast as they can. */
export function reportRunnerSettingsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): Omit<ReportRunnerSettings, 'catalogue'> {
  return {
    startDelayMs: envNumber(env, 'SANDBOX_REPORT_START_DELAY_MS', DEFAULT_START_DELAY_MS, 0),
    paceMs: envNumber(env, 'SANDBOX_REPORT_PACE_MS', DEFAULT_PACE_MS, 0),
    batchRows: envNumber(env, 'SANDBOX_REPORT_BATCH_ROWS', DEFAULT_BATCH_ROWS, 1),
    maxConcurrentJobs: MAX_CONCURRENT_JOBS,
  };
}

/** Rails' `titleize` on a report type, which Canvas's failure message uses: `sis_export_csv` → `Sis Export Csv`. */
function titleize(reportType: string): string {
  return reportType
    .split('_')
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** `Generating the report, <Type>, failed.` (`AccountReports.generate_report`). */
export function failureMessage(reportType: string): string {
  return `Generating the report, ${titleize(reportType)}, failed.`;
}

/** A run's failure as the runner records it, whichever thread it came from. */
type RunFailure = Pick<JobFailedMessage, 'refused' | 'reason' | 'detail'>;

function refusal(reason: string): RunFailure {
  return { refused: true, reason, detail: reason };
}

/** A run whose file a worker thread is writing. */
interface ActiveJob {
  worker: Worker;
  /** Settles once the thread is gone and the run's final state is written. */
  finished: Promise<void>;
  stopRequested: boolean;
}

/**
 * Runs account reports as background jobs: created → running → complete (with a file) or error;
 * abort and delete stop a job at its next batch.
 *
 * Each job's reading and file writing happen in a worker thread of its own (reportWorker.ts), so
 * a definition's counting queries and large batches never block the server's requests. This class
 * stays on the main thread and is the only writer of account_reports and attachments: it claims a
 * run, records the progress its worker reports, and writes the run's final state once the worker
 * is gone. Workers open the database file read-only, so a database kept in memory cannot run
 * reports.
 */
export class ReportRunner {
  readonly catalogue: ReportCatalogue;
  private readonly settings: ReportRunnerSettings;
  private readonly active = new Map<number, ActiveJob>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private directory: string | null = null;

  constructor(
    private readonly db: Db,
    settings: ReportRunnerSettings,
  ) {
    this.settings = settings;
    this.catalogue = settings.catalogue;
  }

  /** Where this database's report files are; made on first use, so a server that never runs a report leaves none. */
  get filesDirectory(): string {
    this.directory ??= filesDirectoryFor(this.db);
    return this.directory;
  }

  /**
   * Takes over the runs a previous server left behind: `created` runs are queued again; runs that
   * were `running` or `compiling` are marked as errors. Resuming them is not possible: a report's
   * batches are a generator over live data, with no position that survives the process, and
   * starting them again silently would hide that the server went down, which Canvas reports as an
   * error too ("jobs that die are marked error").
   */
  start(): void {
    const interrupted = this.db
      .prepare(`SELECT id, report_type FROM account_reports WHERE workflow_state IN ('running', 'compiling')`)
      .all() as Pick<AccountReportRow, 'id' | 'report_type'>[];
    const now = new Date().toISOString();
    const markErrored = this.db.prepare(
      `UPDATE account_reports SET workflow_state = 'error', progress = 100, ended_at = ?, updated_at = ?,
         message = ?, parameters = json_set(parameters, '$.extra_text', ?)
       WHERE id = ?`,
    );
    for (const run of interrupted) {
      markErrored.run(now, now, failureMessage(run.report_type), RESTARTED_TEXT, run.id);
      removeRunFiles(this.filesDirectory, run.id);
    }
    this.schedule();
  }

  /**
   * Called after a run is created, aborted or deleted: tells the jobs of runs that are no longer
   * `running` to stop, and starts waiting jobs that are due.
   */
  schedule(): void {
    // A server that closes its database without stopping the runner (a signal) must not crash here.
    if (this.stopped || !this.db.open) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const stateOf = this.db.prepare('SELECT workflow_state FROM account_reports WHERE id = ?').pluck();
    for (const [runId, job] of this.active) {
      if (stateOf.get(runId) !== 'running') this.stopJob(job);
    }
    const waiting = this.db
      .prepare(
        `SELECT id, created_at FROM account_reports WHERE workflow_state = 'created' ORDER BY created_at, id`,
      )
      .all() as Pick<AccountReportRow, 'id' | 'created_at'>[];
    const now = Date.now();
    let nextDue = Number.POSITIVE_INFINITY;
    for (const run of waiting) {
      if (this.active.has(run.id)) continue;
      const due = Date.parse(run.created_at) + this.settings.startDelayMs;
      if (due > now) nextDue = Math.min(nextDue, due);
      else if (this.active.size < this.settings.maxConcurrentJobs) this.launch(run.id);
    }
    if (Number.isFinite(nextDue)) {
      // Unreferenced: a waiting run must not keep a test process or a stopping server alive.
      this.timer = setTimeout(() => this.schedule(), nextDue - now);
      this.timer.unref();
    }
  }

  /**
   * Stops every job and resolves once their threads are gone; the database is left as a crash
   * would leave it (the next start fails the interrupted runs and removes their files).
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const job of this.active.values()) this.stopJob(job);
    await Promise.allSettled([...this.active.values()].map((job) => job.finished));
    if (this.db.memory && this.directory) rmSync(this.directory, { recursive: true, force: true });
  }

  /** Whether the job for `runId` is currently executing (tests and diagnostics). */
  isRunning(runId: number): boolean {
    return this.active.has(runId);
  }

  private launch(runId: number): void {
    let job: ActiveJob | null;
    try {
      job = this.startJob(runId);
    } catch (error) {
      console.error(`report run ${runId}: the runner failed`, error);
      return;
    }
    if (!job) return;
    this.active.set(runId, job);
    job.finished
      .catch((error: unknown) => {
        console.error(`report run ${runId}: the runner failed`, error);
      })
      .finally(() => {
        this.active.delete(runId);
        this.schedule();
      });
  }

  /** Asks a job's thread to stop at its next batch, and terminates it if it has not after a grace. */
  private stopJob(job: ActiveJob): void {
    if (job.stopRequested) return;
    job.stopRequested = true;
    const command: StopJobCommand = { type: 'stop' };
    job.worker.postMessage(command);
    const deadline = setTimeout(() => void job.worker.terminate(), STOP_GRACE_MS);
    deadline.unref();
    job.worker.once('exit', () => clearTimeout(deadline));
  }

  private readRun(runId: number): AccountReportRow | undefined {
    return this.db.prepare('SELECT * FROM account_reports WHERE id = ?').get(runId) as
      | AccountReportRow
      | undefined;
  }

  /** The locale the job renders in (`infer_locale`): the user's, else the root account's default. */
  private localeFor(run: AccountReportRow, root: AccountRow): string {
    const user = this.db.prepare('SELECT locale FROM users WHERE id = ?').get(run.user_id) as
      | { locale: string | null }
      | undefined;
    const rootLocale = accountSettings(root).default_locale;
    return user?.locale ?? (typeof rootLocale === 'string' ? rootLocale : FALLBACK_LOCALE);
  }

  /** Claims a `created` run and starts its worker; null when there is nothing to run. */
  private startJob(runId: number): ActiveJob | null {
    const run = this.readRun(runId);
    if (run?.workflow_state !== 'created') return null;
    const account = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(run.account_id) as AccountRow;
    const rootId = account.root_account_id ?? account.id;
    const root = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(rootId) as AccountRow;
    const startedAt = new Date();
    const claimed = this.db
      .prepare(
        `UPDATE account_reports SET workflow_state = 'running', started_at = ?, updated_at = ?,
           parameters = json_set(parameters, '$.locale', ?)
         WHERE id = ? AND workflow_state = 'created'`,
      )
      .run(startedAt.toISOString(), startedAt.toISOString(), this.localeFor(run, root), runId);
    if (claimed.changes === 0) return null;

    const definition = this.catalogue.find(run.report_type);
    if (!definition) {
      this.fail(run, refusal(`The report ${run.report_type} is no longer offered.`));
      return null;
    }
    if (this.db.memory) {
      this.fail(run, refusal(IN_MEMORY_TEXT));
      return null;
    }
    const worker = spawnReportJob({
      runId,
      reportType: run.report_type,
      databaseFile: this.db.name,
      filesDirectory: this.filesDirectory,
      catalogue: this.catalogue.source,
      account,
      rootAccountId: rootId,
      parameters: JSON.parse(run.parameters) as Record<string, unknown>,
      userId: run.user_id,
      startedAt: startedAt.toISOString(),
      paceMs: this.settings.paceMs,
      batchRows: this.settings.batchRows,
    });
    let outcome: JobDoneMessage | JobFailedMessage | null = null;
    let crash: Error | null = null;
    const job: ActiveJob = {
      worker,
      stopRequested: false,
      finished: new Promise<void>((resolve, reject) => {
        worker.on('message', (message: ReportJobMessage) => {
          if (message.type === 'progress') this.recordProgress(runId, job, message.lines, message.totalLines);
          else outcome = message;
        });
        worker.on('error', (error) => {
          crash = error;
        });
        worker.on('exit', (code) => {
          try {
            this.finishJob(run, definition.title, account, job, outcome, crash ?? exitError(code));
            resolve();
          } catch (error) {
            reject(error);
          }
        });
      }),
    };
    return job;
  }

  /** Writes `progress`/`current_line` while the run is `running`; a run that no longer is gets its job stopped. */
  private recordProgress(runId: number, job: ActiveJob, lines: number, totalLines: number): void {
    if (this.stopped || !this.db.open) return;
    // Never 100 before the file is complete: that value means "finished" to pollers.
    const progress = Math.min(99, Math.floor((lines / totalLines) * 100));
    const recorded = this.db
      .prepare(
        `UPDATE account_reports SET progress = ?, current_line = ?, updated_at = ? WHERE id = ? AND workflow_state = 'running'`,
      )
      .run(progress, lines, new Date().toISOString(), runId);
    if (recorded.changes === 0) this.stopJob(job);
  }

  /**
   * Writes a run's final state once its thread has exited, so the file is closed by then. The
   * partial file of a run that did not complete goes before its final state is written, so a
   * finished run never points at leftovers. A stopped runner leaves both to the next start.
   */
  private finishJob(
    run: AccountReportRow,
    title: string,
    account: AccountRow,
    job: ActiveJob,
    outcome: JobDoneMessage | JobFailedMessage | null,
    crash: Error,
  ): void {
    if (this.stopped || !this.db.open) return;
    if (outcome?.type === 'done' && this.complete(run, title, account, outcome)) return;
    removeRunFiles(this.filesDirectory, run.id);
    if (outcome?.type === 'failed') this.fail(run, outcome);
    else if (job.stopRequested || outcome?.type === 'done') this.finishStopped(run.id);
    else this.fail(run, { refused: false, reason: crash.message, detail: crash.stack ?? crash.message });
  }

  private complete(run: AccountReportRow, title: string, account: AccountRow, file: JobDoneMessage): boolean {
    return this.db.transaction(() => {
      const current = this.readRun(run.id);
      if (current?.workflow_state !== 'running') return false;
      const now = new Date().toISOString();
      const attachment = this.db
        .prepare(
          `INSERT INTO attachments (account_id, user_id, uuid, display_name, filename, content_type, size,
             storage_path, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          run.account_id,
          run.user_id,
          randomUUID(),
          file.filename,
          file.filename,
          file.contentType,
          file.size,
          file.storagePath,
          now,
          now,
        );
      // `send_report`'s text; the report's settings summary, kept as `extra_text` as Canvas does, ends it.
      const message = `${title} report successfully generated with the following settings. Account: ${account.name}; ${file.settingsSummary}`;
      this.db
        .prepare(
          `UPDATE account_reports SET workflow_state = 'complete', progress = 100, current_line = ?, ended_at = ?,
             updated_at = ?, message = ?, attachment_id = ?,
             parameters = CASE WHEN ? = '' THEN parameters ELSE json_set(parameters, '$.extra_text', ?) END
           WHERE id = ?`,
        )
        .run(
          file.lines,
          now,
          now,
          message,
          Number(attachment.lastInsertRowid),
          file.settingsSummary,
          file.settingsSummary,
          run.id,
        );
      return true;
    })();
  }

  /** An aborted run ends as Canvas's finalize step leaves it; a deleted one just stops. */
  private finishStopped(runId: number): void {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `UPDATE account_reports SET progress = 100, ended_at = COALESCE(ended_at, ?), updated_at = ?,
           parameters = json_set(parameters, '$.extra_text', ?)
         WHERE id = ? AND workflow_state = 'aborted'`,
      )
      .run(now, now, ABORTED_TEXT, runId);
  }

  private fail(run: AccountReportRow, failure: RunFailure): void {
    if (!failure.refused) console.error(`report run ${run.id} (${run.report_type}) failed:`, failure.detail);
    // Canvas appends an ErrorReport reference; the sandbox keeps no error reports, so it names the
    // exception as Canvas does when it could not file one.
    const message = failure.refused
      ? failureMessage(run.report_type)
      : `${failureMessage(run.report_type)} Unable to create error_report_id for ${failure.reason}`;
    const now = new Date().toISOString();
    const changed = this.db
      .prepare(
        `UPDATE account_reports SET workflow_state = 'error', progress = 100, ended_at = ?, updated_at = ?,
           message = ?, parameters = json_set(parameters, '$.extra_text', ?)
         WHERE id = ? AND workflow_state = 'running'`,
      )
      .run(now, now, message, failure.refused ? failure.reason : GENERIC_FAILURE_TEXT, run.id);
    if (changed.changes === 0) this.finishStopped(run.id);
  }
}

/** Why a worker that never reported an outcome went away. */
function exitError(code: number): Error {
  return new Error(`the report worker exited with code ${code} before finishing`);
}

const runners = new WeakMap<Db, ReportRunner>();

/**
 * The report runner of a database, started on first use. Later calls return the same runner, so a
 * test may start it with its own catalogue and pacing before the sandbox API is created.
 */
export function startReportRunner(db: Db, settings: Partial<ReportRunnerSettings> = {}): ReportRunner {
  const existing = runners.get(db);
  if (existing) return existing;
  const runner = new ReportRunner(db, {
    ...reportRunnerSettingsFromEnv(),
    catalogue: SANDBOX_REPORT_CATALOGUE,
    ...settings,
  });
  runners.set(db, runner);
  runner.start();
  return runner;
}

export function reportRunnerOf(db: Db): ReportRunner {
  const runner = runners.get(db);
  if (!runner) throw new Error('The report runner of this database was not started');
  return runner;
}

/** Stops the database's runner (before the database is closed). */
export async function stopReportRunner(db: Db): Promise<void> {
  const runner = runners.get(db);
  if (!runner) return;
  runners.delete(db);
  await runner.stop();
}
