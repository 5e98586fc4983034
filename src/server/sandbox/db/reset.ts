import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_USERS, demoToken, demoUserId, ensureDemoTokens } from '../demoUsers.ts';
import { openDatabase } from './connection.ts';
import {
  generateTenant,
  isTenantScale,
  TENANT_SCALES,
  type TenantScale,
  type TenantSummary,
} from './generate.ts';

// `npm run sandbox:reset -- [--scale demo|large] [--db <file>]`: throws the sandbox database away
// and generates a fresh demo university in its place.

export function defaultSandboxFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.SANDBOX_DB ?? '.data/sandbox.db';
}

/**
 * Deletes the database (with its WAL and shared-memory files) and generates a new tenant in it.
 * Close any connection to the file first: SQLite keeps using a deleted file it still has open.
 */
export function resetSandbox(file: string, scale: TenantScale): TenantSummary {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
  const db = openDatabase(file);
  try {
    const summary = generateTenant(db, { scale });
    ensureDemoTokens(db);
    // Fold the bulk load back into the main file so the WAL does not hold a copy of the tenant.
    db.pragma('wal_checkpoint(TRUNCATE)');
    return summary;
  } finally {
    db.close();
  }
}

const USAGE = `Usage: npm run sandbox:reset -- [--scale ${TENANT_SCALES.join('|')}] [--db <file>]

Deletes the sandbox database and generates a fresh demo tenant.
  --scale  tenant size (default demo)
  --db     database file (default $SANDBOX_DB or .data/sandbox.db)`;

class UsageError extends Error {}

function parseCommandLine(args: readonly string[]): { scale: TenantScale; file: string; help: boolean } {
  let values: { scale?: string; db?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { scale: { type: 'string' }, db: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const scale = values.scale ?? 'demo';
  if (!isTenantScale(scale))
    throw new UsageError(`Unknown scale "${scale}"; expected ${TENANT_SCALES.join(' or ')}`);
  if (values.db !== undefined && values.db.trim() === '') throw new UsageError('--db needs a file name');
  return { scale, file: values.db ?? defaultSandboxFile(), help: values.help ?? false };
}

function describeDemoUsers(file: string): string[] {
  const db = openDatabase(file);
  try {
    const lookup = db.prepare(
      `SELECT users.name, pseudonyms.unique_id AS login FROM users
       JOIN pseudonyms ON pseudonyms.user_id = users.id AND pseudonyms.account_id = 1
       WHERE users.id = ?`,
    );
    return DEMO_USERS.map((user) => {
      const row = lookup.get(demoUserId(db, user.key)) as { name: string; login: string } | undefined;
      const who = row ? `${row.name} <${row.login}>` : '(missing)';
      return `  ${user.key.padEnd(9)} ${who.padEnd(48)} ${user.description.padEnd(26)} token: ${demoToken(user)}`;
    });
  } finally {
    db.close();
  }
}

function main(args: readonly string[]): number {
  let options: ReturnType<typeof parseCommandLine>;
  try {
    options = parseCommandLine(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const file = resolve(options.file);
  const summary = resetSandbox(file, options.scale);
  const count = (value: number) => value.toLocaleString('en-US');
  console.log(`Sandbox reset: ${file} (${summary.scale})`);
  console.log(
    `  ${count(summary.accounts)} accounts (depth up to ${summary.maxDepth}), ${count(summary.courses)} courses, ` +
      `${count(summary.users)} users, ${count(summary.enrollments)} enrollments, ${count(summary.terms)} terms ` +
      `in ${(summary.milliseconds / 1000).toFixed(1)} s`,
  );
  console.log('Demo users (send the token as "Authorization: Bearer <token>"):');
  for (const line of describeDemoUsers(file)) console.log(line);
  return 0;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) process.exitCode = main(process.argv.slice(2));
