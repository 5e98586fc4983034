import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { CanvasApiError } from '../../src/api/errors.ts';
import { encodeParams } from '../../src/api/params.ts';
import {
  AccountCalendar,
  AccountCalendarsList,
  BulkCalendarUpdateResult,
  VisibleCalendarsCount,
} from '../../src/api/schemas/accountCalendar.ts';
import type { Db } from '../../src/server/sandbox/db/connection.ts';
import type { DemoUserKey } from '../../src/server/sandbox/demoUsers.ts';
import { type RunningSandbox, startSandbox } from '../helpers/sandboxServer.ts';
import {
  compareNoCase,
  getJson,
  linkOf,
  NOT_FOUND_BODY,
  readMetaId,
  UNAUTHENTICATED_BODY,
  UNAUTHORIZED_BODY,
} from './accounts-helpers.ts';

// ---------------------------------------------------------------------------------------------
// The tenant as plain rows, so that expectations never go through the materialized path

interface CalendarFacts {
  id: number;
  name: string;
  parent_account_id: number | null;
  workflow_state: 'active' | 'deleted';
  sis_account_id: string | null;
  calendar_visible: number;
  calendar_auto_subscribe: number;
  updated_at: string;
}

function loadCalendars(db: Db): CalendarFacts[] {
  return db
    .prepare(
      `SELECT id, name, parent_account_id, workflow_state, sis_account_id, calendar_visible,
         calendar_auto_subscribe, updated_at FROM accounts ORDER BY id`,
    )
    .all() as CalendarFacts[];
}

let sandbox: RunningSandbox;
let accounts: CalendarFacts[];
let collegeId: number;
let siblingCollegeId: number;
let deletedAccountId: number;

function account(id: number): CalendarFacts {
  const found = accounts.find((row) => row.id === id);
  if (!found) throw new Error(`No account ${id}`);
  return found;
}

function activeChildren(parentId: number): CalendarFacts[] {
  return accounts.filter((row) => row.parent_account_id === parentId && row.workflow_state === 'active');
}

/** The account and its ancestors, found by walking parent links. */
function chainOf(id: number): number[] {
  const chain: number[] = [];
  let cursor: CalendarFacts | undefined = account(id);
  while (cursor) {
    chain.push(cursor.id);
    cursor = cursor.parent_account_id === null ? undefined : account(cursor.parent_account_id);
  }
  return chain;
}

/** Active accounts at or below `rootId`, by walking parent links upwards. */
function activeSubtree(rootId: number): CalendarFacts[] {
  return accounts.filter((row) => row.workflow_state === 'active' && chainOf(row.id).includes(rootId));
}

const byNameThenId = (a: CalendarFacts, b: CalendarFacts) => compareNoCase(a.name, b.name) || a.id - b.id;

function setCalendar(id: number, visible: boolean, autoSubscribe = false): void {
  sandbox.db
    .prepare('UPDATE accounts SET calendar_visible = ?, calendar_auto_subscribe = ? WHERE id = ?')
    .run(visible ? 1 : 0, autoSubscribe ? 1 : 0, id);
  accounts = loadCalendars(sandbox.db);
}

/** Every test starts from the generated tenant: calendar edits are rolled back after each one. */
let saved: CalendarFacts[] = [];
beforeEach(() => {
  saved = loadCalendars(sandbox.db);
  accounts = saved;
});
afterEach(() => {
  const restore = sandbox.db.prepare(
    'UPDATE accounts SET calendar_visible = ?, calendar_auto_subscribe = ?, updated_at = ? WHERE id = ?',
  );
  sandbox.db.transaction(() => {
    for (const row of saved)
      restore.run(row.calendar_visible, row.calendar_auto_subscribe, row.updated_at, row.id);
  })();
  accounts = saved;
});

// ---------------------------------------------------------------------------------------------
// Requests

type Caller = DemoUserKey | null;

interface Reply {
  status: number;
  body: unknown;
  headers: Headers;
}

interface SendOptions {
  as?: Caller;
  /** Sent as JSON, top-level arrays included. */
  json?: unknown;
  /** Sent as `application/x-www-form-urlencoded`, exactly as given. */
  form?: string;
}

async function send(method: 'GET' | 'PUT', path: string, options: SendOptions = {}): Promise<Reply> {
  const { as = 'admin', json, form } = options;
  const headers = new Headers();
  let body: string | undefined;
  if (json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(json);
  } else if (form !== undefined) {
    headers.set('Content-Type', 'application/x-www-form-urlencoded');
    body = form;
  }
  const response = await sandbox.request(path, { method, as, headers, body });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as unknown) : null,
    headers: response.headers,
  };
}

function ok<S extends z.ZodType>(reply: Reply, schema: S): z.output<S> {
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return schema.parse(reply.body);
}

/** A failure, checked against Canvas's body and read back through the client's error parser. */
function expectError(reply: Reply, status: number, body: unknown): CanvasApiError {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body).toEqual(body);
  return CanvasApiError.fromResponse(reply.status, reply.body, reply.headers);
}

function expectForbidden(reply: Reply): void {
  expect(expectError(reply, 403, UNAUTHORIZED_BODY).kind).toBe('unauthorized');
}

function expectUnauthenticated(reply: Reply): void {
  expect(expectError(reply, 401, UNAUTHENTICATED_BODY).kind).toBe('unauthenticated');
  expect(reply.headers.get('www-authenticate')).toBe('Bearer realm="canvas-lms"');
}

