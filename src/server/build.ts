import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Inputs of the browser bundle; the server's own code is not part of it. */
const BUILD_INPUTS = ['index.html', 'vite.config.ts', 'package-lock.json', 'public', 'src'];
const SERVER_ONLY = join('src', 'server');

function newestMtime(root: string, relative: string): number {
  const path = join(root, relative);
  if (!existsSync(path) || relative.startsWith(SERVER_ONLY)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(root, join(relative, entry)));
  return newest;
}

/** Vite's CLI script; its package exports hide `bin/`, so it is found next to its package.json. */
export function viteBinary(root: string): string {
  return join(
    dirname(createRequire(join(root, 'package.json')).resolve('vite/package.json')),
    'bin',
    'vite.js',
  );
}

export function isBuildStale(root: string, distDir: string): boolean {
  const builtIndex = join(distDir, 'index.html');
  if (!existsSync(builtIndex)) return true;
  const builtAt = statSync(builtIndex).mtimeMs;
  return BUILD_INPUTS.some((input) => newestMtime(root, input) > builtAt);
}

/** Runs `vite build` when dist/ is missing or older than its sources. */
export function buildIfStale(root: string, distDir: string): void {
  if (!isBuildStale(root, distDir)) return;
  console.log('Building the dashboard (dist/ is missing or stale)...');
  const viteBin = viteBinary(root);
  const result = spawnSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('vite build failed; see the output above');
}
