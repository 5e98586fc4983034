-- What the token API needs of an access token besides its hash and hint (Canvas's access_tokens).

-- The developer key that issued the token. 1 is the site's default key ("User-Generated"): every
-- token made through POST /users/:user_id/tokens. NULL marks the sandbox's own sign-in tokens (the
-- demo users' tokens, inserted by demoUsers.ts), which stand in for an internal-service key's tokens:
-- they authenticate, but the token API neither lists nor reaches them, so nobody can revoke the
-- dashboard's session from the token manager.
ALTER TABLE access_tokens ADD COLUMN developer_key_id INTEGER;
-- The admin who created the token while masquerading (Canvas's real_user_id).
ALTER TABLE access_tokens ADD COLUMN real_user_id INTEGER REFERENCES users(id);
-- OAuth consent "remember me"; NULL for manual tokens.
ALTER TABLE access_tokens ADD COLUMN remember_access INTEGER;
-- The hard expiry, shown as `expires_at` by the token API. From here on `expires_at` is what Canvas
-- keeps there: the refreshable one-hour expiry of OAuth tokens, NULL for manual tokens.
ALTER TABLE access_tokens ADD COLUMN permanent_expires_at TEXT;
UPDATE access_tokens SET permanent_expires_at = expires_at, expires_at = NULL;

-- The token list pages by (created_at, id) within one user.
CREATE INDEX access_tokens_user_created ON access_tokens(user_id, created_at, id);
