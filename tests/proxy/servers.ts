import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CanvasClient } from '../../src/api/http.ts';
import { createApp } from '../../src/server/app.ts';
import { type OAuthProxyConfig, parseProxyConfig } from '../../src/server/proxy/config.ts';
import type { ProxyModeSetup } from '../../src/server/proxy/handler.ts';
import { prepareProxyMode } from '../../src/server/proxy/setup.ts';
import { type Db, openDatabase } from '../../src/server/sandbox/db/connection.ts';
import { generateTenant } from '../../src/server/sandbox/db/generate.ts';
import { ensureDemoTokens } from '../../src/server/sandbox/demoUsers.ts';
import { stopReportRunner } from '../../src/server/sandbox/jobs/reportRunner.ts';
import { ensureDemoDeveloperKey } from '../../src/server/sandbox/oauth/developerKeys.ts';

export const CLIENT_ID = '10000000000002';
export const CLIENT_SECRET = 'S'.repeat(64);
export const DASHBOARD_SECRET = 'a-test-secret-that-is-long-enough-for-hkdf';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export interface RunningCanvas {
  url: string;
  db: Db;
  /** Every path Canvas was asked for, in order. */
  seenPaths: string[];
  /** Adds a dashboard's callback to the demo developer key's redirect URIs. */
  registerRedirectUri(uri: string): void;
  close(): Promise<void>;
}

/** The sandbox as "Canvas": a real server over a fresh demo tenant, with the demo developer key. */
export async function startCanvas(options: { accessTokenTtlSeconds?: number } = {}): Promise<RunningCanvas> {
  const dir = mkdtempSync(join(tmpdir(), 'canvas-admin-proxy-canvas-'));
  const db = openDatabase(join(dir, 'sandbox.db'));
  generateTenant(db, { scale: 'demo', seed: 1 });
  ensureDemoTokens(db, {});
  const seenPaths: string[] = [];
  const redirectUris: string[] = [];
  const app = createApp({
    db,
    distDir: null,
    oauth: { accessTokenTtlSeconds: options.accessTokenTtlSeconds },
  });
  const server = createServer((req, res) => {
    seenPaths.push(new URL(req.url ?? '/', 'http://x').pathname);
    app(req, res);
  });
  const url = await listen(server);
  return {
    url,
    db,
    seenPaths,
    registerRedirectUri(uri) {
      redirectUris.push(uri);
      ensureDemoDeveloperKey(db, {
        SANDBOX_OAUTH_CLIENT_ID: CLIENT_ID,
        SANDBOX_OAUTH_CLIENT_SECRET: CLIENT_SECRET,
        SANDBOX_OAUTH_REDIRECT_URIS: redirectUris.join(','),
      });
    },
    async close() {
      await closeServer(server);
      await stopReportRunner(db);
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RunningDashboard {
  url: string;
  setup: ProxyModeSetup;
  config: OAuthProxyConfig;
  close(): Promise<void>;
}

/**
 * The dashboard in OAuth proxy mode pointed at `canvas`, on its own random port; its session
 * database is a temporary file unless `databaseFile` is given (to test restarts).
 */
export async function startDashboard(
  canvas: RunningCanvas,
  env: NodeJS.ProcessEnv = {},
  databaseFile?: string,
): Promise<RunningDashboard> {
  const dir = mkdtempSync(join(tmpdir(), 'canvas-admin-proxy-dashboard-'));
  let listener: RequestListener = (_req, res) => res.end();
  const server = createServer((req, res) => listener(req, res));
  const url = await listen(server);
  const config = parseProxyConfig(
    {
      CANVAS_URL: canvas.url,
      CANVAS_CLIENT_ID: CLIENT_ID,
      CANVAS_CLIENT_SECRET: CLIENT_SECRET,
      DASHBOARD_SECRET,
      DASHBOARD_DB: databaseFile ?? join(dir, 'dashboard.db'),
      ...env,
    },
    { localUrl: url, defaultDatabaseFile: join(dir, 'unused.db') },
  );
  if (config?.kind !== 'oauth') throw new Error('expected OAuth proxy mode');
  canvas.registerRedirectUri(config.redirectUri);
  const setup = await prepareProxyMode(config);
  listener = createApp({ proxy: setup, distDir: null });
  return {
    url,
    setup,
    config,
    async close() {
      await closeServer(server);
      if (setup.kind === 'oauth') setup.sessions.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser's cookies for one origin, enough for these flows. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (!name) continue;
      const text = decodeURIComponent(value.join('='));
      if (text === '' || /Max-Age=0/i.test(line)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), text);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; ');
  }
}

/** fetch without following redirects, with the jar's cookies sent and updated. */
export async function browse(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookie = jar.header();
  if (cookie) headers.set('Cookie', cookie);
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.store(response);
  return response;
}

export interface SignInSteps {
  /** The dashboard's browser. */
  dashboardJar: CookieJar;
  /** The authorize page's HTML. */
  authorizePage: string;
  /** Where Canvas sent the browser back to (the dashboard's callback with code or error). */
  callbackUrl: string;
}

/** The browser side up to Canvas's answer: start sign-in, open the authorize page, submit its form. */
export async function runAuthorizePage(
  dashboard: RunningDashboard,
  choice: { user: string } | 'cancel',
  jar = new CookieJar(),
): Promise<SignInSteps> {
  const start = await browse(jar, `${dashboard.url}/auth/sign-in`);
  const authorizeUrl = start.headers.get('location');
  if (start.status !== 302 || !authorizeUrl) throw new Error(`sign-in did not redirect (${start.status})`);
  const canvasJar = new CookieJar();
  const page = await browse(canvasJar, authorizeUrl);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`authorize page: ${page.status} ${html}`);
  const form = /<form method="post" action="([^"]+)">/.exec(html);
  const csrf = /name="custom_csrf_token" value="([^"]+)"/.exec(html);
  const cancelAction = /formaction="([^"]+)"/.exec(html);
  if (!form?.[1] || !csrf?.[1] || !cancelAction?.[1]) throw new Error('authorize page lacks its form');
  const action = choice === 'cancel' ? cancelAction[1] : form[1];
  const fields = new URLSearchParams({ custom_csrf_token: csrf[1] });
  if (choice !== 'cancel') fields.set('unique_id', choice.user);
  const answer = await browse(canvasJar, new URL(action, authorizeUrl).toString(), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: fields,
  });
  const callbackUrl = answer.headers.get('location');
  if (answer.status !== 302 || !callbackUrl)
    throw new Error(`accept/deny: ${answer.status} ${await answer.text()}`);
  return { dashboardJar: jar, authorizePage: html, callbackUrl };
}

/** The whole sign-in as a demo user; returns the dashboard browser's cookies. */
export async function signIn(dashboard: RunningDashboard, user = 'admin'): Promise<CookieJar> {
  const steps = await runAuthorizePage(dashboard, { user });
  const callback = await browse(steps.dashboardJar, steps.callbackUrl);
  if (callback.status !== 302 || callback.headers.get('location') !== '/') {
    throw new Error(`callback: ${callback.status} ${callback.headers.get('location')}`);
  }
  return steps.dashboardJar;
}

/** The typed client as the dashboard's browser uses it: cookies, no token. */
export function browserClient(dashboard: RunningDashboard, jar: CookieJar): CanvasClient {
  return new CanvasClient({
    baseUrl: dashboard.url,
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('Cookie', jar.header());
      return fetch(input, { ...init, headers });
    },
  });
}
