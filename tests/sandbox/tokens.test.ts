import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type * as z from 'zod';
import { encodeParams } from '../../src/api/params.ts';
import { Token, TokenList } from '../../src/api/schemas/token.ts';
import { CurrentUser } from '../../src/api/schemas/user.ts';
import { createSandboxApi } from '../../src/server/sandbox/api.ts';
import type { DemoUserKey } from '../../src/server/sandbox/demoUsers.ts';
import { routePathPattern, scopesAllow } from '../../src/server/sandbox/scopes.ts';
import { hashToken, tokenHint } from '../../src/server/sandbox/tokens.ts';
import { DEMO_TOKENS, type RunningSandbox, startSandbox } from '../helpers/sandboxServer.ts';

// ---------------------------------------------------------------------------------------------
// Helpers

/** A demo user, a token of the test's own, or nobody. */
type Caller = DemoUserKey | { token: string } | null;

interface Reply {
  status: number;
  body: unknown;
  headers: Headers;
}

interface CallOptions {
  as?: Caller;
  /** Sent as JSON, or form-encoded with `form: true`. */
  body?: Record<string, unknown>;
  form?: boolean;
  headers?: Record<string, string>;
}

let sb: RunningSandbox;
/** Every secret the server handed out, for the hash-at-rest check. */
const issuedSecrets: string[] = [];