const SEARCH_TOO_SHORT = {
  errors: [{ field: 'search_term', code: 'invalid', message: '2 or more characters is required' }],
};
const BAD_FILTER = { errors: 'Expected filter param to be one of: visible, hidden' };

function expectBulkError(reply: Reply, message: string): void {
  const error = expectError(reply, 400, { errors: message });
  expect(error.kind).toBe('bad_request');
  expect(error.messages).toEqual([message]);
}

/** Follows `rel="next"` from `path`, checking that every page names its last page. */
async function walk<T>(
  path: string,
  schema: z.ZodType<T>,
  as: Caller = 'admin',
): Promise<{ items: T[]; pages: number; lastLinks: string[] }> {
  const items: T[] = [];
  const lastLinks: string[] = [];
  let next: string | undefined = path;
  let pages = 0;
  while (next) {
    const { data, response } = await getJson(sandbox, next, schema, as);
    items.push(data);
    pages += 1;
    const link = response.headers.get('link');
    const last = linkOf(link, 'last');
    expect(last, `${next} has no rel="last"`).toBeDefined();
    lastLinks.push(last ?? '');
    next = linkOf(link, 'next');
    expect(pages).toBeLessThan(200);
  }
  return { items, pages, lastLinks };
}

// ---------------------------------------------------------------------------------------------
// Users and their account associations

interface UserLinks {
  courseAccounts: number[];
  loginAccounts: number[];
  adminAccounts: number[];
}

function userLinks(userId: number): UserLinks {
  const ids = (sql: string) => (sandbox.db.prepare(sql).all(userId) as { id: number }[]).map((row) => row.id);
  return {
    courseAccounts: ids(
      `SELECT DISTINCT c.account_id AS id FROM enrollments e JOIN courses c ON c.id = e.course_id
       WHERE e.user_id = ? AND e.workflow_state NOT IN ('deleted', 'rejected')`,
    ),
    loginAccounts: ids(
      `SELECT account_id AS id FROM pseudonyms WHERE user_id = ? AND workflow_state <> 'deleted'`,
    ),
    adminAccounts: ids(
      `SELECT account_id AS id FROM account_users WHERE user_id = ? AND workflow_state = 'active'`,
    ),
  };
}

/** `User#all_account_calendars`, computed from parent links: what `GET /account_calendars` must list. */
function expectedAvailable(key: DemoUserKey): CalendarFacts[] {
  const links = userLinks(sandbox.userId(key));
  const reachable = new Set<number>();
  for (const id of [...links.courseAccounts, ...links.loginAccounts, ...links.adminAccounts]) {
    for (const ancestor of chainOf(id)) reachable.add(ancestor);
  }
  for (const adminId of links.adminAccounts) {
    const admin = account(adminId);
    if (admin.workflow_state !== 'active' || admin.calendar_visible !== 1) continue;
    for (const row of activeSubtree(adminId)) reachable.add(row.id);
  }
  return accounts
    .filter((row) => reachable.has(row.id) && row.workflow_state === 'active' && row.calendar_visible === 1)
    .sort(byNameThenId);
}

const ids = (rows: { id: number }[]) => rows.map((row) => row.id);

beforeAll(async () => {
  sandbox = await startSandbox();
  accounts = loadCalendars(sandbox.db);
  collegeId = readMetaId(sandbox.db, 'demo_subadmin_account');
  const manualId = readMetaId(sandbox.db, 'manually_created_courses_account');
  const sibling = activeChildren(1).find((row) => row.id !== collegeId && row.id !== manualId);
  const deleted = accounts.find((row) => row.workflow_state === 'deleted');
  if (!sibling || !deleted) throw new Error('The demo tree lacks a second college or a deleted account');
  siblingCollegeId = sibling.id;
  deletedAccountId = deleted.id;
  expect(activeChildren(collegeId).length).toBeGreaterThan(1);
});

afterAll(async () => {
  await sandbox.close();
});

// ---------------------------------------------------------------------------------------------

