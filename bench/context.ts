import type { TenantSummary } from '../src/server/sandbox/db/generate.ts';
import { type Cleanup, type RunningServer, startServer } from './harness.ts';
import type { BenchOptions } from './options.ts';

export interface BenchContext {
  options: BenchOptions;
  cleanup: Cleanup;
  tempDir: string;
  dbFile: string;
  /** The bench's own production build. */
  distDir: string;
  /** Absent when only the bundle is measured. */
  tenant?: TenantSummary;
}

/** A fresh server over the bench's tenant for one part, stopped when the part is done. */
export async function withServer<T>(
  context: BenchContext,
  latencyMs: number,
  work: (server: RunningServer) => Promise<T>,
): Promise<T> {
  const server = await startServer(context.cleanup, {
    dbFile: context.dbFile,
    distDir: context.distDir,
    latencyMs,
  });
  try {
    return await work(server);
  } finally {
    await server.stop();
  }
}

export function log(message: string): void {
  const time = new Date().toISOString().slice(11, 19);
  console.log(`[bench ${time}] ${message}`);
}
