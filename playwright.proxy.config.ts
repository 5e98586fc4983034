import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Proxy mode end to end: one server runs the sandbox as "Canvas" (with its OAuth2 provider), a
 * second runs the dashboard connected to it, exactly as against a real Canvas.
 */
const canvasPort = Number(process.env.E2E_CANVAS_PORT ?? 3195);
const dashboardPort = Number(process.env.E2E_PROXY_PORT ?? 3196);
const canvasUrl = `http://127.0.0.1:${canvasPort}`;
const dashboardUrl = `http://127.0.0.1:${dashboardPort}`;
// Workers load this file again; they inherit the runner's environment, so all agree on one directory.
process.env.E2E_PROXY_RUN_DIR ??= mkdtempSync(join(tmpdir(), 'canvas-admin-e2e-proxy-'));
const runDir = process.env.E2E_PROXY_RUN_DIR;
const canvasDb = join(runDir, 'canvas.db');
// The spec revokes a token at "Canvas" by writing to its database, as an admin revoking it would.
process.env.E2E_PROXY_CANVAS_DB = canvasDb;
const clientId = '10000000000002';
const clientSecret = 'e2eClientSecret'.padEnd(64, 'x');

export default defineConfig({
  testDir: 'e2e',
  testMatch: 'proxy.spec.ts',
  fullyParallel: false,
  workers: 1,
  // One retry everywhere, CI included: the 2-core machines that run the suite are sometimes slow
  // enough to trip a step; a retried pass is still reported as flaky.
  retries: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: dashboardUrl,
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
  // Started in this order, each once it answers: the dashboard checks Canvas at start-up.
  webServer: [
    {
      command: 'node --import tsx src/server/main.ts',
      url: `${canvasUrl}/auth/session`,
      timeout: 240_000,
      reuseExistingServer: false,
      env: {
        PORT: String(canvasPort),
        HOST: '127.0.0.1',
        SANDBOX_DB: canvasDb,
        SANDBOX_OAUTH_CLIENT_ID: clientId,
        SANDBOX_OAUTH_CLIENT_SECRET: clientSecret,
        SANDBOX_OAUTH_REDIRECT_URIS: `${dashboardUrl}/auth/callback`,
      },
    },
    {
      command: 'node --import tsx src/server/main.ts',
      url: `${dashboardUrl}/`,
      timeout: 240_000,
      reuseExistingServer: false,
      env: {
        PORT: String(dashboardPort),
        HOST: '127.0.0.1',
        CANVAS_URL: canvasUrl,
        CANVAS_CLIENT_ID: clientId,
        CANVAS_CLIENT_SECRET: clientSecret,
        PUBLIC_URL: dashboardUrl,
        DASHBOARD_SECRET: 'e2e-dashboard-secret-long-enough-for-hkdf',
        DASHBOARD_DB: join(runDir, 'dashboard.db'),
      },
    },
  ],
});