describe('GET /api/v1/account_calendars', () => {
  it('lists the visible calendars of the accounts a student is associated with, by name, counted', async () => {
    const expected = expectedAvailable('student');
    expect(expected.length).toBeGreaterThan(0);
    const reply = await send('GET', '/api/v1/account_calendars?per_page=100', { as: 'student' });
    const list = ok(reply, AccountCalendarsList);
    expect(ids(list.account_calendars)).toEqual(ids(expected));
    expect(list.total_results).toBe(expected.length);
    expect(list.account_calendars.every((calendar) => calendar.visible)).toBe(true);
    expect(reply.body).not.toHaveProperty('account_calendars.0.sub_account_count');
    expect(linkOf(reply.headers.get('link'), 'last')).toContain('page=1&per_page=100');
  });

  it('leaves out hidden calendars, and the root account when it is hidden', async () => {
    const [first] = expectedAvailable('teacher');
    if (!first) throw new Error('The demo teacher sees no calendar');
    setCalendar(first.id, false);
    setCalendar(1, false);
    const list = ok(
      await send('GET', '/api/v1/account_calendars?per_page=100', { as: 'teacher' }),
      AccountCalendarsList,
    );
    expect(ids(list.account_calendars)).toEqual(ids(expectedAvailable('teacher')));
    expect(ids(list.account_calendars)).not.toContain(first.id);
    expect(ids(list.account_calendars)).not.toContain(1);
  });

  it('walks down only from administered accounts whose own calendar is visible', async () => {
    setCalendar(1, true);
    const everything = accounts.filter(
      (row) => row.workflow_state === 'active' && row.calendar_visible === 1,
    );
    const admin = ok(
      await send('GET', '/api/v1/account_calendars?per_page=1', { as: 'admin' }),
      AccountCalendarsList,
    );
    expect(admin.total_results).toBe(everything.length);
    expect(admin.total_results).toBe(expectedAvailable('admin').length);

    setCalendar(1, false);
    // The admin's only association is the root: hiding it hides everything below from their list.
    expect(expectedAvailable('admin')).toEqual([]);
    const hiddenRoot = ok(
      await send('GET', '/api/v1/account_calendars', { as: 'admin' }),
      AccountCalendarsList,
    );
    expect(hiddenRoot).toEqual({ account_calendars: [], total_results: 0 });

    setCalendar(collegeId, true);
    const subadmin = await walk('/api/v1/account_calendars?per_page=7', AccountCalendarsList, 'subadmin');
    const listed = subadmin.items.flatMap((page) => ids(page.account_calendars));
    expect(listed).toEqual(ids(expectedAvailable('subadmin')));
    expect(listed).toContain(collegeId);
    expect(listed.every((id) => chainOf(id).includes(collegeId))).toBe(true);
  });

  it('pages with a total on every page and rel="last"', async () => {
    setCalendar(1, true);
    const expected = expectedAvailable('admin');
    const walked = await walk('/api/v1/account_calendars?per_page=40', AccountCalendarsList);
    expect(walked.items.flatMap((page) => ids(page.account_calendars))).toEqual(ids(expected));
    expect(walked.items.every((page) => page.total_results === expected.length)).toBe(true);
    expect(walked.pages).toBe(Math.ceil(expected.length / 40));
    expect(walked.lastLinks.every((link) => link.endsWith(`page=${walked.pages}&per_page=40`))).toBe(true);
  });

  it('searches names case-insensitively, ignores a blank term and refuses a one-character one', async () => {
    setCalendar(1, true);
    const all = expectedAvailable('admin');
    const sample = all.find((row) => row.name.length > 6);
    if (!sample) throw new Error('No long calendar name to search for');
    const term = sample.name.slice(2, 6).toUpperCase();
    const matches = all.filter((row) => row.name.toLowerCase().includes(term.toLowerCase()));
    const found = ok(
      await send('GET', `/api/v1/account_calendars?per_page=100&search_term=${encodeURIComponent(term)}`),
      AccountCalendarsList,
    );
    expect(ids(found.account_calendars)).toEqual(ids(matches).slice(0, 100));
    expect(found.total_results).toBe(matches.length);

    for (const blank of ['', '%20%20']) {
      const reply = ok(
        await send('GET', `/api/v1/account_calendars?search_term=${blank}`),
        AccountCalendarsList,
      );
      expect(reply.total_results).toBe(all.length);
    }
    for (const bad of ['search_term=a', 'search_term=%C3%A9', 'search_term[]=ab']) {
      expect(
        expectError(await send('GET', `/api/v1/account_calendars?${bad}`), 400, SEARCH_TOO_SHORT).kind,
      ).toBe('bad_request');
    }
    const wildcard = ok(
      await send('GET', '/api/v1/account_calendars?search_term=%25%25'),
      AccountCalendarsList,
    );
    expect(wildcard.total_results).toBe(all.filter((row) => row.name.includes('%%')).length);
  });

  it('needs a login', async () => {
    expectUnauthenticated(await send('GET', '/api/v1/account_calendars', { as: null }));
  });
});

