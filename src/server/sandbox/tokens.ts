import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { TOKEN_HINT_LENGTH } from '../../api/schemas/token.ts';
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

/** `AccessToken#token=`: the hint is the first five characters of the token string as handed out. */
export function tokenHint(token: string): string {
  return token.slice(0, TOKEN_HINT_LENGTH);
}

const TOKEN_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** `AccessToken::TOKEN_SIZE`. */
const TOKEN_SIZE = 64;
/** Hosted Canvas prefixes tokens with the shard id; the sandbox is shard 1 (see lookup.ts, `1~123`). */
const SHARD_PREFIX = '1~';

/** A new secret: the shard prefix and 64 random `[0-9A-Za-z]` characters (`CanvasSlug.generate`). */
export function generateToken(): string {
  let secret = '';
  for (let i = 0; i < TOKEN_SIZE; i++) secret += TOKEN_ALPHABET.charAt(randomInt(TOKEN_ALPHABET.length));
  return SHARD_PREFIX + secret;
}
