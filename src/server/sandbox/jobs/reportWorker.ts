import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Db } from '../db/connection.ts';
import { defaultSettingsSummary } from '../reports/reportHelpers.ts';
import { type CsvCell, ReportFailure, type ReportFile } from '../reports/types.ts';
import { runDirectory, runStoragePath } from './fileStore.ts';
import type { CatalogueSource, ReportCatalogue } from './reportCatalogue.ts';
import {
  type JobDoneMessage,
  type ReportJobInput,
  type ReportJobMessage,
  reportFileName,
  type StopJobCommand,
} from './reportJob.ts';
import { openCsvSink, openZipSink, type ReportSink } from './reportSink.ts';

// The thread that writes one report run's file (spawned by reportJob.ts `spawnReportJob`). It
// reads through its own read-only connection, so a definition's long counting queries and large
// batches never hold up the server's requests; it writes nothing to the database.

/** `progress` messages go out at most this often, however fast batches go. */
const PROGRESS_INTERVAL_MS = 250;

/** The main thread asked the job to stop (abort, delete, or the server stopping). */
class JobStopped extends Error {}

/** The catalogue the main thread runs with, imported afresh in this thread. */
async function importCatalogue(source: CatalogueSource): Promise<ReportCatalogue> {
  const exports = (await import(source.moduleUrl)) as Record<string, unknown>;
  const catalogue = exports[source.exportName] as Partial<ReportCatalogue> | undefined;
  if (typeof catalogue?.find !== 'function') {
    throw new Error(`${source.moduleUrl} exports no report catalogue named ${source.exportName}`);
  }
  return catalogue as ReportCatalogue;
}

function chunksOf<T>(rows: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < rows.length; start += size) chunks.push(rows.slice(start, start + size));
  return chunks;
}

class ReportJob {
  private lines = 0;
  private totalLines = 0;
  private lastProgress = Date.now();

  constructor(
    private readonly input: ReportJobInput,
    private readonly stopSignal: AbortSignal,
    private readonly post: (message: ReportJobMessage) => void,
  ) {}

  /** Returns to the event loop (so a stop command is heard), pausing `paceMs` when pacing. */
  private async pause(): Promise<void> {
    // Referenced: an unreferenced immediate would leave this thread's loop waiting for I/O.
    const options = { signal: this.stopSignal };
    try {
      if (this.input.paceMs > 0) await sleep(this.input.paceMs, undefined, options);
      else await nextTurn(undefined, options);
    } catch {
      throw new JobStopped();
    }
  }

  private async checkpoint(force: boolean): Promise<void> {
    await this.pause();
    if (force || Date.now() - this.lastProgress >= PROGRESS_INTERVAL_MS) {
      this.post({ type: 'progress', lines: this.lines, totalLines: this.totalLines });
      this.lastProgress = Date.now();
    }
  }

  async run(db: Db): Promise<JobDoneMessage> {
    const { input } = this;
    const catalogue = await importCatalogue(input.catalogue);
    const definition = catalogue.find(input.reportType);
    if (!definition) throw new ReportFailure(`The report ${input.reportType} is no longer offered.`);
    const startedAt = new Date(input.startedAt);
    const context = {
      db,
      account: input.account,
      rootAccountId: input.rootAccountId,
      parameters: input.parameters,
      userId: input.userId,
      startedAt,
    };
    const files = definition.plan(context);
    // A stop that came while plan() counted is heard here, before any file exists.
    await this.pause();
    const extension = files.length > 1 ? 'zip' : 'csv';
    const filename = reportFileName(input.reportType, input.runId, startedAt, extension);
    mkdirSync(runDirectory(input.filesDirectory, input.runId), { recursive: true });
    const storagePath = runStoragePath(input.runId, filename);
    const absolutePath = join(input.filesDirectory, storagePath);
    const sink = extension === 'zip' ? openZipSink(absolutePath) : openCsvSink(absolutePath);
    try {
      await this.writeFiles(files, sink);
      await sink.finish();
    } catch (error) {
      // Closed, not removed: the main thread removes a run's files once this thread is gone.
      await sink.discard();
      throw error;
    }
    return {
      type: 'done',
      filename,
      storagePath,
      contentType: extension === 'zip' ? 'application/zip' : 'text/csv',
      size: statSync(absolutePath).size,
      lines: this.lines,
      settingsSummary: definition.settingsSummary
        ? definition.settingsSummary(context)
        : defaultSettingsSummary(context, definition),
    };
  }

  /** Writes every file, batch by batch, honouring the sink's backpressure. */
  private async writeFiles(files: ReportFile[], sink: ReportSink): Promise<void> {
    this.totalLines = files.reduce((sum, file) => sum + file.rowCount + 1, 0);
    for (const file of files) {
      await sink.beginFile(file.name, file.header);
      this.lines += 1;
      // The definition's iterator runs its queries inside next(); no statement is open while we pause.
      for (const batch of file.batches()) {
        for (const rows of chunksOf<CsvCell[]>(batch, this.input.batchRows)) {
          await sink.write(rows);
          this.lines += rows.length;
          await this.checkpoint(false);
        }
      }
      await this.checkpoint(true);
    }
  }
}

async function main(port: MessagePort, input: ReportJobInput): Promise<void> {
  const stop = new AbortController();
  port.on('message', (command: StopJobCommand) => {
    if (command.type === 'stop') stop.abort();
  });
  const post = (message: ReportJobMessage) => port.postMessage(message);
  let db: Db | null = null;
  try {
    db = new Database(input.databaseFile, { readonly: true, fileMustExist: true });
    post(await new ReportJob(input, stop.signal, post).run(db));
  } catch (error) {
    // A stopped job says nothing more: the main thread knows why it stopped.
    if (!(error instanceof JobStopped)) {
      post({
        type: 'failed',
        refused: error instanceof ReportFailure,
        reason: error instanceof Error ? error.message : String(error),
        detail: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  } finally {
    db?.close();
    // Messages already posted are still delivered; closing lets the thread end.
    port.close();
  }
}

if (!parentPort) throw new Error('reportWorker.ts runs only as a worker thread (see spawnReportJob)');
await main(parentPort, workerData as ReportJobInput);
