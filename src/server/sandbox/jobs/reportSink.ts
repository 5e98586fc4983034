import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { Zip, ZipDeflate } from 'fflate';
import type { CsvCell } from '../reports/types.ts';
import { csvLine } from './csv.ts';

/**
 * Where a running report writes: one CSV file, or a zip with one CSV entry per report file. Rows
 * go to disk as they come, so a report over a large tenant never sits in memory whole.
 */
export interface ReportSink {
  /** Starts the next CSV with its header row (a new entry when zipping). */
  beginFile(name: string, header: readonly string[]): Promise<void>;
  /** Appends rows to the current CSV, waiting while the disk catches up. */
  write(rows: readonly (readonly CsvCell[])[]): Promise<void>;
  /** Completes the file (the zip's central directory) and closes it. */
  finish(): Promise<void>;
  /** Stops writing and closes the file without completing it; the caller removes it. */
  discard(): Promise<void>;
}

function rowsText(rows: readonly (readonly CsvCell[])[]): string {
  let text = '';
  for (const row of rows) text += csvLine(row);
  return text;
}

/**
 * A file stream whose failures (disk full, directory removed) surface at the next write instead of
 * as an unhandled 'error' event.
 */
function openFile(path: string): { stream: WriteStream; check(): void } {
  const stream = createWriteStream(path);
  let failure: Error | null = null;
  stream.on('error', (error) => {
    failure = error;
  });
  return {
    stream,
    check() {
      if (failure) throw failure;
    },
  };
}

/** Resolves once the stream has room again, so writers honour its backpressure. */
async function drained(stream: WriteStream): Promise<void> {
  if (stream.writableNeedDrain) await once(stream, 'drain');
}

/** Closes without flushing; writes still pending fail, which no longer matters. */
async function closeStream(stream: WriteStream): Promise<void> {
  if (stream.closed) return;
  const closed = once(stream, 'close').catch(() => undefined);
  stream.destroy();
  await closed;
}

export function openCsvSink(path: string): ReportSink {
  const { stream, check } = openFile(path);
  return {
    async beginFile(_name, header) {
      check();
      stream.write(csvLine(header));
      await drained(stream);
    },
    async write(rows) {
      check();
      stream.write(rowsText(rows));
      await drained(stream);
    },
    async finish() {
      stream.end();
      await finished(stream);
    },
    discard: () => closeStream(stream),
  };
}

export function openZipSink(path: string): ReportSink {
  const { stream, check } = openFile(path);
  let zipError: Error | null = null;
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      zipError = error;
      return;
    }
    stream.write(chunk);
    if (final) stream.end();
  });
  let entry: ZipDeflate | null = null;

  function push(text: string): void {
    check();
    if (!entry) throw new Error('No zip entry started');
    entry.push(Buffer.from(text, 'utf8'));
    if (zipError) throw zipError;
  }

  function endEntry(): void {
    entry?.push(new Uint8Array(0), true);
    entry = null;
  }

  return {
    async beginFile(name, header) {
      endEntry();
      entry = new ZipDeflate(name, { level: 6 });
      zip.add(entry);
      push(csvLine(header));
      await drained(stream);
    },
    async write(rows) {
      push(rowsText(rows));
      await drained(stream);
    },
    async finish() {
      endEntry();
      zip.end();
      if (zipError) throw zipError;
      await finished(stream);
    },
    async discard() {
      zip.terminate();
      await closeStream(stream);
    },
  };
}
