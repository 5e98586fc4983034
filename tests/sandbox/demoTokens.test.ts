import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/server/sandbox/db/connection.ts';
import { generateTenant } from '../../src/server/sandbox/db/generate.ts';
import { demoUserId, ensureDemoTokens } from '../../src/server/sandbox/demoUsers.ts';
import { authenticate } from '../../src/server/sandbox/http/auth.ts';
import { ApiError } from '../../src/server/sandbox/http/errors.ts';

describe('demo tokens', () => {
  let dir: string;
  let db: Db;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'canvas-admin-tokens-'));
    db = openDatabase(join(dir, 'sandbox.db'));
    generateTenant(db, { scale: 'demo', seed: 3 });
  });

  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('authenticates the default tokens as their demo users', () => {
    ensureDemoTokens(db, {});
    expect(authenticate(db, 'demo-admin-token')?.id).toBe(demoUserId(db, 'admin'));
    expect(authenticate(db, 'demo-student-token')?.id).toBe(demoUserId(db, 'student'));
  });

  it('replaces a demo token overridden by env, retiring the old one', () => {
    ensureDemoTokens(db, { DEMO_ADMIN_TOKEN: 'a-private-admin-token' });
    expect(authenticate(db, 'a-private-admin-token')?.id).toBe(demoUserId(db, 'admin'));
    expect(() => authenticate(db, 'demo-admin-token')).toThrow(ApiError);
    expect(authenticate(db, 'demo-teacher-token')?.id).toBe(demoUserId(db, 'teacher'));
  });

  it('gives the demo admin user-generated tokens in every state the token manager flags', () => {
    const rows = db
      .prepare(
        `SELECT permanent_expires_at, last_used_at FROM access_tokens
         WHERE user_id = ? AND developer_key_id = 1`,
      )
      .all(demoUserId(db, 'admin')) as { permanent_expires_at: string | null; last_used_at: string | null }[];
    const now = Date.now();
    const expiresIn = (row: { permanent_expires_at: string | null }) =>
      row.permanent_expires_at === null ? null : Date.parse(row.permanent_expires_at) - now;
    expect(rows.some((row) => expiresIn(row) === null && row.last_used_at === null)).toBe(true);
    expect(rows.some((row) => (expiresIn(row) ?? 0) < 0)).toBe(true);
    expect(rows.some((row) => (expiresIn(row) ?? -1) > 0 && (expiresIn(row) ?? 0) < 7 * 86_400_000)).toBe(
      true,
    );
  });

  it('stores tokens only as hashes', () => {
    const rows = db.prepare('SELECT * FROM access_tokens').all() as Record<string, unknown>[];
    const stored = JSON.stringify(rows);
    for (const token of [
      'a-private-admin-token',
      'demo-teacher-token',
      'demo-student-token',
      'demo-subadmin-token',
    ]) {
      expect(stored).not.toContain(token);
    }
    expect(
      rows.every((row) => typeof row.token_hash === 'string' && /^[0-9a-f]{64}$/.test(row.token_hash)),
    ).toBe(true);
  });
});
