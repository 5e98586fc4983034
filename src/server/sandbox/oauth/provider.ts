import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../db/connection.ts';
import { DEMO_USERS, demoUserId } from '../demoUsers.ts';
import { authenticate, presentedToken } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { type ParamHash, parseRequestParams, stringParam } from '../http/params.ts';
import { isoSeconds } from '../time.ts';
import { generateToken, hashToken, tokenHint } from '../tokens.ts';
import { renderAuthorizePage } from './authorizePage.ts';
import { type DeveloperKeyRow, findActiveKey, redirectUriAllowed } from './developerKeys.ts';

/** `Token#as_json`'s default lifetime for keys with `auto_expire_tokens`. */
const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 3600;
/** Codes live 10 minutes in Canvas's Redis; the pending request gets the same time. */
const CODE_TTL_MS = 10 * 60_000;
const REQUEST_COOKIE = 'canvas_oauth_request';
const OAUTH_WWW_AUTHENTICATE = { 'WWW-Authenticate': 'Canvas OAuth 2.0' };
/** The sandbox is shard 1, so global ids are 10^13 + the local id (lookup.ts reads `1~123` likewise). */
const SHARD_OFFSET = 10_000_000_000_000;

export interface SandboxOAuthOptions {
  /** Lifetime of issued access tokens; tests shorten it to exercise refresh. */
  accessTokenTtlSeconds?: number;
  /** Whether the sandbox is reached over HTTPS (cookie `Secure`). */
  secure?: (req: IncomingMessage) => boolean;
  now?: () => Date;
}

export interface SandboxOAuth {
  handles(pathname: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
}

type Answer =
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'redirect'; location: string; headers?: Record<string, string> }
  | { kind: 'html'; html: string; headers: Record<string, string> }
  | { kind: 'text'; status: number; text: string };

function oauthError(status: number, error: string, description: string): Answer {
  return {
    kind: 'json',
    status,
    body: { error, error_description: description },
    headers: status === 401 ? OAUTH_WWW_AUTHENTICATE : undefined,
  };
}