describe('GET /api/v1/account_calendars/:account_id', () => {
  it("renders Canvas's AccountCalendar without sub_account_count", async () => {
    setCalendar(collegeId, true, true);
    const college = account(collegeId);
    const reply = await send('GET', `/api/v1/account_calendars/${collegeId}`);
    expect(reply.body).toEqual({
      id: collegeId,
      name: college.name,
      parent_account_id: 1,
      root_account_id: 1,
      visible: true,
      auto_subscribe: true,
      asset_string: `account_${collegeId}`,
      type: 'account',
      calendar_event_url: `/accounts/${collegeId}/calendar_events/%7B%7B%20id%20%7D%7D`,
      can_create_calendar_events: true,
      create_calendar_event_url: `/accounts/${collegeId}/calendar_events`,
      new_calendar_event_url: `/accounts/${collegeId}/calendar_events/new`,
    });
    expect(ok(reply, AccountCalendar).id).toBe(collegeId);

    const root = ok(await send('GET', '/api/v1/account_calendars/1'), AccountCalendar);
    expect(root).toMatchObject({ id: 1, parent_account_id: null, root_account_id: null });
  });

  it('shows hidden calendars only to those who may manage visibility', async () => {
    setCalendar(collegeId, false);
    setCalendar(siblingCollegeId, false);
    expect(ok(await send('GET', `/api/v1/account_calendars/${collegeId}`), AccountCalendar).visible).toBe(
      false,
    );
    expect(
      ok(await send('GET', `/api/v1/account_calendars/${collegeId}`, { as: 'subadmin' }), AccountCalendar).id,
    ).toBe(collegeId);
    expectForbidden(await send('GET', `/api/v1/account_calendars/${siblingCollegeId}`, { as: 'subadmin' }));
    expectForbidden(await send('GET', `/api/v1/account_calendars/${collegeId}`, { as: 'student' }));
    expectForbidden(await send('GET', `/api/v1/account_calendars/${collegeId}`, { as: 'teacher' }));
  });

  it('shows visible calendars to associated users only', async () => {
    setCalendar(collegeId, true);
    setCalendar(siblingCollegeId, true);
    setCalendar(1, true);
    const student = ok(
      await send('GET', `/api/v1/account_calendars/${collegeId}`, { as: 'student' }),
      AccountCalendar,
    );
    expect(student.can_create_calendar_events).toBe(false);
    expect(ok(await send('GET', '/api/v1/account_calendars/1', { as: 'teacher' }), AccountCalendar).id).toBe(
      1,
    );
    const rootForSubadmin = ok(
      await send('GET', '/api/v1/account_calendars/1', { as: 'subadmin' }),
      AccountCalendar,
    );
    expect(rootForSubadmin).toMatchObject({ id: 1, can_create_calendar_events: false });
    const collegeForSubadmin = await send('GET', `/api/v1/account_calendars/${collegeId}`, {
      as: 'subadmin',
    });
    expect(ok(collegeForSubadmin, AccountCalendar).can_create_calendar_events).toBe(true);
    expectForbidden(await send('GET', `/api/v1/account_calendars/${siblingCollegeId}`, { as: 'student' }));
    expectForbidden(await send('GET', `/api/v1/account_calendars/${siblingCollegeId}`, { as: 'subadmin' }));
  });

  it('resolves every id form, and answers 404 for unknown and deleted accounts, 401 before anything', async () => {
    const department = activeSubtree(collegeId).find((row) => row.sis_account_id !== null);
    if (!department) throw new Error('No account with an SIS id in the demo college');
    const bySis = await send('GET', `/api/v1/account_calendars/sis_account_id:${department.sis_account_id}`);
    expect(ok(bySis, AccountCalendar).id).toBe(department.id);
    expect(ok(await send('GET', '/api/v1/account_calendars/self'), AccountCalendar).id).toBe(1);
    expectError(await send('GET', '/api/v1/account_calendars/987654'), 404, NOT_FOUND_BODY);
    expectError(await send('GET', `/api/v1/account_calendars/${deletedAccountId}`), 404, NOT_FOUND_BODY);
    expectUnauthenticated(await send('GET', '/api/v1/account_calendars/987654', { as: null }));
  });
});

describe('PUT /api/v1/account_calendars/:account_id', () => {
  it('sets visible and auto_subscribe from form fields, accepting auto-subscribe on a hidden calendar', async () => {
    setCalendar(collegeId, true, false);
    const before = account(collegeId).updated_at;
    const reply = await send('PUT', `/api/v1/account_calendars/${collegeId}`, {
      form: 'visible=false&auto_subscribe=true',
    });
    const calendar = ok(reply, AccountCalendar);
    expect(calendar).toMatchObject({ id: collegeId, visible: false, auto_subscribe: true });
    accounts = loadCalendars(sandbox.db);
    expect(account(collegeId)).toMatchObject({ calendar_visible: 0, calendar_auto_subscribe: 1 });
    expect(account(collegeId).updated_at >= before).toBe(true);
  });

  it('applies only the keys sent, reads booleans as Canvas does, and saves nothing when nothing changes', async () => {
    setCalendar(collegeId, false, true);
    sandbox.db.prepare(`UPDATE accounts SET updated_at = '2020-01-01T00:00:00Z' WHERE id = ?`).run(collegeId);
    const untouched = ok(
      await send('PUT', `/api/v1/account_calendars/${collegeId}`, { json: {} }),
      AccountCalendar,
    );
    expect(untouched).toMatchObject({ visible: false, auto_subscribe: true });
    const noChange = ok(
      await send('PUT', `/api/v1/account_calendars/${collegeId}`, { json: { visible: false } }),
      AccountCalendar,
    );
    expect(noChange).toMatchObject({ visible: false, auto_subscribe: true });
    accounts = loadCalendars(sandbox.db);
    expect(account(collegeId).updated_at).toBe('2020-01-01T00:00:00Z');

    const shown = ok(
      await send('PUT', `/api/v1/account_calendars/${collegeId}`, { form: 'visible=1' }),
      AccountCalendar,
    );
    expect(shown).toMatchObject({ visible: true, auto_subscribe: true });
    const emptyMeansFalse = ok(
      await send('PUT', `/api/v1/account_calendars/${collegeId}`, { form: 'auto_subscribe=' }),
      AccountCalendar,
    );
    expect(emptyMeansFalse).toMatchObject({ visible: true, auto_subscribe: false });
    const json = ok(
      await send('PUT', `/api/v1/account_calendars/${collegeId}`, {
        json: { visible: 'off', auto_subscribe: 'YES' },
      }),
      AccountCalendar,
    );
    expect(json).toMatchObject({ visible: false, auto_subscribe: true });
    accounts = loadCalendars(sandbox.db);
    expect(account(collegeId)).toMatchObject({ calendar_visible: 0, calendar_auto_subscribe: 1 });
    expect(account(collegeId).updated_at).not.toBe('2020-01-01T00:00:00Z');
  });

  it('lets the sub-admin manage only their own subtree', async () => {
    const department = activeChildren(collegeId)[0];
    if (!department) throw new Error('The demo college has no department');
    setCalendar(department.id, false);
    const reply = await send('PUT', `/api/v1/account_calendars/${department.id}`, {
      as: 'subadmin',
      json: { visible: true },
    });
    expect(ok(reply, AccountCalendar).visible).toBe(true);
    for (const target of [1, siblingCollegeId]) {
      expectForbidden(
        await send('PUT', `/api/v1/account_calendars/${target}`, { as: 'subadmin', json: { visible: true } }),
      );
    }
    for (const as of ['teacher', 'student'] as const) {
      expectForbidden(
        await send('PUT', `/api/v1/account_calendars/${collegeId}`, { as, json: { visible: true } }),
      );
    }
    expectUnauthenticated(
      await send('PUT', `/api/v1/account_calendars/${collegeId}`, { as: null, json: { visible: true } }),
    );
    expectError(
      await send('PUT', `/api/v1/account_calendars/${deletedAccountId}`, { json: { visible: true } }),
      404,
      NOT_FOUND_BODY,
    );
    accounts = loadCalendars(sandbox.db);
    expect(account(1).calendar_visible).toBe(saved.find((row) => row.id === 1)?.calendar_visible);
  });
});

