import { demoUserId } from '../demoUsers.ts';
import { isoSeconds } from '../time.ts';
import { generateToken, hashToken, tokenHint } from '../tokens.ts';
import type { Db } from './connection.ts';

/** The site's default developer key: tokens users make for themselves ("User-Generated"). */
const USER_GENERATED_KEY = 1;
const DAY_MS = 86_400_000;

interface SeededToken {
  purpose: string;
  scopes: string[];
  createdDaysAgo: number;
  /** Days from now; negative = already expired; null = never expires. */
  expiresInDays: number | null;
  /** Days ago; null = never used. */
  lastUsedDaysAgo: number | null;
}

/**
 * Tokens a real admin accumulates: a scoped integration, one about to expire, an expired one and
 * a forgotten one nobody uses, so the token manager's flags have something to show. Their secrets
 * are random and discarded, as if they had been shown once long ago.
 */
const ADMIN_TOKENS: SeededToken[] = [
  {
    purpose: 'Nightly roster sync (SIS integration)',
    scopes: ['url:GET|/api/v1/accounts/:account_id/users', 'url:GET|/api/v1/accounts/:account_id/courses'],
    createdDaysAgo: 60,
    expiresInDays: 120,
    lastUsedDaysAgo: 1,
  },
  { purpose: 'Term rollover script', scopes: [], createdDaysAgo: 85, expiresInDays: 5, lastUsedDaysAgo: 12 },
  {
    purpose: 'Grade export for accreditation',
    scopes: [],
    createdDaysAgo: 200,
    expiresInDays: -10,
    lastUsedDaysAgo: 40,
  },
  {
    purpose: 'Report automation (unused)',
    scopes: [],
    createdDaysAgo: 300,
    expiresInDays: null,
    lastUsedDaysAgo: null,
  },
];

const TEACHER_TOKENS: SeededToken[] = [
  {
    purpose: 'Course export to department archive',
    scopes: [],
    createdDaysAgo: 20,
    expiresInDays: 70,
    lastUsedDaysAgo: 3,
  },
];

/** Seeds the demo users' own tokens, dated around `now`. */
export function seedAccessTokens(db: Db, now: Date): void {
  const insert = db.prepare(
    `INSERT INTO access_tokens (user_id, token_hash, token_hint, purpose, scopes, workflow_state,
       permanent_expires_at, last_used_at, developer_key_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?)`,
  );
  const at = (days: number) => isoSeconds(new Date(now.getTime() + days * DAY_MS));
  const seed = (userId: number, tokens: SeededToken[]) => {
    for (const token of tokens) {
      const secret = generateToken();
      const created = at(-token.createdDaysAgo);
      insert.run(
        userId,
        hashToken(db, secret),
        tokenHint(secret),
        token.purpose,
        JSON.stringify(token.scopes),
        token.expiresInDays === null ? null : at(token.expiresInDays),
        token.lastUsedDaysAgo === null ? null : at(-token.lastUsedDaysAgo),
        USER_GENERATED_KEY,
        created,
        created,
      );
    }
  };
  seed(demoUserId(db, 'admin'), ADMIN_TOKENS);
  seed(demoUserId(db, 'teacher'), TEACHER_TOKENS);
}
