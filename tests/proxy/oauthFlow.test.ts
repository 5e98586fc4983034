import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Account } from '../../src/api/schemas/account.ts';
import { PROXY_SESSION_COOKIE } from '../../src/server/proxy/handler.ts';
import { TokenCipher } from '../../src/server/proxy/tokenCipher.ts';
import {
  browse,
  browserClient,
  CookieJar,
  DASHBOARD_SECRET,
  type RunningCanvas,
  type RunningDashboard,
  runAuthorizePage,
  signIn,
  startCanvas,
  startDashboard,
} from './servers.ts';

const SessionBody = z.object({
  mode: z.literal('canvas'),
  user: z.object({ id: z.number(), name: z.string(), login_id: z.string().nullable() }),
  canvas_url: z.string(),
  demo_user: z.null(),
  demo_users: z.array(z.unknown()).length(0),
});

let canvas: RunningCanvas;
let dashboard: RunningDashboard;

beforeAll(async () => {
  canvas = await startCanvas();
  dashboard = await startDashboard(canvas);
});

afterAll(async () => {
  await dashboard?.close();
  await canvas?.close();
});

function oauthTokens() {
  return canvas.db
    .prepare(
      'SELECT id, workflow_state, token_hash FROM access_tokens WHERE developer_key_id = 10000000000002 ORDER BY id',
    )
    .all() as { id: number; workflow_state: string; token_hash: string }[];
}

