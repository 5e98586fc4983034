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
  last_used_at: string | null;
  scopes: string;
  user_name: string;
  user_state: string;
  login_state: string | null;
}

/** Canvas reads `Authorization: Bearer`, falling back to an `access_token` parameter. */
export function presentedToken(req: IncomingMessage, params: ParamHash): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/.exec(header) : null;
  if (match?.[1]) return match[1].trim();
  return stringParam(params.access_token);
}

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Resolves the caller from their token, answering as Canvas does for expired, revoked, pending
 * and unusable tokens. Returns null when no token was presented at all.
 */
export function authenticate(db: Db, token: string | undefined, now = new Date()): CurrentUser | null {
  if (!token) return null;
  const row = db
    .prepare(
      `SELECT t.id, t.user_id, t.workflow_state, t.expires_at, t.last_used_at, t.scopes,
              u.name AS user_name, u.workflow_state AS user_state,
              (SELECT p.workflow_state FROM pseudonyms p WHERE p.user_id = u.id AND p.workflow_state <> 'deleted'
               ORDER BY p.workflow_state = 'active' DESC LIMIT 1) AS login_state
       FROM access_tokens t JOIN users u ON u.id = t.user_id
       WHERE t.token_hash = ?`,
    )
    .get(hashToken(db, token)) as TokenRow | undefined;
  if (!row) throw errors.invalidToken();
  if (row.expires_at && Date.parse(row.expires_at) <= now.getTime())
    throw errors.expiredToken(row.expires_at);
  if (row.workflow_state === 'deleted') throw errors.revokedToken();
  if (row.workflow_state !== 'active' || row.user_state === 'deleted' || row.login_state !== 'active') {
    throw errors.invalidToken();
  }
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > LAST_USED_RESOLUTION_MS) {
    db.prepare('UPDATE access_tokens SET last_used_at = ? WHERE id = ?').run(isoSeconds(now), row.id);
  }
  return {
    id: row.user_id,
    name: row.user_name,
    tokenId: row.id,
    scopes: JSON.parse(row.scopes) as string[],
  };
}