describe('PUT /api/v1/accounts/:account_id/account_calendars', () => {
  function snapshot(): string {
    return JSON.stringify(
      loadCalendars(sandbox.db).map((row) => [
        row.id,
        row.calendar_visible,
        row.calendar_auto_subscribe,
        row.updated_at,
      ]),
    );
  }

  it('updates many calendars from a JSON array, touching only the keys given', async () => {
    const [first, second] = activeChildren(collegeId);
    if (!first || !second) throw new Error('The demo college needs two departments');
    setCalendar(collegeId, true, true);
    setCalendar(first.id, false, true);
    setCalendar(second.id, true, false);
    const before = { college: account(collegeId).updated_at };
    const reply = await send('PUT', '/api/v1/accounts/1/account_calendars', {
      json: [
        { id: collegeId, visible: false },
        { id: first.id, visible: true, auto_subscribe: false, name: 'ignored' },
        { id: String(second.id), auto_subscribe: 'true', visible: null },
      ],
    });
    expect(ok(reply, BulkCalendarUpdateResult)).toEqual({ message: 'Updated 3 accounts' });
    accounts = loadCalendars(sandbox.db);
    expect(account(collegeId)).toMatchObject({ calendar_visible: 0, calendar_auto_subscribe: 1 });
    expect(account(first.id)).toMatchObject({
      calendar_visible: 1,
      calendar_auto_subscribe: 0,
      name: first.name,
    });
    expect(account(second.id)).toMatchObject({ calendar_visible: 1, calendar_auto_subscribe: 1 });
    // `update_all` runs no callbacks: the rows keep their timestamps.
    expect(account(collegeId).updated_at).toBe(before.college);
  });

  it('works through the typed client and says "1 account" in the singular', async () => {
    setCalendar(collegeId, false);
    const result = await sandbox
      .client('subadmin')
      .request(`/api/v1/accounts/${collegeId}/account_calendars`, {
        method: 'PUT',
        body: [{ id: collegeId, visible: true }],
        schema: BulkCalendarUpdateResult,
      });
    expect(result).toEqual({ message: 'Updated 1 account' });
    accounts = loadCalendars(sandbox.db);
    expect(account(collegeId).calendar_visible).toBe(1);
  });

  it("takes Rack's form encoding of the array, _json[][id]=..", async () => {
    const departments = activeChildren(collegeId).slice(0, 3);
    for (const department of departments) setCalendar(department.id, false, false);
    const entries = departments.map((department, index) => ({
      id: department.id,
      visible: index === 1 ? 'false' : 'true',
      auto_subscribe: index === 2 ? '1' : undefined,
    }));
    const form = encodeParams({ _json: entries });
    expect(form).toContain('_json[][id]=');
    const reply = await send('PUT', `/api/v1/accounts/${collegeId}/account_calendars`, {
      as: 'subadmin',
      form,
    });
    expect(ok(reply, BulkCalendarUpdateResult).message).toBe('Updated 3 accounts');
    accounts = loadCalendars(sandbox.db);
    expect(departments.map((department) => account(department.id).calendar_visible)).toEqual([1, 0, 1]);
    expect(departments.map((department) => account(department.id).calendar_auto_subscribe)).toEqual([
      0, 0, 1,
    ]);
  });

  it("answers malformed bodies with Canvas's bare-string errors and writes nothing", async () => {
    const before = snapshot();
    const path = '/api/v1/accounts/1/account_calendars';
    const expectArray = 'Expected array of objects';
    expectBulkError(await send('PUT', path), expectArray);
    expectBulkError(await send('PUT', path, { json: [] }), expectArray);
    expectBulkError(await send('PUT', path, { json: { id: collegeId, visible: true } }), expectArray);
    expectBulkError(await send('PUT', path, { json: [collegeId, 1] }), expectArray);
    expectBulkError(await send('PUT', path, { form: `id=${collegeId}&visible=true` }), expectArray);
    expectBulkError(await send('PUT', path, { form: `_json[0][id]=${collegeId}` }), expectArray);
    expectBulkError(await send('PUT', path, { json: [{}] }), 'Missing key(s)');
    expectBulkError(
      await send('PUT', path, { json: [{ id: collegeId, visible: true }, { visible: false }] }),
      'Missing key(s)',
    );
    expectBulkError(
      await send('PUT', path, { json: [{ id: [collegeId], visible: true }] }),
      'Missing key(s)',
    );
    expectBulkError(
      await send('PUT', path, {
        json: [
          { id: collegeId, visible: true },
          { id: collegeId, visible: false },
        ],
      }),
      'Duplicate IDs',
    );
    expectBulkError(
      await send('PUT', path, { form: `_json[][id]=${collegeId}&_json[][id]=1&_json[][id]=${collegeId}` }),
      'Duplicate IDs',
    );
    expect(snapshot()).toBe(before);
  });

  it('counts 1 and "1" as different ids, as Canvas compares them as sent', async () => {
    setCalendar(collegeId, true);
    const reply = await send('PUT', '/api/v1/accounts/1/account_calendars', {
      json: [
        { id: String(collegeId), visible: false },
        { id: collegeId, visible: true },
      ],
    });
    expect(ok(reply, BulkCalendarUpdateResult).message).toBe('Updated 1 account');
    accounts = loadCalendars(sandbox.db);
    // Canvas applies every "hide" after every "show".
    expect(account(collegeId).calendar_visible).toBe(0);
  });

  it('refuses ids outside the subtree, deleted or unknown, with one bad entry among many changing nothing', async () => {
    const before = snapshot();
    const college = activeSubtree(collegeId);
    expect(college.length).toBeGreaterThan(10);
    const valid = college.map((row) => ({
      id: row.id,
      visible: row.calendar_visible === 0,
      auto_subscribe: true,
    }));
    const path = `/api/v1/accounts/${collegeId}/account_calendars`;
    const middle = Math.floor(valid.length / 2);
    for (const outsider of [1, siblingCollegeId, deletedAccountId, 987654, 'abc', null]) {
      const entries = [...valid.slice(0, middle), { id: outsider, visible: true }, ...valid.slice(middle)];
      expectForbidden(await send('PUT', path, { as: 'subadmin', json: entries }));
    }
    // The root reaches every active account, but not deleted or unknown ones.
    for (const outsider of [deletedAccountId, 987654, 'abc', null]) {
      const entries = [...valid, { id: outsider, visible: true }];
      expectForbidden(await send('PUT', '/api/v1/accounts/1/account_calendars', { json: entries }));
    }
    expect(snapshot()).toBe(before);
  });

  it('checks the permission before the body, and per demo user', async () => {
    const path = '/api/v1/accounts/1/account_calendars';
    expectForbidden(await send('PUT', path, { as: 'subadmin', json: [] }));
    expectForbidden(await send('PUT', path, { as: 'subadmin', json: [{ id: collegeId, visible: true }] }));
    expectForbidden(
      await send('PUT', `/api/v1/accounts/${siblingCollegeId}/account_calendars`, {
        as: 'subadmin',
        json: [{ id: siblingCollegeId }],
      }),
    );
    for (const as of ['teacher', 'student'] as const) {
      expectForbidden(
        await send('PUT', `/api/v1/accounts/${collegeId}/account_calendars`, {
          as,
          json: [{ id: collegeId }],
        }),
      );
    }
    expectUnauthenticated(await send('PUT', path, { as: null, json: [{ id: collegeId }] }));
    expectError(
      await send('PUT', '/api/v1/accounts/987654/account_calendars', { json: [{ id: collegeId }] }),
      404,
      NOT_FOUND_BODY,
    );
  });

  it('fails like Canvas (a 500, nothing written) on a boolean id, which Ruby cannot to_i', async () => {
    const before = snapshot();
    const reply = await send('PUT', '/api/v1/accounts/1/account_calendars', {
      json: [
        { id: collegeId, visible: true },
        { id: true, visible: true },
      ],
    });
    expect(reply.status).toBe(500);
    expect(reply.body).toMatchObject({
      errors: [{ message: 'An error occurred.', error_code: 'internal_server_error' }],
    });
    expect(snapshot()).toBe(before);
  });
});