describe('signing in with Canvas (sandbox as Canvas, dashboard in proxy mode)', () => {
  it('asks to sign in before anything else', async () => {
    const response = await fetch(`${dashboard.url}/auth/session`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      status: 'unauthenticated',
      sign_in_url: '/auth/sign-in',
      canvas_url: canvas.url,
      reason: 'signed_out',
    });
    const api = await fetch(`${dashboard.url}/api/v1/accounts/1`);
    expect(api.status).toBe(401);
  });

  it('runs the authorization-code flow and then proxies the API as the signed-in user', async () => {
    const jar = await signIn(dashboard, 'admin');
    const sessionCookie = jar.get(PROXY_SESSION_COOKIE);
    expect(sessionCookie).toBeTruthy();

    const session = SessionBody.parse(await (await browse(jar, `${dashboard.url}/auth/session`)).json());
    expect(session.user.name).toBe('Jordan Whitfield');
    expect(session.user.login_id).toBe('jordan.whitfield@northfield.edu');
    expect(session.canvas_url).toBe(canvas.url);

    const account = await browserClient(dashboard, jar).request('accounts/1', { schema: Account });
    expect(account.name).toBe('Northfield State University');
    // Canvas saw the request with the session's OAuth token, not a demo token.
    expect(oauthTokens().at(-1)?.workflow_state).toBe('active');
  });

  it('keeps the Canvas tokens encrypted, bound to the session, out of the browser', async () => {
    const jar = await signIn(dashboard, 'subadmin');
    const cookieHeader = jar.header();
    expect(cookieHeader).not.toMatch(/1~[0-9A-Za-z]{64}/);
    if (dashboard.setup.kind !== 'oauth') throw new Error('oauth mode expected');
    const session = dashboard.setup.sessions.find(jar.get(PROXY_SESSION_COOKIE));
    expect(session?.tokens.accessToken).toMatch(/^1~[0-9A-Za-z]{64}$/);
    expect(session?.tokens.refreshToken).toMatch(/^1~[0-9A-Za-z]{64}$/);
    // Another secret cannot read what is stored.
    const stranger = new TokenCipher(`${DASHBOARD_SECRET}-other`);
    const sealed = new TokenCipher(DASHBOARD_SECRET).encrypt('secret-token', 'session-a');
    expect(sealed).not.toContain('secret-token');
    expect(stranger.decrypt(sealed, 'session-a')).toBeUndefined();
    expect(new TokenCipher(DASHBOARD_SECRET).decrypt(sealed, 'session-b')).toBeUndefined();
    expect(new TokenCipher(DASHBOARD_SECRET).decrypt(sealed, 'session-a')).toBe('secret-token');
  });

  it('survives a restart of the dashboard (sessions in SQLite)', async () => {
    const jar = await signIn(dashboard, 'admin');
    const databaseFile = dashboard.config.databaseFile;
    const second = await startDashboard(canvas, {}, databaseFile);
    try {
      const response = await browse(jar, `${second.url}/auth/session`);
      expect(response.status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('rejects a callback whose state does not match the browser that started the sign-in', async () => {
    const steps = await runAuthorizePage(dashboard, { user: 'admin' });
    const tampered = new URL(steps.callbackUrl);
    tampered.searchParams.set('state', 'forged-state');
    const response = await browse(steps.dashboardJar, tampered.toString());
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/sign-in?error=state_mismatch');
    expect(steps.dashboardJar.get(PROXY_SESSION_COOKIE)).toBeUndefined();

    // The right state in another browser (no state cookie) is refused as well.
    const other = await runAuthorizePage(dashboard, { user: 'admin' });
    const elsewhere = await browse(new CookieJar(), other.callbackUrl);
    expect(elsewhere.headers.get('location')).toBe('/sign-in?error=state_mismatch');
  });

  it('ends on the sign-in page when the user cancels at Canvas', async () => {
    const steps = await runAuthorizePage(dashboard, 'cancel');
    expect(new URL(steps.callbackUrl).searchParams.get('error')).toBe('access_denied');
    const response = await browse(steps.dashboardJar, steps.callbackUrl);
    expect(response.headers.get('location')).toBe('/sign-in?error=access_denied');
    expect(steps.dashboardJar.get(PROXY_SESSION_COOKIE)).toBeUndefined();
  });

  it('reports a failed token exchange (a code used twice) on the sign-in page', async () => {
    const steps = await runAuthorizePage(dashboard, { user: 'admin' });
    const first = await browse(steps.dashboardJar, steps.callbackUrl);
    expect(first.headers.get('location')).toBe('/');
    // Replaying the callback: the state cookie is gone and the code is spent.
    const replayJar = new CookieJar();
    const restart = await browse(replayJar, `${dashboard.url}/auth/sign-in`);
    const state = new URL(restart.headers.get('location') ?? '').searchParams.get('state') ?? '';
    const replay = new URL(steps.callbackUrl);
    replay.searchParams.set('state', state);
    const response = await browse(replayJar, replay.toString());
    const location = new URL(response.headers.get('location') ?? '', dashboard.url);
    expect(location.pathname).toBe('/sign-in');
    expect(location.searchParams.get('error')).toBe('token_exchange_failed');
    expect(location.searchParams.get('error_description')).toBe(
      'invalid_grant: authorization_code not found',
    );
  });

  it('signs out: Canvas deletes the token and the session is gone', async () => {
    const jar = await signIn(dashboard, 'admin');
    if (dashboard.setup.kind !== 'oauth') throw new Error('oauth mode expected');
    const token = dashboard.setup.sessions.find(jar.get(PROXY_SESSION_COOKIE))?.tokens.accessToken ?? '';

    const refused = await browse(jar, `${dashboard.url}/auth/sign-out`, { method: 'POST' });
    expect(refused.status).toBe(403);

    const response = await browse(jar, `${dashboard.url}/auth/sign-out`, {
      method: 'POST',
      headers: { 'X-Requested-With': 'canvas-admin' },
    });
    expect(response.status).toBe(200);
    expect(jar.get(PROXY_SESSION_COOKIE)).toBeUndefined();

    const direct = await fetch(`${canvas.url}/api/v1/users/self`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(direct.status).toBe(401);
    expect(await direct.json()).toEqual({ errors: [{ message: 'Revoked access token.' }] });
  });
});
