import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3199);
// Every run starts from a fresh demo tenant so the suite never depends on earlier runs.
const sandboxDb =
  process.env.E2E_SANDBOX_DB ?? join(mkdtempSync(join(tmpdir(), 'canvas-admin-e2e-')), 'sandbox.db');

export default defineConfig({
  testDir: 'e2e',
  // Proxy mode needs two servers; playwright.proxy.config.ts runs it.
  testIgnore: 'proxy.spec.ts',
  fullyParallel: false,
  workers: 1,
  // One retry everywhere, CI included: the 2-core machines that run the suite are sometimes slow
  // enough to trip a step; a retried pass is still reported as flaky.
  retries: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? 'list' : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'node --import tsx src/server/main.ts',
    url: `http://127.0.0.1:${port}/auth/session`,
    timeout: 240_000,
    reuseExistingServer: false,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      SANDBOX_DB: sandboxDb,
      // Reports over the demo tenant then take a few seconds, so their progress can be watched.
      SANDBOX_REPORT_BATCH_ROWS: '200',
      SANDBOX_REPORT_PACE_MS: '40',
    },
  },
});
