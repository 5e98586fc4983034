import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Account } from '../../src/api/schemas/account.ts';
import { PROXY_SESSION_COOKIE } from '../../src/server/proxy/handler.ts';
import {
  browse,
  browserClient,
  type CookieJar,
  type RunningCanvas,
  type RunningDashboard,
  signIn,
  startCanvas,
  startDashboard,
} from './servers.ts';

const CSRF = { 'X-Requested-With': 'canvas-admin' };

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

function storedSession(jar: CookieJar) {
  if (dashboard.setup.kind !== 'oauth') throw new Error('oauth mode expected');
  return dashboard.setup.sessions.find(jar.get(PROXY_SESSION_COOKIE));
}

/** Canvas's view of the session's token row. */
function canvasTokenRow(userName: string) {
  return canvas.db
    .prepare(
      `SELECT t.id, t.token_hash, t.expires_at, t.workflow_state FROM access_tokens t JOIN users u ON u.id = t.user_id
       WHERE u.name = ? AND t.developer_key_id = 10000000000002 ORDER BY t.id DESC LIMIT 1`,
    )
    .get(userName) as { id: number; token_hash: string; expires_at: string; workflow_state: string };
}

describe('the forwarding proxy', () => {
  it('never forwards a path the dashboard does not use', async () => {
    const jar = await signIn(dashboard);
    const before = canvas.seenPaths.length;
    for (const [method, path] of [
      ['GET', '/api/v1/courses/1/assignments'],
      ['GET', '/api/v1/users/1/page_views'],
      ['DELETE', '/api/v1/accounts/1'],
      ['GET', '/api/v1/accounts/1/../../../login/oauth2/token'],
      ['GET', '/files/1/preview'],
    ] as const) {
      const response = await browse(jar, `${dashboard.url}${path}`, { method, headers: CSRF });
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    expect(canvas.seenPaths.slice(before)).toEqual([]);
  });

  it('requires the CSRF header on every non-GET request', async () => {
    const jar = await signIn(dashboard);
    const before = canvas.seenPaths.length;
    const response = await browse(jar, `${dashboard.url}/api/v1/accounts/1/sub_accounts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ account: { name: 'Forged' } }),
    });
    expect(response.status).toBe(403);
    expect(canvas.seenPaths.slice(before)).toEqual([]);
    expect(canvas.db.prepare("SELECT count(*) AS n FROM accounts WHERE name = 'Forged'").get()).toEqual({
      n: 0,
    });
  });

  it('streams request bodies to Canvas and answers with Canvas JSON', async () => {
    const jar = await signIn(dashboard);
    const created = await browserClient(dashboard, jar).request('accounts/1/sub_accounts', {
      method: 'POST',
      body: { account: { name: 'Proxy-made College' } },
      schema: Account,
    });
    expect(created.name).toBe('Proxy-made College');
    expect(created.parent_account_id).toBe(1);
  });

  it("rewrites Canvas's Link headers to the dashboard's origin", async () => {
    const jar = await signIn(dashboard);
    const response = await browse(jar, `${dashboard.url}/api/v1/accounts/1/sub_accounts?per_page=2`);
    expect(response.status).toBe(200);
    const link = response.headers.get('link') ?? '';
    expect(link).toContain(`<${dashboard.url}/api/v1/accounts/1/sub_accounts?page=2&per_page=2>; rel="next"`);
    expect(link).not.toContain(canvas.url);
    const next = /<([^>]+)>; rel="next"/.exec(link)?.[1] ?? '';
    const second = await browse(jar, next);
    expect(second.status).toBe(200);
    expect(z.array(Account).parse(await second.json())).toHaveLength(2);
  });

  it('refreshes a token that Canvas refuses as expired, then replays the request (body included)', async () => {
    const jar = await signIn(dashboard);
    const before = canvasTokenRow('Jordan Whitfield');
    const oldAccessToken = storedSession(jar)?.tokens.accessToken;
    // Canvas's clock says the hour is over; the dashboard still thinks the token is fresh.
    canvas.db
      .prepare("UPDATE access_tokens SET expires_at = '2001-01-01T00:00:00Z' WHERE id = ?")
      .run(before.id);

    const account = await browserClient(dashboard, jar).request('accounts/1', {
      method: 'PUT',
      body: { account: { name: 'Northfield State University' } },
      schema: Account,
    });
    expect(account.name).toBe('Northfield State University');
    const after = canvasTokenRow('Jordan Whitfield');
    expect(after.id).toBe(before.id);
    expect(after.token_hash).not.toBe(before.token_hash);
    expect(storedSession(jar)?.tokens.accessToken).not.toBe(oldAccessToken);
    // The previous access token stopped working at Canvas the moment it was refreshed.
    const stale = await fetch(`${canvas.url}/api/v1/users/self`, {
      headers: { Authorization: `Bearer ${oldAccessToken}` },
    });
    expect(stale.status).toBe(401);
  });

  it('refreshes before forwarding when the token is about to expire', async () => {
    const shortLived = await startCanvas({ accessTokenTtlSeconds: 30 });
    const nearExpiry = await startDashboard(shortLived);
    try {
      const jar = await signIn(nearExpiry);
      const seen = shortLived.seenPaths.length;
      const response = await browse(jar, `${nearExpiry.url}/api/v1/accounts/1`);
      expect(response.status).toBe(200);
      // Within the refresh margin: refreshed first, then forwarded once, never refused.
      expect(shortLived.seenPaths.slice(seen)).toEqual(['/login/oauth2/token', '/api/v1/accounts/1']);
    } finally {
      await nearExpiry.close();
      await shortLived.close();
    }
  });

  it('ends the session when Canvas rejects the token for good, and the app is told to sign in again', async () => {
    const jar = await signIn(dashboard, 'teacher');
    const row = canvasTokenRow('Marcus Bell');
    // Revoked at Canvas (e.g. the user deleted it in their Canvas settings): refresh fails too.
    canvas.db.prepare("UPDATE access_tokens SET workflow_state = 'deleted' WHERE id = ?").run(row.id);

    const response = await browse(jar, `${dashboard.url}/api/v1/users/self`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBeTruthy();
    expect(await response.json()).toMatchObject({ status: 'unauthenticated', reason: 'session_ended' });
    expect(storedSession(jar)).toBeUndefined();
    const session = await browse(jar, `${dashboard.url}/auth/session`);
    expect(session.status).toBe(401);
    expect(await session.json()).toMatchObject({ reason: 'session_ended', sign_in_url: '/auth/sign-in' });
  });

  it('passes Canvas errors that are not about the token through unchanged', async () => {
    const jar = await signIn(dashboard, 'student');
    const response = await browse(jar, `${dashboard.url}/api/v1/accounts/1`);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      status: 'unauthorized',
      errors: [{ message: 'user not authorized to perform that action' }],
    });
    expect((await browse(jar, `${dashboard.url}/auth/session`)).status).toBe(200);
  });
});
