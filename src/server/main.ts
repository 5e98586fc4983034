import { spawn } from 'node:child_process';
import { createServer, type RequestListener } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { buildIfStale, viteBinary } from './build.ts';
import { ConfigError, type ProxyConfig, parseProxyConfig } from './proxy/config.ts';
import { prepareProxyMode } from './proxy/setup.ts';
import { openDatabase } from './sandbox/db/connection.ts';
import { generateTenant, isTenantGenerated } from './sandbox/db/generate.ts';
import { DEMO_USERS, demoToken, ensureDemoTokens } from './sandbox/demoUsers.ts';
import { stopReportRunner } from './sandbox/jobs/reportRunner.ts';
import { ensureDemoDeveloperKey } from './sandbox/oauth/developerKeys.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const distDir = join(root, 'dist');

function stop(message: string): never {
  console.error(`Canvas Admin cannot start: ${message}`);
  process.exit(2);
}

if (!Number.isInteger(port) || port < 0 || port > 65535)
  stop(`PORT must be a port number, got "${process.env.PORT}"`);

let proxyConfig: ProxyConfig | null;
try {
  proxyConfig = parseProxyConfig(process.env, {
    localUrl: `http://${host}:${port}`,
    defaultDatabaseFile: resolve(root, '.data/dashboard.db'),
  });
} catch (error) {
  if (error instanceof ConfigError) stop(error.message);
  throw error;
}

const closers: (() => void | Promise<void>)[] = [];
const startupLines: string[] = [];
let app: RequestListener;

if (proxyConfig) {
  let setup: Awaited<ReturnType<typeof prepareProxyMode>>;
  try {
    setup = await prepareProxyMode(
      proxyConfig.kind === 'oauth'
        ? { ...proxyConfig, databaseFile: resolve(root, proxyConfig.databaseFile) }
        : proxyConfig,
    );
  } catch (error) {
    if (error instanceof ConfigError) stop(error.message);
    throw error;
  }
  if (!dev) buildIfStale(root, distDir);
  app = createApp({ proxy: setup, distDir: dev ? null : distDir, publicUrl: process.env.PUBLIC_URL });
  startupLines.push(`  Canvas: ${proxyConfig.canvasUrl.origin}`);
  if (setup.kind === 'oauth') {
    const { sessions } = setup;
    closers.push(() => sessions.close());
    startupLines.push(
      `  sign-in: OAuth2, developer key ${setup.config.clientId}, redirect URI ${setup.config.redirectUri}`,
    );
    startupLines.push(`  sessions: ${setup.config.databaseFile}`);
  } else {
    startupLines.push(`  acting as ${setup.user.name} (CANVAS_TOKEN) for everyone who opens the dashboard`);
  }
} else {
  const dbFile = resolve(root, process.env.SANDBOX_DB ?? '.data/sandbox.db');
  if (!dev) buildIfStale(root, distDir);
  const db = openDatabase(dbFile);
  // Report jobs are told to stop before their database closes; a restart marks them as interrupted.
  closers.push(async () => {
    await stopReportRunner(db);
    db.close();
  });
  if (!isTenantGenerated(db)) {
    console.log(`Creating the sandbox database with the demo tenant at ${dbFile}...`);
    const summary = generateTenant(db, { scale: 'demo' });
    console.log(
      `  ${summary.accounts} accounts, ${summary.courses} courses, ${summary.users} users in ${(summary.milliseconds / 1000).toFixed(1)} s`,
    );
  }
  ensureDemoTokens(db);
  let developerKey: ReturnType<typeof ensureDemoDeveloperKey>;
  try {
    developerKey = ensureDemoDeveloperKey(db);
  } catch (error) {
    stop((error as Error).message);
  }
  const ttlText = process.env.SANDBOX_OAUTH_TOKEN_TTL;
  const accessTokenTtlSeconds = ttlText ? Number(ttlText) : undefined;
  if (
    accessTokenTtlSeconds !== undefined &&
    !(Number.isInteger(accessTokenTtlSeconds) && accessTokenTtlSeconds > 0)
  ) {
    stop(`SANDBOX_OAUTH_TOKEN_TTL must be a whole number of seconds, got "${ttlText}"`);
  }
  app = createApp({
    db,
    distDir: dev ? null : distDir,
    publicUrl: process.env.PUBLIC_URL,
    oauth: { accessTokenTtlSeconds },
  });
  startupLines.push(`  database: ${dbFile}`);
  startupLines.push('  demo users (Authorization: Bearer <token>):');
  for (const user of DEMO_USERS) {
    startupLines.push(`    ${user.key.padEnd(9)} ${user.description.padEnd(26)} ${demoToken(user)}`);
  }
  // The demo key's secret is printed on purpose: it is the sandbox's, for pointing a second
  // dashboard at this one in proxy mode (README, "Trying proxy mode against the sandbox").
  startupLines.push('  OAuth2 demo developer key (for a dashboard in proxy mode pointed here):');
  startupLines.push(`    CANVAS_CLIENT_ID=${developerKey.clientId}`);
  startupLines.push(`    CANVAS_CLIENT_SECRET=${developerKey.clientSecret}`);
  startupLines.push(`    redirect URIs: ${developerKey.redirectUris.join(', ')}`);
}

const server = createServer(app);
// Node closes idle keep-alive sockets after 5 s by default. A browser that sends a request on a
// socket at that very moment sees the connection drop and, as Chromium does for reused sockets,
// resends it: a POST can then run twice. Browsers keep idle sockets far longer, so the server
// keeps them a minute and a bit (reverse proxies usually close theirs sooner anyway).
server.keepAliveTimeout = 75_000;
server.headersTimeout = 76_000;
server.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const apiUrl = `http://${host}:${actualPort}`;
  console.log(`Canvas Admin (${proxyConfig ? 'connected to Canvas' : 'sandbox'}) on ${apiUrl}`);
  for (const line of startupLines) console.log(line);
  if (dev) startVite(apiUrl);
});

/** `npm run dev`: Vite's dev server with hot reload, proxying /api and /auth to this server. */
function startVite(apiUrl: string): void {
  const viteBin = viteBinary(root);
  const vite = spawn(process.execPath, [viteBin, '--host', host], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, API_TARGET: apiUrl },
  });
  vite.on('exit', (code) => process.exit(code ?? 0));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    server.close();
    for (const close of closers) await close();
    process.exit(0);
  });
}