async function call(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const { as = 'admin', body, form = false } = options;
  const headers = new Headers(options.headers);
  if (as !== null)
    headers.set('Authorization', `Bearer ${typeof as === 'string' ? DEMO_TOKENS[as] : as.token}`);
  let payload: string | undefined;
  if (body && form) {
    headers.set('Content-Type', 'application/x-www-form-urlencoded');
    payload = encodeParams(body as Parameters<typeof encodeParams>[0]);
  } else if (body) {
    headers.set('Content-Type', 'application/json');
    payload = JSON.stringify(body);
  }
  const response = await fetch(`${sb.baseUrl}${path}`, { method, headers, body: payload });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

/** A success, parsed with the client's schema (the contract both sides share). */
function ok<S extends z.ZodType>(reply: Reply, schema: S): z.output<S> {
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return schema.parse(reply.body);
}

function remember(token: Token): Token {
  if (token.visible_token && !token.visible_token.endsWith('...')) issuedSecrets.push(token.visible_token);
  return token;
}

async function createToken(owner: string, token: Record<string, unknown>, as: Caller = 'admin') {
  return remember(ok(await call('POST', `/api/v1/users/${owner}/tokens`, { as, body: { token } }), Token));
}

function secretOf(token: Token): string {
  if (!token.visible_token || token.visible_token.endsWith('...')) throw new Error('No secret in this token');
  return token.visible_token;
}

function hintOf(token: Token): string {
  return secretOf(token).slice(0, 5);
}

const NOT_FOUND = { errors: [{ message: 'The specified resource does not exist.' }] };
const FORBIDDEN = {
  status: 'unauthorized',
  errors: [{ message: 'user not authorized to perform that action' }],
};
const INVALID_TOKEN = { errors: [{ message: 'Invalid access token.' }] };
const REVOKED_TOKEN = { errors: [{ message: 'Revoked access token.' }] };
const INSUFFICIENT_SCOPES = { errors: [{ message: 'Insufficient scopes on access token.' }] };
const CHALLENGE = 'Bearer realm="canvas-lms"';

function expectTokenError(reply: Reply, body: unknown): void {
  expect(reply.status).toBe(401);
  expect(reply.body).toEqual(body);
  expect(reply.headers.get('www-authenticate')).toBe(CHALLENGE);
}

/** The user the path names, authenticated with `secret`. */
function whoAmI(secret: string): Promise<Reply> {
  return call('GET', '/api/v1/users/self', { as: { token: secret } });
}

function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

let originalRootSettings: Record<string, unknown> = {};

/** Sets root-account settings on top of the generated ones; `{}` restores those. */
function rootSettings(settings: Record<string, unknown>): void {
  sb.db
    .prepare('UPDATE accounts SET settings = ? WHERE id = 1')
    .run(JSON.stringify({ ...originalRootSettings, ...settings }));
}

let fixtureSequence = 0;

/** A fresh registered user with a login (and a token of the test's own) for cases the demo users lack. */
function makeUser(state: 'registered' | 'pre_registered' = 'registered'): { id: number; token: string } {
  fixtureSequence += 1;
  const stamp = '2025-01-06T12:00:00Z';
  const { lastInsertRowid } = sb.db
    .prepare(
      `INSERT INTO users (name, sortable_name, short_name, uuid, workflow_state, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      `Token Fixture ${fixtureSequence}`,
      `Fixture ${fixtureSequence}, Token`,
      `Token Fixture ${fixtureSequence}`,
      `token-fixture-${fixtureSequence}`.padEnd(40, 'x'),
      state,
      stamp,
      stamp,
    );
  const id = Number(lastInsertRowid);
  sb.db
    .prepare(
      `INSERT INTO pseudonyms (user_id, account_id, unique_id, workflow_state, created_at) VALUES (?, 1, ?, 'active', ?)`,
    )
    .run(id, `token.fixture${fixtureSequence}@example.edu`, stamp);
  const token = `token-fixture-secret-${fixtureSequence}`;
  sb.db
    .prepare(
      `INSERT INTO access_tokens (user_id, token_hash, token_hint, purpose, scopes, workflow_state, created_at, updated_at)
       VALUES (?, ?, ?, 'fixture', '[]', 'active', ?, ?)`,
    )
    .run(id, hashToken(sb.db, token), tokenHint(token), stamp, stamp);
  return { id, token };
}

/** A root-account admin whose custom role holds exactly `permissions`. */
function customRootAdmin(permissions: Record<string, boolean>): { id: number; token: string } {
  const user = makeUser();
  const stamp = '2025-01-06T12:00:00Z';
  const role = sb.db
    .prepare(
      `INSERT INTO roles (name, label, base_role_type, workflow_state, account_id, root_account_id, permissions, created_at, updated_at)
       VALUES (?, ?, 'AccountMembership', 'active', 1, 1, ?, ?, ?)`,
    )
    .run(
      `Token Role ${fixtureSequence}`,
      `Token Role ${fixtureSequence}`,
      JSON.stringify(permissions),
      stamp,
      stamp,
    );
  sb.db
    .prepare(
      `INSERT INTO account_users (account_id, user_id, role_id, workflow_state, created_at) VALUES (1, ?, ?, 'active', ?)`,
    )
    .run(user.id, Number(role.lastInsertRowid), stamp);
  return user;
}

/** A second server over the same database that serves the sandbox API on every path, `/profile` too. */
async function startBareApi(): Promise<{ url: string; close(): Promise<void> }> {
  const api = createSandboxApi(sb.db);
  const server: Server = createServer((req, res) => {
    void api.handle(req, res, new URL(req.url ?? '/', 'http://localhost'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

beforeAll(async () => {
  sb = await startSandbox();
  const root = sb.db.prepare('SELECT settings FROM accounts WHERE id = 1').get() as { settings: string };
  originalRootSettings = JSON.parse(root.settings) as Record<string, unknown>;
});

afterAll(async () => {
  await sb.close();
});

// ---------------------------------------------------------------------------------------------

describe('POST /users/:user_id/tokens', () => {
  test('creates an active token for oneself and shows its secret once', async () => {
    const before = Date.now();
    const token = await createToken('self', { purpose: 'Nightly SIS export' });
    expect(token).toMatchObject({
      user_id: sb.userId('admin'),
      real_user_id: null,
      purpose: 'Nightly SIS export',
      scopes: [],
      remember_access: null,
      workflow_state: 'active',
      last_used_at: null,
      expires_at: null,
      app_name: 'User-Generated',
      can_manually_regenerate: true,
    });
    expect(secretOf(token)).toMatch(/^1~[0-9A-Za-z]{64}$/);
    expect(Date.parse(token.created_at)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    const show = ok(await call('GET', `/api/v1/users/self/tokens/${token.id}`), Token);
    expect(show.visible_token).toBe(`${hintOf(token)}...`);
    expect(show.visible_token).not.toContain(secretOf(token).slice(5));
    const keys = Object.keys(show).sort();
    expect(keys).toEqual(
      [
        'id',
        'user_id',
        'real_user_id',
        'purpose',
        'scopes',
        'remember_access',
        'workflow_state',
        'created_at',
        'updated_at',
        'last_used_at',
        'expires_at',
        'app_name',
        'visible_token',
        'can_manually_regenerate',
      ].sort(),
    );
  });

  test('the new token is real: it authenticates as its owner and records its use', async () => {
    const token = await createToken('self', { purpose: 'Used once' }, 'teacher');
    const me = ok(await whoAmI(secretOf(token)), CurrentUser);
    expect(me.id).toBe(sb.userId('teacher'));
    const shown = ok(await call('GET', `/api/v1/users/self/tokens/${token.id}`, { as: 'teacher' }), Token);
    expect(shown.last_used_at).not.toBeNull();
    expect(Date.now() - Date.parse(shown.last_used_at ?? '')).toBeLessThan(60_000);
  });

  test('last_used_at is written at most every ten minutes', async () => {
    const token = await createToken('self', { purpose: 'Throttled' });
    const stale = '2025-01-01T00:00:00Z';
    const recent = new Date(Date.now() - 5 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    sb.db.prepare('UPDATE access_tokens SET last_used_at = ? WHERE id = ?').run(recent, token.id);
    ok(await whoAmI(secretOf(token)), CurrentUser);
    const unchanged = ok(await call('GET', `/api/v1/users/self/tokens/${token.id}`), Token);
    expect(unchanged.last_used_at).toBe(recent);
    sb.db.prepare('UPDATE access_tokens SET last_used_at = ? WHERE id = ?').run(stale, token.id);
    ok(await whoAmI(secretOf(token)), CurrentUser);
    const refreshed = ok(await call('GET', `/api/v1/users/self/tokens/${token.id}`), Token);
    expect(refreshed.last_used_at).not.toBe(stale);
  });

  test('accepts form encoding with scopes and an expiry', async () => {
    const expiresAt = '2031-05-01T12:30:00Z';
    const reply = await call('POST', '/api/v1/users/self/tokens', {
      form: true,
      body: {
        token: {
          purpose: 'Form made',
          expires_at: expiresAt,
          scopes: ['url:GET|/api/v1/accounts', 'url:GET|/api/v1/accounts/:id'],
        },
      },
    });
    const token = remember(ok(reply, Token));
    expect(token.scopes).toEqual(['url:GET|/api/v1/accounts', 'url:GET|/api/v1/accounts/:id']);
    expect(token.expires_at).toBe(expiresAt);
  });

  test('reads a zone-less expiry in the caller time zone', async () => {
    const adminId = sb.userId('admin');
    const { time_zone: ownZone } = sb.db.prepare('SELECT time_zone FROM users WHERE id = ?').get(adminId) as {
      time_zone: string | null;
    };
    try {
      sb.db.prepare('UPDATE users SET time_zone = ? WHERE id = ?').run('Asia/Kolkata', adminId);
      const token = await createToken('self', { purpose: 'Local time', expires_at: '2031-07-01T09:00' });
      expect(token.expires_at).toBe('2031-07-01T03:30:00Z');
      const dateOnly = await createToken('self', { purpose: 'Local date', expires_at: '2031-07-02' });
      expect(dateOnly.expires_at).toBe('2031-07-01T18:30:00Z');
    } finally {
      sb.db.prepare('UPDATE users SET time_zone = ? WHERE id = ?').run(ownZone, adminId);
    }
  });

  test('needs the token param, then its purpose key (a bare array)', async () => {
    for (const body of [undefined, { token: {} }, { token: 'x' }]) {
      const reply = await call('POST', '/api/v1/users/self/tokens', { body });
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({ errors: [{ message: 'token is missing' }] });
    }
    for (const token of [{ expires_at: daysFromNow(3) }, { purpose: ['a'] }]) {
      const reply = await call('POST', '/api/v1/users/self/tokens', { body: { token } });
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual([{ message: 'token[purpose] is missing' }]);
    }
  });

  test('purpose must be 1 to 255 characters', async () => {
    for (const [purpose, type] of [
      ['', 'too_short'],
      [null, 'too_short'],
      ['x'.repeat(256), 'too_long'],
    ] as const) {
      const reply = await call('POST', '/api/v1/users/self/tokens', { body: { token: { purpose } } });
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({ errors: { purpose: [{ attribute: 'purpose', type, message: type }] } });
    }
    const longest = await createToken('self', { purpose: 'é'.repeat(255) });
    expect(longest.purpose).toHaveLength(255);
  });

  test('scopes must be routes the API offers', async () => {
    const reply = await call('POST', '/api/v1/users/self/tokens', {
      body: { token: { purpose: 'Typo', scopes: ['url:GET|/api/v1/acounts'] } },
    });
    const message = 'requested scopes must match scopes on developer key';
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ errors: { scopes: [{ attribute: 'scopes', type: message, message }] } });
  });

  test('a past expiry is accepted, and the token is expired from its first use', async () => {
    const expiresAt = '2020-02-02T02:02:02Z';
    const token = await createToken('self', { purpose: 'Born expired', expires_at: expiresAt });
    expect(token.can_manually_regenerate).toBe(false);
    const reply = await whoAmI(secretOf(token));
    expectTokenError(reply, { errors: [{ message: 'Expired access token.', expired_at: expiresAt }] });
  });

  test('students must set an expiry at most 120 days ahead; others need none', async () => {
    const attempts: [Record<string, unknown>, string][] = [
      [{ purpose: 'Homework' }, 'Expiration date is required'],
      [{ purpose: 'Homework', expires_at: '' }, 'Expiration date is required'],
      [{ purpose: 'Homework', expires_at: 'next tuesday' }, 'Invalid expiration date format'],
      [{ purpose: 'Homework', expires_at: '2031-02-30' }, 'Invalid expiration date format'],
      [
        { purpose: 'Homework', expires_at: daysFromNow(121) },
        'Expiration date cannot be more than 120 days in the future',
      ],
    ];
    for (const [token, message] of attempts) {
      const reply = await call('POST', '/api/v1/users/self/tokens', { as: 'student', body: { token } });
      expect({ token, status: reply.status, body: reply.body }).toEqual({
        token,
        status: 400,
        body: [{ message }],
      });
    }
    const capped = await createToken(
      'self',
      { purpose: 'Homework', expires_at: daysFromNow(119) },
      'student',
    );
    expect(capped.workflow_state).toBe('active');
    const teacher = await createToken('self', { purpose: 'Grading script' }, 'teacher');
    expect(teacher.expires_at).toBeNull();
  });

  test('an admin makes a pending token for another user, which only its owner can activate', async () => {
    const teacherId = sb.userId('teacher');
    const token = await createToken(String(teacherId), { purpose: 'Made for you' });
    expect(token).toMatchObject({ user_id: teacherId, workflow_state: 'pending' });
    expectTokenError(await whoAmI(secretOf(token)), INVALID_TOKEN);

    const bare = await startBareApi();
    try {
      const activate = (as: DemoUserKey) =>
        fetch(`${bare.url}/profile/tokens/${token.id}/activate`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${DEMO_TOKENS[as]}` },
        });
      const byAdmin = await activate('admin');
      expect(byAdmin.status).toBe(404);
      const byOwner = await activate('teacher');
      expect(Token.parse(await byOwner.json()).workflow_state).toBe('active');
      const again = await activate('teacher');
      expect(again.status).toBe(400);
      expect(await again.json()).toEqual({ errors: { token: ['is already active'] } });
    } finally {
      await bare.close();
    }
    expect(ok(await whoAmI(secretOf(token)), CurrentUser).id).toBe(teacherId);
  });

  test('only root admins with the right may create tokens for others', async () => {
    const path = `/api/v1/users/${sb.userId('student')}/tokens`;
    for (const [as, owner] of [
      ['teacher', 'student'],
      ['subadmin', 'student'],
      ['student', 'teacher'],
    ] as const) {
      const reply = await call('POST', `/api/v1/users/${sb.userId(owner)}/tokens`, {
        as,
        body: { token: { purpose: 'Not yours', expires_at: daysFromNow(3) } },
      });
      expect({ as, status: reply.status, body: reply.body }).toEqual({ as, status: 403, body: FORBIDDEN });
    }
    const creator = customRootAdmin({ create_access_tokens: true });
    const made = await createToken(
      String(sb.userId('student')),
      { purpose: 'Delegated', expires_at: daysFromNow(5) },
      {
        token: creator.token,
      },
    );
    expect(made.workflow_state).toBe('pending');
    const viewer = customRootAdmin({ view_user_generated_access_tokens: true });
    const refused = await call('POST', path, {
      as: { token: viewer.token },
      body: { token: { purpose: 'No' } },
    });
    expect(refused.status).toBe(403);
  });

  test('the root account can take the right to make own tokens away', async () => {
    const anonymous = await call('POST', '/api/v1/users/self/tokens', {
      as: null,
      body: { token: { purpose: 'x' } },
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe(CHALLENGE);
    try {
      rootSettings({ limit_personal_access_tokens: { value: true } });
      const teacher = await call('POST', '/api/v1/users/self/tokens', {
        as: 'teacher',
        body: { token: { purpose: 'x' } },
      });
      expect(teacher.body).toEqual(FORBIDDEN);
      // Admins keep the right through their account permission.
      await createToken('self', { purpose: 'Admin still may' });

      rootSettings({ restrict_personal_access_tokens_from_students: true });
      const student = await call('POST', '/api/v1/users/self/tokens', {
        as: 'student',
        body: { token: { purpose: 'x', expires_at: daysFromNow(3) } },
      });
      expect(student.body).toEqual(FORBIDDEN);
      await createToken('self', { purpose: 'Teachers may' }, 'teacher');
    } finally {
      rootSettings({});
    }
  });

  test('users who have not confirmed their email are turned away', async () => {
    const pending = makeUser('pre_registered');
    const reply = await call('POST', '/api/v1/users/self/tokens', {
      as: { token: pending.token },
      body: { token: { purpose: 'x' } },
    });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({
      status: 'unauthorized',
      message: 'You need to confirm your email address before you can view this page',
    });
  });

  test('deleted and unknown users are not found', async () => {
    const gone = makeUser();
    sb.db.prepare(`UPDATE users SET workflow_state = 'deleted' WHERE id = ?`).run(gone.id);
    for (const user of [String(gone.id), '999999999', 'sis_user_id:nobody']) {
      const reply = await call('POST', `/api/v1/users/${user}/tokens`, { body: { token: { purpose: 'x' } } });
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual(NOT_FOUND);
    }
  });
});

