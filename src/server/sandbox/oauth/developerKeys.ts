import { randomInt } from 'node:crypto';
import type { Db } from '../db/connection.ts';
import { DEFAULT_DEVELOPER_KEY_ID } from '../serializers/token.ts';
import { isoSeconds } from '../time.ts';

/** A `developer_keys` row (migration 006). */
export interface DeveloperKeyRow {
  id: number;
  name: string;
  api_key: string;
  workflow_state: 'active' | 'inactive' | 'deleted';
  redirect_uris: string;
  redirect_uri: string | null;
  scopes: string;
  require_scopes: number;
  auto_expire_tokens: number;
  trusted: number;
  client_type: 'confidential' | 'public';
  created_at: string;
}

export const DEMO_DEVELOPER_KEY_NAME = 'Canvas Admin (sandbox demo key)';
const DEFAULT_DEMO_CLIENT_ID = 10000000000002;
const DEFAULT_REDIRECT_URIS = ['http://127.0.0.1:3001/auth/callback', 'http://localhost:3001/auth/callback'];

const SECRET_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Canvas's `api_key`: 64 random `[0-9A-Za-z]` characters. */
function generateClientSecret(): string {
  let secret = '';
  for (let i = 0; i < 64; i++) secret += SECRET_ALPHABET.charAt(randomInt(SECRET_ALPHABET.length));
  return secret;
}

export interface DemoDeveloperKey {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

/**
 * Registers (or updates) the demo developer key that a dashboard in proxy mode signs in with.
 * SANDBOX_OAUTH_CLIENT_ID, SANDBOX_OAUTH_CLIENT_SECRET and SANDBOX_OAUTH_REDIRECT_URIS (comma
 * separated) pin its values; otherwise the key keeps what the database has, and a first start picks
 * a random secret.
 */
export function ensureDemoDeveloperKey(db: Db, env: NodeJS.ProcessEnv = process.env): DemoDeveloperKey {
  const clientIdText = env.SANDBOX_OAUTH_CLIENT_ID?.trim() || String(DEFAULT_DEMO_CLIENT_ID);
  if (!/^\d{1,18}$/.test(clientIdText) || Number(clientIdText) === DEFAULT_DEVELOPER_KEY_ID) {
    throw new Error(
      `SANDBOX_OAUTH_CLIENT_ID must be a whole number other than ${DEFAULT_DEVELOPER_KEY_ID} (the default key), got "${clientIdText}"`,
    );
  }
  const id = Number(clientIdText);
  const existing = db.prepare('SELECT * FROM developer_keys WHERE id = ?').get(id) as
    | DeveloperKeyRow
    | undefined;
  const clientSecret = env.SANDBOX_OAUTH_CLIENT_SECRET?.trim() || existing?.api_key || generateClientSecret();
  const redirectUris = env.SANDBOX_OAUTH_REDIRECT_URIS
    ? env.SANDBOX_OAUTH_REDIRECT_URIS.split(',')
        .map((uri) => uri.trim())
        .filter(Boolean)
    : existing
      ? (JSON.parse(existing.redirect_uris) as string[])
      : DEFAULT_REDIRECT_URIS;
  db.prepare(
    `INSERT INTO developer_keys (id, name, api_key, redirect_uris, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET api_key = excluded.api_key, redirect_uris = excluded.redirect_uris,
       workflow_state = 'active'`,
  ).run(id, DEMO_DEVELOPER_KEY_NAME, clientSecret, JSON.stringify(redirectUris), isoSeconds(new Date()));
  return { clientId: clientIdText, clientSecret, redirectUris };
}

/** `DeveloperKey.find_by(global id)`: only integers below 2^63 can name a key; inactive keys are unknown. */
export function findActiveKey(db: Db, clientId: string | undefined): DeveloperKeyRow | undefined {
  if (!clientId || !/^\d{1,19}$/.test(clientId) || BigInt(clientId) >= 2n ** 63n) return undefined;
  const row = db.prepare('SELECT * FROM developer_keys WHERE id = ?').get(Number(clientId)) as
    | DeveloperKeyRow
    | undefined;
  return row?.workflow_state === 'active' ? row : undefined;
}

/**
 * `DeveloperKey#redirect_domain_matches?` and friends: an exact match against `redirect_uris`, or
 * the legacy field's lenient match (same scheme, same host or a subdomain of it). The OOB URN is
 * always accepted.
 */
export function redirectUriAllowed(key: DeveloperKeyRow, redirectUri: string): boolean {
  if (redirectUri === 'urn:ietf:wg:oauth:2.0:oob') return true;
  if ((JSON.parse(key.redirect_uris) as string[]).includes(redirectUri)) return true;
  if (!key.redirect_uri) return false;
  try {
    const registered = new URL(key.redirect_uri);
    const requested = new URL(redirectUri);
    return (
      registered.protocol === requested.protocol &&
      (requested.hostname === registered.hostname || requested.hostname.endsWith(`.${registered.hostname}`))
    );
  } catch {
    return false;
  }
}
