import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { viteBinary } from '../src/server/build.ts';
import type { TenantScale, TenantSummary } from '../src/server/sandbox/db/generate.ts';
import { resetSandbox } from '../src/server/sandbox/db/reset.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ADMIN_TOKEN = 'demo-admin-token';

/**
 * Everything the bench starts or creates, undone in reverse order whatever happens: on success, on
 * an exception and on Ctrl-C, so that no server keeps running and no temporary tenant stays behind.
 */
export class Cleanup {
  private readonly steps: { label: string; undo: () => void | Promise<void> }[] = [];

  add(label: string, undo: () => void | Promise<void>): void {
    this.steps.push({ label, undo });
  }

  async run(): Promise<void> {
    while (this.steps.length > 0) {
      const step = this.steps.pop();
      if (!step) break;
      try {
        await step.undo();
      } catch (error) {
        console.error(`cleanup: ${step.label} failed:`, error);
      }
    }
  }
}

export function makeTempDir(cleanup: Cleanup): string {
  const dir = mkdtempSync(join(tmpdir(), 'canvas-admin-bench-'));
  cleanup.add(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * The production build, with Vite's manifest (the bundle part reads the chunk graph from it), into
 * the bench's own directory: dist/ belongs to whoever else runs the app from this working tree. Runs
 * as a child process, so the tenant can be generated meanwhile; resolves to the milliseconds taken.
 */
export function buildApp(cleanup: Cleanup, outDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [viteBinary(REPO_ROOT), 'build', '--outDir', outDir, '--emptyOutDir', '--manifest', '--logLevel', 'warn'],
    { cwd: REPO_ROOT, stdio: 'inherit' },
  );
  cleanup.add('stop vite build', () => stopChild(child));
  return new Promise((resolvePromise, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolvePromise(performance.now() - started);
      else reject(new Error('vite build failed; see the output above'));
    });
  });
}

/** Where `vite build --manifest` writes the manifest inside `outDir`. */
export function manifestFile(outDir: string): string {
  return join(outDir, '.vite', 'manifest.json');
}

export function generateTenantFile(file: string, scale: TenantScale): TenantSummary {
  return resetSandbox(file, scale);
}

export interface ServerOptions {
  dbFile: string;
  distDir: string;
  latencyMs: number;
}

export interface RunningServer {
  baseUrl: string;
  pid: number;
  /** Resident memory now and its peak since start (VmRSS, VmHWM), in bytes. */
  memory(): { rssBytes: number; peakRssBytes: number };
  stop(): Promise<void>;
}

/** bench/server.ts (the sandbox app) on a free port, as a child whose memory /proc can tell. */
export function startServer(cleanup: Cleanup, options: ServerOptions): Promise<RunningServer> {
  return startListeningChild(cleanup, ['bench/server.ts'], /listening on (http:\/\/\S+)/, {
    SANDBOX_DB: options.dbFile,
    BENCH_DIST: options.distDir,
    SANDBOX_LATENCY_MS: String(options.latencyMs),
  });
}

/**
 * A TypeScript script run with tsx as a child process, ready once its output matches `ready` (whose
 * first group is the URL it listens on). Stopped by the cleanup if the caller does not stop it first.
 */
export async function startListeningChild(
  cleanup: Cleanup,
  args: readonly string[],
  ready: RegExp,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () => stopChild(child);
  cleanup.add(`stop ${args[0]} (pid ${child.pid})`, stop);
  const baseUrl = await new Promise<string>((resolvePromise, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match?.[1]) {
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        resolvePromise(match[1]);
      }
    };
    const onExit = (code: number | null) =>
      reject(new Error(`${args[0]} exited (${code}) before listening:\n${output}`));
    child.stdout?.on('data', onData);
    // The server's own errors (sandbox error reports) are worth seeing; its banner is not.
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${args[0]}] ${chunk}`));
    child.once('exit', onExit);
  });
  // Drain stdout so a chatty server never blocks on a full pipe.
  child.stdout?.resume();
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${args[0]} has no pid`);
  return { baseUrl, pid, memory: () => processMemory(pid), stop };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolvePromise();
    });
    child.kill('SIGTERM');
  });
}

function processMemory(pid: number): { rssBytes: number; peakRssBytes: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match?.[1]) throw new Error(`/proc/${pid}/status has no ${field}`);
    return Number(match[1]) * 1024;
  };
  return { rssBytes: kilobytes('VmRSS'), peakRssBytes: kilobytes('VmHWM') };
}
