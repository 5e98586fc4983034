import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CSRF_ERROR_BODY,
  isSecureRequest,
  publicOrigin,
  readCookie,
  rejectsCsrf,
  sendJson,
  serializeCookie,
} from '../session.ts';
import type { OAuthProxyConfig, TokenProxyConfig } from './config.ts';
import { allowedRoute, forwardToCanvas, UpstreamError } from './forward.ts';
import { type CanvasOAuthClient, needsRefresh, OAuthError } from './oauthClient.ts';
import type { CanvasSessionUser, CanvasTokens, ProxySession, ProxySessionStore } from './sessionStore.ts';

/** Binds the OAuth `state` to the browser that started the sign-in (SameSite=Lax: see below). */
const STATE_COOKIE = 'canvas_admin_oauth_state';
/**
 * Not the sandbox's cookie name: cookies ignore ports, so a sandbox and a dashboard connected to
 * it on one host (as in development) would otherwise overwrite each other's session.
 */
export const PROXY_SESSION_COOKIE = 'canvas_admin_canvas_session';
const STATE_TTL_SECONDS = 10 * 60;
const SESSION_COOKIE_MAX_AGE_SECONDS = 12 * 60 * 60;
export const SIGN_IN_PATH = '/auth/sign-in';

export type ProxyModeSetup =
  | { kind: 'oauth'; config: OAuthProxyConfig; sessions: ProxySessionStore; oauth: CanvasOAuthClient }
  | { kind: 'token'; config: TokenProxyConfig; user: CanvasSessionUser };

