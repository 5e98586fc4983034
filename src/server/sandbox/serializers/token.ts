/** An `access_tokens` row as the token API reads it (migrations 001 and 002). */
export interface TokenRow {
  id: number;
  user_id: number;
  token_hash: string;
  token_hint: string;
  purpose: string | null;
  /** JSON array of scope strings. */
  scopes: string;
  workflow_state: 'active' | 'pending' | 'deleted';
  /** The refreshable expiry of OAuth tokens; never set on manual tokens. */
  expires_at: string | null;
  /** The hard expiry, which the API calls `expires_at`. */
  permanent_expires_at: string | null;
  last_used_at: string | null;
  developer_key_id: number | null;
  /** The key's name when the query joins it; the default key has no row of its own. */
  developer_key_name?: string | null;
  real_user_id: number | null;
  remember_access: number | null;
  created_at: string;
  updated_at: string;
}

/** The site's default developer key: the one behind manually created ("user-generated") tokens. */
export const DEFAULT_DEVELOPER_KEY_ID = 1;
/** `DeveloperKey::DEFAULT_KEY_NAME`, the default key's name and so the `app_name` of manual tokens. */
export const DEFAULT_DEVELOPER_KEY_NAME = 'User-Generated';

export function isManuallyCreated(row: Pick<TokenRow, 'developer_key_id'>): boolean {
  return row.developer_key_id === DEFAULT_DEVELOPER_KEY_ID;
}

/** `AccessToken#expired?`: strictly past the hard expiry. */
export function isExpired(row: Pick<TokenRow, 'permanent_expires_at'>, now: Date): boolean {
  return row.permanent_expires_at !== null && Date.parse(row.permanent_expires_at) < now.getTime();
}

export interface TokenJsonOptions {
  /** The plaintext secret, only right after create or regenerate: the one time it is shown. */
  fullToken?: string;
  now?: Date;
}

/** `token_json` (`lib/api/v1/token.rb`); the hint itself is never a field, only `visible_token`'s prefix. */
export function tokenJson(row: TokenRow, options: TokenJsonOptions = {}): Record<string, unknown> {
  const manual = isManuallyCreated(row);
  let visibleToken: string | null = null;
  if (manual) visibleToken = options.fullToken ?? `${row.token_hint}...`;
  return {
    id: row.id,
    user_id: row.user_id,
    real_user_id: row.real_user_id,
    purpose: row.purpose,
    scopes: JSON.parse(row.scopes) as string[],
    remember_access: row.remember_access === null ? null : row.remember_access === 1,
    workflow_state: row.workflow_state,
    created_at: row.created_at,
    updated_at: row.updated_at,
    last_used_at: row.last_used_at,
    expires_at: row.permanent_expires_at,
    // A token without a key is Canvas's "No App"; OAuth tokens carry their key's name.
    app_name:
      row.developer_key_id === null ? 'No App' : (row.developer_key_name ?? DEFAULT_DEVELOPER_KEY_NAME),
    visible_token: visibleToken,
    can_manually_regenerate: manual && !isExpired(row, options.now ?? new Date()),
  };
}