describe('GET /api/v1/accounts/:account_id/account_calendars', () => {
  it('lists the account first, then its direct sub-accounts by name, hidden ones included', async () => {
    const children = activeChildren(1).sort(byNameThenId);
    setCalendar(children[0]?.id ?? 1, false);
    const walked = await walk('/api/v1/accounts/1/account_calendars?per_page=7', z.array(AccountCalendar));
    const listed = walked.items.flat();
    expect(ids(listed)).toEqual([1, ...ids(children)]);
    expect(listed.some((calendar) => !calendar.visible)).toBe(true);
    for (const calendar of listed) {
      expect(calendar.sub_account_count).toBe(activeChildren(calendar.id).length);
      expect(calendar.visible).toBe(account(calendar.id).calendar_visible === 1);
      expect(calendar.auto_subscribe).toBe(account(calendar.id).calendar_auto_subscribe === 1);
    }
    expect(walked.pages).toBe(Math.ceil((children.length + 1) / 7));

    const college = ok(
      await send('GET', `/api/v1/accounts/${collegeId}/account_calendars?per_page=100`, { as: 'subadmin' }),
      z.array(AccountCalendar),
    );
    expect(ids(college)).toEqual([collegeId, ...ids(activeChildren(collegeId).sort(byNameThenId))]);
  });

  it('reaches the whole subtree with a filter or a search, the account sorted in by name', async () => {
    const subtree = activeSubtree(collegeId).sort(byNameThenId);
    expect(subtree.some((row) => row.parent_account_id !== collegeId && row.id !== collegeId)).toBe(true);
    const path = `/api/v1/accounts/${collegeId}/account_calendars?per_page=100`;
    const visible = ok(
      await send('GET', `${path}&filter=visible`, { as: 'subadmin' }),
      z.array(AccountCalendar),
    );
    const hidden = ok(
      await send('GET', `${path}&filter=hidden`, { as: 'subadmin' }),
      z.array(AccountCalendar),
    );
    expect(ids(visible)).toEqual(ids(subtree.filter((row) => row.calendar_visible === 1)));
    expect(ids(hidden)).toEqual(ids(subtree.filter((row) => row.calendar_visible === 0)));
    expect(visible.length + hidden.length).toBe(subtree.length);

    const sample = subtree.find((row) => row.id !== collegeId && row.name.length > 5);
    if (!sample) throw new Error('No named account to search for');
    const term = sample.name.slice(1, 5).toLowerCase();
    const matching = subtree.filter((row) => row.name.toLowerCase().includes(term));
    const searched = ok(
      await send('GET', `${path}&search_term=${encodeURIComponent(term)}`, { as: 'subadmin' }),
      z.array(AccountCalendar),
    );
    expect(ids(searched)).toEqual(ids(matching));
    const both = ok(
      await send('GET', `${path}&search_term=${encodeURIComponent(term)}&filter=hidden`, { as: 'subadmin' }),
      z.array(AccountCalendar),
    );
    expect(ids(both)).toEqual(ids(matching.filter((row) => row.calendar_visible === 0)));
  });

  it('loads the whole tree through the typed client, pages fetched concurrently', async () => {
    const subtree = activeSubtree(1).sort(byNameThenId);
    const [visible, hidden] = await Promise.all(
      (['visible', 'hidden'] as const).map((filter) =>
        sandbox.client('admin').paginate('/api/v1/accounts/1/account_calendars', {
          schema: AccountCalendar,
          params: { filter },
          perPage: 100,
        }),
      ),
    );
    expect([...(visible ?? []), ...(hidden ?? [])].length).toBe(subtree.length);
    expect(ids(visible ?? [])).toEqual(ids(subtree.filter((row) => row.calendar_visible === 1)));
  });

  it("refuses a bad filter and a short search term with Canvas's bodies, the filter first", async () => {
    const path = '/api/v1/accounts/1/account_calendars';
    expectBulkError(await send('GET', `${path}?filter=rando`), BAD_FILTER.errors);
    expectBulkError(await send('GET', `${path}?filter=Visible`), BAD_FILTER.errors);
    expectBulkError(await send('GET', `${path}?filter=rando&search_term=a`), BAD_FILTER.errors);
    expectError(await send('GET', `${path}?search_term=a`), 400, SEARCH_TOO_SHORT);
    expectError(await send('GET', `${path}?search_term=a&filter=visible`), 400, SEARCH_TOO_SHORT);
    const blank = ok(
      await send('GET', `${path}?per_page=100&filter=&search_term=%20`),
      z.array(AccountCalendar),
    );
    expect(ids(blank)).toEqual([1, ...ids(activeChildren(1).sort(byNameThenId))]);
  });

  it('needs manage_account_calendar_visibility on the account', async () => {
    expectForbidden(await send('GET', '/api/v1/accounts/1/account_calendars', { as: 'subadmin' }));
    expectForbidden(
      await send('GET', `/api/v1/accounts/${siblingCollegeId}/account_calendars`, { as: 'subadmin' }),
    );
    expectForbidden(
      await send('GET', '/api/v1/accounts/1/account_calendars?filter=rando', { as: 'subadmin' }),
    );
    for (const as of ['teacher', 'student'] as const) {
      expectForbidden(await send('GET', `/api/v1/accounts/${collegeId}/account_calendars`, { as }));
    }
    expectUnauthenticated(await send('GET', `/api/v1/accounts/${collegeId}/account_calendars`, { as: null }));
    expectError(
      await send('GET', `/api/v1/accounts/${deletedAccountId}/account_calendars`),
      404,
      NOT_FOUND_BODY,
    );
  });
});

