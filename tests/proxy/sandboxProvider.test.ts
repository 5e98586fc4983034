import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalRedirect } from '../../src/server/sandbox/oauth/provider.ts';
import { tokenHint } from '../../src/server/sandbox/tokens.ts';
import { browse, CLIENT_ID, CLIENT_SECRET, CookieJar, type RunningCanvas, startCanvas } from './servers.ts';

/** The sandbox's OAuth2 provider, called as a client would, against oauth2.md. */
let canvas: RunningCanvas;
const redirectUri = 'https://app.example.edu/auth/callback?from=canvas';

beforeAll(async () => {
  canvas = await startCanvas();
  canvas.registerRedirectUri(redirectUri);
});

afterAll(async () => {
  await canvas?.close();
});

function authorizeUrl(params: Record<string, string>): string {
  const url = new URL('/login/oauth2/auth', canvas.url);
  for (const [name, value] of Object.entries({
    client_id: CLIENT_ID,
    response_type: 'code',
    redirect_uri: redirectUri,
    ...params,
  })) {
    url.searchParams.set(name, value);
  }
  return url.toString();
}

async function token(body: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${canvas.url}/login/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** Authorize as `user` and return the code Canvas redirected with. */
async function codeFor(user: string, state = 'st8'): Promise<string> {
  const jar = new CookieJar();
  const page = await browse(jar, authorizeUrl({ state }));
  const html = await page.text();
  const csrf = /name="custom_csrf_token" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const accept = await browse(jar, `${canvas.url}/login/oauth2/accept`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ custom_csrf_token: csrf, unique_id: user }),
  });
  const location = new URL(accept.headers.get('location') ?? '');
  expect(location.searchParams.get('state')).toBe(state);
  return location.searchParams.get('code') ?? '';
}

describe('GET /login/oauth2/auth', () => {
  it('renders JSON errors for an unknown client or redirect URI, redirects later errors with state', async () => {
    const unknown = await fetch(authorizeUrl({ client_id: '424242' }), { redirect: 'manual' });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toBe('Canvas OAuth 2.0');
    expect(await unknown.json()).toEqual({ error: 'invalid_client', error_description: 'unknown client' });

    const badRedirect = await fetch(authorizeUrl({ redirect_uri: 'https://evil.example/cb' }), {
      redirect: 'manual',
    });
    expect(badRedirect.status).toBe(400);
    expect(await badRedirect.json()).toEqual({
      error: 'invalid_request',
      error_description: 'redirect_uri does not match client settings',
    });

    const token = await fetch(authorizeUrl({ response_type: 'token', state: 'x y' }), { redirect: 'manual' });
    expect(token.status).toBe(302);
    // Keys in alphabetical order, appended with & because the URI has a query already.
    expect(token.headers.get('location')).toBe(
      `${redirectUri}&error=unsupported_response_type&error_description=Only+response_type%3Dcode+is+permitted&state=x+y`,
    );
  });

  it('serves a page without inline script, under its own CSP that lets the form reach the client', async () => {
    const page = await fetch(authorizeUrl({ state: 's' }));
    const html = await page.text();
    expect(html).not.toMatch(/<script/i);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self' https://app.example.edu");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax/);
  });

  it('refuses accept without the page session or with a wrong CSRF token', async () => {
    const noSession = await fetch(`${canvas.url}/login/oauth2/accept`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'custom_csrf_token=x&unique_id=admin',
    });
    expect(noSession.status).toBe(400);
    expect(await noSession.text()).toBe('Invalid or missing session for oauth');
    const jar = new CookieJar();
    await browse(jar, authorizeUrl({}));
    const forged = await browse(jar, `${canvas.url}/login/oauth2/accept`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'custom_csrf_token=forged&unique_id=admin',
    });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toBe('Invalid custom CSRF token');
  });
});

