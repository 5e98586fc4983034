import { type Db, readMeta } from './db/connection.ts';
import { isoSeconds } from './time.ts';
import { hashToken, tokenHint } from './tokens.ts';

const DEMO_TOKEN_PURPOSE = 'Sandbox demo token';

export type DemoUserKey = 'admin' | 'subadmin' | 'teacher' | 'student';

export interface DemoUserDefinition {
  key: DemoUserKey;
  /** What the user is, as shown at start-up and in the "Sign in as" menu. */
  description: string;
  tokenEnvVar: string;
  defaultToken: string;
}

export const DEMO_USERS: readonly DemoUserDefinition[] = [
  {
    key: 'admin',
    description: 'root account admin',
    tokenEnvVar: 'DEMO_ADMIN_TOKEN',
    defaultToken: 'demo-admin-token',
  },
  {
    key: 'subadmin',
    description: 'admin of one college only',
    tokenEnvVar: 'DEMO_SUBADMIN_TOKEN',
    defaultToken: 'demo-subadmin-token',
  },
  {
    key: 'teacher',
    description: 'teacher',
    tokenEnvVar: 'DEMO_TEACHER_TOKEN',
    defaultToken: 'demo-teacher-token',
  },
  {
    key: 'student',
    description: 'student',
    tokenEnvVar: 'DEMO_STUDENT_TOKEN',
    defaultToken: 'demo-student-token',
  },
];

export function demoToken(user: DemoUserDefinition, env: NodeJS.ProcessEnv = process.env): string {
  return env[user.tokenEnvVar] || user.defaultToken;
}

/** The generator records each demo user's id under `demo_user:<key>` in sandbox_meta. */
export function demoUserId(db: Db, key: DemoUserKey): number {
  const id = readMeta(db, `demo_user:${key}`);
  if (!id) throw new Error(`The sandbox database has no demo user "${key}"; run npm run sandbox:reset`);
  return Number(id);
}

/**
 * Makes each demo user's current token (from the environment or the default) the only valid demo
 * token of that user, so that overriding a token by env works on an existing database and retires
 * the one it replaces. Stored as a hash only.
 */
export function ensureDemoTokens(db: Db, env: NodeJS.ProcessEnv = process.env): void {
  const now = isoSeconds(new Date());
  const insert = db.prepare(
    `INSERT INTO access_tokens (user_id, token_hash, token_hint, purpose, scopes, workflow_state, created_at, updated_at)
     VALUES (?, ?, ?, ?, '[]', 'active', ?, ?)
     ON CONFLICT(token_hash) DO NOTHING`,
  );
  const retireOthers = db.prepare(
    'DELETE FROM access_tokens WHERE user_id = ? AND purpose = ? AND developer_key_id IS NULL AND token_hash <> ?',
  );
  db.transaction(() => {
    for (const user of DEMO_USERS) {
      const token = demoToken(user, env);
      const userId = demoUserId(db, user.key);
      const hash = hashToken(db, token);
      insert.run(userId, hash, tokenHint(token), DEMO_TOKEN_PURPOSE, now, now);
      retireOthers.run(userId, DEMO_TOKEN_PURPOSE, hash);
    }
  })();
}