/** `Provider.final_redirect`: parameters sorted by name, nil dropped, `&` when the URI has a query. */
export function finalRedirect(
  redirectUri: string,
  params: Record<string, string | null | undefined>,
): string {
  const query = new URLSearchParams();
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    if (value !== null && value !== undefined) query.append(name, value);
  }
  return `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}${query.toString()}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** HTTP Basic client authentication; parameters win when both are present. */
function clientCredentials(req: IncomingMessage, params: ParamHash): { id?: string; secret?: string } {
  let id = stringParam(params.client_id);
  let secret = stringParam(params.client_secret);
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    if (separator >= 0) {
      id ??= decoded.slice(0, separator);
      secret ??= decoded.slice(separator + 1);
    }
  }
  return { id, secret };
}

/**
 * Canvas's OAuth2 provider (oauth2.md): the authorize page where a demo user signs in and
 * approves, the token endpoint (authorization_code and refresh_token grants) and logout.
 */
export function createSandboxOAuth(db: Db, options: SandboxOAuthOptions = {}): SandboxOAuth {
  const ttlSeconds = options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS;
  const now = options.now ?? (() => new Date());
  const isSecure = options.secure ?? (() => false);

  function requestCookie(req: IncomingMessage, value: string, maxAgeSeconds: number): string {
    const secure = isSecure(req) ? '; Secure' : '';
    return `${REQUEST_COOKIE}=${value}; Path=/login/oauth2; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`;
  }

  function demoUserRows() {
    return DEMO_USERS.map((user) => {
      const id = demoUserId(db, user.key);
      const row = db
        .prepare(
          `SELECT u.name, (SELECT unique_id FROM pseudonyms p WHERE p.user_id = u.id AND p.workflow_state = 'active' LIMIT 1) AS login_id
           FROM users u WHERE u.id = ?`,
        )
        .get(id) as { name: string; login_id: string | null };
      return { key: user.key, id, name: row.name, description: user.description, loginId: row.login_id };
    });
  }

  function institutionName(): string {
    const row = db
      .prepare('SELECT name FROM accounts WHERE parent_account_id IS NULL ORDER BY id LIMIT 1')
      .get() as { name: string } | undefined;
    return row?.name ?? 'Canvas';
  }

  function authorize(req: IncomingMessage, params: ParamHash): Answer {
    const key = findActiveKey(db, stringParam(params.client_id));
    if (!key) return oauthError(401, 'invalid_client', 'unknown client');
    const redirectUri = stringParam(params.redirect_uri) ?? '';
    if (!redirectUriAllowed(key, redirectUri)) {
      return oauthError(400, 'invalid_request', 'redirect_uri does not match client settings');
    }
    const state = stringParam(params.state);
    const fail = (error: string, description: string | undefined): Answer => ({
      kind: 'redirect',
      location: finalRedirect(redirectUri, { error, error_description: description, state }),
    });
    const requestedScopes = (stringParam(params.scope) ?? stringParam(params.scopes) ?? '')
      .split(/\s+/)
      .filter(Boolean);
    if (key.require_scopes) {
      const offered = JSON.parse(key.scopes) as string[];
      const missing = requestedScopes.filter((scope) => !offered.includes(scope));
      if (requestedScopes.length === 0 || missing.length > 0) {
        return fail(
          'invalid_scope',
          'A requested scope is invalid, unknown, malformed, or exceeds the scope granted by the resource owner. ' +
            `The following scopes were requested, but not granted: ${missing.join(', ')}`,
        );
      }
    }
    if (stringParam(params.response_type) !== 'code') {
      return fail('unsupported_response_type', 'Only response_type=code is permitted');
    }
    const prompt = stringParam(params.prompt);
    // The sandbox keeps no Canvas login session, so a request that forbids UI can never succeed.
    if (prompt === 'none') return fail('login_required', 'prompt=none but there is no current session');
    if (prompt !== undefined && prompt !== '' && prompt !== 'login') {
      return fail('unsupported_prompt_type', 'prompt must be "none" (or omitted)');
    }
    const requestId = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    db.prepare('DELETE FROM oauth_requests WHERE expires_at < ?').run(isoSeconds(now()));
    db.prepare(
      `INSERT INTO oauth_requests (id_hash, csrf_token_hash, developer_key_id, redirect_uri, state, scopes, purpose, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      sha256(requestId),
      sha256(csrfToken),
      key.id,
      redirectUri,
      state ?? null,
      JSON.stringify(requestedScopes),
      stringParam(params.purpose) ?? key.name,
      isoSeconds(new Date(now().getTime() + CODE_TTL_MS)),
    );
    const styleNonce = randomBytes(16).toString('base64');
    const redirectOrigin = redirectUri.startsWith('urn:') ? redirectUri : new URL(redirectUri).origin;
    const formTargets = redirectUri.startsWith('urn:') ? "'self'" : `'self' ${redirectOrigin}`;
    return {
      kind: 'html',
      html: renderAuthorizePage({
        appName: key.name,
        institution: institutionName(),
        csrfToken,
        users: demoUserRows(),
        redirectOrigin,
        styleNonce,
      }),
      headers: {
        // The form's answer redirects to the client, which form-action must allow.
        'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${styleNonce}'; form-action ${formTargets}; frame-ancestors 'none'; base-uri 'none'`,
        'Set-Cookie': requestCookie(req, requestId, CODE_TTL_MS / 1000),
        'Cache-Control': 'no-store',
      },
    };
  }

  interface PendingRequest {
    id_hash: string;
    csrf_token_hash: string;
    developer_key_id: number;
    redirect_uri: string;
    state: string | null;
    scopes: string;
    purpose: string | null;
    expires_at: string;
  }

  /** The request this browser started, checked against the page's one-time CSRF token. */
  function pendingRequest(req: IncomingMessage, params: ParamHash): PendingRequest | Answer {
    const requestId = readCookieValue(req, REQUEST_COOKIE);
    const pending = requestId
      ? (db
          .prepare('SELECT * FROM oauth_requests WHERE id_hash = ? AND expires_at >= ?')
          .get(sha256(requestId), isoSeconds(now())) as PendingRequest | undefined)
      : undefined;
    if (!pending) return { kind: 'text', status: 400, text: 'Invalid or missing session for oauth' };
    const csrfToken = stringParam(params.custom_csrf_token);
    if (!csrfToken) return { kind: 'text', status: 400, text: 'Missing custom CSRF token' };
    if (!sameSecret(sha256(csrfToken), pending.csrf_token_hash)) {
      return { kind: 'text', status: 400, text: 'Invalid custom CSRF token' };
    }
    db.prepare('DELETE FROM oauth_requests WHERE id_hash = ?').run(pending.id_hash);
    return pending;
  }

  function accept(req: IncomingMessage, params: ParamHash): Answer {
    const pending = pendingRequest(req, params);
    if ('kind' in pending) return pending;
    const user = demoUserRows().find((candidate) => candidate.key === stringParam(params.unique_id));
    if (!user) return { kind: 'text', status: 400, text: 'Choose a user to sign in as' };
    const code = randomBytes(64).toString('hex');
    db.prepare('DELETE FROM oauth_codes WHERE expires_at < ?').run(isoSeconds(now()));
    db.prepare(
      `INSERT INTO oauth_codes (code_hash, developer_key_id, user_id, scopes, purpose, remember_access, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      hashToken(db, code),
      pending.developer_key_id,
      user.id,
      pending.scopes,
      pending.purpose,
      stringParam(params.remember_access) === '1' ? 1 : 0,
      isoSeconds(new Date(now().getTime() + CODE_TTL_MS)),
    );
    return {
      kind: 'redirect',
      location: finalRedirect(pending.redirect_uri, { code, state: pending.state }),
      headers: { 'Set-Cookie': requestCookie(req, '', 0) },
    };
  }

  function deny(req: IncomingMessage, params: ParamHash): Answer {
    const pending = pendingRequest(req, params);
    if ('kind' in pending) return pending;
    return {
      kind: 'redirect',
      location: finalRedirect(pending.redirect_uri, { error: 'access_denied', state: pending.state }),
      headers: { 'Set-Cookie': requestCookie(req, '', 0) },
    };
  }

  function userJson(userId: number) {
    const row = db.prepare('SELECT id, name FROM users WHERE id = ?').get(userId) as {
      id: number;
      name: string;
    };
    return {
      id: row.id,
      name: row.name,
      global_id: String(SHARD_OFFSET + row.id),
      effective_locale: 'en',
      fake_student: false,
    };
  }

  function softExpiry(key: DeveloperKeyRow): string | null {
    return key.auto_expire_tokens ? isoSeconds(new Date(now().getTime() + ttlSeconds * 1000)) : null;
  }

  function tokenAnswer(
    key: DeveloperKeyRow,
    userId: number,
    accessToken: string,
    refreshToken?: string,
  ): Answer {
    return {
      kind: 'json',
      status: 200,
      body: {
        access_token: accessToken,
        token_type: 'Bearer',
        user: userJson(userId),
        ...(refreshToken ? { refresh_token: refreshToken } : {}),
        ...(key.auto_expire_tokens ? { expires_in: ttlSeconds } : {}),
        canvas_region: 'unknown',
      },
    };
  }

  function exchangeCode(key: DeveloperKeyRow, params: ParamHash): Answer {
    const code = stringParam(params.code);
    if (!code) {
      return oauthError(
        400,
        'invalid_request',
        'You must provide the code parameter when using the authorization_code grant type',
      );
    }
    const row = db
      .prepare('SELECT * FROM oauth_codes WHERE code_hash = ? AND expires_at >= ?')
      .get(hashToken(db, code), isoSeconds(now())) as
      | {
          code_hash: string;
          developer_key_id: number;
          user_id: number;
          scopes: string;
          purpose: string | null;
          remember_access: number;
        }
      | undefined;
    if (!row) return oauthError(400, 'invalid_grant', 'authorization_code not found');
    // A failed exchange does not consume the code.
    if (row.developer_key_id !== key.id) return oauthError(400, 'invalid_grant', 'incorrect client');
    const accessToken = generateToken();
    const refreshToken = generateToken();
    const stamp = isoSeconds(now());
    db.transaction(() => {
      db.prepare('DELETE FROM oauth_codes WHERE code_hash = ?').run(row.code_hash);
      db.prepare(
        `INSERT INTO access_tokens (user_id, token_hash, token_hint, purpose, scopes, workflow_state, expires_at,
           developer_key_id, remember_access, refresh_token_hash, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?)`,
      ).run(
        row.user_id,
        hashToken(db, accessToken),
        tokenHint(accessToken),
        row.purpose,
        row.scopes,
        softExpiry(key),
        key.id,
        row.remember_access,
        hashToken(db, refreshToken),
        stamp,
        stamp,
      );
    })();
    return tokenAnswer(key, row.user_id, accessToken, refreshToken);
  }

  function refresh(key: DeveloperKeyRow, params: ParamHash): Answer {
    const refreshToken = stringParam(params.refresh_token);
    if (!refreshToken) {
      return oauthError(
        400,
        'invalid_request',
        'You must provide the refresh_token parameter when using the refresh_token grant type',
      );
    }
    const row = db
      .prepare(
        `SELECT id, user_id, developer_key_id, permanent_expires_at FROM access_tokens
         WHERE refresh_token_hash = ? AND workflow_state = 'active'`,
      )
      .get(hashToken(db, refreshToken)) as
      | { id: number; user_id: number; developer_key_id: number; permanent_expires_at: string | null }
      | undefined;
    const hardExpired =
      row?.permanent_expires_at != null && Date.parse(row.permanent_expires_at) < now().getTime();
    if (!row || hardExpired) return oauthError(400, 'invalid_grant', 'refresh_token not found');
    if (row.developer_key_id !== key.id) return oauthError(400, 'invalid_grant', 'incorrect client');
    // A new secret for the same token: the previous access token stops working at once; a
    // confidential client keeps its refresh token, so none is returned.
    const accessToken = generateToken();
    db.prepare(
      'UPDATE access_tokens SET token_hash = ?, token_hint = ?, expires_at = ?, updated_at = ? WHERE id = ?',
    ).run(hashToken(db, accessToken), tokenHint(accessToken), softExpiry(key), isoSeconds(now()), row.id);
    return tokenAnswer(key, row.user_id, accessToken);
  }

  function token(req: IncomingMessage, params: ParamHash): Answer {
    const grantType =
      stringParam(params.grant_type) ?? (stringParam(params.code) ? 'authorization_code' : undefined);
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
      return oauthError(
        400,
        'unsupported_grant_type',
        'The grant_type you requested is not currently supported',
      );
    }
    const credentials = clientCredentials(req, params);
    const key = findActiveKey(db, credentials.id);
    if (!key) return oauthError(401, 'invalid_client', 'unknown client');
    if (!credentials.secret || !sameSecret(credentials.secret, key.api_key)) {
      return oauthError(401, 'invalid_client', 'invalid client');
    }
    return grantType === 'authorization_code' ? exchangeCode(key, params) : refresh(key, params);
  }

  function logout(req: IncomingMessage, params: ParamHash): Answer {
    const presented = presentedToken(req, params);
    if (!presented) {
      return {
        kind: 'json',
        status: 400,
        body: { message: "can't delete OAuth access token when not using an OAuth access token" },
      };
    }
    // `expire_sessions` would also end the user's Canvas browser session; the sandbox keeps none.
    const caller = authenticate(db, presented, now());
    if (!caller) throw new Error('authenticate returns a user for every presented token or throws');
    db.prepare("UPDATE access_tokens SET workflow_state = 'deleted', updated_at = ? WHERE id = ?").run(
      isoSeconds(now()),
      caller.tokenId,
    );
    return { kind: 'json', status: 200, body: {} };
  }

  async function answer(req: IncomingMessage, url: URL): Promise<Answer> {
    const params = await parseRequestParams(req, url);
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case 'GET /login/oauth2/auth':
        return authorize(req, params);
      case 'POST /login/oauth2/accept':
        return accept(req, params);
      case 'GET /login/oauth2/deny':
      case 'POST /login/oauth2/deny':
        return deny(req, params);
      case 'POST /login/oauth2/token':
        return token(req, params);
      case 'DELETE /login/oauth2/token':
        return logout(req, params);
      default:
        return {
          kind: 'json',
          status: 404,
          body: { errors: [{ message: 'The specified resource does not exist.' }] },
        };
    }
  }

  function send(res: ServerResponse, result: Answer): void {
    switch (result.kind) {
      case 'json':
        res.writeHead(result.status, {
          'Content-Type': 'application/json; charset=utf-8',
          'Cache-Control': 'no-store',
          ...result.headers,
        });
        res.end(JSON.stringify(result.body));
        return;
      case 'redirect':
        res.writeHead(302, { Location: result.location, 'Cache-Control': 'no-store', ...result.headers });
        res.end();
        return;
      case 'html':
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...result.headers });
        res.end(result.html);
        return;
      case 'text':
        res.writeHead(result.status, {
          'Content-Type': 'text/plain; charset=utf-8',
          'Cache-Control': 'no-store',
        });
        res.end(result.text);
    }
  }

  return {
    handles: (pathname) => pathname.startsWith('/login/oauth2/'),
    async handle(req, res, url) {
      try {
        send(res, await answer(req, url));
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        send(res, { kind: 'json', status: error.status, body: error.body, headers: error.headers });
      }
    },
  };
}