export interface CanvasProxy {
  /** Paths that belong to Canvas (forwarded when allowed, 404 otherwise). */
  isCanvasPath(pathname: string): boolean;
  handleCanvas(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  handleAuth(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
}

const CANVAS_PATH_PREFIXES = [/^\/api\//, /^\/profile\//, /^\/accounts\/[^/]+\/files\//, /^\/files\//];

const NOT_FOUND = { errors: [{ message: 'The specified resource does not exist.' }] };

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Proxy mode: the dashboard's /auth endpoints and /api forwarding to the configured Canvas. */
export function createCanvasProxy(setup: ProxyModeSetup, publicUrl?: string): CanvasProxy {
  const canvasOrigin = setup.config.canvasUrl.origin;
  /** One refresh per session at a time: a second refresh would invalidate the first one's token. */
  const refreshes = new Map<string, Promise<CanvasTokens | undefined>>();

  function cookie(
    req: IncomingMessage,
    name: string,
    value: string,
    extra: { path?: string; sameSite: 'Strict' | 'Lax'; maxAge?: number },
  ) {
    return serializeCookie(name, value, { ...extra, secure: isSecureRequest(req, publicUrl) });
  }

  function clearSessionCookie(req: IncomingMessage): string {
    return cookie(req, PROXY_SESSION_COOKIE, '', { sameSite: 'Strict', maxAge: 0 });
  }

  function sessionBody(user: CanvasSessionUser) {
    return {
      mode: 'canvas',
      auth: setup.kind,
      user,
      canvas_url: canvasOrigin,
      demo_user: null,
      demo_users: [],
    };
  }

  /** A 401 the app turns into its sign-in page. */
  function signInRequired(res: ServerResponse, reason: 'signed_out' | 'session_ended'): void {
    const message =
      reason === 'session_ended'
        ? 'Your Canvas session has ended. Sign in again.'
        : 'Sign in with Canvas to continue.';
    sendJson(
      res,
      401,
      {
        status: 'unauthenticated',
        errors: [{ message }],
        reason,
        sign_in_url: SIGN_IN_PATH,
        canvas_url: canvasOrigin,
      },
      // The cookie stays (naming a session that is gone), so the app can say "ended" rather than
      // "signed out"; signing in replaces it.
      { 'WWW-Authenticate': 'Bearer realm="canvas-admin"' },
    );
  }

  function currentSession(req: IncomingMessage): ProxySession | undefined {
    return setup.kind === 'oauth' ? setup.sessions.find(readCookie(req, PROXY_SESSION_COOKIE)) : undefined;
  }

  function endSession(session: ProxySession): void {
    if (setup.kind === 'oauth') setup.sessions.delete(session.idHash);
  }

  /** Refreshes the session's token; undefined when Canvas no longer accepts the refresh token. */
  function refreshTokens(session: ProxySession): Promise<CanvasTokens | undefined> {
    if (setup.kind !== 'oauth' || session.tokens.refreshToken === null) return Promise.resolve(undefined);
    const { sessions, oauth } = setup;
    const refreshToken = session.tokens.refreshToken;
    let pending = refreshes.get(session.idHash);
    if (!pending) {
      pending = oauth
        .refresh(refreshToken)
        .then((grant) => {
          sessions.updateTokens(session.idHash, grant.tokens);
          return grant.tokens;
        })
        .catch((error: unknown) => {
          // Canvas said no (revoked, deleted, key turned off): the session is over. Anything else
          // (Canvas unreachable) is not the user's fault and must not sign them out.
          if (error instanceof OAuthError && error.status >= 400 && error.status < 500) return undefined;
          throw error;
        })
        .finally(() => refreshes.delete(session.idHash));
      refreshes.set(session.idHash, pending);
    }
    return pending;
  }

  async function handleCanvas(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const route = allowedRoute(req.method, url.pathname);
    // Not a path the dashboard uses: answered here, Canvas never sees it (no open proxy).
    if (!route) {
      sendJson(res, 404, NOT_FOUND);
      return;
    }
    if (rejectsCsrf(req)) {
      sendJson(res, 403, CSRF_ERROR_BODY);
      return;
    }
    const forwardOptions = { canvasOrigin, publicOrigin: publicOrigin(req, publicUrl) };
    try {
      if (setup.kind === 'token') {
        await forwardToCanvas(req, res, url, route, {
          ...forwardOptions,
          accessToken: setup.config.token,
          interceptTokenRejection: false,
        });
        return;
      }
      const session = currentSession(req);
      if (!session) {
        signInRequired(res, readCookie(req, PROXY_SESSION_COOKIE) ? 'session_ended' : 'signed_out');
        return;
      }
      let tokens: CanvasTokens | undefined = session.tokens;
      if (needsRefresh(tokens)) tokens = await refreshTokens(session);
      if (!tokens) {
        endSession(session);
        signInRequired(res, 'session_ended');
        return;
      }
      const first = await forwardToCanvas(req, res, url, route, {
        ...forwardOptions,
        accessToken: tokens.accessToken,
        interceptTokenRejection: true,
      });
      if (first.kind === 'sent') return;
      // Canvas refused the token: refresh once (it may have expired early) and replay.
      const refreshed = await refreshTokens({ ...session, tokens });
      if (!refreshed || first.replayBody === null) {
        if (!refreshed) endSession(session);
        signInRequired(res, 'session_ended');
        return;
      }
      const second = await forwardToCanvas(req, res, url, route, {
        ...forwardOptions,
        accessToken: refreshed.accessToken,
        interceptTokenRejection: true,
        body: first.replayBody,
      });
      if (second.kind === 'token_rejected') {
        endSession(session);
        signInRequired(res, 'session_ended');
      }
    } catch (error) {
      if (!(error instanceof UpstreamError) && !(error instanceof OAuthError)) throw error;
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendJson(res, 502, {
        errors: [{ message: `Could not reach Canvas at ${canvasOrigin}: ${error.message}` }],
      });
    }
  }

  function redirect(res: ServerResponse, location: string, cookies: string[] = []): void {
    res.writeHead(302, {
      Location: location,
      'Cache-Control': 'no-store',
      ...(cookies.length ? { 'Set-Cookie': cookies } : {}),
    });
    res.end();
  }

  /** Sign-in problems end on the app's sign-in page, which explains the code. */
  function signInPage(error: string, description?: string): string {
    const query = new URLSearchParams({ error });
    if (description) query.set('error_description', description.slice(0, 300));
    return `/sign-in?${query.toString()}`;
  }

  async function callback(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (setup.kind !== 'oauth') return;
    const clearState = cookie(req, STATE_COOKIE, '', { path: '/auth/callback', sameSite: 'Lax', maxAge: 0 });
    const expected = readCookie(req, STATE_COOKIE);
    const returned = url.searchParams.get('state');
    if (!expected || !returned || !sameText(expected, returned)) {
      redirect(res, signInPage('state_mismatch'), [clearState]);
      return;
    }
    const canvasError = url.searchParams.get('error');
    if (canvasError) {
      redirect(res, signInPage(canvasError, url.searchParams.get('error_description') ?? undefined), [
        clearState,
      ]);
      return;
    }
    const code = url.searchParams.get('code');
    if (!code) {
      redirect(res, signInPage('invalid_request', 'Canvas sent neither a code nor an error'), [clearState]);
      return;
    }
    try {
      const grant = await setup.oauth.exchangeCode(code);
      const user = await setup.oauth.currentUser(grant.tokens.accessToken, grant.user);
      const sessionId = setup.sessions.create(user, grant.tokens);
      redirect(res, '/', [
        clearState,
        cookie(req, PROXY_SESSION_COOKIE, sessionId, {
          sameSite: 'Strict',
          maxAge: SESSION_COOKIE_MAX_AGE_SECONDS,
        }),
      ]);
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      const code = error.error === 'canvas_unreachable' ? 'canvas_unreachable' : 'token_exchange_failed';
      redirect(res, signInPage(code, `${error.error}: ${error.description}`), [clearState]);
    }
  }

  async function signOut(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (setup.kind !== 'oauth') {
      sendJson(res, 400, {
        errors: [{ message: 'With CANVAS_TOKEN there is no sign-out; stop the server instead.' }],
      });
      return;
    }
    const session = currentSession(req);
    if (session) {
      endSession(session);
      let revoked = await setup.oauth.revoke(session.tokens.accessToken).catch(() => false);
      if (!revoked && session.tokens.refreshToken !== null) {
        // The access token may have lapsed; a fresh one is still this token, so deleting works.
        const refreshed = await setup.oauth.refresh(session.tokens.refreshToken).catch(() => undefined);
        if (refreshed) revoked = await setup.oauth.revoke(refreshed.tokens.accessToken).catch(() => false);
      }
      if (!revoked)
        console.warn('Sign-out: Canvas did not confirm deleting the token; the session ended anyway');
    }
    sendJson(res, 200, { signed_out: true }, { 'Set-Cookie': clearSessionCookie(req) });
  }

  async function handleAuth(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const route = `${req.method} ${url.pathname}`;
    if (req.method !== 'GET' && rejectsCsrf(req)) {
      sendJson(res, 403, CSRF_ERROR_BODY);
      return;
    }
    if (route === 'GET /auth/session') {
      if (setup.kind === 'token') {
        sendJson(res, 200, sessionBody(setup.user));
        return;
      }
      const session = currentSession(req);
      if (session) sendJson(res, 200, sessionBody(session.user));
      else signInRequired(res, readCookie(req, PROXY_SESSION_COOKIE) ? 'session_ended' : 'signed_out');
      return;
    }
    if (route === `GET ${SIGN_IN_PATH}` && setup.kind === 'oauth') {
      const state = randomBytes(32).toString('base64url');
      // The callback is a top-level navigation from Canvas, another site: a SameSite=Strict cookie
      // would not come along, Lax does.
      redirect(res, setup.oauth.authorizeUrl(state), [
        cookie(req, STATE_COOKIE, state, {
          path: '/auth/callback',
          sameSite: 'Lax',
          maxAge: STATE_TTL_SECONDS,
        }),
      ]);
      return;
    }
    if (route === 'GET /auth/callback' && setup.kind === 'oauth') {
      await callback(req, res, url);
      return;
    }
    if (route === 'POST /auth/sign-out') {
      await signOut(req, res);
      return;
    }
    sendJson(res, 404, NOT_FOUND);
  }

  return {
    isCanvasPath: (pathname) => CANVAS_PATH_PREFIXES.some((pattern) => pattern.test(pathname)),
    handleCanvas,
    handleAuth,
  };
}
