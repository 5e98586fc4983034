import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as z from 'zod';
import { type CanvasParams, encodeParams } from '../../src/api/params.ts';
import { Account } from '../../src/api/schemas/account.ts';
import { Admin } from '../../src/api/schemas/admin.ts';
import { Course, CourseDeleteResult } from '../../src/api/schemas/course.ts';
import { EnrollmentTerm, EnrollmentTermsList } from '../../src/api/schemas/enrollmentTerm.ts';
import { Role } from '../../src/api/schemas/role.ts';
import { CurrentUser, RemovedUser, User } from '../../src/api/schemas/user.ts';
import type { Db } from '../../src/server/sandbox/db/connection.ts';
import type { DemoUserKey } from '../../src/server/sandbox/demoUsers.ts';
import { hashToken, tokenHint } from '../../src/server/sandbox/tokens.ts';
import { type RunningSandbox, startSandbox } from '../helpers/sandboxServer.ts';

// ---------------------------------------------------------------------------------------------
// Helpers: requests as any caller, in any of the three Rails encodings

/** A demo user, a token minted by the test for a custom admin, or nobody. */
type Caller = DemoUserKey | { token: string } | null;
type Encoding = 'json' | 'form' | 'multipart';

interface Reply {
  status: number;
  body: unknown;
  headers: Headers;
}

interface CallOptions {
  as?: Caller;
  params?: CanvasParams;
  encoding?: Encoding;
  /** A body sent exactly as given, for shapes `encodeParams` would not produce. */
  raw?: { body: string; contentType: string };
}

const DEMO_TOKENS: Record<DemoUserKey, string> = {
  admin: 'demo-admin-token',
  subadmin: 'demo-subadmin-token',
  teacher: 'demo-teacher-token',
  student: 'demo-student-token',
};

function encodeBody(params: CanvasParams, encoding: Encoding): { body: BodyInit; contentType?: string } {
  if (encoding === 'json') return { body: JSON.stringify(params), contentType: 'application/json' };
  const query = encodeParams(params);
  if (encoding === 'form') return { body: query, contentType: 'application/x-www-form-urlencoded' };
  const form = new FormData();
  for (const [key, value] of new URLSearchParams(query)) form.append(key, value);
  // fetch writes the multipart boundary into the content type itself.
  return { body: form };
}

