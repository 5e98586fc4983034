import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CanvasClient } from '../../src/api/http.ts';
import { createApp } from '../../src/server/app.ts';
import { type Db, openDatabase } from '../../src/server/sandbox/db/connection.ts';
import { generateTenant } from '../../src/server/sandbox/db/generate.ts';
import { type DemoUserKey, demoUserId, ensureDemoTokens } from '../../src/server/sandbox/demoUsers.ts';

export const DEMO_TOKENS: Record<DemoUserKey, string> = {
  admin: 'demo-admin-token',
  subadmin: 'demo-subadmin-token',
  teacher: 'demo-teacher-token',
  student: 'demo-student-token',
};

export interface RunningSandbox {
  baseUrl: string;
  db: Db;
  userId(key: DemoUserKey): number;
  /** A typed client authenticated as a demo user (or anonymous). */
  client(key: DemoUserKey | null): CanvasClient;
  /** Raw fetch against the server with a demo user's bearer token. */
  request(path: string, init?: RequestInit & { as?: DemoUserKey | null }): Promise<Response>;
  close(): Promise<void>;
}

/** The real HTTP server over a fresh demo tenant in a temporary SQLite file, on a random port. */
export async function startSandbox(): Promise<RunningSandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'canvas-admin-test-'));
  const db = openDatabase(join(dir, 'sandbox.db'));
  generateTenant(db, { scale: 'demo', seed: 1 });
  ensureDemoTokens(db, {});
  const server: Server = createServer(createApp({ db, distDir: null }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    db,
    userId: (key) => demoUserId(db, key),
    client: (key) => new CanvasClient({ baseUrl, token: key ? DEMO_TOKENS[key] : undefined }),
    request(path, init = {}) {
      const { as = 'admin', headers, ...rest } = init;
      const merged = new Headers(headers);
      if (as) merged.set('Authorization', `Bearer ${DEMO_TOKENS[as]}`);
      return fetch(`${baseUrl}${path}`, { ...rest, headers: merged });
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