describe('GET /users/:user_id/tokens/:id', () => {
  test('finds a token by id, by 1~id and by hint', async () => {
    const token = await createToken('self', { purpose: 'Three ways' });
    for (const reference of [String(token.id), `1~${token.id}`, hintOf(token)]) {
      const shown = ok(
        await call('GET', `/api/v1/users/self/tokens/${encodeURIComponent(reference)}`),
        Token,
      );
      expect(shown.id).toBe(token.id);
    }
  });

  test('the owner and admins with the right may read; others get 403, strangers 404', async () => {
    const token = await createToken('self', { purpose: 'Teacher reads' }, 'teacher');
    const path = `/api/v1/users/${sb.userId('teacher')}/tokens/${hintOf(token)}`;
    expect(ok(await call('GET', path), Token).purpose).toBe('Teacher reads');
    for (const as of ['student', 'subadmin'] as const) {
      const reply = await call('GET', path, { as });
      expect({ as, status: reply.status, body: reply.body }).toEqual({ as, status: 403, body: FORBIDDEN });
    }
    const viewer = customRootAdmin({ view_user_generated_access_tokens: true });
    expect(ok(await call('GET', path, { as: { token: viewer.token } }), Token).id).toBe(token.id);
    const deleter = customRootAdmin({ delete_access_tokens: true });
    expect((await call('GET', path, { as: { token: deleter.token } })).status).toBe(403);
    // A token of another user is not found under this one.
    expect((await call('GET', `/api/v1/users/self/tokens/${token.id}`)).body).toEqual(NOT_FOUND);
    expect((await call('GET', '/api/v1/users/self/tokens/987654')).body).toEqual(NOT_FOUND);
  });

  test('answers string ids when asked to', async () => {
    const token = await createToken('self', { purpose: 'String ids' });
    const reply = await call('GET', `/api/v1/users/self/tokens/${token.id}`, {
      headers: { Accept: 'application/json+canvas-string-ids' },
    });
    expect((reply.body as { id: unknown; user_id: unknown }).id).toBe(String(token.id));
    expect((reply.body as { user_id: unknown }).user_id).toBe(String(sb.userId('admin')));
    expect(ok(reply, Token).id).toBe(token.id);
  });

  test("the sandbox's own sign-in tokens are out of the API's reach", async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const reply = await call(method, '/api/v1/users/self/tokens/demo-', {
        body: method === 'PUT' ? { token: { regenerate: true } } : undefined,
      });
      expect({ method, status: reply.status }).toEqual({ method, status: 404 });
    }
    ok(await call('GET', '/api/v1/users/self'), CurrentUser);
  });
});

