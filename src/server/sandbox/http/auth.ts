import type { IncomingMessage } from 'node:http';
import type { Db } from '../db/connection.ts';
import { isoSeconds } from '../time.ts';
import { hashToken } from '../tokens.ts';
import { errors } from './errors.ts';
import { type ParamHash, stringParam } from './params.ts';

export interface CurrentUser {
  id: number;
  name: string;
  /** The access token the request came with (its scopes limit what it may call). */
  tokenId: number;
  scopes: string[];
}

interface TokenRow {
  id: number;
  user_id: number;
  workflow_state: string;
  expires_at: string | null;
  permanent_expires_at: string | null;
  last_used_at: string | null;
  scopes: string;
  user_name: string;
  user_state: string;
  login_state: string | null;
  /** The developer key's state; null for tokens without a key row (the default key is implicit). */
  key_state: string | null;
}

/** Canvas reads `Authorization: Bearer`, falling back to an `access_token` parameter. */
export function presentedToken(req: IncomingMessage, params: ParamHash): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/.exec(header) : null;
  if (match?.[1]) return match[1].trim();
  return stringParam(params.access_token);
}

/** `AccessToken#used!` writes `last_used_at` at most once per this interval. */
const LAST_USED_RESOLUTION_MS = 10 * 60_000;

function isPast(timestamp: string | null, now: Date): boolean {
  return timestamp !== null && Date.parse(timestamp) < now.getTime();
}

/**
 * Resolves the caller from their token, answering as Canvas does for expired, revoked, pending
 * and unusable tokens. Returns null when no token was presented at all.
 */
export function authenticate(db: Db, token: string | undefined, now = new Date()): CurrentUser | null {
  if (!token) return null;
  // Deleted tokens are looked up too, so that a revoked one can be told apart from an unknown one.
  const row = db
    .prepare(
      `SELECT t.id, t.user_id, t.workflow_state, t.expires_at, t.permanent_expires_at, t.last_used_at, t.scopes,
              u.name AS user_name, u.workflow_state AS user_state,
              (SELECT p.workflow_state FROM pseudonyms p WHERE p.user_id = u.id AND p.workflow_state <> 'deleted'
               ORDER BY p.workflow_state = 'active' DESC LIMIT 1) AS login_state,
              (SELECT k.workflow_state FROM developer_keys k WHERE k.id = t.developer_key_id) AS key_state
       FROM access_tokens t JOIN users u ON u.id = t.user_id
       WHERE t.token_hash = ?`,
    )
    .get(hashToken(db, token)) as TokenRow | undefined;
  if (!row) throw errors.invalidToken();
  // Canvas checks the hard expiry first, then revocation, then everything else that makes a token
  // unusable (pending, past the refreshable OAuth expiry, the user gone or suspended).
  const hardExpiry = row.permanent_expires_at;
  if (hardExpiry !== null && isPast(hardExpiry, now)) throw errors.expiredToken(hardExpiry);
  if (row.workflow_state === 'deleted') throw errors.revokedToken();
  if (
    row.workflow_state !== 'active' ||
    isPast(row.expires_at, now) ||
    row.user_state === 'deleted' ||
    row.login_state !== 'active' ||
    // A developer key turned off or deleted makes every token it issued unusable.
    (row.key_state !== null && row.key_state !== 'active')
  ) {
    throw errors.invalidToken();
  }
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= LAST_USED_RESOLUTION_MS) {
    const stamp = isoSeconds(now);
    db.prepare('UPDATE access_tokens SET last_used_at = ?, updated_at = ? WHERE id = ?').run(
      stamp,
      stamp,
      row.id,
    );
  }
  return {
    id: row.user_id,
    name: row.user_name,
    tokenId: row.id,
    scopes: JSON.parse(row.scopes) as string[],
  };
}