describe('GET /api/v1/accounts/:account_id/visible_calendars_count', () => {
  it('counts visible active calendars in the whole subtree and follows updates', async () => {
    const visibleIn = (rootId: number) =>
      activeSubtree(rootId).filter((row) => row.calendar_visible === 1).length;
    const root = ok(await send('GET', '/api/v1/accounts/1/visible_calendars_count'), VisibleCalendarsCount);
    expect(root).toEqual({ count: visibleIn(1) });
    const college = await send('GET', `/api/v1/accounts/${collegeId}/visible_calendars_count`, {
      as: 'subadmin',
    });
    expect(ok(college, VisibleCalendarsCount)).toEqual({ count: visibleIn(collegeId) });

    const hidden = activeSubtree(collegeId).filter((row) => row.calendar_visible === 0);
    const updated = await send('PUT', `/api/v1/accounts/${collegeId}/account_calendars`, {
      as: 'subadmin',
      json: hidden.map((row) => ({ id: row.id, visible: true })),
    });
    ok(updated, BulkCalendarUpdateResult);
    const after = ok(
      await send('GET', `/api/v1/accounts/${collegeId}/visible_calendars_count`, { as: 'subadmin' }),
      VisibleCalendarsCount,
    );
    expect(after.count).toBe(activeSubtree(collegeId).length);
  });

  it('needs manage_account_calendar_visibility on the account', async () => {
    expectForbidden(await send('GET', '/api/v1/accounts/1/visible_calendars_count', { as: 'subadmin' }));
    for (const as of ['teacher', 'student'] as const) {
      expectForbidden(await send('GET', `/api/v1/accounts/${collegeId}/visible_calendars_count`, { as }));
    }
    expectUnauthenticated(await send('GET', '/api/v1/accounts/1/visible_calendars_count', { as: null }));
  });
});

