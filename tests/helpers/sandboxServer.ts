import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CanvasClient } from '../../src/api/http.ts';
import { createApp } from '../../src/server/app.ts';
import { type Db, openDatabase } from '../../src/server/sandbox/db/connection.ts';
import { generateTenant } from '../../src/server/sandbox/db/generate.ts';
import { type DemoUserKey, demoUserId, ensureDemoTokens } from '../../src/server/sandbox/demoUsers.ts';
import {
  type ReportRunnerSettings,
  startReportRunner,
  stopReportRunner,
} from '../../src/server/sandbox/jobs/reportRunner.ts';

export const DEMO_TOKENS: Record<DemoUserKey, string> = {
  admin: 'demo-admin-token',
  subadmin: 'demo-subadmin-token',
  teacher: 'demo-teacher-token',
  student: 'demo-student-token',
};

export interface SandboxOptions {
  /** Reopen this database (kept by an earlier `close({ keepDatabase: true })`) instead of a fresh tenant. */
  databaseFile?: string;
  /** Report runner settings (catalogue, pacing) instead of the sandbox's defaults. */
  reports?: Partial<ReportRunnerSettings>;
}

export interface RunningSandbox {
  baseUrl: string;
  db: Db;
  databaseFile: string;
  userId(key: DemoUserKey): number;
  /** A typed client authenticated as a demo user (or anonymous). */
  client(key: DemoUserKey | null): CanvasClient;
  /** Raw fetch against the server with a demo user's bearer token. */
  request(path: string, init?: RequestInit & { as?: DemoUserKey | null }): Promise<Response>;
  /** Stops the server and the report runner, closes the database and (unless kept) deletes it. */
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

/** The real HTTP server over a fresh demo tenant in a temporary SQLite file (or a reopened one), on a random port. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const databaseFile =
    options.databaseFile ?? join(mkdtempSync(join(tmpdir(), 'canvas-admin-test-')), 'sandbox.db');
  const dir = dirname(databaseFile);
  const db = openDatabase(databaseFile);
  if (!options.databaseFile) generateTenant(db, { scale: 'demo', seed: 1 });
  ensureDemoTokens(db, {});
  // Started before the app so that the app's sandbox API finds this runner instead of the default one.
  if (options.reports) startReportRunner(db, options.reports);
  const server: Server = createServer(createApp({ db, distDir: null }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    db,
    databaseFile,
    userId: (key) => demoUserId(db, key),
    client: (key) => new CanvasClient({ baseUrl, token: key ? DEMO_TOKENS[key] : undefined }),
    request(path, init = {}) {
      const { as = 'admin', headers, ...rest } = init;
      const merged = new Headers(headers);
      if (as) merged.set('Authorization', `Bearer ${DEMO_TOKENS[as]}`);
      return fetch(`${baseUrl}${path}`, { ...rest, headers: merged });
    },
    async close(closeOptions = {}) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stopReportRunner(db);
      db.close();
      if (!closeOptions.keepDatabase) rmSync(dir, { recursive: true, force: true });
    },
  };
}
