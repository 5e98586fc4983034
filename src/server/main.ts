import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { buildIfStale, viteBinary } from './build.ts';
import { openDatabase } from './sandbox/db/connection.ts';
import { generateTenant, isTenantGenerated } from './sandbox/db/generate.ts';
import { DEMO_USERS, demoToken, ensureDemoTokens } from './sandbox/demoUsers.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const dbFile = resolve(root, process.env.SANDBOX_DB ?? '.data/sandbox.db');
const distDir = join(root, 'dist');

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got "${process.env.PORT}"`);
  process.exit(2);
}

if (!dev) buildIfStale(root, distDir);

const db = openDatabase(dbFile);
if (!isTenantGenerated(db)) {
  console.log(`Creating the sandbox database with the demo tenant at ${dbFile}...`);
  const summary = generateTenant(db, { scale: 'demo' });
  console.log(
    `  ${summary.accounts} accounts, ${summary.courses} courses, ${summary.users} users in ${(summary.milliseconds / 1000).toFixed(1)} s`,
  );
}
ensureDemoTokens(db);

const server = createServer(
  createApp({ db, distDir: dev ? null : distDir, publicUrl: process.env.PUBLIC_URL }),
);
server.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const apiUrl = `http://${host}:${actualPort}`;
  console.log(`Canvas Admin (sandbox) on ${apiUrl}`);
  console.log(`  database: ${dbFile}`);
  console.log('  demo users (Authorization: Bearer <token>):');
  for (const user of DEMO_USERS)
    console.log(`    ${user.key.padEnd(9)} ${user.description.padEnd(26)} ${demoToken(user)}`);
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
  process.on(signal, () => {
    server.close();
    db.close();
    process.exit(0);
  });
}