async function call(
  sb: RunningSandbox,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Reply> {
  const { as = 'admin', params, encoding = 'json', raw } = options;
  const headers = new Headers();
  if (as !== null)
    headers.set('Authorization', `Bearer ${typeof as === 'string' ? DEMO_TOKENS[as] : as.token}`);
  let url = `${sb.baseUrl}${path}`;
  let body: BodyInit | undefined;
  if (raw) {
    body = raw.body;
    headers.set('Content-Type', raw.contentType);
  } else if (params && (method === 'GET' || method === 'DELETE')) {
    url += `${path.includes('?') ? '&' : '?'}${encodeParams(params)}`;
  } else if (params) {
    const encoded = encodeBody(params, encoding);
    body = encoded.body;
    if (encoded.contentType) headers.set('Content-Type', encoded.contentType);
  }
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

const get = (sb: RunningSandbox, path: string, options: CallOptions = {}) => call(sb, 'GET', path, options);

/** A success, parsed with the client's schema: the contract both sides share. */
function ok<S extends z.ZodType>(reply: Reply, schema: S): z.output<S> {
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return schema.parse(reply.body);
}

function linkRels(reply: Reply): string[] {
  return [...(reply.headers.get('link') ?? '').matchAll(/rel="(\w+)"/g)].map((match) => match[1] ?? '');
}

function nextLink(reply: Reply, sb: RunningSandbox): string | undefined {
  const match = /<([^>]+)>; rel="next"/.exec(reply.headers.get('link') ?? '');
  return match?.[1]?.slice(sb.baseUrl.length);
}

const FORBIDDEN = {
  status: 'unauthorized',
  errors: [{ message: 'user not authorized to perform that action' }],
};
const UNAUTHENTICATED = { status: 'unauthenticated', errors: [{ message: 'user authorization required' }] };
const NOT_FOUND = { errors: [{ message: 'The specified resource does not exist.' }] };

/** Canvas's attribute-keyed validation body for one attribute. */
function attributeErrors(attribute: string, ...entries: (string | { type: string; message: string })[]) {
  return {
    [attribute]: entries.map((entry) =>
      typeof entry === 'string' ? { attribute, type: entry, message: entry } : { attribute, ...entry },
    ),
  };
}

/** Expects the standard refusals: 401 with a challenge for nobody, 403 for each signed-in caller given. */
async function expectRefused(
  sb: RunningSandbox,
  method: string,
  path: string,
  callers: DemoUserKey[],
  params?: CanvasParams,
): Promise<void> {
  const anonymous = await call(sb, method, path, { as: null, params });
  expect(anonymous.status).toBe(401);
  expect(anonymous.body).toEqual(UNAUTHENTICATED);
  expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="canvas-lms"');
  for (const caller of callers) {
    const reply = await call(sb, method, path, { as: caller, params });
    expect({ caller, status: reply.status, body: reply.body }).toEqual({
      caller,
      status: 403,
      body: FORBIDDEN,
    });
  }
}

let customAdminSequence = 0;

/**
 * A new user holding a custom account role with exactly `permissions` on `accountId`, and a token for
 * them: the demo users are either all-powerful or powerless, which cannot show per-right behaviour.
 */
function customAdmin(
  db: Db,
  accountId: number,
  permissions: Record<string, boolean>,
): { token: string; userId: number } {
  customAdminSequence += 1;
  const stamp = '2025-01-06T12:00:00Z';
  const role = db
    .prepare(
      `INSERT INTO roles (name, label, base_role_type, workflow_state, account_id, root_account_id, permissions, created_at, updated_at)
       VALUES (?, ?, 'AccountMembership', 'active', ?, 1, ?, ?, ?)`,
    )
    .run(
      `Test Role ${customAdminSequence}`,
      `Test Role ${customAdminSequence}`,
      accountId,
      JSON.stringify(permissions),
      stamp,
      stamp,
    );
  const user = db
    .prepare(
      `INSERT INTO users (name, sortable_name, short_name, uuid, workflow_state, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'registered', ?, ?)`,
    )
    .run(
      `Custom Admin${customAdminSequence}`,
      `Admin${customAdminSequence}, Custom`,
      `Custom Admin${customAdminSequence}`,
      `custom-admin-uuid-${customAdminSequence}`.padEnd(40, 'x'),
      stamp,
      stamp,
    );
  const userId = Number(user.lastInsertRowid);
  db.prepare(
    `INSERT INTO pseudonyms (user_id, account_id, unique_id, workflow_state, created_at) VALUES (?, 1, ?, 'active', ?)`,
  ).run(userId, `custom.admin${customAdminSequence}@example.edu`, stamp);
  db.prepare(
    `INSERT INTO account_users (account_id, user_id, role_id, workflow_state, created_at) VALUES (?, ?, ?, 'active', ?)`,
  ).run(accountId, userId, Number(role.lastInsertRowid), stamp);
  const token = `custom-admin-token-${customAdminSequence}`;
  db.prepare(
    `INSERT INTO access_tokens (user_id, token_hash, token_hint, purpose, scopes, workflow_state, created_at, updated_at)
     VALUES (?, ?, ?, 'test', '[]', 'active', ?, ?)`,
  ).run(userId, hashToken(db, token), tokenHint(token), stamp, stamp);
  return { token, userId };
}

interface AccountRecord {
  id: number;
  name: string;
  uuid: string;
  path: string;
  depth: number;
  parent_account_id: number | null;
  workflow_state: string;
  sis_account_id: string | null;
  lti_guid: string;
  default_time_zone: string | null;
  default_storage_quota_mb: number;
  settings: string;
  created_at: string;
  updated_at: string;
}

function accountRecord(db: Db, id: number): AccountRecord {
  return db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRecord;
}

/** Creates an account directly in the database, as a fixture for delete and move tests. */
function insertAccount(db: Db, parentId: number, name: string): number {
  const parent = accountRecord(db, parentId);
  const stamp = '2025-01-06T12:00:00Z';
  const uuid = `fixture-${name}`.replace(/\W/g, '').padEnd(40, 'x').slice(0, 40);
  const inserted = db
    .prepare(
      `INSERT INTO accounts (name, uuid, parent_account_id, root_account_id, path, depth, lti_guid, created_at, updated_at)
       VALUES (?, ?, ?, 1, '', ?, ?, ?, ?)`,
    )
    .run(name, uuid, parentId, parent.depth + 1, `${uuid}:canvas-lms`, stamp, stamp);
  const id = Number(inserted.lastInsertRowid);
  db.prepare('UPDATE accounts SET path = ? WHERE id = ?').run(`${parent.path}${id}/`, id);
  return id;
}

function scalar<T>(db: Db, sql: string, ...params: unknown[]): T {
  return Object.values(db.prepare(sql).get(...params) as Record<string, unknown>)[0] as T;
}

// The demo tree: root 1; the sub-admin's college 3 with its department 13; a sibling college 4.
const ROOT = 1;
const COLLEGE = 3;
const DEPARTMENT = 13;
const OTHER_COLLEGE = 4;

// ---------------------------------------------------------------------------------------------
// Writes: sub-accounts, account update, courses

describe('account and course writes', () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(async () => {
    await sb.close();
  });

  describe('POST /accounts/:account_id/sub_accounts', () => {
    test.each(['json', 'form', 'multipart'] as const)(
      'creates a sub-account from a %s body',
      async (encoding) => {
        const name = `Created by ${encoding}`;
        const account = ok(
          await call(sb, 'POST', `/api/v1/accounts/${ROOT}/sub_accounts`, {
            params: {
              account: {
                name,
                default_time_zone: 'Europe/London',
                settings: { lock_all_announcements: true },
              },
            },
            encoding,
          }),
          Account,
        );
        expect(account).toMatchObject({
          name,
          parent_account_id: ROOT,
          root_account_id: ROOT,
          workflow_state: 'active',
          // Time zone and settings are not accepted here: the new account inherits the root's zone.
          default_time_zone: 'America/Denver',
          default_storage_quota_mb: 500,
        });
        expect(account.uuid).toMatch(/^[A-Za-z0-9]{40}$/);
        const row = accountRecord(sb.db, account.id);
        expect(row).toMatchObject({
          path: `/1/${account.id}/`,
          depth: 1,
          lti_guid: `${account.uuid}:canvas-lms`,
        });
        expect(row.default_time_zone).toBeNull();
        expect(row.settings).toBe('{}');
        expect(row.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
        expect(row.updated_at).toBe(row.created_at);
      },
    );

    test('gives every new account its own random uuid', async () => {
      const first = ok(
        await call(sb, 'POST', '/api/v1/accounts/1/sub_accounts', {
          params: { account: { name: 'Twin A' } },
        }),
        Account,
      );
      const second = ok(
        await call(sb, 'POST', '/api/v1/accounts/1/sub_accounts', {
          params: { account: { name: 'Twin B' } },
        }),
        Account,
      );
      expect(first.uuid).not.toBe(second.uuid);
    });

    test('creates under account[parent_account_id] when it is a descendant, with the full materialized path', async () => {
      const account = ok(
        await call(sb, 'POST', `/api/v1/accounts/${COLLEGE}/sub_accounts`, {
          as: 'subadmin',
          params: { account: { name: 'Robotics Lab', parent_account_id: DEPARTMENT } },
        }),
        Account,
      );
      expect(account.parent_account_id).toBe(DEPARTMENT);
      expect(accountRecord(sb.db, account.id)).toMatchObject({
        path: `/1/${COLLEGE}/${DEPARTMENT}/${account.id}/`,
        depth: 3,
      });
    });

    test('reads parent_account_id with to_i, so SIS ids and non-descendants are 404s', async () => {
      for (const parent of ['sis_account_id:COL-ENG', String(OTHER_COLLEGE), `${DEPARTMENT}abc`]) {
        const reply = await call(sb, 'POST', `/api/v1/accounts/${COLLEGE}/sub_accounts`, {
          as: 'subadmin',
          params: { account: { name: 'Nowhere', parent_account_id: parent } },
        });
        if (parent === `${DEPARTMENT}abc`) {
          // "13abc".to_i is 13, a descendant.
          expect(ok(reply, Account).parent_account_id).toBe(DEPARTMENT);
        } else {
          expect({ parent, status: reply.status, body: reply.body }).toEqual({
            parent,
            status: 404,
            body: NOT_FOUND,
          });
        }
      }
    });

    test('takes quotas without manage_storage_quotas, and inherits the parent quota for zero', async () => {
      const settingsOnly = customAdmin(sb.db, COLLEGE, { manage_account_settings: true });
      const account = ok(
        await call(sb, 'POST', `/api/v1/accounts/${COLLEGE}/sub_accounts`, {
          as: settingsOnly,
          params: {
            account: { name: 'Quota Lab', default_storage_quota_mb: 750, default_user_storage_quota_mb: 0 },
          },
        }),
        Account,
      );
      expect(account.default_storage_quota_mb).toBe(750);
      expect(account.default_user_storage_quota_mb).toBe(
        scalar(sb.db, 'SELECT default_user_storage_quota_mb FROM accounts WHERE id = ?', COLLEGE),
      );
    });

    test('answers Canvas literal errors for a missing account, a blank name and SIS ids without manage_sis', async () => {
      const missing = await call(sb, 'POST', '/api/v1/accounts/1/sub_accounts', { params: { other: 'x' } });
      expect(missing).toMatchObject({ status: 400, body: { errors: [{ message: 'account is missing' }] } });
      const empty = await call(sb, 'POST', '/api/v1/accounts/1/sub_accounts', {
        raw: { body: 'account=', contentType: 'application/x-www-form-urlencoded' },
      });
      expect(empty).toMatchObject({ status: 400, body: { errors: [{ message: 'account is missing' }] } });
      for (const name of ['', '   ']) {
        const blank = await call(sb, 'POST', '/api/v1/accounts/1/sub_accounts', {
          params: { account: { name, sis_account_id: 'X' } },
        });
        expect(blank).toMatchObject({ status: 400, body: { message: 'Account name is required' } });
      }
      const noSis = customAdmin(sb.db, COLLEGE, { manage_account_settings: true });
      const sis = await call(sb, 'POST', `/api/v1/accounts/${COLLEGE}/sub_accounts`, {
        as: noSis,
        params: { account: { name: 'With SIS', sis_account_id: 'NEW-SIS' } },
      });
      expect(sis.status).toBe(401);
      expect(sis.body).toEqual({
        message: 'user not authorized to manage SIS data - account[sis_account_id]',
      });
    });

    test('rejects a duplicate SIS id and an overlong name with the attribute-keyed 400', async () => {
      const duplicate = await call(sb, 'POST', '/api/v1/accounts/1/sub_accounts', {
        params: { account: { name: 'Copycat', sis_account_id: 'COL-ENG' } },
      });
      expect(duplicate.status).toBe(400);
      expect(duplicate.body).toEqual({
        errors: attributeErrors('sis_source_id', 'SIS ID "COL-ENG" is already in use'),
      });
      const long = await call(sb, 'POST', '/api/v1/accounts/1/sub_accounts', {
        params: { account: { name: 'x'.repeat(256) } },
      });
      expect(long).toMatchObject({ status: 400, body: { errors: attributeErrors('name', 'too_long') } });
      const created = ok(
        await call(sb, 'POST', '/api/v1/accounts/1/sub_accounts', {
          params: { account: { name: 'Unique SIS', sis_account_id: 'UNIQUE-1' } },
        }),
        Account,
      );
      expect(created.sis_account_id).toBe('UNIQUE-1');
    });

    test('checks permission on the path account before anything else, then on the parent', async () => {
      await expectRefused(sb, 'POST', '/api/v1/accounts/1/sub_accounts', ['subadmin', 'teacher', 'student'], {
        account: { name: '' },
      });
      await expectRefused(sb, 'POST', `/api/v1/accounts/${OTHER_COLLEGE}/sub_accounts`, ['subadmin'], {
        account: { name: 'Elsewhere' },
      });
      // A department-level admin may not pick a parent outside their department.
      const departmentAdmin = customAdmin(sb.db, DEPARTMENT, { manage_account_settings: true });
      const reply = await call(sb, 'POST', `/api/v1/accounts/${DEPARTMENT}/sub_accounts`, {
        as: departmentAdmin,
        params: { account: { name: 'Up', parent_account_id: COLLEGE } },
      });
      expect(reply).toMatchObject({ status: 404, body: NOT_FOUND });
      const unknown = await call(sb, 'POST', '/api/v1/accounts/99999/sub_accounts', {
        params: { account: { name: 'Ghost' } },
      });
      expect(unknown).toMatchObject({ status: 404, body: NOT_FOUND });
    });
  });

  describe('DELETE /accounts/:account_id/sub_accounts/:id', () => {
    test('soft-deletes an empty sub-account and answers with the deleted account', async () => {
      const id = insertAccount(sb.db, COLLEGE, 'Short-lived Center');
      const admin = customAdmin(sb.db, id, { manage_account_settings: true });
      const deleted = ok(
        await call(sb, 'DELETE', `/api/v1/accounts/${COLLEGE}/sub_accounts/${id}`, { as: 'subadmin' }),
        Account,
      );
      expect(deleted).toMatchObject({ id, workflow_state: 'deleted', parent_account_id: COLLEGE });
      expect(accountRecord(sb.db, id).workflow_state).toBe('deleted');
      // Its admin memberships go with it, and the path lookups no longer find it.
      expect(scalar(sb.db, 'SELECT workflow_state FROM account_users WHERE user_id = ?', admin.userId)).toBe(
        'deleted',
      );
      expect(await call(sb, 'DELETE', `/api/v1/accounts/${id}/sub_accounts/${id}`)).toMatchObject({
        status: 404,
      });
      // The descendant lookup includes deleted accounts, so repeating the delete answers the same.
      const again = ok(await call(sb, 'DELETE', `/api/v1/accounts/${COLLEGE}/sub_accounts/${id}`), Account);
      expect(again.workflow_state).toBe('deleted');
    });

    test('deletes the path account itself when :id names it', async () => {
      const id = insertAccount(sb.db, COLLEGE, 'Self Deleting');
      const deleted = ok(await call(sb, 'DELETE', `/api/v1/accounts/${id}/sub_accounts/${id}`), Account);
      expect(deleted.workflow_state).toBe('deleted');
    });

    test('refuses accounts with courses (first), then with sub-accounts, with 409', async () => {
      const withCourses = await call(sb, 'DELETE', `/api/v1/accounts/${ROOT}/sub_accounts/${COLLEGE}`);
      expect(withCourses.status).toBe(409);
      expect(withCourses.body).toEqual({ message: "You can't delete a sub-account that has courses in it." });
      const parent = insertAccount(sb.db, COLLEGE, 'Parent Center');
      const child = insertAccount(sb.db, parent, 'Child Center');
      const withChildren = await call(sb, 'DELETE', `/api/v1/accounts/${COLLEGE}/sub_accounts/${parent}`);
      expect(withChildren.status).toBe(409);
      expect(withChildren.body).toEqual({
        message: "You can't delete a sub-account that has sub-accounts in it.",
      });
      ok(await call(sb, 'DELETE', `/api/v1/accounts/${COLLEGE}/sub_accounts/${child}`), Account);
      ok(await call(sb, 'DELETE', `/api/v1/accounts/${COLLEGE}/sub_accounts/${parent}`), Account);
    });

    test('lets deleted courses through but not concluded ones', async () => {
      const id = insertAccount(sb.db, COLLEGE, 'Course Holder');
      const course = ok(
        await call(sb, 'POST', `/api/v1/accounts/${id}/courses`, {
          params: { course: { name: 'Short Course' } },
        }),
        Course,
      );
      ok(
        await call(sb, 'DELETE', `/api/v1/courses/${course.id}`, { params: { event: 'conclude' } }),
        CourseDeleteResult,
      );
      const blocked = await call(sb, 'DELETE', `/api/v1/accounts/${COLLEGE}/sub_accounts/${id}`);
      expect(blocked.status).toBe(409);
      ok(
        await call(sb, 'DELETE', `/api/v1/courses/${course.id}`, { params: { event: 'delete' } }),
        CourseDeleteResult,
      );
      ok(await call(sb, 'DELETE', `/api/v1/accounts/${COLLEGE}/sub_accounts/${id}`), Account);
    });

    test('treats :id as a number and needs it below the path account', async () => {
      for (const id of ['abc', String(OTHER_COLLEGE), '0']) {
        const reply = await call(sb, 'DELETE', `/api/v1/accounts/${COLLEGE}/sub_accounts/${id}`, {
          as: 'subadmin',
        });
        expect({ id, status: reply.status }).toEqual({ id, status: 404 });
      }
    });

    test('needs manage_account_settings on the path account', async () => {
      const id = insertAccount(sb.db, OTHER_COLLEGE, 'Out of Reach');
      await expectRefused(sb, 'DELETE', `/api/v1/accounts/${OTHER_COLLEGE}/sub_accounts/${id}`, [
        'subadmin',
        'teacher',
        'student',
      ]);
      expect(accountRecord(sb.db, id).workflow_state).toBe('active');
    });
  });

  describe('PUT /accounts/:id', () => {
    test.each(['json', 'form', 'multipart'] as const)(
      'updates name and time zone from a %s body',
      async (encoding) => {
        const id = insertAccount(sb.db, COLLEGE, `Rename me ${encoding}`);
        const account = ok(
          await call(sb, 'PUT', `/api/v1/accounts/${id}`, {
            as: 'subadmin',
            params: {
              account: { name: `Renamed ${encoding}`, default_time_zone: 'Eastern Time (US & Canada)' },
            },
            encoding,
          }),
          Account,
        );
        expect(account).toMatchObject({
          name: `Renamed ${encoding}`,
          default_time_zone: 'America/New_York',
          default_time_zone_friendly_name: 'Eastern Time (US & Canada)',
        });
        expect(accountRecord(sb.db, id)).toMatchObject({
          name: `Renamed ${encoding}`,
          default_time_zone: 'America/New_York',
        });
      },
    );

    test('accepts IANA zones as they are spelled and names unknown ones in the error', async () => {
      const id = insertAccount(sb.db, COLLEGE, 'Zone Test');
      const tokyo = ok(
        await call(sb, 'PUT', `/api/v1/accounts/${id}`, {
          params: { account: { default_time_zone: 'Asia/Tokyo' } },
        }),
        Account,
      );
      expect(tokyo).toMatchObject({
        default_time_zone: 'Asia/Tokyo',
        default_time_zone_friendly_name: 'Osaka',
      });
      for (const zone of ['Mars/Olympus_Mons', 'asia/tokyo', 'Mountain Time', '']) {
        const reply = await call(sb, 'PUT', `/api/v1/accounts/${id}`, {
          params: { account: { default_time_zone: zone } },
        });
        expect(reply.status).toBe(400);
        expect(reply.body).toEqual({
          errors: attributeErrors('default_time_zone', `'${zone}' is not a recognized time zone`),
        });
      }
    });

    test('rejects a blank name, bad quotas, and saves nothing when any field fails', async () => {
      const id = insertAccount(sb.db, COLLEGE, 'Validation Target');
      const before = accountRecord(sb.db, id);
      const reply = await call(sb, 'PUT', `/api/v1/accounts/${id}`, {
        params: {
          account: {
            name: '',
            default_storage_quota_mb: 'lots',
            default_user_storage_quota_mb: -5,
            default_group_storage_quota_mb: 2 ** 43,
          },
        },
      });
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({
        errors: {
          ...attributeErrors('name', 'The account name cannot be blank'),
          ...attributeErrors('default_storage_quota_mb', 'An integer value is required'),
          ...attributeErrors('default_user_storage_quota_mb', 'Value must be positive'),
          ...attributeErrors('default_group_storage_quota_mb', 'Value too large'),
        },
      });
      // A valid name next to an invalid zone is not saved either: the update is all or nothing.
      const mixed = await call(sb, 'PUT', `/api/v1/accounts/${id}`, {
        params: {
          account: { name: 'Half Saved', default_time_zone: 'Nowhere/Land', default_storage_quota_mb: 900 },
        },
      });
      expect(mixed.status).toBe(400);
      expect(accountRecord(sb.db, id)).toEqual(before);
    });

    test('saves quotas, and zero inherits the parent quota', async () => {
      const id = insertAccount(sb.db, COLLEGE, 'Quota Target');
      const account = ok(
        await call(sb, 'PUT', `/api/v1/accounts/${id}`, {
          params: { account: { default_storage_quota_mb: ' 2048 ', default_group_storage_quota_mb: '0' } },
        }),
        Account,
      );
      expect(account.default_storage_quota_mb).toBe(2048);
      expect(account.default_group_storage_quota_mb).toBe(
        scalar(sb.db, 'SELECT default_group_storage_quota_mb FROM accounts WHERE id = ?', COLLEGE),
      );
    });

    test('keeps only the whitelisted settings', async () => {
      const id = insertAccount(sb.db, COLLEGE, 'Settings Target');
      ok(
        await call(sb, 'PUT', `/api/v1/accounts/${id}`, {
          params: {
            account: {
              settings: {
                restrict_student_past_view: { value: 'true', locked: 'true' },
                lock_all_announcements: { value: '1' },
                sis_assignment_name_length_input: { value: '99999' },
                enable_course_paces: 'yes',
                suppress_notifications: 'true',
                self_registration: true,
                bogus_setting: 'dropped',
              },
            },
          },
          encoding: 'form',
        }),
        Account,
      );
      expect(JSON.parse(accountRecord(sb.db, id).settings)).toEqual({
        restrict_student_past_view: { value: true, locked: true },
        lock_all_announcements: { value: true, locked: false },
        sis_assignment_name_length_input: { value: '255' },
        enable_course_paces: true,
        suppress_notifications: true,
      });
    });

    test('sets and clears sis_account_id for root admins only', async () => {
      const id = insertAccount(sb.db, COLLEGE, 'SIS Target');
      const set = ok(
        await call(sb, 'PUT', `/api/v1/accounts/${id}`, { params: { account: { sis_account_id: 'SIS-T' } } }),
        Account,
      );
      expect(set.sis_account_id).toBe('SIS-T');
      const cleared = ok(
        await call(sb, 'PUT', `/api/v1/accounts/${id}`, { params: { account: { sis_account_id: '' } } }),
        Account,
      );
      expect(cleared.sis_account_id).toBeNull();
      const duplicate = await call(sb, 'PUT', `/api/v1/accounts/${id}`, {
        params: { account: { sis_account_id: 'COL-SCI' } },
      });
      expect(duplicate).toMatchObject({
        status: 400,
        body: { errors: attributeErrors('sis_source_id', 'SIS ID "COL-SCI" is already in use') },
      });
      const root = await call(sb, 'PUT', '/api/v1/accounts/1', {
        params: { account: { sis_account_id: 'ROOT' } },
      });
      expect(root.status).toBe(401);
      expect(root.body).toEqual({
        errors: attributeErrors('unauthorized', 'Cannot set sis_account_id on a root_account.'),
      });
    });

    test('collects every permission failure into one 401 and saves nothing', async () => {
      const id = insertAccount(sb.db, COLLEGE, 'Permission Target');
      const before = accountRecord(sb.db, id);
      // The college admin has no rights on the root account, where manage_sis is decided.
      const reply = await call(sb, 'PUT', `/api/v1/accounts/${id}`, {
        as: 'subadmin',
        params: { account: { name: 'Should Not Stick', sis_account_id: 'NOPE' } },
      });
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({
        errors: attributeErrors(
          'unauthorized',
          'To change sis_account_id the user must have manage_sis permission.',
        ),
      });
      expect(accountRecord(sb.db, id)).toEqual(before);

      const quotasOnly = customAdmin(sb.db, id, { manage_storage_quotas: true });
      const settings = await call(sb, 'PUT', `/api/v1/accounts/${id}`, {
        as: quotasOnly,
        params: {
          account: { name: 'Nope', settings: { lock_all_announcements: true }, default_storage_quota_mb: 10 },
        },
      });
      expect(settings.status).toBe(401);
      expect(settings.body).toEqual({
        errors: {
          ...attributeErrors('name', 'You are not allowed to manage account settings'),
          ...attributeErrors('settings', 'You are not allowed to manage account settings'),
        },
      });
      expect(accountRecord(sb.db, id)).toEqual(before);
      const quota = ok(
        await call(sb, 'PUT', `/api/v1/accounts/${id}`, {
          as: quotasOnly,
          params: { account: { default_storage_quota_mb: 10 } },
        }),
        Account,
      );
      expect(quota.default_storage_quota_mb).toBe(10);

      const settingsOnly = customAdmin(sb.db, id, { manage_account_settings: true });
      const quotas = await call(sb, 'PUT', `/api/v1/accounts/${id}`, {
        as: settingsOnly,
        params: { account: { default_user_storage_quota_mb: 1, default_group_storage_quota_mb: 1 } },
      });
      expect(quotas.status).toBe(401);
      expect(quotas.body).toEqual({
        errors: {
          ...attributeErrors('default_user_storage_quota_mb', 'You are not allowed to manage quota settings'),
          ...attributeErrors(
            'default_group_storage_quota_mb',
            'You are not allowed to manage quota settings',
          ),
        },
      });
    });

    test('needs manage_account_settings or manage_storage_quotas to get that far', async () => {
      await expectRefused(sb, 'PUT', '/api/v1/accounts/1', ['subadmin', 'teacher', 'student'], {
        account: { name: 'Hijacked' },
      });
      await expectRefused(sb, 'PUT', `/api/v1/accounts/${OTHER_COLLEGE}`, ['subadmin'], {
        account: { name: 'Hijacked' },
      });
      const reportsOnly = customAdmin(sb.db, COLLEGE, { read_reports: true });
      const reply = await call(sb, 'PUT', `/api/v1/accounts/${COLLEGE}`, {
        as: reportsOnly,
        params: { account: { name: 'x' } },
      });
      expect(reply).toMatchObject({ status: 403, body: FORBIDDEN });
    });

    test('moves an account with its whole subtree, rewriting paths and depths', async () => {
      const moved = insertAccount(sb.db, COLLEGE, 'Moving Institute');
      const child = insertAccount(sb.db, moved, 'Moving Child');
      const grandchild = insertAccount(sb.db, child, 'Moving Grandchild');
      const account = ok(
        await call(sb, 'PUT', `/api/v1/accounts/${moved}`, {
          params: { account: { parent_account_id: 'sis_account_id:COL-SCI' } },
        }),
        Account,
      );
      expect(account.parent_account_id).toBe(OTHER_COLLEGE);
      expect(accountRecord(sb.db, moved)).toMatchObject({
        path: `/1/4/${moved}/`,
        depth: 2,
        parent_account_id: 4,
      });
      expect(accountRecord(sb.db, child)).toMatchObject({ path: `/1/4/${moved}/${child}/`, depth: 3 });
      expect(accountRecord(sb.db, grandchild)).toMatchObject({
        path: `/1/4/${moved}/${child}/${grandchild}/`,
        depth: 4,
      });
      // The college admin lost the subtree with the move.
      const after = await call(sb, 'PUT', `/api/v1/accounts/${child}`, {
        as: 'subadmin',
        params: { account: { name: 'x' } },
      });
      expect(after.status).toBe(403);
    });

    test('refuses moves of roots, out of reach, unknown parents and loops', async () => {
      const root = await call(sb, 'PUT', '/api/v1/accounts/1', {
        params: { account: { parent_account_id: COLLEGE } },
      });
      expect(root).toMatchObject({
        status: 401,
        body: { errors: attributeErrors('unauthorized', 'You cannot move a root account.') },
      });
      const destination = await call(sb, 'PUT', `/api/v1/accounts/${DEPARTMENT}`, {
        as: 'subadmin',
        params: { account: { parent_account_id: OTHER_COLLEGE } },
      });
      expect(destination.status).toBe(401);
      expect(destination.body).toEqual({
        errors: attributeErrors(
          'unauthorized',
          'You are not authorized to manage the destination parent account.',
        ),
      });
      const source = await call(sb, 'PUT', `/api/v1/accounts/${COLLEGE}`, {
        as: 'subadmin',
        params: { account: { parent_account_id: DEPARTMENT } },
      });
      expect(source.status).toBe(401);
      expect(source.body).toEqual({
        errors: attributeErrors(
          'unauthorized',
          'You are not authorized to manage the source parent account.',
        ),
      });
      const unknown = await call(sb, 'PUT', `/api/v1/accounts/${DEPARTMENT}`, {
        params: { account: { parent_account_id: 424242 } },
      });
      expect(unknown).toMatchObject({ status: 404, body: NOT_FOUND });
      const loop = await call(sb, 'PUT', `/api/v1/accounts/${COLLEGE}`, {
        params: { account: { parent_account_id: DEPARTMENT } },
      });
      expect(loop.status).toBe(400);
      expect(loop.body).toEqual({
        errors: attributeErrors(
          'parent_account_id',
          `Setting account COL-ENG's parent to ${accountRecord(sb.db, DEPARTMENT).sis_account_id} would create a loop`,
        ),
      });
      expect(accountRecord(sb.db, COLLEGE).path).toBe('/1/3/');
    });

    test('updates services and answers with them, and honours includes[]', async () => {
      const id = insertAccount(sb.db, COLLEGE, 'Services Target');
      const account = ok(
        await call(sb, 'PUT', `/api/v1/accounts/${id}`, {
          params: {
            account: { services: { avatars: 'true', not_a_service: 'true' } },
            includes: ['lti_guid'],
          },
        }),
        Account,
      );
      expect(account.services).toMatchObject({ avatars: true });
      expect(account.services).not.toHaveProperty('not_a_service');
      expect(account.lti_guid).toBe(`${account.uuid}:canvas-lms`);
      // `include[]` is not this endpoint's spelling.
      const plain = ok(
        await call(sb, 'PUT', `/api/v1/accounts/${id}`, { params: { include: ['lti_guid'] } }),
        Account,
      );
      expect(plain).not.toHaveProperty('lti_guid');
    });

    test('sets, disables and clears the course template with the template rights', async () => {
      const id = insertAccount(sb.db, COLLEGE, 'Template Target');
      const template = scalar<number>(sb.db, `SELECT id FROM courses WHERE template = 1 LIMIT 1`);
      const set = ok(
        await call(sb, 'PUT', `/api/v1/accounts/${id}`, {
          params: { account: { course_template_id: template } },
        }),
        Account,
      );
      expect(set.course_template_id).toBe(template);
      const none = ok(
        await call(sb, 'PUT', `/api/v1/accounts/${id}`, { params: { account: { course_template_id: '0' } } }),
        Account,
      );
      expect(none.course_template_id).toBe(0);
      const inherit = ok(
        await call(sb, 'PUT', `/api/v1/accounts/${id}`, { params: { account: { course_template_id: '' } } }),
        Account,
      );
      expect(inherit.course_template_id).toBeNull();
      const regular = scalar<number>(sb.db, `SELECT id FROM courses WHERE template = 0 LIMIT 1`);
      const notTemplate = await call(sb, 'PUT', `/api/v1/accounts/${id}`, {
        params: { account: { course_template_id: regular } },
      });
      expect(notTemplate).toMatchObject({ status: 404, body: NOT_FOUND });
      // Canvas refuses without naming a field: a 401 with an empty errors hash.
      const settingsOnly = customAdmin(sb.db, id, { manage_account_settings: true });
      const refused = await call(sb, 'PUT', `/api/v1/accounts/${id}`, {
        as: settingsOnly,
        params: { account: { name: 'Renamed too', course_template_id: template } },
      });
      expect(refused).toMatchObject({ status: 401, body: { errors: {} } });
      expect(accountRecord(sb.db, id).name).toBe('Template Target');
    });

    test('rolls the whole update back when a write inside it fails', async () => {
      const moved = insertAccount(sb.db, COLLEGE, 'Atomic Institute');
      const child = insertAccount(sb.db, moved, 'Atomic Child');
      const before = [accountRecord(sb.db, moved), accountRecord(sb.db, child)];
      // The same connection serves the requests, so a temporary trigger can break the subtree rewrite midway.
      sb.db.exec(`CREATE TEMP TRIGGER break_move BEFORE UPDATE OF path ON accounts WHEN NEW.id = ${child}
                  BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`);
      try {
        const reply = await call(sb, 'PUT', `/api/v1/accounts/${moved}`, {
          params: {
            account: { name: 'Half Moved', parent_account_id: OTHER_COLLEGE, default_storage_quota_mb: 42 },
          },
        });
        expect(reply.status).toBe(500);
        expect(reply.body).toMatchObject({
          errors: [{ message: 'An error occurred.', error_code: 'internal_server_error' }],
        });
      } finally {
        sb.db.exec('DROP TRIGGER break_move');
      }
      expect([accountRecord(sb.db, moved), accountRecord(sb.db, child)]).toEqual(before);
    });
  });

  describe('POST /accounts/:account_id/courses', () => {
    test.each(['json', 'form', 'multipart'] as const)(
      'creates an unpublished course from a %s body',
      async (encoding) => {
        const course = ok(
          await call(sb, 'POST', `/api/v1/accounts/${COLLEGE}/courses`, {
            as: 'subadmin',
            params: { course: { name: `Intro to Widgets ${encoding}`, course_code: 'WID 101' } },
            encoding,
          }),
          Course,
        );
        expect(course).toMatchObject({
          name: `Intro to Widgets ${encoding}`,
          course_code: 'WID 101',
          account_id: COLLEGE,
          root_account_id: ROOT,
          workflow_state: 'unpublished',
          enrollment_term_id: scalar<number>(sb.db, 'SELECT id FROM enrollment_terms WHERE is_default = 1'),
          start_at: null,
          end_at: null,
        });
        expect(course.uuid).toMatch(/^[A-Za-z0-9]{40}$/);
      },
    );

    test('names a nameless course and derives its code', async () => {
      const course = ok(
        await call(sb, 'POST', '/api/v1/accounts/1/courses', { params: { offer: true } }),
        Course,
      );
      expect(course).toMatchObject({
        name: 'Unnamed Course',
        course_code: 'Unnamed',
        workflow_state: 'available',
      });
      const coded = ok(
        await call(sb, 'POST', '/api/v1/accounts/1/courses', {
          params: { course: { name: 'Physics 201 Honors' } },
        }),
        Course,
      );
      expect(coded.course_code).toBe('Physics 201');
    });

    test('drops start and end dates unless enrollments are restricted to them', async () => {
      const dates = {
        start_at: '2026-09-01',
        end_at: '2026-12-15T17:00:00Z',
        conclude_at: '2027-01-01T00:00:00Z',
      };
      const ignored = ok(
        await call(sb, 'POST', '/api/v1/accounts/1/courses', { params: { course: dates } }),
        Course,
      );
      expect(ignored).toMatchObject({
        start_at: null,
        end_at: null,
        restrict_enrollments_to_course_dates: false,
      });
      const kept = ok(
        await call(sb, 'POST', '/api/v1/accounts/1/courses', {
          params: { course: { ...dates, restrict_enrollments_to_course_dates: 'true' } },
        }),
        Course,
      );
      // A bare date is midnight in the caller's zone (the root's Denver, for the demo admin); end_at wins over conclude_at.
      expect(kept).toMatchObject({
        start_at: '2026-09-01T06:00:00Z',
        end_at: '2026-12-15T17:00:00Z',
        restrict_enrollments_to_course_dates: true,
      });
      const legacy = ok(
        await call(sb, 'POST', '/api/v1/accounts/1/courses', {
          params: {
            course: { conclude_at: '2027-01-01T00:00:00Z', restrict_enrollments_to_course_dates: true },
          },
        }),
        Course,
      );
      expect(legacy.end_at).toBe('2027-01-01T00:00:00Z');
    });

    test('places the course in a descendant account and a term of any id form', async () => {
      const course = ok(
        await call(sb, 'POST', `/api/v1/accounts/${COLLEGE}/courses`, {
          as: 'subadmin',
          params: { course: { name: 'Placed', account_id: DEPARTMENT, term_id: 'sis_term_id:FA26' } },
        }),
        Course,
      );
      expect(course.account_id).toBe(DEPARTMENT);
      expect(course.enrollment_term_id).toBe(
        scalar(sb.db, `SELECT id FROM enrollment_terms WHERE sis_term_id = 'FA26'`),
      );
      const byAlias = ok(
        await call(sb, 'POST', '/api/v1/accounts/1/courses', {
          params: { course: { enrollment_term_id: 'default' } },
        }),
        Course,
      );
      expect(byAlias.enrollment_term_id).toBe(
        scalar(sb.db, 'SELECT id FROM enrollment_terms WHERE is_default = 1'),
      );
      const outside = await call(sb, 'POST', `/api/v1/accounts/${COLLEGE}/courses`, {
        as: 'subadmin',
        params: { course: { account_id: OTHER_COLLEGE } },
      });
      expect(outside).toMatchObject({ status: 404, body: NOT_FOUND });
      const noTerm = await call(sb, 'POST', '/api/v1/accounts/1/courses', {
        params: { course: { term_id: 'sis_term_id:XX' } },
      });
      expect(noTerm).toMatchObject({ status: 404, body: NOT_FOUND });
    });

    test('applies sis_course_id with manage_sis and silently ignores it otherwise', async () => {
      const course = ok(
        await call(sb, 'POST', '/api/v1/accounts/1/courses', {
          params: { course: { name: 'SIS course', sis_course_id: 'SIS-C-1' } },
        }),
        Course,
      );
      expect(course.sis_course_id).toBe('SIS-C-1');
      const creator = customAdmin(sb.db, COLLEGE, { manage_courses_add: true });
      const ignored = ok(
        await call(sb, 'POST', `/api/v1/accounts/${COLLEGE}/courses`, {
          as: creator,
          params: {
            course: { name: 'No SIS', sis_course_id: 'SIS-C-2', is_public: true, storage_quota_mb: 9999 },
          },
        }),
        Course,
      );
      expect(scalar(sb.db, 'SELECT sis_course_id FROM courses WHERE id = ?', ignored.id)).toBeNull();
      expect(ignored.is_public).toBe(false);
      expect(ignored.storage_quota_mb).toBe(accountRecord(sb.db, COLLEGE).default_storage_quota_mb);
      const duplicate = await call(sb, 'POST', '/api/v1/accounts/1/courses', {
        params: { course: { sis_course_id: 'SIS-C-1' } },
      });
      expect(duplicate).toMatchObject({
        status: 400,
        body: { errors: attributeErrors('sis_source_id', 'SIS ID "SIS-C-1" is already in use') },
      });
    });

    test('lets admins set visibility and quota, and validates grade passback and default view', async () => {
      const course = ok(
        await call(sb, 'POST', '/api/v1/accounts/1/courses', {
          params: {
            course: {
              is_public: true,
              public_syllabus: '1',
              storage_quota_mb: 2000,
              grade_passback_setting: 'nightly_sync',
            },
          },
        }),
        Course,
      );
      expect(course).toMatchObject({
        is_public: true,
        public_syllabus: true,
        storage_quota_mb: 2000,
        grade_passback_setting: 'nightly_sync',
      });
      const passback = await call(sb, 'POST', '/api/v1/accounts/1/courses', {
        params: { course: { grade_passback_setting: 'hourly' } },
      });
      expect(passback).toMatchObject({
        status: 400,
        body: { errors: attributeErrors('grade_passback_setting', 'Invalid grade_passback_setting') },
      });
      const view = await call(sb, 'POST', '/api/v1/accounts/1/courses', {
        params: { course: { default_view: 'calendar' } },
      });
      expect(view).toMatchObject({
        status: 400,
        body: { errors: attributeErrors('default_view', 'inclusion') },
      });
    });

    test('enrolls the caller as an active teacher only for enroll_me=true', async () => {
      const enrolled = ok(
        await call(sb, 'POST', `/api/v1/accounts/${COLLEGE}/courses`, {
          as: 'subadmin',
          params: { enroll_me: true },
        }),
        Course,
      );
      const subadmin = sb.userId('subadmin');
      const enrollment = sb.db
        .prepare('SELECT type, workflow_state FROM enrollments WHERE course_id = ? AND user_id = ?')
        .get(enrolled.id, subadmin);
      expect(enrollment).toEqual({ type: 'TeacherEnrollment', workflow_state: 'active' });
      const notEnrolled = ok(
        await call(sb, 'POST', `/api/v1/accounts/${COLLEGE}/courses`, {
          as: 'subadmin',
          params: { enroll_me: '1' },
        }),
        Course,
      );
      expect(scalar(sb.db, 'SELECT COUNT(*) FROM enrollments WHERE course_id = ?', notEnrolled.id)).toBe(0);
    });

    test('needs create_courses on the account', async () => {
      await expectRefused(sb, 'POST', '/api/v1/accounts/1/courses', ['subadmin', 'teacher', 'student'], {
        course: { name: 'Sneaky' },
      });
      await expectRefused(sb, 'POST', `/api/v1/accounts/${OTHER_COLLEGE}/courses`, ['subadmin']);
    });
  });

  describe('DELETE /courses/:id', () => {
    function teacherCourse(): number {
      return scalar(
        sb.db,
        `SELECT e.course_id FROM enrollments e JOIN courses c ON c.id = e.course_id
         WHERE e.user_id = ? AND e.type = 'TeacherEnrollment' AND e.workflow_state = 'active'
           AND c.workflow_state = 'available' AND c.template = 0 ORDER BY e.course_id LIMIT 1`,
        sb.userId('teacher'),
      );
    }

    test('checks the event before the permission', async () => {
      const course = teacherCourse();
      for (const params of [{}, { event: 'archive' }] as CanvasParams[]) {
        const reply = await call(sb, 'DELETE', `/api/v1/courses/${course}`, { as: null, params });
        expect(reply.status).toBe(400);
        expect(reply.body).toEqual({ message: 'Only "delete" and "conclude" events are allowed.' });
      }
      expect(
        await call(sb, 'DELETE', '/api/v1/courses/987654', { params: { event: 'delete' } }),
      ).toMatchObject({
        status: 404,
        body: NOT_FOUND,
      });
    });

    test('concludes a course for its teacher, completing active enrollments', async () => {
      const course = teacherCourse();
      await expectRefused(sb, 'DELETE', `/api/v1/courses/${course}`, ['student'], { event: 'conclude' });
      const result = ok(
        await call(sb, 'DELETE', `/api/v1/courses/${course}`, {
          as: 'teacher',
          params: { event: 'conclude' },
        }),
        CourseDeleteResult,
      );
      expect(result).toEqual({ conclude: true });
      expect(scalar(sb.db, 'SELECT workflow_state FROM courses WHERE id = ?', course)).toBe('completed');
      expect(
        scalar(
          sb.db,
          `SELECT COUNT(*) FROM enrollments WHERE course_id = ? AND workflow_state IN ('active', 'invited')`,
          course,
        ),
      ).toBe(0);
    });

    test('deletes a course for admins only, deleting its enrollments', async () => {
      const course = ok(
        await call(sb, 'POST', `/api/v1/accounts/${DEPARTMENT}/courses`, { params: { enroll_me: true } }),
        Course,
      );
      sb.db
        .prepare(`INSERT INTO enrollments (user_id, course_id, type, role_id, workflow_state, created_at)
                  VALUES (?, ?, 'TeacherEnrollment', ?, 'active', '2025-01-01T00:00:00Z')`)
        .run(
          sb.userId('teacher'),
          course.id,
          scalar(sb.db, `SELECT id FROM roles WHERE name = 'TeacherEnrollment'`),
        );
      await expectRefused(sb, 'DELETE', `/api/v1/courses/${course.id}`, ['teacher', 'student'], {
        event: 'delete',
      });
      const outside = ok(await call(sb, 'POST', `/api/v1/accounts/${OTHER_COLLEGE}/courses`), Course);
      expect(
        await call(sb, 'DELETE', `/api/v1/courses/${outside.id}`, {
          as: 'subadmin',
          params: { event: 'delete' },
        }),
      ).toMatchObject({
        status: 403,
      });
      const result = ok(
        await call(sb, 'DELETE', `/api/v1/courses/${course.id}`, {
          as: 'subadmin',
          params: { event: 'delete' },
        }),
        CourseDeleteResult,
      );
      expect(result).toEqual({ delete: true });
      expect(scalar(sb.db, 'SELECT workflow_state FROM courses WHERE id = ?', course.id)).toBe('deleted');
      expect(
        scalar(
          sb.db,
          `SELECT COUNT(*) FROM enrollments WHERE course_id = ? AND workflow_state <> 'deleted'`,
          course.id,
        ),
      ).toBe(0);
    });

    test('refuses to delete a template course with {"delete": false}', async () => {
      const template = scalar<number>(
        sb.db,
        `SELECT id FROM courses WHERE template = 1 AND workflow_state <> 'deleted' LIMIT 1`,
      );
      const reply = await call(sb, 'DELETE', `/api/v1/courses/${template}`, { params: { event: 'delete' } });
      expect(reply.status).toBe(400);
      expect(CourseDeleteResult.parse(reply.body)).toEqual({ delete: false });
      expect(scalar(sb.db, 'SELECT workflow_state FROM courses WHERE id = ?', template)).not.toBe('deleted');
    });
  });
});

// ---------------------------------------------------------------------------------------------
// A root account that cannot be deleted, in a tenant of its own

describe('DELETE of the root account', () => {
  test('answers 409 while anything is left below it and 401 once it is empty', async () => {
    const sb = await startSandbox();
    try {
      sb.db.prepare(`UPDATE courses SET workflow_state = 'deleted'`).run();
      const withChildren = await call(sb, 'DELETE', '/api/v1/accounts/1/sub_accounts/1');
      expect(withChildren).toMatchObject({
        status: 409,
        body: { message: "You can't delete a sub-account that has sub-accounts in it." },
      });
      sb.db
        .prepare(`UPDATE accounts SET workflow_state = 'deleted' WHERE parent_account_id IS NOT NULL`)
        .run();
      const root = await call(sb, 'DELETE', '/api/v1/accounts/1/sub_accounts/1');
      expect(root).toMatchObject({ status: 401, body: { message: "You can't delete a root_account." } });
      expect(accountRecord(sb.db, ROOT).workflow_state).toBe('active');
    } finally {
      await sb.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Users: list, create, remove, show, profile

interface UserRecord {
  id: number;
  name: string;
  sortable_name: string;
  email: string | null;
  uuid: string;
  workflow_state: string;
  last_login: string | null;
  time_zone: string | null;
}

function userRecord(db: Db, id: number): UserRecord {
  return db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRecord;
}

function loginOf(
  db: Db,
  userId: number,
): { unique_id: string; sis_user_id: string | null; workflow_state: string } {
  return db.prepare('SELECT * FROM pseudonyms WHERE user_id = ? ORDER BY id LIMIT 1').get(userId) as {
    unique_id: string;
    sis_user_id: string | null;
    workflow_state: string;
  };
}

/** Follows `rel="next"` from `path` and returns every page's reply. */
async function walk(sb: RunningSandbox, path: string, as: Caller): Promise<Reply[]> {
  const replies: Reply[] = [];
  let next: string | undefined = path;
  while (next !== undefined) {
    const reply = await get(sb, next, { as });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    replies.push(reply);
    next = nextLink(reply, sb);
  }
  return replies;
}

function ids(rows: { id: number }[]): number[] {
  return rows.map((row) => row.id);
}

describe('users', () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(async () => {
    await sb.close();
  });

  /** A student of the college who is not a demo user. */
  function collegeStudent(): number {
    return scalar(
      sb.db,
      `SELECT e.user_id FROM enrollments e JOIN courses c ON c.id = e.course_id JOIN accounts a ON a.id = c.account_id
       WHERE a.path LIKE '/1/3/%' AND e.type = 'StudentEnrollment' AND e.workflow_state = 'active' AND e.user_id > 4
       ORDER BY e.user_id LIMIT 1`,
    );
  }

  describe('GET /accounts/:account_id/users', () => {
    test('lists everyone with a login in the root, by sortable name, never naming a last page', async () => {
      const pages = await walk(sb, '/api/v1/accounts/1/users?per_page=100', 'admin');
      const users = pages.flatMap((page) => z.array(User).parse(page.body));
      for (const page of pages.slice(0, -1))
        expect(linkRels(page)).toEqual(['current', 'next', ...(page === pages[0] ? [] : ['prev']), 'first']);
      const expected = sb.db
        .prepare(
          `SELECT DISTINCT u.id FROM users u JOIN pseudonyms p ON p.user_id = u.id
           WHERE p.account_id = 1 AND p.workflow_state <> 'deleted' AND u.workflow_state <> 'deleted'`,
        )
        .all() as { id: number }[];
      expect(ids(users).sort((a, b) => a - b)).toEqual(ids(expected).sort((a, b) => a - b));
      const names = users.map((user) => user.sortable_name.toLowerCase());
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    });

    test("lists a sub-account's users: those enrolled in its tree", async () => {
      const pages = await walk(sb, `/api/v1/accounts/${COLLEGE}/users?per_page=100`, 'subadmin');
      const users = pages.flatMap((page) => z.array(User).parse(page.body));
      const expected = sb.db
        .prepare(
          `SELECT DISTINCT e.user_id AS id FROM enrollments e JOIN courses c ON c.id = e.course_id
           JOIN accounts a ON a.id = c.account_id WHERE a.path LIKE '/1/3/%' AND e.workflow_state <> 'deleted'`,
        )
        .all() as { id: number }[];
      expect(ids(users).sort((a, b) => a - b)).toEqual(ids(expected).sort((a, b) => a - b));
      // The college admin may read SIS data there, so SIS ids come along.
      expect(users[0]).toHaveProperty('sis_user_id');
    });

    test('needs read_roster on the account', async () => {
      await expectRefused(sb, 'GET', '/api/v1/accounts/1/users', ['subadmin', 'teacher', 'student']);
      await expectRefused(sb, 'GET', `/api/v1/accounts/${OTHER_COLLEGE}/users`, ['subadmin']);
    });

    test('searches names and ids for everyone, and logins, SIS ids and email per right', async () => {
      const short = await get(sb, '/api/v1/accounts/1/users?search_term=a');
      expect(short.status).toBe(400);
      expect(short.body).toEqual({
        errors: [{ field: 'search_term', code: 'invalid', message: '2 or more characters is required' }],
      });
      const unfiltered = ok(await get(sb, '/api/v1/accounts/1/users'), z.array(User));
      for (const blank of ['', '%20%20']) {
        expect(ok(await get(sb, `/api/v1/accounts/1/users?search_term=${blank}`), z.array(User))).toEqual(
          unfiltered,
        );
      }
      const student = sb.userId('student');
      const record = userRecord(sb.db, student);
      const login = loginOf(sb.db, student);
      const byName = ok(
        await get(
          sb,
          `/api/v1/accounts/1/users?search_term=${encodeURIComponent(record.name.slice(2, 8).toUpperCase())}`,
        ),
        z.array(User),
      );
      expect(ids(byName)).toContain(student);
      // A numeric term also matches the user id exactly (two digits at least, like any term); a caller
      // who may read only the roster matches nothing else with it.
      const rosterOnly = customAdmin(sb.db, ROOT, { read_roster: true });
      const numbered = scalar<number>(
        sb.db,
        `SELECT MIN(user_id) FROM pseudonyms WHERE user_id >= 10 AND account_id = 1 AND workflow_state = 'active'`,
      );
      const byId = ok(
        await get(sb, `/api/v1/accounts/1/users?search_term=${numbered}`, { as: rosterOnly }),
        z.array(User),
      );
      expect(ids(byId)).toContain(numbered);
      for (const user of byId)
        expect(user.id === numbered || user.name.includes(String(numbered))).toBe(true);

      const loginPart = login.unique_id.split('@')[0] ?? '';
      const sisId = login.sis_user_id ?? '';
      const withEmail = customAdmin(sb.db, ROOT, { read_roster: true, read_email_addresses: true });
      const searches: [Caller, string, boolean][] = [
        ['admin', loginPart, true],
        ['admin', sisId, true],
        [rosterOnly, loginPart, false],
        [rosterOnly, sisId, false],
        [withEmail, loginPart, true],
        [withEmail, sisId, false],
      ];
      for (const [as, term, found] of searches) {
        const users = ok(
          await get(sb, `/api/v1/accounts/1/users?search_term=${encodeURIComponent(term)}`, { as }),
          z.array(User),
        );
        expect({ term, as, found: ids(users).includes(student) }).toEqual({ term, as, found });
      }
    });

    test('filters by enrollment type and by role', async () => {
      const teachers = ok(
        await get(sb, '/api/v1/accounts/1/users?enrollment_type=teacher&per_page=100'),
        z.array(User),
      );
      expect(teachers.length).toBeGreaterThan(0);
      const hasEnrollment = (userId: number, column: string, value: string | number) =>
        scalar<number>(
          sb.db,
          `SELECT COUNT(*) FROM enrollments WHERE user_id = ? AND ${column} = ? AND workflow_state <> 'deleted'`,
          userId,
          value,
        ) > 0;
      for (const user of teachers) expect(hasEnrollment(user.id, 'type', 'TeacherEnrollment')).toBe(true);
      const tas = ok(await get(sb, '/api/v1/accounts/1/users?enrollment_type=TaEnrollment'), z.array(User));
      for (const user of tas) expect(hasEnrollment(user.id, 'type', 'TaEnrollment')).toBe(true);
      const bogus = await get(sb, '/api/v1/accounts/1/users?enrollment_type=bogus');
      expect(bogus).toMatchObject({
        status: 400,
        body: { status: 'bad_request', message: 'Invalid enrollment type: bogus' },
      });

      const grader = scalar<number>(sb.db, `SELECT id FROM roles WHERE name = 'Grader'`);
      const graders = ok(
        await get(sb, `/api/v1/accounts/1/users?role_filter_id=${grader}&enrollment_type=bogus`),
        z.array(User),
      );
      expect(graders.length).toBeGreaterThan(0);
      for (const user of graders) expect(hasEnrollment(user.id, 'role_id', grader)).toBe(true);
      expect(ok(await get(sb, '/api/v1/accounts/1/users?role_filter_id=999999'), z.array(User))).toEqual([]);
    });

    test('sorts by the documented columns, NULLs last, and refuses course-only sorts', async () => {
      const byEmail = ok(
        await get(sb, '/api/v1/accounts/1/users?sort=email&order=desc&per_page=100'),
        z.array(User),
      );
      const emails = byEmail.map((user) => userRecord(sb.db, user.id).email ?? '');
      expect(emails).toEqual([...emails].sort().reverse());
      const byLogin = ok(
        await get(sb, '/api/v1/accounts/1/users?sort=last_login&order=desc&per_page=100'),
        z.array(User),
      );
      const logins = byLogin.map((user) => Date.parse(user.last_login ?? ''));
      expect(logins).toEqual([...logins].sort((a, b) => b - a));
      expect(byLogin[0]?.last_login).toMatch(/[+-]\d{2}:\d{2}$/);
      const bySis = ok(await get(sb, '/api/v1/accounts/1/users?sort=sis_id&per_page=50'), z.array(User));
      const sisIds = bySis.map((user) => user.sis_user_id ?? '');
      expect(sisIds).toEqual([...sisIds].sort());
      const descending = ok(
        await get(sb, '/api/v1/accounts/1/users?sort=username&order=desc'),
        z.array(User),
      );
      const ascending = ok(await get(sb, '/api/v1/accounts/1/users?order=desc'), z.array(User));
      expect(descending[0]?.sortable_name.localeCompare(ascending[0]?.sortable_name ?? '')).toBeGreaterThan(
        0,
      );
      expect(ascending).toEqual(ok(await get(sb, '/api/v1/accounts/1/users'), z.array(User)));
      const course = await get(sb, '/api/v1/accounts/1/users?sort=section_name');
      expect(course).toMatchObject({
        status: 400,
        body: {
          status: 'bad_request',
          message: 'Sorting by section_name is only available within a course context',
        },
      });
    });

    test('pages sort=id with bookmarks', async () => {
      const first = await get(sb, '/api/v1/accounts/1/users?sort=id&per_page=40');
      const firstPage = ok(first, z.array(User));
      expect(linkRels(first)).toEqual(['current', 'next', 'first']);
      expect(first.headers.get('link')).toContain('page=first&per_page=40>; rel="current"');
      const next = nextLink(first, sb) ?? '';
      expect(next).toMatch(/page=bookmark:[\w-]+&per_page=40$/);
      const secondPage = ok(await get(sb, next), z.array(User));
      const both = ids([...firstPage, ...secondPage]);
      expect(both).toEqual([...both].sort((a, b) => a - b));
      expect(new Set(both).size).toBe(80);
      const descending = ok(
        await get(sb, '/api/v1/accounts/1/users?sort=id&order=desc&per_page=5'),
        z.array(User),
      );
      expect(ids(descending)).toEqual([...ids(descending)].sort((a, b) => b - a));
      const numbered = await get(sb, '/api/v1/accounts/1/users?sort=id&page=2');
      expect(numbered.status).toBe(400);
      expect(numbered.body).toMatchObject({ status: 'bad_request', errors: [{ page: expect.any(String) }] });
      const garbage = ok(
        await get(sb, '/api/v1/accounts/1/users?sort=id&per_page=40&page=bookmark:%21%21'),
        z.array(User),
      );
      expect(garbage).toEqual(firstPage);
    });

    test('adds the accepted include[] fields and nothing else', async () => {
      const [user] = ok(
        await get(
          sb,
          '/api/v1/accounts/1/users?per_page=1&include[]=email&include[]=uuid&include[]=time_zone&include[]=avatar_url&include[]=bogus',
        ),
        z.array(User),
      );
      const record = userRecord(sb.db, user?.id ?? 0);
      expect(user).toMatchObject({
        email: record.email,
        uuid: record.uuid,
        account_uuid: accountRecord(sb.db, ROOT).uuid,
        time_zone: record.time_zone ?? 'America/Denver',
      });
      // Avatars are off on the demo root account.
      expect(user).not.toHaveProperty('avatar_url');
      expect(user).not.toHaveProperty('bogus');
    });

    test('filters by uuids[], at most 100 of them', async () => {
      const student = userRecord(sb.db, sb.userId('student'));
      const teacher = userRecord(sb.db, sb.userId('teacher'));
      const found = ok(
        await get(sb, `/api/v1/accounts/1/users?uuids[]=${student.uuid}&uuids[]=${teacher.uuid}`),
        z.array(User),
      );
      expect(ids(found).sort()).toEqual([student.id, teacher.id].sort());
      const tooMany = Array.from({ length: 101 }, (_, i) => `uuids[]=u${i}`).join('&');
      const refused = await get(sb, `/api/v1/accounts/1/users?${tooMany}`);
      expect(refused).toMatchObject({
        status: 400,
        body: { error: 'Too many UUIDs in filter. Current limit is 100' },
      });
    });
  });

  describe('POST /accounts/:account_id/users', () => {
    test.each(['json', 'form', 'multipart'] as const)(
      'creates a user with a login in the root from a %s body',
      async (encoding) => {
        const uniqueId = `new.person.${encoding}@example.edu`;
        const user = ok(
          await call(sb, 'POST', `/api/v1/accounts/${COLLEGE}/users`, {
            params: {
              user: { name: 'Jane Q. Doe', time_zone: 'Pacific Time (US & Canada)', locale: 'es' },
              pseudonym: { unique_id: ` ${uniqueId} `, sis_user_id: `SIS-${encoding}` },
            },
            encoding,
          }),
          User,
        );
        expect(user).toMatchObject({
          name: 'Jane Q. Doe',
          sortable_name: 'Doe, Jane Q.',
          short_name: 'Jane Q. Doe',
          locale: 'es',
          login_id: uniqueId,
          sis_user_id: `SIS-${encoding}`,
          account_uuid: accountRecord(sb.db, ROOT).uuid,
        });
        expect(user.uuid).toMatch(/^[A-Za-z0-9]{40}$/);
        expect(
          sb.db.prepare('SELECT account_id, unique_id FROM pseudonyms WHERE user_id = ?').get(user.id),
        ).toEqual({
          account_id: ROOT,
          unique_id: uniqueId,
        });
        expect(userRecord(sb.db, user.id)).toMatchObject({
          workflow_state: 'pre_registered',
          email: uniqueId,
          time_zone: 'Pacific Time (US & Canada)',
        });
      },
    );

    test('names the user after the login and registers on skip_registration or a password', async () => {
      const plain = ok(
        await call(sb, 'POST', '/api/v1/accounts/1/users', {
          params: { pseudonym: { unique_id: 'jdoe-login' } },
        }),
        User,
      );
      expect(plain).toMatchObject({ name: 'jdoe-login', sortable_name: 'jdoe-login' });
      expect(userRecord(sb.db, plain.id).email).toBeNull();
      const skipped = ok(
        await call(sb, 'POST', '/api/v1/accounts/1/users', {
          params: {
            user: { name: 'Skip Per', skip_registration: true, terms_of_use: true },
            pseudonym: { unique_id: 'skipper' },
          },
        }),
        User,
      );
      expect(skipped.terms_of_use).toBe(true);
      expect(userRecord(sb.db, skipped.id).workflow_state).toBe('registered');
      const withPassword = ok(
        await call(sb, 'POST', '/api/v1/accounts/1/users', {
          params: { pseudonym: { unique_id: 'pw-user', password: 'longenough1' } },
        }),
        User,
      );
      expect(userRecord(sb.db, withPassword.id).workflow_state).toBe('registered');
    });

    test('answers the composite error body for a missing or taken login and other invalid fields', async () => {
      const composite = (user: object, pseudonym: object) => ({
        errors: { user, pseudonym, observee: {}, pairing_code: {}, recaptcha: null },
      });
      const missing = await call(sb, 'POST', '/api/v1/accounts/1/users', {
        params: { user: { name: 'No Login' } },
      });
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual(
        composite(
          {},
          {
            unique_id: [
              { attribute: 'unique_id', type: 'too_short', message: 'too_short' },
              { attribute: 'unique_id', type: 'invalid', message: 'invalid' },
            ],
          },
        ),
      );
      const existing = loginOf(sb.db, sb.userId('student')).unique_id.toUpperCase();
      const taken = await call(sb, 'POST', '/api/v1/accounts/1/users', {
        params: { user: { locale: 'klingon' }, pseudonym: { unique_id: existing, password: 'short' } },
      });
      expect(taken.status).toBe(400);
      expect(taken.body).toEqual(
        composite(attributeErrors('locale', 'inclusion'), {
          ...attributeErrors('unique_id', 'taken'),
          ...attributeErrors('password', 'too_short'),
        }),
      );
      const forced = await call(sb, 'POST', '/api/v1/accounts/1/users', {
        params: { force_validations: true, pseudonym: { unique_id: 'not-an-email' } },
      });
      expect(forced.body).toEqual(
        composite(
          { ...attributeErrors('name', 'blank'), ...attributeErrors('terms_of_use', 'accepted') },
          attributeErrors('unique_id', 'invalid'),
        ),
      );
    });

    test('ignores SIS ids without manage_sis on the root', async () => {
      const loginsOnly = customAdmin(sb.db, ROOT, { manage_user_logins: true });
      const user = ok(
        await call(sb, 'POST', '/api/v1/accounts/1/users', {
          as: loginsOnly,
          params: {
            pseudonym: { unique_id: 'no.sis@example.edu', sis_user_id: 'IGNORED', integration_id: 'IGNORED' },
          },
        }),
        User,
      );
      expect(user).not.toHaveProperty('sis_user_id');
      expect(
        sb.db.prepare('SELECT sis_user_id, integration_id FROM pseudonyms WHERE user_id = ?').get(user.id),
      ).toEqual({
        sis_user_id: null,
        integration_id: null,
      });
      const duplicateSis = await call(sb, 'POST', '/api/v1/accounts/1/users', {
        params: {
          pseudonym: {
            unique_id: 'dup.sis@example.edu',
            sis_user_id: loginOf(sb.db, sb.userId('teacher')).sis_user_id,
          },
        },
      });
      expect(duplicateSis.status).toBe(400);
    });

    test('answers 403 with an empty body to callers without manage_user_logins on the root', async () => {
      for (const as of ['subadmin', 'teacher', 'student', null] as Caller[]) {
        const reply = await call(sb, 'POST', `/api/v1/accounts/${COLLEGE}/users`, {
          as,
          params: { pseudonym: { unique_id: 'intruder@example.edu' } },
        });
        expect({ as, status: reply.status, body: reply.body }).toEqual({ as, status: 403, body: {} });
      }
      expect(scalar(sb.db, `SELECT COUNT(*) FROM pseudonyms WHERE unique_id = 'intruder@example.edu'`)).toBe(
        0,
      );
    });
  });

  describe('DELETE /accounts/:account_id/users/:user_id', () => {
    test('removes a user from the root account only, keeping the user record', async () => {
      const student = collegeStudent();
      const before = userRecord(sb.db, student);
      expect(await call(sb, 'DELETE', `/api/v1/accounts/${COLLEGE}/users/${student}`)).toMatchObject({
        status: 404,
        body: NOT_FOUND,
      });
      await expectRefused(sb, 'DELETE', `/api/v1/accounts/1/users/${student}`, [
        'subadmin',
        'teacher',
        'student',
      ]);
      const reply = await call(sb, 'DELETE', `/api/v1/accounts/1/users/${student}`);
      const removed = ok(reply, RemovedUser);
      expect(removed).toMatchObject({
        id: student,
        name: before.name,
        workflow_state: before.workflow_state,
      });
      expect(Object.keys(reply.body as object)).toEqual(['user']);
      expect((reply.body as { user: object }).user).not.toHaveProperty('uuid');
      expect(userRecord(sb.db, student).workflow_state).toBe(before.workflow_state);
      expect(
        scalar(
          sb.db,
          `SELECT COUNT(*) FROM pseudonyms WHERE user_id = ? AND workflow_state <> 'deleted'`,
          student,
        ),
      ).toBe(0);
      expect(
        scalar(
          sb.db,
          `SELECT COUNT(*) FROM enrollments WHERE user_id = ? AND workflow_state <> 'deleted'`,
          student,
        ),
      ).toBe(0);
      const stillListed = ok(
        await get(sb, `/api/v1/accounts/1/users?search_term=${encodeURIComponent(before.name)}`),
        z.array(User),
      );
      expect(ids(stillListed)).not.toContain(student);
      const withDeleted = ok(
        await get(sb, `/api/v1/accounts/1/users?include_deleted_users=true&uuids[]=${before.uuid}`),
        z.array(User),
      );
      expect(withDeleted).toMatchObject([{ id: student, login_ids: loginOf(sb.db, student).unique_id }]);
      expect(await call(sb, 'DELETE', `/api/v1/accounts/1/users/${student}`)).toMatchObject({ status: 404 });
    });

    test('also retires admin memberships, and lesser admins may not remove stronger ones or SIS users', async () => {
      const logins = customAdmin(sb.db, ROOT, { manage_user_logins: true });
      const sisUser = scalar<number>(
        sb.db,
        `SELECT user_id FROM pseudonyms WHERE sis_user_id IS NOT NULL AND workflow_state = 'active' AND user_id > 4 ORDER BY id DESC LIMIT 1`,
      );
      expect(await call(sb, 'DELETE', `/api/v1/accounts/1/users/${sisUser}`, { as: logins })).toMatchObject({
        status: 403,
      });
      const stronger = customAdmin(sb.db, ROOT, { manage_user_logins: true, manage_sis: true });
      const admin = sb.userId('admin');
      expect(await call(sb, 'DELETE', `/api/v1/accounts/1/users/${admin}`, { as: stronger })).toMatchObject({
        status: 403,
      });
      const colleague = customAdmin(sb.db, COLLEGE, { read_roster: true });
      sb.db
        .prepare(`UPDATE pseudonyms SET sis_user_id = 'COLLEAGUE-1' WHERE user_id = ?`)
        .run(colleague.userId);
      ok(
        await call(sb, 'DELETE', '/api/v1/accounts/1/users/sis_user_id:COLLEAGUE-1', { as: stronger }),
        RemovedUser,
      );
      expect(
        scalar(sb.db, 'SELECT workflow_state FROM account_users WHERE user_id = ?', colleague.userId),
      ).toBe('deleted');
      // Without a login in the root, the removed admin's token no longer works.
      const lockedOut = await get(sb, `/api/v1/accounts/${COLLEGE}/users`, { as: colleague });
      expect(lockedOut).toMatchObject({
        status: 401,
        body: { errors: [{ message: 'Invalid access token.' }] },
      });
    });
  });

  describe('GET /users/:id', () => {
    test.each(['admin', 'teacher', 'student'] as const)('shows users/self to the %s', async (key) => {
      const me = ok(await get(sb, '/api/v1/users/self', { as: key }), CurrentUser);
      const record = userRecord(sb.db, sb.userId(key));
      const [last, first] = record.sortable_name.split(', ');
      expect(me).toMatchObject({
        id: record.id,
        name: record.name,
        first_name: first,
        last_name: last,
        effective_locale: 'en',
      });
      expect(me.permissions).toEqual({
        can_update_name: true,
        can_update_avatar: false,
        limit_parent_app_web_access: false,
      });
      // Email is gated by read_email_addresses on the root account, even for oneself.
      if (key === 'admin') expect(me.email).toBe(record.email);
      else expect(me).not.toHaveProperty('email');
    });

    test('shows other users to admins over one of their accounts, and answers 404 to anyone else', async () => {
      const student = sb.userId('student');
      const shown = ok(await get(sb, `/api/v1/users/${student}?include[]=uuid&include[]=last_login`), User);
      expect(shown).toMatchObject({
        id: student,
        login_id: loginOf(sb.db, student).unique_id,
        uuid: userRecord(sb.db, student).uuid,
      });
      expect(shown).not.toHaveProperty('effective_locale');
      ok(await get(sb, `/api/v1/users/${student}`, { as: 'subadmin' }), User);
      const outsider = scalar<number>(
        sb.db,
        `SELECT u.id FROM users u WHERE u.id > 4 AND NOT EXISTS (SELECT 1 FROM enrollments e JOIN courses c ON c.id = e.course_id
           JOIN accounts a ON a.id = c.account_id WHERE e.user_id = u.id AND a.path LIKE '/1/3/%') LIMIT 1`,
      );
      expect(await get(sb, `/api/v1/users/${outsider}`, { as: 'subadmin' })).toMatchObject({
        status: 404,
        body: NOT_FOUND,
      });
      expect(await get(sb, `/api/v1/users/${student}`, { as: 'teacher' })).toMatchObject({
        status: 404,
        body: NOT_FOUND,
      });
      expect(await get(sb, `/api/v1/users/${outsider}`, { as: 'student' })).toMatchObject({ status: 404 });
      expect(await get(sb, '/api/v1/users/self', { as: null })).toMatchObject({
        status: 401,
        body: UNAUTHENTICATED,
      });
      expect(await get(sb, '/api/v1/users/99999999')).toMatchObject({ status: 404, body: NOT_FOUND });
    });

    test('renders a deleted user under a 404', async () => {
      const deleted = collegeStudent();
      sb.db.prepare(`UPDATE users SET workflow_state = 'deleted' WHERE id = ?`).run(deleted);
      const reply = await get(sb, `/api/v1/users/${deleted}`);
      expect(reply.status).toBe(404);
      expect(User.parse(reply.body).id).toBe(deleted);
    });
  });

  describe('GET /users/:user_id/profile', () => {
    test('shows one’s own profile with the self-only fields', async () => {
      const student = sb.userId('student');
      const record = userRecord(sb.db, student);
      const reply = await get(
        sb,
        '/api/v1/users/self/profile?include[]=uuid&include[]=links&include[]=user_services',
        { as: 'student' },
      );
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        id: student,
        name: record.name,
        short_name: record.name,
        sortable_name: record.sortable_name,
        title: null,
        bio: null,
        primary_email: record.email,
        login_id: loginOf(sb.db, student).unique_id,
        integration_id: null,
        time_zone: 'America/Denver',
        locale: null,
        effective_locale: 'en',
        calendar: { ics: `${sb.baseUrl}/feeds/calendars/user_${record.uuid}.ics` },
        k5_user: false,
        use_classic_font_in_k5: false,
        links: [],
        user_services: [],
        uuid: record.uuid,
        past_uuid: null,
      });
    });

    test('shows the private fields to admins and only the public ones to teachers', async () => {
      const student = sb.userId('student');
      const login = loginOf(sb.db, student);
      const admin = await get(sb, `/api/v1/users/${student}/profile`);
      expect(admin.body).toMatchObject({
        primary_email: userRecord(sb.db, student).email,
        login_id: login.unique_id,
        sis_user_id: login.sis_user_id,
      });
      expect(admin.body).not.toHaveProperty('calendar');
      const teacher = await get(sb, `/api/v1/users/${student}/profile`, { as: 'teacher' });
      expect(teacher.status).toBe(200);
      expect(teacher.body).toMatchObject({ login_id: null, integration_id: null });
      expect(teacher.body).not.toHaveProperty('primary_email');
      expect(teacher.body).not.toHaveProperty('sis_user_id');
    });

    test('refuses strangers with 403', async () => {
      const stranger = scalar<number>(
        sb.db,
        `SELECT u.id FROM users u WHERE u.id > 4 AND NOT EXISTS (SELECT 1 FROM enrollments s JOIN enrollments t ON t.course_id = s.course_id
           WHERE s.user_id = u.id AND t.user_id = ?) LIMIT 1`,
        sb.userId('teacher'),
      );
      expect(await get(sb, `/api/v1/users/${stranger}/profile`, { as: 'teacher' })).toMatchObject({
        status: 403,
        body: FORBIDDEN,
      });
      expect(await get(sb, `/api/v1/users/${sb.userId('teacher')}/profile`, { as: 'student' })).toMatchObject(
        { status: 403 },
      );
      expect(await get(sb, '/api/v1/users/self/profile', { as: null })).toMatchObject({ status: 401 });
    });
  });
});

describe('GET /accounts/:account_id/users on 50,000 users', () => {
  test('answers deep pages, searches and sub-account lists quickly', async () => {
    const sb = await startSandbox();
    try {
      const stamp = '2024-01-01T00:00:00Z';
      const course = scalar<number>(sb.db, `SELECT id FROM courses WHERE account_id = ${DEPARTMENT} LIMIT 1`);
      const student = scalar<number>(sb.db, `SELECT id FROM roles WHERE name = 'StudentEnrollment'`);
      const insertUser = sb.db.prepare(
        `INSERT INTO users (name, sortable_name, short_name, uuid, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      const insertLogin = sb.db.prepare(
        `INSERT INTO pseudonyms (user_id, account_id, unique_id, sis_user_id, created_at) VALUES (?, 1, ?, ?, ?)`,
      );
      const insertEnrollment = sb.db.prepare(
        `INSERT INTO enrollments (user_id, course_id, type, role_id, created_at) VALUES (?, ?, 'StudentEnrollment', ?, ?)`,
      );
      sb.db.transaction(() => {
        const existing = scalar<number>(sb.db, 'SELECT COUNT(*) FROM users');
        for (let i = existing; i < 50_000; i++) {
          const name = `Bulk Person${i}`;
          const id = Number(
            insertUser.run(
              name,
              `Person${i}, Bulk`,
              name,
              `bulk-${i}-`.padEnd(40, '0'),
              `bulk${i}@example.edu`,
              stamp,
              stamp,
            ).lastInsertRowid,
          );
          insertLogin.run(id, `bulk${i}@example.edu`, `B${i}`, stamp);
          if (i % 10 === 0) insertEnrollment.run(id, course, student, stamp);
        }
      })();
      const timed = async (path: string, as: Caller = 'admin') => {
        const started = performance.now();
        const reply = await get(sb, path, { as });
        expect(reply.status).toBe(200);
        return performance.now() - started;
      };
      const paths: [string, Caller][] = [
        ['/api/v1/accounts/1/users?per_page=100', 'admin'],
        ['/api/v1/accounts/1/users?per_page=100&page=450', 'admin'],
        ['/api/v1/accounts/1/users?per_page=100&search_term=person49', 'admin'],
        ['/api/v1/accounts/1/users?per_page=100&sort=sis_id&order=desc', 'admin'],
        ['/api/v1/accounts/1/users?per_page=100&sort=id&page=bookmark:IjQwMDAwIg', 'admin'],
        [`/api/v1/accounts/${COLLEGE}/users?per_page=100&page=30`, 'subadmin'],
      ];
      for (const [path, as] of paths)
        expect({ path, fast: (await timed(path, as)) < 1500 }).toEqual({ path, fast: true });
    } finally {
      await sb.close();
    }
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------
// Roles, terms, admins

describe('roles, terms and admins', () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(async () => {
    await sb.close();
  });

  describe('GET /accounts/:account_id/roles', () => {
    test('lists the visible built-in roles first, then the active custom roles by id', async () => {
      const reply = await get(sb, '/api/v1/accounts/1/roles?per_page=100');
      const roles = ok(reply, z.array(Role));
      expect(linkRels(reply)).toEqual(['current', 'first', 'last']);
      const custom = sb.db
        .prepare(`SELECT name FROM roles WHERE account_id = 1 AND workflow_state = 'active' ORDER BY id`)
        .all() as { name: string }[];
      expect(roles.map((role) => role.role)).toEqual([
        'StudentEnrollment',
        'TeacherEnrollment',
        'TaEnrollment',
        'DesignerEnrollment',
        'ObserverEnrollment',
        'AccountAdmin',
        ...custom.map((role) => role.name),
      ]);
      const accountAdmin = roles.find((role) => role.role === 'AccountAdmin');
      expect(accountAdmin).toMatchObject({
        label: 'Account Admin',
        base_role_type: 'AccountMembership',
        workflow_state: 'built_in',
        is_account_role: true,
      });
      expect(accountAdmin).not.toHaveProperty('account');
      const departmentAdmin = roles.find((role) => role.role === 'Department Admin');
      expect(departmentAdmin).toMatchObject({
        workflow_state: 'active',
        is_account_role: true,
        account: { id: ROOT },
      });
      expect(roles.find((role) => role.role === 'Grader')).toMatchObject({
        base_role_type: 'TaEnrollment',
        is_account_role: false,
      });
    });

    test('reports permissions with their defaults and overrides', async () => {
      const roles = ok(await get(sb, '/api/v1/accounts/1/roles'), z.array(Role));
      const byName = (name: string) => roles.find((role) => role.role === name)?.permissions ?? {};
      expect(byName('AccountAdmin').manage_account_settings).toEqual({
        enabled: true,
        locked: false,
        readonly: false,
        explicit: false,
        applies_to_self: true,
        applies_to_descendants: true,
      });
      expect(byName('StudentEnrollment').manage_account_settings).toEqual({
        enabled: false,
        locked: true,
        readonly: true,
        explicit: false,
      });
      expect(byName('StudentEnrollment').read_forum).toMatchObject({ enabled: true, locked: false });
      expect(byName('TeacherEnrollment').manage_courses_conclude).toMatchObject({
        enabled: true,
        group: 'manage_courses',
      });
      const customRoles = ok(await get(sb, '/api/v1/accounts/1/roles?per_page=20'), z.array(Role));
      expect(customRoles.find((role) => role.role === 'Department Admin')?.permissions.read_roster).toEqual({
        enabled: true,
        locked: false,
        readonly: false,
        explicit: true,
        prior_default: false,
        applies_to_self: true,
        applies_to_descendants: true,
      });
      // Developer keys are managed on root accounts only.
      expect(byName('AccountAdmin')).toHaveProperty('manage_developer_keys');
      const college = ok(await get(sb, `/api/v1/accounts/${COLLEGE}/roles`), z.array(Role));
      expect(college.find((role) => role.role === 'AccountAdmin')?.permissions).not.toHaveProperty(
        'manage_developer_keys',
      );
    });

    test("formats created_at in the caller's zone", async () => {
      const [student] = ok(await get(sb, '/api/v1/accounts/1/roles?per_page=1'), z.array(Role));
      const stored = scalar<string>(sb.db, `SELECT created_at FROM roles WHERE name = 'StudentEnrollment'`);
      // The demo admin has no zone of their own, so the root's Denver applies.
      expect(student?.created_at).toMatch(/-0[67]:00$/);
      expect(Date.parse(student?.created_at ?? '')).toBe(Date.parse(stored));
      expect(student?.last_updated_at).toMatch(/Z$/);
      sb.db.prepare(`UPDATE users SET time_zone = 'Tokyo' WHERE id = ?`).run(sb.userId('admin'));
      try {
        const [inTokyo] = ok(await get(sb, '/api/v1/accounts/1/roles?per_page=1'), z.array(Role));
        const local = new Date(Date.parse(stored) + 9 * 3_600_000)
          .toISOString()
          .replace(/\.\d{3}Z$/, '+09:00');
        expect(inTokyo?.created_at).toBe(local);
      } finally {
        sb.db.prepare('UPDATE users SET time_zone = NULL WHERE id = ?').run(sb.userId('admin'));
      }
    });

    test('filters by state[] and shows inherited roles on request', async () => {
      const stamp = '2024-05-05T05:05:05Z';
      sb.db
        .prepare(
          `INSERT INTO roles (name, label, base_role_type, workflow_state, account_id, root_account_id, created_at, updated_at)
           VALUES ('Retired Role', 'Retired Role', 'AccountMembership', 'inactive', 1, 1, ?, ?)`,
        )
        .run(stamp, stamp);
      const inactive = ok(await get(sb, '/api/v1/accounts/1/roles?state[]=inactive'), z.array(Role));
      expect(inactive.map((role) => role.role)).toEqual(['Retired Role']);
      const both = ok(
        await get(sb, '/api/v1/accounts/1/roles?state[]=inactive&state[]=active&per_page=50'),
        z.array(Role),
      );
      expect(both.map((role) => role.role)).toContain('Retired Role');
      expect(both[0]?.role).toBe('StudentEnrollment');
      for (const query of ['state=inactive', 'state[]=deleted']) {
        const fallback = ok(await get(sb, `/api/v1/accounts/1/roles?${query}&per_page=50`), z.array(Role));
        expect(fallback.map((role) => role.role)).not.toContain('Retired Role');
        expect(fallback[0]?.role).toBe('StudentEnrollment');
      }
      const own = ok(
        await get(sb, `/api/v1/accounts/${COLLEGE}/roles?per_page=50`, { as: 'subadmin' }),
        z.array(Role),
      );
      expect(own.every((role) => role.workflow_state === 'built_in')).toBe(true);
      const inherited = ok(
        await get(
          sb,
          `/api/v1/accounts/${COLLEGE}/roles?per_page=50&show_inherited=1&state[]=active&state[]=inactive`,
          { as: 'subadmin' },
        ),
        z.array(Role),
      );
      expect(inherited.map((role) => role.role)).toEqual(
        expect.arrayContaining(['Department Admin', 'Grader', 'Retired Role']),
      );
    });

    test('needs manage_role_overrides', async () => {
      await expectRefused(sb, 'GET', '/api/v1/accounts/1/roles', ['subadmin', 'teacher', 'student']);
    });
  });

  describe('GET /accounts/:account_id/terms', () => {
    interface TermRecord {
      id: number;
      name: string;
      workflow_state: string;
      is_default: number;
    }
    const terms = () => sb.db.prepare('SELECT * FROM enrollment_terms').all() as TermRecord[];

    test('says terms belong to root accounts before checking who asks', async () => {
      for (const as of ['admin', 'student', null] as Caller[]) {
        for (const path of [
          `/api/v1/accounts/${COLLEGE}/terms`,
          `/api/v1/accounts/${COLLEGE}/terms/default`,
        ]) {
          const reply = await get(sb, path, { as });
          expect({ as, path, status: reply.status, body: reply.body }).toEqual({
            as,
            path,
            status: 400,
            body: { message: 'Terms only belong to root_accounts.' },
          });
        }
      }
      await expectRefused(sb, 'GET', '/api/v1/accounts/1/terms', ['subadmin', 'teacher', 'student']);
      await expectRefused(sb, 'GET', '/api/v1/accounts/1/terms/default', ['subadmin', 'teacher', 'student']);
    });

    test('lists active terms in an object, undated ones first, then by start date descending', async () => {
      const reply = await get(sb, '/api/v1/accounts/1/terms?per_page=50');
      const list = ok(reply, EnrollmentTermsList).enrollment_terms;
      expect(linkRels(reply)).toEqual(['current', 'first', 'last']);
      expect(list[0]?.name).toBe('Default Term');
      const starts = list.slice(1).map((term) => Date.parse(term.start_at ?? ''));
      expect(starts).toEqual([...starts].sort((a, b) => b - a));
      expect(ids(list).sort()).toEqual(
        ids(terms().filter((term) => term.workflow_state === 'active')).sort(),
      );
      expect(list[0]).toHaveProperty('sis_term_id');
      expect(list[0]).not.toHaveProperty('course_count');
    });

    test('filters by workflow_state[] and term_name', async () => {
      const deleted = ok(
        await get(sb, '/api/v1/accounts/1/terms?workflow_state[]=deleted'),
        EnrollmentTermsList,
      ).enrollment_terms;
      expect(ids(deleted)).toEqual(ids(terms().filter((term) => term.workflow_state === 'deleted')));
      const all = ok(
        await get(sb, '/api/v1/accounts/1/terms?workflow_state[]=all&per_page=50'),
        EnrollmentTermsList,
      );
      expect(all.enrollment_terms).toHaveLength(terms().length);
      const bogus = ok(
        await get(sb, '/api/v1/accounts/1/terms?workflow_state[]=bogus&per_page=50'),
        EnrollmentTermsList,
      );
      expect(bogus.enrollment_terms.every((term) => term.workflow_state === 'active')).toBe(true);
      const fall = ok(
        await get(sb, '/api/v1/accounts/1/terms?term_name=FALL'),
        EnrollmentTermsList,
      ).enrollment_terms;
      expect(fall.length).toBeGreaterThan(0);
      expect(fall.every((term) => term.name.toLowerCase().includes('fall'))).toBe(true);
    });

    test('adds course counts, overrides and sub-account usage on request', async () => {
      const list = ok(
        await get(
          sb,
          `/api/v1/accounts/1/terms?include[]=course_count&include[]=overrides&subaccount_id=${DEPARTMENT}&per_page=50`,
        ),
        EnrollmentTermsList,
      ).enrollment_terms;
      for (const term of list) {
        expect(term.course_count).toBe(
          scalar(
            sb.db,
            `SELECT COUNT(*) FROM courses WHERE enrollment_term_id = ? AND workflow_state <> 'deleted'`,
            term.id,
          ),
        );
        expect(term.overrides).toEqual({});
        const used =
          scalar<number>(
            sb.db,
            `SELECT COUNT(*) FROM courses c JOIN accounts a ON a.id = c.account_id
             WHERE c.enrollment_term_id = ? AND a.path LIKE '/1/3/13/%' AND c.workflow_state <> 'deleted'`,
            term.id,
          ) > 0;
        expect({ term: term.name, used: term.used_in_subaccount }).toEqual({
          term: term.name,
          used: used || term.name === 'Default Term',
        });
      }
      expect(await get(sb, '/api/v1/accounts/1/terms?subaccount_id=999999')).toMatchObject({
        status: 404,
        body: NOT_FOUND,
      });
    });

    test('shows one term, with course count and overrides, by any term id form', async () => {
      const fall = ok(await get(sb, '/api/v1/accounts/1/terms/sis_term_id:FA26'), EnrollmentTerm);
      expect(fall).toMatchObject({ sis_term_id: 'FA26', overrides: {} });
      expect(typeof fall.course_count).toBe('number');
      const fallback = ok(await get(sb, '/api/v1/accounts/1/terms/default'), EnrollmentTerm);
      expect(fallback.name).toBe('Default Term');
      expect(await get(sb, '/api/v1/accounts/1/terms/424242')).toMatchObject({
        status: 404,
        body: NOT_FOUND,
      });
    });
  });

  describe('GET /accounts/:account_id/admins', () => {
    interface MembershipRecord {
      id: number;
      account_id: number;
      user_id: number;
      workflow_state: string;
    }
    const memberships = (accountId: number) =>
      sb.db
        .prepare('SELECT * FROM account_users WHERE account_id = ? ORDER BY id')
        .all(accountId) as MembershipRecord[];

    test("lists the account's own active memberships by id", async () => {
      const reply = await get(sb, '/api/v1/accounts/1/admins');
      const admins = ok(reply, z.array(Admin));
      expect(linkRels(reply)).toEqual(['current', 'first', 'last']);
      const expected = memberships(ROOT).filter((membership) => membership.workflow_state === 'active');
      expect(ids(admins)).toEqual(ids(expected));
      expect(admins[0]).toMatchObject({
        role: 'AccountAdmin',
        workflow_state: 'active',
        user: { id: sb.userId('admin') },
      });
      const college = ok(
        await get(sb, `/api/v1/accounts/${COLLEGE}/admins`, { as: 'subadmin' }),
        z.array(Admin),
      );
      expect(college.map((admin) => admin.user.id)).toEqual(
        memberships(COLLEGE).map((membership) => membership.user_id),
      );
    });

    test('includes deleted memberships on request', async () => {
      const withDeleted = scalar<number>(
        sb.db,
        `SELECT account_id FROM account_users WHERE workflow_state = 'deleted' LIMIT 1`,
      );
      const active = ok(await get(sb, `/api/v1/accounts/${withDeleted}/admins`), z.array(Admin));
      expect(active.every((admin) => admin.workflow_state === 'active')).toBe(true);
      const all = ok(
        await get(sb, `/api/v1/accounts/${withDeleted}/admins?include_deleted=true`),
        z.array(Admin),
      );
      expect(ids(all)).toEqual(ids(memberships(withDeleted)));
      expect(all.some((admin) => admin.workflow_state === 'deleted')).toBe(true);
    });

    test('filters by user_id[], dropping the filter when no id resolves, and by search term', async () => {
      const admin = sb.userId('admin');
      const sis = loginOf(sb.db, admin).sis_user_id;
      for (const query of [
        `user_id[]=${admin}`,
        `user_id[]=sis_user_id:${sis}`,
        `user_id[]=sis_user_id:${sis}&user_id[]=sis_user_id:nobody`,
      ]) {
        const admins = ok(await get(sb, `/api/v1/accounts/1/admins?${query}`), z.array(Admin));
        expect({ query, users: admins.map((entry) => entry.user.id) }).toEqual({ query, users: [admin] });
      }
      const unresolved = ok(
        await get(sb, '/api/v1/accounts/1/admins?user_id[]=sis_user_id:nobody'),
        z.array(Admin),
      );
      expect(unresolved.length).toBe(
        memberships(ROOT).filter((membership) => membership.workflow_state === 'active').length,
      );
      const lastName = userRecord(sb.db, admin).sortable_name.split(',')[0] ?? '';
      const found = ok(
        await get(sb, `/api/v1/accounts/1/admins?search_term=${encodeURIComponent(lastName)}`),
        z.array(Admin),
      );
      expect(found.map((entry) => entry.user.id)).toEqual([admin]);
      expect(await get(sb, '/api/v1/accounts/1/admins?search_term=x')).toMatchObject({ status: 400 });
    });

    test('passes include[] to the nested users and needs manage_account_memberships', async () => {
      const [first] = ok(await get(sb, '/api/v1/accounts/1/admins?include[]=email'), z.array(Admin));
      expect(first?.user.email).toBe(userRecord(sb.db, first?.user.id ?? 0).email);
      await expectRefused(sb, 'GET', '/api/v1/accounts/1/admins', ['subadmin', 'teacher', 'student']);
    });

    test('admins/self lists only the caller’s memberships on the account', async () => {
      const own = ok(await get(sb, '/api/v1/accounts/1/admins/self'), z.array(Admin));
      expect(own.map((admin) => admin.user.id)).toEqual([sb.userId('admin')]);
      const college = ok(
        await get(sb, `/api/v1/accounts/${COLLEGE}/admins/self`, { as: 'subadmin' }),
        z.array(Admin),
      );
      expect(college.map((admin) => admin.role)).toEqual(['AccountAdmin']);
      // The membership lives on the college, not on the department below it.
      expect(
        ok(await get(sb, `/api/v1/accounts/${DEPARTMENT}/admins/self`, { as: 'subadmin' }), z.array(Admin)),
      ).toEqual([]);
      await expectRefused(sb, 'GET', '/api/v1/accounts/1/admins/self', ['subadmin', 'teacher', 'student']);
    });
  });
});