describe('POST /login/oauth2/token', () => {
  it('checks the grant type before the client, then the client and its secret', async () => {
    expect(await token({ grant_type: 'password', client_id: '1' })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    const unknown = await token({
      grant_type: 'authorization_code',
      client_id: '77',
      client_secret: 'x',
      code: 'c',
    });
    expect(unknown).toMatchObject({
      status: 401,
      body: { error: 'invalid_client', error_description: 'unknown client' },
    });
    expect(unknown.headers.get('www-authenticate')).toBe('Canvas OAuth 2.0');
    expect(
      await token({ grant_type: 'authorization_code', client_id: CLIENT_ID, client_secret: 'x', code: 'c' }),
    ).toMatchObject({
      status: 401,
      body: { error: 'invalid_client', error_description: 'invalid client' },
    });
  });

  it('exchanges a code once (HTTP Basic accepted, grant_type implied by code), then refreshes', async () => {
    const code = await codeFor('subadmin');
    const basic = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
    const exchanged = await token({ code }, { Authorization: basic });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      user: { name: 'Priya Natarajan', effective_locale: 'en', fake_student: false },
    });
    expect(typeof (exchanged.body.user as { global_id: unknown }).global_id).toBe('string');
    const accessToken = String(exchanged.body.access_token);
    const refreshToken = String(exchanged.body.refresh_token);

    expect(await token({ code }, { Authorization: basic })).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'authorization_code not found' },
    });

    const refreshed = await token({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toBeUndefined();
    expect(refreshed.body.access_token).not.toBe(accessToken);
    const old = await fetch(`${canvas.url}/api/v1/users/self`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    expect(old.status).toBe(401);
    const fresh = await fetch(`${canvas.url}/api/v1/users/self`, {
      headers: { Authorization: `Bearer ${String(refreshed.body.access_token)}` },
    });
    expect(fresh.status).toBe(200);

    expect(
      await token({
        grant_type: 'refresh_token',
        refresh_token: 'nope',
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
      }),
    ).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'refresh_token not found' },
    });
  });
});

describe('DELETE /login/oauth2/token', () => {
  it('answers 400 without a token and deletes the calling token', async () => {
    const none = await fetch(`${canvas.url}/login/oauth2/token`, { method: 'DELETE' });
    expect(none.status).toBe(400);
    expect(await none.json()).toEqual({
      message: "can't delete OAuth access token when not using an OAuth access token",
    });

    const code = await codeFor('admin');
    const { body } = await token({ code, client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    const bearer = { Authorization: `Bearer ${String(body.access_token)}` };
    const deleted = await fetch(`${canvas.url}/login/oauth2/token`, { method: 'DELETE', headers: bearer });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({});
    const after = await fetch(`${canvas.url}/api/v1/users/self`, { headers: bearer });
    expect(await after.json()).toEqual({ errors: [{ message: 'Revoked access token.' }] });
    expect(
      await token({
        grant_type: 'refresh_token',
        refresh_token: String(body.refresh_token),
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
      }),
    ).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });
});

describe('finalRedirect', () => {
  it('drops nil values and sorts keys', () => {
    expect(finalRedirect('https://a.example/cb', { state: 's', code: 'c', error: null })).toBe(
      'https://a.example/cb?code=c&state=s',
    );
  });
});

describe('tokens issued through a developer key', () => {
  it('show the key as their app, and stop working while the key is off', async () => {
    const code = await codeFor('admin');
    const { body } = await token({ code, client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    const accessToken = String(body.access_token);
    const bearer = { Authorization: `Bearer ${accessToken}` };
    const keyName = canvas.db.prepare('SELECT name FROM developer_keys WHERE id = ?').pluck().get(CLIENT_ID);
    const shown = await fetch(`${canvas.url}/api/v1/users/self/tokens/${tokenHint(accessToken)}`, {
      headers: bearer,
    });
    expect(shown.status).toBe(200);
    expect(await shown.json()).toMatchObject({ app_name: keyName, visible_token: null });

    const setKeyState = canvas.db.prepare('UPDATE developer_keys SET workflow_state = ? WHERE id = ?');
    setKeyState.run('inactive', CLIENT_ID);
    try {
      const refused = await fetch(`${canvas.url}/api/v1/users/self`, { headers: bearer });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ errors: [{ message: 'Invalid access token.' }] });
    } finally {
      setKeyState.run('active', CLIENT_ID);
    }
    expect((await fetch(`${canvas.url}/api/v1/users/self`, { headers: bearer })).status).toBe(200);
  });
});
