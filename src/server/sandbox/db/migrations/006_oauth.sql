-- Canvas as an OAuth2 provider (oauth2.md): developer keys, pending authorization requests,
-- authorization codes, and refresh tokens on access tokens.

-- Canvas's developer_keys. `id` is the OAuth client_id, `api_key` the client secret.
CREATE TABLE developer_keys (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  api_key TEXT NOT NULL,
  workflow_state TEXT NOT NULL DEFAULT 'active' CHECK (workflow_state IN ('active', 'inactive', 'deleted')),
  redirect_uris TEXT NOT NULL DEFAULT '[]', -- JSON array, matched exactly
  redirect_uri TEXT,                        -- legacy single URI, matched leniently (scheme + host/subdomain)
  scopes TEXT NOT NULL DEFAULT '[]',        -- JSON array of 'url:GET|/api/v1/...'
  require_scopes INTEGER NOT NULL DEFAULT 0,
  auto_expire_tokens INTEGER NOT NULL DEFAULT 1,
  trusted INTEGER NOT NULL DEFAULT 0,
  client_type TEXT NOT NULL DEFAULT 'confidential' CHECK (client_type IN ('confidential', 'public')),
  created_at TEXT NOT NULL
);

-- What Canvas keeps in the browser session between GET /login/oauth2/auth and accept/deny. The
-- browser holds the random id in a cookie; the page form carries a one-time CSRF token.
CREATE TABLE oauth_requests (
  id_hash TEXT PRIMARY KEY,
  csrf_token_hash TEXT NOT NULL,
  developer_key_id INTEGER NOT NULL REFERENCES developer_keys(id),
  redirect_uri TEXT NOT NULL,
  state TEXT,
  scopes TEXT NOT NULL DEFAULT '[]',
  purpose TEXT,
  expires_at TEXT NOT NULL
);

-- Authorization codes (Canvas keeps them in Redis for 10 minutes); stored as hashes only.
CREATE TABLE oauth_codes (
  code_hash TEXT PRIMARY KEY,
  developer_key_id INTEGER NOT NULL REFERENCES developer_keys(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  scopes TEXT NOT NULL DEFAULT '[]',
  purpose TEXT,
  remember_access INTEGER NOT NULL DEFAULT 0,
  expires_at TEXT NOT NULL
);

-- The refresh token of an OAuth token (a hash, as for the access token itself).
ALTER TABLE access_tokens ADD COLUMN refresh_token_hash TEXT;
CREATE UNIQUE INDEX access_tokens_refresh_token ON access_tokens(refresh_token_hash)
  WHERE refresh_token_hash IS NOT NULL;
