import { createHmac, randomBytes } from 'node:crypto';
import { type Db, readMeta, writeMeta } from './db/connection.ts';

const keyCache = new WeakMap<Db, string>();

/** The database's own HMAC key, created on first use; tokens are stored only as HMACs under it. */
function tokenKey(db: Db): string {
  let key = keyCache.get(db) ?? readMeta(db, 'token_hmac_key');
  if (!key) {
    key = randomBytes(32).toString('hex');
    writeMeta(db, 'token_hmac_key', key);
  }
  keyCache.set(db, key);
  return key;
}

export function hashToken(db: Db, token: string): string {
  return createHmac('sha256', tokenKey(db)).update(token).digest('hex');
}

/** Canvas shows the first five characters of a token as its hint. */
export function tokenHint(token: string): string {
  return token.slice(0, 5);
}

export function generateToken(): string {
  return randomBytes(48).toString('base64url').slice(0, 64);
}