describe('GET /users/:user_id/user_generated_tokens', () => {
  test('lists the manual tokens, pending ones too, oldest first, in bookmark pages with relative links', async () => {
    const owner = makeUser();
    const ownerPath = `/api/v1/users/${owner.id}`;
    const made: Token[] = [];
    for (let i = 0; i < 4; i++)
      made.push(await createToken(String(owner.id), { purpose: `Mine ${i}` }, { token: owner.token }));
    made.push(await createToken(String(owner.id), { purpose: 'From the admin' }));
    // Same second: the id breaks the tie; an older one sorts first whatever its id.
    sb.db
      .prepare('UPDATE access_tokens SET created_at = ? WHERE id = ?')
      .run('2024-01-01T00:00:00Z', made[3]?.id);
    const deleted = await createToken(String(owner.id), { purpose: 'Deleted' }, { token: owner.token });
    ok(await call('DELETE', `${ownerPath}/tokens/${deleted.id}`, { as: { token: owner.token } }), Token);

    const items: Token[] = [];
    let next: string | undefined = `${ownerPath}/user_generated_tokens?per_page=2`;
    const links: string[] = [];
    while (next) {
      const reply = await call('GET', next, { as: { token: owner.token } });
      items.push(...ok(reply, TokenList));
      const link = reply.headers.get('link') ?? '';
      links.push(link);
      next = /<([^>]+)>; rel="next"/.exec(link)?.[1];
      if (next) expect(link).not.toContain('rel="last"');
      expect(links.length).toBeLessThan(10);
    }
    expect(links[0]).toMatch(
      new RegExp(
        `^<${ownerPath}/user_generated_tokens\\?page=first&per_page=2>; rel="current",` +
          `<${ownerPath}/user_generated_tokens\\?page=bookmark:[A-Za-z0-9_-]+&per_page=2>; rel="next",` +
          `<${ownerPath}/user_generated_tokens\\?page=first&per_page=2>; rel="first"$`,
      ),
    );
    expect(links).toHaveLength(3);
    const expectedOrder = [made[3], made[0], made[1], made[2], made[4]].map((token) => token?.id);
    expect(items.map((token) => token.id)).toEqual(expectedOrder);
    expect(items.find((token) => token.purpose === 'From the admin')?.workflow_state).toBe('pending');
    for (const token of items) expect(token.visible_token).toMatch(/^.{5}\.\.\.$/);
    // The fixture's own sign-in token has no developer key: not a manual token, not listed.
    expect(items.some((token) => token.purpose === 'fixture')).toBe(false);
  });

  test('per_page is clamped into 1..100 and a numeric page is refused', async () => {
    for (const [given, effective] of [
      ['0', 1],
      ['abc', 1],
      ['500', 100],
    ] as const) {
      const reply = await call('GET', `/api/v1/users/self/user_generated_tokens?per_page=${given}`);
      ok(reply, TokenList);
      expect(reply.headers.get('link')).toContain(`per_page=${effective}>`);
    }
    const numeric = await call('GET', '/api/v1/users/self/user_generated_tokens?page=2');
    expect(numeric.status).toBe(400);
    expect(numeric.body).toMatchObject({ status: 'bad_request' });
  });

  test('hides the demo sign-in token and the secret of every token', async () => {
    const list = ok(await call('GET', '/api/v1/users/self/user_generated_tokens?per_page=100'), TokenList);
    expect(list.some((token) => token.purpose === 'Sandbox demo token')).toBe(false);
    expect(list.length).toBeGreaterThan(0);
    for (const token of list) expect(token.visible_token?.endsWith('...')).toBe(true);
  });

  test('the owner and admins with the view right may list; others get 403', async () => {
    const teacherList = `/api/v1/users/${sb.userId('teacher')}/user_generated_tokens`;
    ok(await call('GET', teacherList), TokenList);
    ok(await call('GET', '/api/v1/users/self/user_generated_tokens', { as: 'student' }), TokenList);
    for (const as of ['student', 'subadmin'] as const) {
      expect((await call('GET', teacherList, { as })).body).toEqual(FORBIDDEN);
    }
    const creator = customRootAdmin({ create_access_tokens: true });
    expect((await call('GET', teacherList, { as: { token: creator.token } })).status).toBe(403);
    const anonymous = await call('GET', teacherList, { as: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe(CHALLENGE);
  });
});

describe('PUT /users/:user_id/tokens/:id', () => {
  test('updates purpose, expiry and scopes by id and by hint without showing the secret', async () => {
    const token = await createToken('self', { purpose: 'Before', scopes: ['url:GET|/api/v1/accounts'] });
    const byId = ok(
      await call('PUT', `/api/v1/users/self/tokens/${token.id}`, {
        body: { token: { purpose: 'After', expires_at: '2030-01-01T00:00:00Z' } },
      }),
      Token,
    );
    expect(byId).toMatchObject({
      purpose: 'After',
      expires_at: '2030-01-01T00:00:00Z',
      scopes: ['url:GET|/api/v1/accounts'],
    });
    expect(byId.visible_token).toBe(`${hintOf(token)}...`);
    const byHint = ok(
      await call('PUT', `/api/v1/users/self/tokens/${hintOf(token)}`, {
        body: { token: { expires_at: '', scopes: [] } },
      }),
      Token,
    );
    expect(byHint).toMatchObject({ purpose: 'After', expires_at: null, scopes: [] });
    const invalid = await call('PUT', `/api/v1/users/self/tokens/${token.id}`, {
      body: { token: { purpose: '' } },
    });
    expect(invalid.status).toBe(400);
    expect(ok(await call('GET', `/api/v1/users/self/tokens/${token.id}`), Token).purpose).toBe('After');
    const missing = await call('PUT', `/api/v1/users/self/tokens/${token.id}`, { body: {} });
    expect(missing.body).toEqual({ errors: [{ message: 'token is missing' }] });
  });

  test('regenerating shows a new secret once and retires the old one', async () => {
    const token = await createToken('self', { purpose: 'Rotate me' });
    ok(await whoAmI(secretOf(token)), CurrentUser);
    const rotated = remember(
      ok(
        await call('PUT', `/api/v1/users/self/tokens/${hintOf(token)}`, {
          body: { token: { regenerate: '1' } },
        }),
        Token,
      ),
    );
    expect(rotated.id).toBe(token.id);
    expect(secretOf(rotated)).toMatch(/^1~[0-9A-Za-z]{64}$/);
    expect(secretOf(rotated)).not.toBe(secretOf(token));
    expect(rotated.workflow_state).toBe('active');
    expectTokenError(await whoAmI(secretOf(token)), INVALID_TOKEN);
    expect(ok(await whoAmI(secretOf(rotated)), CurrentUser).id).toBe(sb.userId('admin'));
    // The old hint no longer names it; the new one does.
    if (hintOf(token) !== hintOf(rotated)) {
      expect((await call('GET', `/api/v1/users/self/tokens/${hintOf(token)}`)).status).toBe(404);
    }
    expect(ok(await call('GET', `/api/v1/users/self/tokens/${hintOf(rotated)}`), Token).id).toBe(token.id);
    const notRegenerated = ok(
      await call('PUT', `/api/v1/users/self/tokens/${token.id}`, {
        body: { token: { regenerate: 'false' } },
      }),
      Token,
    );
    expect(notRegenerated.visible_token).toBe(`${hintOf(rotated)}...`);
  });

  test('an expired token can only be regenerated with a new expiry', async () => {
    const token = await createToken('self', { purpose: 'Lapsed', expires_at: '2021-01-01T00:00:00Z' });
    const refused = await call('PUT', `/api/v1/users/self/tokens/${token.id}`, {
      body: { token: { regenerate: true } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      errors: { message: 'cannot regenerate an expired token without a new expiration date' },
    });
    const newExpiry = daysFromNow(30).replace(/\.\d{3}Z$/, 'Z');
    const renewed = remember(
      ok(
        await call('PUT', `/api/v1/users/self/tokens/${token.id}`, {
          body: { token: { regenerate: true, expires_at: newExpiry } },
        }),
        Token,
      ),
    );
    expect(renewed).toMatchObject({ expires_at: newExpiry, can_manually_regenerate: true });
    ok(await whoAmI(secretOf(renewed)), CurrentUser);
  });

  test("an admin's regeneration of someone else's token sends it back to pending", async () => {
    const token = await createToken('self', { purpose: 'Teacher owned' }, 'teacher');
    const path = `/api/v1/users/${sb.userId('teacher')}/tokens/${token.id}`;
    const rotated = remember(ok(await call('PUT', path, { body: { token: { regenerate: true } } }), Token));
    expect(rotated.workflow_state).toBe('pending');
    expectTokenError(await whoAmI(secretOf(rotated)), INVALID_TOKEN);
    const renamed = ok(await call('PUT', path, { body: { token: { purpose: 'Renamed by admin' } } }), Token);
    expect(renamed).toMatchObject({ purpose: 'Renamed by admin', workflow_state: 'pending' });
  });

  test('non-owners without the right are told the token does not exist; owners without it get 403', async () => {
    const token = await createToken('self', { purpose: 'Guarded' }, 'teacher');
    const path = `/api/v1/users/${sb.userId('teacher')}/tokens/${token.id}`;
    for (const as of ['student', 'subadmin'] as const) {
      const reply = await call('PUT', path, { as, body: { token: { purpose: 'Hijacked' } } });
      expect({ as, status: reply.status, body: reply.body }).toEqual({ as, status: 404, body: NOT_FOUND });
    }
    try {
      rootSettings({ limit_personal_access_tokens: true });
      const reply = await call('PUT', path, { as: 'teacher', body: { token: { purpose: 'Mine' } } });
      expect(reply.status).toBe(403);
      expect(reply.body).toEqual(FORBIDDEN);
    } finally {
      rootSettings({});
    }
  });
});

describe('DELETE /users/:user_id/tokens/:id', () => {
  test('soft-deletes by id or hint; the token is then revoked and unreachable', async () => {
    for (const byHint of [false, true]) {
      const token = await createToken('self', { purpose: `Delete me ${byHint}` });
      const reference = byHint ? hintOf(token) : String(token.id);
      const deleted = ok(await call('DELETE', `/api/v1/users/self/tokens/${reference}`), Token);
      expect(deleted).toMatchObject({
        id: token.id,
        workflow_state: 'deleted',
        visible_token: `${hintOf(token)}...`,
      });
      expectTokenError(await whoAmI(secretOf(token)), REVOKED_TOKEN);
      const again = await call('DELETE', `/api/v1/users/self/tokens/${reference}`);
      expect(again.status).toBe(404);
      expect((await call('GET', `/api/v1/users/self/tokens/${token.id}`)).status).toBe(404);
    }
  });

  test('owners and admins with the right may delete; others get 404', async () => {
    const token = await createToken('self', { purpose: 'Keep away' }, 'teacher');
    const path = `/api/v1/users/${sb.userId('teacher')}/tokens/${token.id}`;
    for (const as of ['student', 'subadmin'] as const) {
      expect((await call('DELETE', path, { as })).body).toEqual(NOT_FOUND);
    }
    const viewer = customRootAdmin({ view_user_generated_access_tokens: true });
    expect((await call('DELETE', path, { as: { token: viewer.token } })).status).toBe(404);
    const deleter = customRootAdmin({ delete_access_tokens: true });
    expect(ok(await call('DELETE', path, { as: { token: deleter.token } }), Token).workflow_state).toBe(
      'deleted',
    );
    expectTokenError(await whoAmI(secretOf(token)), REVOKED_TOKEN);
  });

  test('an expired token reports its expiry before its revocation', async () => {
    const token = await createToken('self', { purpose: 'Both', expires_at: '2022-03-04T05:06:07Z' });
    ok(await call('DELETE', `/api/v1/users/self/tokens/${token.id}`), Token);
    expectTokenError(await whoAmI(secretOf(token)), {
      errors: [{ message: 'Expired access token.', expired_at: '2022-03-04T05:06:07Z' }],
    });
  });
});

describe('scopes', () => {
  test('a token scoped to one GET endpoint can call it and nothing else', async () => {
    const token = await createToken('self', {
      purpose: 'Course list only',
      scopes: ['url:GET|/api/v1/accounts/:account_id/courses'],
    });
    const scoped = { token: secretOf(token) };
    const allowed = await call('GET', '/api/v1/accounts/1/courses?per_page=1', { as: scoped });
    expect(allowed.status).toBe(200);
    const head = await fetch(`${sb.baseUrl}/api/v1/accounts/1/courses`, {
      method: 'HEAD',
      headers: { Authorization: `Bearer ${scoped.token}` },
    });
    expect(head.status).toBe(200);
    for (const [method, path] of [
      ['GET', '/api/v1/accounts/1'],
      ['GET', '/api/v1/users/self'],
      ['GET', '/api/v1/users/self/user_generated_tokens'],
      ['POST', '/api/v1/accounts/1/courses'],
      ['GET', '/api/v1/accounts/1/courses/'],
    ] as const) {
      const reply = await call(method, path, {
        as: scoped,
        body: method === 'POST' ? { course: { name: 'x' } } : undefined,
      });
      expect({ method, path, status: reply.status, body: reply.body }).toEqual({
        method,
        path,
        status: 401,
        body: INSUFFICIENT_SCOPES,
      });
      expect(reply.headers.get('www-authenticate')).toBeNull();
    }
    // Paths no route serves are simply not found.
    expect((await call('GET', '/api/v1/nowhere', { as: scoped })).status).toBe(404);
    // Clearing the scopes lifts the limit.
    ok(
      await call('PUT', `/api/v1/users/self/tokens/${token.id}`, { body: { token: { scopes: [] } } }),
      Token,
    );
    ok(await call('GET', '/api/v1/users/self', { as: scoped }), CurrentUser);
  });

  test('route patterns follow Canvas: segments, globs, optional groups and a format suffix', () => {
    const courses = routePathPattern('/api/v1/accounts/:account_id/courses');
    expect(courses.test('/api/v1/accounts/1/courses')).toBe(true);
    expect(courses.test('/api/v1/accounts/sis_account_id:X/courses.json')).toBe(true);
    expect(courses.test('/api/v1/accounts/1/2/courses')).toBe(false);
    expect(routePathPattern('/files/*path').test('/files/a/b/c')).toBe(true);
    const optional = routePathPattern('/api/v1/files(/:id)');
    expect(optional.test('/api/v1/files')).toBe(true);
    expect(optional.test('/api/v1/files/4')).toBe(true);
    expect(scopesAllow(['url:GET|/api/v1/accounts'], 'HEAD', '/api/v1/accounts')).toBe(true);
    expect(scopesAllow(['url:GET|/api/v1/accounts'], 'POST', '/api/v1/accounts')).toBe(false);
    expect(scopesAllow(['url:GET|/api/v1/accounts'], 'POST', '/login/oauth2/token')).toBe(true);
    expect(scopesAllow([], 'DELETE', '/anything')).toBe(true);
  });
});

describe('tokens at rest', () => {
  test('the database never holds a full token, only hashes and hints', async () => {
    expect(issuedSecrets.length).toBeGreaterThan(10);
    const tables = sb.db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      .all() as { name: string }[];
    let dump = '';
    for (const { name } of tables) dump += JSON.stringify(sb.db.prepare(`SELECT * FROM "${name}"`).all());
    for (const secret of issuedSecrets) {
      expect(dump).not.toContain(secret);
      // Not even the random part without its shard prefix.
      expect(dump).not.toContain(secret.slice(2));
    }
    const stored = sb.db.prepare('SELECT token_hash, token_hint FROM access_tokens').all() as {
      token_hash: string;
      token_hint: string;
    }[];
    for (const row of stored) {
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.token_hint.length).toBeLessThanOrEqual(5);
    }
  });
});