describe('bulk update of 10,000 calendars', () => {
  const EXTRA = 10_000;
  const BULK_COLLEGE_ID = 800_000;
  let extraIds: number[] = [];

  beforeAll(() => {
    // One prepared statement in one transaction: a college with 10,000 departments below it.
    const now = '2026-01-01T00:00:00Z';
    const insert = sandbox.db.prepare(
      `INSERT INTO accounts (id, name, uuid, parent_account_id, root_account_id, path, depth, lti_guid, created_at, updated_at)
       VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
    );
    extraIds = Array.from({ length: EXTRA }, (_, index) => BULK_COLLEGE_ID + 1 + index);
    sandbox.db.transaction(() => {
      insert.run(
        BULK_COLLEGE_ID,
        'Bulk College',
        'uuid-bulk',
        1,
        `/1/${BULK_COLLEGE_ID}/`,
        1,
        'guid-bulk',
        now,
        now,
      );
      for (const id of extraIds) {
        insert.run(
          id,
          `Bulk Unit ${id}`,
          `uuid-${id}`,
          BULK_COLLEGE_ID,
          `/1/${BULK_COLLEGE_ID}/${id}/`,
          2,
          `guid-${id}`,
          now,
          now,
        );
      }
    })();
    expect(
      (sandbox.db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n,
    ).toBeGreaterThan(EXTRA);
  });

  afterAll(() => {
    sandbox.db
      .prepare('DELETE FROM accounts WHERE id >= ? AND id <= ?')
      .run(BULK_COLLEGE_ID, BULK_COLLEGE_ID + EXTRA);
  });

  const bulkState = () =>
    sandbox.db
      .prepare(
        `SELECT SUM(calendar_visible) AS visible, SUM(calendar_auto_subscribe) AS auto FROM accounts
         WHERE id > ? AND id <= ?`,
      )
      .get(BULK_COLLEGE_ID, BULK_COLLEGE_ID + EXTRA) as { visible: number; auto: number };

  it('writes 10,000 entries from one JSON request in well under a few seconds', async () => {
    const entries = extraIds.map((id, index) => ({ id, visible: true, auto_subscribe: index % 2 === 0 }));
    const started = performance.now();
    const reply = await send('PUT', '/api/v1/accounts/1/account_calendars', { json: entries });
    const elapsed = performance.now() - started;
    expect(ok(reply, BulkCalendarUpdateResult)).toEqual({ message: `Updated ${EXTRA} accounts` });
    expect(bulkState()).toEqual({ visible: EXTRA, auto: EXTRA / 2 });
    expect(elapsed).toBeLessThan(2_000);
    console.info(`bulk update of ${EXTRA} calendars (JSON): ${elapsed.toFixed(0)} ms`);

    const count = ok(
      await send('GET', `/api/v1/accounts/${BULK_COLLEGE_ID}/visible_calendars_count`),
      VisibleCalendarsCount,
    );
    expect(count.count).toBe(EXTRA);
  });

  it('writes 10,000 form-encoded entries too', async () => {
    const form = encodeParams({
      _json: extraIds.map((id) => ({ id, visible: false, auto_subscribe: false })),
    });
    const started = performance.now();
    const reply = await send('PUT', `/api/v1/accounts/${BULK_COLLEGE_ID}/account_calendars`, { form });
    const elapsed = performance.now() - started;
    expect(ok(reply, BulkCalendarUpdateResult).message).toBe(`Updated ${EXTRA} accounts`);
    expect(bulkState()).toEqual({ visible: 0, auto: 0 });
    expect(elapsed).toBeLessThan(2_000);
    console.info(`bulk update of ${EXTRA} calendars (form): ${elapsed.toFixed(0)} ms`);
  });

  it('lists all 10,000 calendars of the subtree, 100 per page fetched concurrently, in seconds', async () => {
    const started = performance.now();
    const [visible, hidden] = await Promise.all(
      (['visible', 'hidden'] as const).map((filter) =>
        sandbox.client('admin').paginate(`/api/v1/accounts/${BULK_COLLEGE_ID}/account_calendars`, {
          schema: AccountCalendar,
          params: { filter },
          perPage: 100,
        }),
      ),
    );
    const elapsed = performance.now() - started;
    const listed = [...(visible ?? []), ...(hidden ?? [])];
    expect(listed.length).toBe(EXTRA + 1);
    expect(new Set(ids(listed)).size).toBe(EXTRA + 1);
    expect(listed.find((calendar) => calendar.id === BULK_COLLEGE_ID)?.sub_account_count).toBe(EXTRA);
    expect(elapsed).toBeLessThan(10_000);
    console.info(`listing ${EXTRA + 1} calendars in pages of 100: ${elapsed.toFixed(0)} ms`);
  });

  it('writes none of 10,000 entries when the last one is outside the subtree', async () => {
    const before = bulkState();
    const entries = [...extraIds.map((id) => ({ id, visible: true })), { id: collegeId, visible: true }];
    const started = performance.now();
    expectForbidden(
      await send('PUT', `/api/v1/accounts/${BULK_COLLEGE_ID}/account_calendars`, { json: entries }),
    );
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(bulkState()).toEqual(before);

    const duplicated = [
      ...extraIds.map((id) => ({ id, visible: true })),
      { id: extraIds[0], visible: false },
    ];
    expectBulkError(
      await send('PUT', `/api/v1/accounts/${BULK_COLLEGE_ID}/account_calendars`, { json: duplicated }),
      'Duplicate IDs',
    );
    expect(bulkState()).toEqual(before);
  });
});
