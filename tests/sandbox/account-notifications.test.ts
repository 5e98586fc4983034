import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CanvasApiError } from '../../src/api/errors.ts';
import {
  type AccountNotification,
  AccountNotificationList,
  AccountNotification as AccountNotificationSchema,
} from '../../src/api/schemas/accountNotification.ts';
import type { Db } from '../../src/server/sandbox/db/connection.ts';
import { seedAccountNotifications } from '../../src/server/sandbox/db/seedNotifications.ts';
import { resolveTimeZone } from '../../src/server/sandbox/serializers/account.ts';
import { type RunningSandbox, startSandbox } from '../helpers/sandboxServer.ts';
import {
  type AccountFacts,
  type Caller,
  getJson,
  loadAccounts,
  mintToken,
  NOT_FOUND_BODY,
  readMetaId,
  subtreeIds,
  UNAUTHENTICATED_BODY,
  UNAUTHORIZED_BODY,
} from './accounts-helpers.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

let sandbox: RunningSandbox;
let accounts: AccountFacts[];
let rootId: number;
let collegeId: number;
let siblingCollegeId: number;
/** Another student of one of the demo student's current courses. */
let classmate: { token: string };
let classmateId: number;
let roleIds: Record<string, number>;

/** Whole-second ISO time `offset` ms from now, as Canvas prints it. */
function at(offset: number): string {
  return new Date(Math.floor((Date.now() + offset) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

interface Sent {
  status: number;
  body: unknown;
  response: Response;
}

async function send(method: string, path: string, caller: Caller, body?: unknown): Promise<Sent> {
  const headers = new Headers();
  if (body !== undefined) headers.set('Content-Type', 'application/json');
  const init: RequestInit = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
  const response =
    caller !== null && typeof caller === 'object'
      ? await sandbox.request(path, { ...init, as: null, headers: withToken(headers, caller.token) })
      : await sandbox.request(path, { ...init, as: caller });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, response };
}

function withToken(headers: Headers, token: string): Headers {
  const merged = new Headers(headers);
  merged.set('Authorization', `Bearer ${token}`);
  return merged;
}

async function expectNotification(sent: Promise<Sent>): Promise<AccountNotification> {
  const { status, body } = await sent;
  expect(status, JSON.stringify(body)).toBe(200);
  return AccountNotificationSchema.parse(body);
}

interface Draft {
  subject?: string;
  message?: string;
  start_at?: string;
  end_at?: string;
  icon?: string;
}

let subjectSequence = 0;
function draft(overrides: Draft = {}): Draft {
  subjectSequence += 1;
  return {
    subject: `Notice ${subjectSequence}`,
    message: `<p>Body of notice ${subjectSequence}</p>`,
    start_at: at(-HOUR),
    end_at: at(DAY),
    ...overrides,
  };
}

function create(
  accountRef: string | number,
  fields: Draft,
  roles?: (string | number | null)[],
  caller: Caller = 'admin',
): Promise<Sent> {
  const body: Record<string, unknown> = { account_notification: fields };
  if (roles !== undefined) body.account_notification_roles = roles;
  return send('POST', `/api/v1/accounts/${accountRef}/account_notifications`, caller, body);
}

function createOk(
  accountRef: string | number,
  fields: Draft = draft(),
  roles?: (string | number | null)[],
  caller: Caller = 'admin',
): Promise<AccountNotification> {
  return expectNotification(create(accountRef, fields, roles, caller));
}

async function listFor(
  caller: Caller,
  query = '',
  accountRef: string | number = 'self',
): Promise<AccountNotification[]> {
  const path = `/api/v1/accounts/${accountRef}/account_notifications${query}`;
  const { data, response } = await getJson(sandbox, path, AccountNotificationList, caller);
  // The whole list in one answer: Canvas does not paginate it.
  expect(response.headers.get('link')).toBeNull();
  return data;
}

async function idsFor(caller: Caller, query = '', accountRef: string | number = 'self'): Promise<number[]> {
  return (await listFor(caller, query, accountRef)).map((item) => item.id);
}

async function expectSeenBy(id: number, seers: Caller[], others: Caller[]): Promise<void> {
  for (const caller of seers) expect(await idsFor(caller), JSON.stringify(caller)).toContain(id);
  for (const caller of others) expect(await idsFor(caller), JSON.stringify(caller)).not.toContain(id);
}

async function expectFieldErrors(sent: Promise<Sent>, expected: Record<string, unknown[]>): Promise<void> {
  const { status, body, response } = await sent;
  expect(status, JSON.stringify(body)).toBe(400);
  expect(body).toEqual({ errors: expected });
  const error = CanvasApiError.fromResponse(status, body, response.headers);
  expect(Object.keys(error.fieldErrors).sort()).toEqual(Object.keys(expected).sort());
}

const blank = (attribute: string) => [{ attribute, type: 'blank', message: 'blank' }];

function activeStudentCourseIds(db: Db, userId: number): number[] {
  return (
    db
      .prepare(
        `SELECT e.course_id FROM enrollments e JOIN courses c ON c.id = e.course_id
         WHERE e.user_id = ? AND e.type = 'StudentEnrollment' AND e.workflow_state = 'active'
           AND c.workflow_state = 'available'`,
      )
      .all(userId) as { course_id: number }[]
  ).map((row) => row.course_id);
}

/** Accounts of a user's courses, by enrollment state. */
function courseAccounts(db: Db, userId: number, states: string[]): Set<number> {
  const rows = db
    .prepare(
      `SELECT DISTINCT c.account_id FROM enrollments e JOIN courses c ON c.id = e.course_id
       WHERE e.user_id = ? AND e.workflow_state IN (SELECT value FROM json_each(?))`,
    )
    .all(userId, JSON.stringify(states)) as { account_id: number }[];
  return new Set(rows.map((row) => row.account_id));
}

function enrollmentTypes(db: Db, userId: number): Set<string> {
  const rows = db.prepare('SELECT DISTINCT type FROM enrollments WHERE user_id = ?').all(userId) as {
    type: string;
  }[];
  return new Set(rows.map((row) => row.type));
}

beforeAll(async () => {
  sandbox = await startSandbox();
  const { db } = sandbox;
  accounts = loadAccounts(db);
  rootId = accounts.find((account) => account.parent_account_id === null)?.id ?? 0;
  collegeId = readMetaId(db, 'demo_subadmin_account');
  const demoUserIds = ['admin', 'subadmin', 'teacher', 'student'].map((key) =>
    readMetaId(db, `demo_user:${key}`),
  );
  // A college where none of the demo users has a course or an admin role.
  const touched = new Set<number>();
  for (const userId of demoUserIds) {
    for (const accountId of courseAccounts(db, userId, [
      'active',
      'invited',
      'creation_pending',
      'completed',
    ])) {
      touched.add(accountId);
    }
  }
  siblingCollegeId =
    accounts.find(
      (account) =>
        account.parent_account_id === rootId &&
        account.id !== collegeId &&
        account.workflow_state === 'active' &&
        ![...subtreeIds(accounts, account.id)].some((id) => touched.has(id)),
    )?.id ?? 0;
  expect(siblingCollegeId).toBeGreaterThan(0);
  roleIds = Object.fromEntries(
    (db.prepare('SELECT id, name FROM roles').all() as { id: number; name: string }[]).map((role) => [
      role.name,
      role.id,
    ]),
  );
  const studentId = sandbox.userId('student');
  const [sharedCourse] = activeStudentCourseIds(db, studentId);
  const other = db
    .prepare(
      `SELECT user_id FROM enrollments WHERE course_id = ? AND type = 'StudentEnrollment'
         AND workflow_state = 'active' AND user_id NOT IN (SELECT value FROM json_each(?)) ORDER BY user_id LIMIT 1`,
    )
    .get(sharedCourse, JSON.stringify(demoUserIds)) as { user_id: number };
  classmateId = other.user_id;
  classmate = mintToken(db, classmateId, 'notifications-classmate-token');
});

afterAll(async () => {
  await sandbox.close();
});

// ---------------------------------------------------------------------------------------------

describe('the demo tenant the role cases rely on', () => {
  it('has an admin and sub-admin without enrollments, a teacher who only teaches and a student who only studies', () => {
    const { db } = sandbox;
    expect(enrollmentTypes(db, sandbox.userId('admin')).size).toBe(0);
    expect(enrollmentTypes(db, sandbox.userId('subadmin')).size).toBe(0);
    expect([...enrollmentTypes(db, sandbox.userId('teacher'))]).toEqual(['TeacherEnrollment']);
    expect([...enrollmentTypes(db, sandbox.userId('student'))]).toEqual(['StudentEnrollment']);
    expect(activeStudentCourseIds(db, sandbox.userId('student')).length).toBeGreaterThan(0);
  });
});

describe('POST /accounts/:account_id/account_notifications', () => {
  it('creates a notification for everyone with the default icon, and answers 200 with the object', async () => {
    const fields = draft({
      subject: 'Library hours extended',
      message: '<p>Open until <b>midnight</b>.</p>',
    });
    const created = await createOk(rootId, fields);
    expect(created).toEqual({
      id: expect.any(Number),
      subject: 'Library hours extended',
      message: '<p>Open until <b>midnight</b>.</p>',
      start_at: fields.start_at,
      end_at: fields.end_at,
      icon: 'warning',
      role_ids: [],
      roles: [],
      author: null,
    });
    const stored = sandbox.db
      .prepare('SELECT account_id, user_id, workflow_state FROM account_notifications WHERE id = ?')
      .get(created.id);
    expect(stored).toEqual({
      account_id: rootId,
      user_id: sandbox.userId('admin'),
      workflow_state: 'active',
    });
  });

  it('accepts each icon Canvas draws and rejects any other', async () => {
    for (const icon of ['warning', 'information', 'question', 'error', 'calendar']) {
      expect((await createOk(rootId, draft({ icon }))).icon).toBe(icon);
    }
    await expectFieldErrors(create(rootId, draft({ icon: 'sparkles' })), {
      icon: [{ attribute: 'icon', type: 'inclusion', message: 'inclusion' }],
    });
  });

  it('requires the account_notification hash', async () => {
    for (const body of [{}, { account_notification: {} }, { account_notification: 'x' }]) {
      const { status, body: answer } = await send(
        'POST',
        `/api/v1/accounts/${rootId}/account_notifications`,
        'admin',
        body,
      );
      expect(status).toBe(400);
      expect(answer).toEqual({ errors: [{ message: 'account_notification is missing' }] });
    }
  });

  it('reports every missing field at once, keyed by attribute', async () => {
    await expectFieldErrors(create(rootId, { icon: 'warning' }), {
      subject: blank('subject'),
      message: blank('message'),
      start_at: blank('start_at'),
      end_at: blank('end_at'),
    });
  });

  it('treats blank values and unparseable dates as missing', async () => {
    await expectFieldErrors(
      create(rootId, { subject: '   ', message: '', start_at: 'asdrsldkfj', end_at: '2025-02-30T10:00:00Z' }),
      {
        subject: blank('subject'),
        message: blank('message'),
        start_at: blank('start_at'),
        end_at: blank('end_at'),
      },
    );
  });

  it('rejects an end before the start, but not an end equal to it', async () => {
    await expectFieldErrors(create(rootId, draft({ start_at: at(DAY), end_at: at(HOUR) })), {
      end_at: [
        {
          attribute: 'end_at',
          type: 'Account notification end time precedes start time',
          message: 'Account notification end time precedes start time',
        },
      ],
    });
    const instant = at(HOUR);
    const same = await createOk(rootId, draft({ start_at: instant, end_at: instant }));
    expect(same.end_at).toBe(same.start_at);
  });

  it('limits the subject to 255 characters', async () => {
    expect((await createOk(rootId, draft({ subject: 'x'.repeat(255) }))).subject).toHaveLength(255);
    await expectFieldErrors(create(rootId, draft({ subject: 'x'.repeat(256) })), {
      subject: [{ attribute: 'subject', type: 'too_long', message: 'too_long' }],
    });
  });

  it('validates the stored-only settings as the model does', async () => {
    const { status, body } = await create(rootId, {
      ...draft(),
      months_in_display_cycle: 0,
      required_account_service: 'surveys',
    } as Draft);
    expect(status).toBe(400);
    expect(Object.keys((body as { errors: object }).errors).sort()).toEqual([
      'months_in_display_cycle',
      'required_account_service',
    ]);
    await createOk(rootId, {
      ...draft(),
      months_in_display_cycle: 12,
      required_account_service: 'account_survey_notifications',
      send_message: true,
      domain_specific: 'true',
    } as Draft);
  });

  it('reads dates with an offset, and dates without a zone in the caller’s time zone', async () => {
    const withOffset = await createOk(
      rootId,
      draft({ start_at: '2031-03-10T08:00:00-07:00', end_at: '2031-03-11T08:30+02:00' }),
    );
    expect(withOffset.start_at).toBe('2031-03-10T15:00:00Z');
    expect(withOffset.end_at).toBe('2031-03-11T06:30:00Z');
    // The demo admin has no zone of their own, so the root account's default applies.
    const rootZone = (
      sandbox.db.prepare('SELECT default_time_zone FROM accounts WHERE id = ?').get(rootId) as {
        default_time_zone: string;
      }
    ).default_time_zone;
    const zone = resolveTimeZone(rootZone).iana;
    const local = await createOk(rootId, draft({ start_at: '2031-07-04T09:15:00', end_at: '2031-07-05' }));
    const wallClock = (iso: string) =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(iso));
    expect(wallClock(local.start_at)).toBe('2031-07-04, 09:15');
    expect(wallClock(local.end_at)).toBe('2031-07-05, 00:00');
  });

  it('sanitizes the message HTML before saving it', async () => {
    const created = await createOk(
      rootId,
      draft({
        message:
          '<p onclick="steal()">Hi <a href="javascript:alert(1)">there</a> <a href="https://example.edu" target="_blank">site</a></p>' +
          '<script>alert(1)</script><style>p{}</style><img src="x" onerror="alert(1)"><iframe src="https://evil"></iframe>' +
          '<p style="color: red; background: url(x)">styled</p>',
      }),
    );
    expect(created.message).toBe(
      '<p>Hi <a>there</a> <a href="https://example.edu" target="_blank" rel="noopener noreferrer">site</a></p>' +
        '<img src="x"><p style="color: red">styled</p>',
    );
    const stored = sandbox.db
      .prepare('SELECT message FROM account_notifications WHERE id = ?')
      .get(created.id);
    expect(stored).toEqual({ message: created.message });
  });

  it('treats a message with nothing safe in it as blank', async () => {
    await expectFieldErrors(create(rootId, draft({ message: '<script>alert(1)</script>' })), {
      message: blank('message'),
    });
  });

  it('targets roles given by name, by id, as NilEnrollment or null, without duplicates', async () => {
    const created = await createOk(rootId, draft(), [
      'TeacherEnrollment',
      String(roleIds.TeacherEnrollment),
      roleIds.AccountAdmin ?? 0,
      'Grader',
      'NilEnrollment',
      null,
    ]);
    expect(created.role_ids).toEqual([roleIds.TeacherEnrollment, roleIds.AccountAdmin, roleIds.Grader, null]);
    expect(created.roles).toEqual(['TeacherEnrollment', 'AccountAdmin', 'Grader', 'NilEnrollment']);
  });

  it('rejects unknown roles on account_notification_roles and creates nothing', async () => {
    const count = () =>
      (sandbox.db.prepare('SELECT COUNT(*) AS n FROM account_notifications').get() as { n: number }).n;
    const before = count();
    await expectFieldErrors(create(rootId, draft(), ['StudentEnrollment', 'Studentenrollment', 999_999]), {
      account_notification_roles: [
        {
          attribute: 'account_notification_roles',
          type: 'Role "Studentenrollment" does not exist in this account',
          message: 'Role "Studentenrollment" does not exist in this account',
        },
        {
          attribute: 'account_notification_roles',
          type: 'Role "999999" does not exist in this account',
          message: 'Role "999999" does not exist in this account',
        },
      ],
    });
    // Role and field errors come back together.
    await expectFieldErrors(create(rootId, { subject: 'x' }, ['Dean']), {
      message: blank('message'),
      start_at: blank('start_at'),
      end_at: blank('end_at'),
      account_notification_roles: [
        {
          attribute: 'account_notification_roles',
          type: 'Role "Dean" does not exist in this account',
          message: 'Role "Dean" does not exist in this account',
        },
      ],
    });
    expect(count()).toBe(before);
  });

  it('takes form-encoded requests, skipping a blank role placeholder', async () => {
    const fields = draft();
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) form.append(`account_notification[${key}]`, value);
    form.append('account_notification_roles[]', '');
    form.append('account_notification_roles[]', 'StudentEnrollment');
    const response = await sandbox.request(`/api/v1/accounts/${rootId}/account_notifications`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(response.status).toBe(200);
    const created = AccountNotificationSchema.parse(await response.json());
    expect(created.subject).toBe(fields.subject);
    expect(created.roles).toEqual(['StudentEnrollment']);
  });

  it('needs manage_alerts on the path account', async () => {
    for (const caller of ['subadmin', 'teacher', 'student'] as const) {
      const { status, body } = await create(rootId, draft(), undefined, caller);
      expect(status).toBe(403);
      expect(body).toEqual(UNAUTHORIZED_BODY);
    }
    const anonymous = await create(rootId, draft(), undefined, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual(UNAUTHENTICATED_BODY);
    // The sub-admin manages their college; the root admin manages it from above.
    expect((await createOk(collegeId, draft(), undefined, 'subadmin')).id).toBeGreaterThan(0);
    expect((await createOk(collegeId, draft(), undefined, 'admin')).id).toBeGreaterThan(0);
    const unknown = await create(999_999, draft());
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(NOT_FOUND_BODY);
  });
});

describe('GET /accounts/:account_id/account_notifications', () => {
  it('lists current notifications for everyone to every user, whatever the path account', async () => {
    const created = await createOk(rootId);
    await expectSeenBy(created.id, ['admin', 'subadmin', 'teacher', 'student', classmate], []);
    const viaSelf = await listFor('student');
    expect(await listFor('student', '', 999_999)).toEqual(viaSelf);
    expect(await listFor('student', '', 'sis_account_id:nothing-here')).toEqual(viaSelf);
    const item = viaSelf.find((entry) => entry.id === created.id);
    expect(item).toEqual(created);
    expect(item && 'closed' in item).toBe(false);
  });

  it('sorts by end date, latest first', async () => {
    await createOk(rootId, draft({ end_at: at(3 * DAY) }));
    await createOk(rootId, draft({ end_at: at(2 * HOUR) }));
    const ends = (await listFor('student')).map((item) => item.end_at);
    expect(ends.length).toBeGreaterThan(2);
    expect([...ends].sort().reverse()).toEqual(ends);
  });

  it('leaves out scheduled and ended notifications; include_past adds those ended within four months', async () => {
    const scheduled = await createOk(rootId, draft({ start_at: at(2 * DAY), end_at: at(3 * DAY) }));
    const recent = await createOk(rootId, draft({ start_at: at(-20 * DAY), end_at: at(-10 * DAY) }));
    const old = await createOk(rootId, draft({ start_at: at(-160 * DAY), end_at: at(-150 * DAY) }));
    const current = await createOk(rootId);
    const plain = await idsFor('teacher');
    expect(plain).toContain(current.id);
    for (const id of [scheduled.id, recent.id, old.id]) expect(plain).not.toContain(id);
    const past = await idsFor('teacher', '?include_past=true');
    expect(past).toEqual(expect.arrayContaining([current.id, recent.id]));
    expect(past).not.toContain(scheduled.id);
    expect(past).not.toContain(old.id);
  });

  it('include_all gives admins every notification of the account chain with its author', async () => {
    const scheduled = await createOk(rootId, draft({ start_at: at(5 * DAY), end_at: at(6 * DAY) }));
    const old = await createOk(rootId, draft({ start_at: at(-400 * DAY), end_at: at(-399 * DAY) }));
    const college = await createOk(collegeId, draft(), undefined, 'subadmin');
    const atRoot = await listFor('admin', '?include_all=true', rootId);
    const admin = sandbox.db
      .prepare('SELECT id, short_name FROM users WHERE id = ?')
      .get(sandbox.userId('admin')) as {
      id: number;
      short_name: string;
    };
    expect(atRoot.find((item) => item.id === scheduled.id)?.author).toEqual({
      id: admin.id,
      name: admin.short_name,
    });
    expect(atRoot.map((item) => item.id)).toContain(old.id);
    // The chain goes up, not down: the college's notification is not the root's.
    expect(atRoot.map((item) => item.id)).not.toContain(college.id);
    const starts = atRoot.map((item) => item.start_at);
    expect([...starts].sort().reverse()).toEqual(starts);
    const atCollege = await listFor('subadmin', '?include_all=true', collegeId);
    expect(atCollege.map((item) => item.id)).toEqual(
      expect.arrayContaining([college.id, scheduled.id, old.id]),
    );
    const subadmin = sandbox.db
      .prepare('SELECT short_name FROM users WHERE id = ?')
      .get(sandbox.userId('subadmin')) as {
      short_name: string;
    };
    expect(atCollege.find((item) => item.id === college.id)?.author).toEqual({
      id: sandbox.userId('subadmin'),
      name: subadmin.short_name,
    });
  });

  it('include_all needs manage_alerts on an existing path account', async () => {
    for (const [caller, account] of [
      ['subadmin', rootId],
      ['teacher', collegeId],
      ['student', rootId],
    ] as const) {
      const { status, body } = await send(
        'GET',
        `/api/v1/accounts/${account}/account_notifications?include_all=1`,
        caller,
      );
      expect(status).toBe(403);
      expect(body).toEqual(UNAUTHORIZED_BODY);
    }
    const missing = await send(
      'GET',
      '/api/v1/accounts/999999/account_notifications?include_all=true',
      'admin',
    );
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(NOT_FOUND_BODY);
  });

  it('needs a signed-in user', async () => {
    const { status, body, response } = await send('GET', '/api/v1/accounts/self/account_notifications', null);
    expect(status).toBe(401);
    expect(body).toEqual(UNAUTHENTICATED_BODY);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="canvas-lms"');
  });

  it('is also served under the deprecated /users/:user_id/ path, for the caller only', async () => {
    const created = await createOk(rootId);
    const studentId = sandbox.userId('student');
    for (const ref of ['self', String(studentId)]) {
      const { data } = await getJson(
        sandbox,
        `/api/v1/accounts/self/users/${ref}/account_notifications`,
        AccountNotificationList,
        'student',
      );
      expect(data.map((item) => item.id)).toContain(created.id);
    }
    const other = await send(
      'GET',
      `/api/v1/accounts/self/users/${sandbox.userId('teacher')}/account_notifications`,
      'student',
    );
    expect(other.status).toBe(404);
    expect(other.body).toEqual(NOT_FOUND_BODY);
  });
});

describe('role targeting', () => {
  it('a students-only notification: admins see it with include_all only; the student sees it, closes it, and it is gone', async () => {
    const notice = await createOk(rootId, draft({ subject: 'Course evaluations are open' }), [
      'StudentEnrollment',
    ]);
    expect(notice.role_ids).toEqual([roleIds.StudentEnrollment]);
    expect(notice.roles).toEqual(['StudentEnrollment']);

    expect(await idsFor('admin')).not.toContain(notice.id);
    expect(await idsFor('admin', '?include_all=true', rootId)).toContain(notice.id);
    await expectSeenBy(notice.id, ['student', classmate], ['teacher', 'subadmin']);

    const closed = await expectNotification(
      send('DELETE', `/api/v1/accounts/self/account_notifications/${notice.id}`, 'student'),
    );
    expect(closed).toEqual(notice);
    expect(await idsFor('student')).not.toContain(notice.id);
    // Closing is per user.
    expect(await idsFor(classmate)).toContain(notice.id);
    // include_past does not hide closed ones; show_is_closed says which they are.
    const withClosed = await listFor('student', '?include_past=true&show_is_closed=true');
    expect(withClosed.find((item) => item.id === notice.id)?.closed).toBe(true);
    expect(
      (await listFor(classmate, '?show_is_closed=true')).find((item) => item.id === notice.id)?.closed,
    ).toBe(false);
    const show = await send('GET', `/api/v1/accounts/self/account_notifications/${notice.id}`, 'student');
    expect(show.status).toBe(403);
    expect(show.body).toEqual(UNAUTHORIZED_BODY);
  });

  it('a teachers-only notification reaches teachers, not students or admins', async () => {
    const notice = await createOk(rootId, draft(), ['TeacherEnrollment']);
    await expectSeenBy(notice.id, ['teacher'], ['student', classmate, 'admin', 'subadmin']);
  });

  it('NilEnrollment reaches users without enrollments', async () => {
    const notice = await createOk(rootId, draft(), ['NilEnrollment']);
    expect(notice.role_ids).toEqual([null]);
    expect(notice.roles).toEqual(['NilEnrollment']);
    await expectSeenBy(notice.id, ['admin', 'subadmin'], ['teacher', 'student']);
  });

  it('an account role reaches its holders, wherever in the root account they hold it', async () => {
    const notice = await createOk(rootId, draft(), ['AccountAdmin']);
    await expectSeenBy(notice.id, ['admin', 'subadmin'], ['teacher', 'student']);
  });

  it('several roles reach the holders of any of them', async () => {
    const notice = await createOk(rootId, draft(), ['StudentEnrollment', String(roleIds.TeacherEnrollment)]);
    await expectSeenBy(notice.id, ['student', 'teacher'], ['admin', 'subadmin']);
  });

  it('a sub-account notification reaches the users of that subtree only', async () => {
    const inCollege = await createOk(collegeId, draft(), undefined, 'subadmin');
    // The root admin is tied to the root alone: Canvas does not walk down from admin memberships.
    await expectSeenBy(inCollege.id, ['student', 'teacher', 'subadmin', classmate], ['admin']);
    const elsewhere = await createOk(siblingCollegeId);
    await expectSeenBy(elsewhere.id, [], ['student', 'teacher', 'subadmin', 'admin']);
    expect(await idsFor('admin', '?include_all=true', siblingCollegeId)).toContain(elsewhere.id);
  });

  it('role targeting in a sub-account looks at roles held inside it', async () => {
    const forStudents = await createOk(collegeId, draft(), ['StudentEnrollment'], 'subadmin');
    await expectSeenBy(forStudents.id, ['student'], ['teacher', 'subadmin']);
    const forNonEnrolled = await createOk(collegeId, draft(), ['NilEnrollment'], 'subadmin');
    await expectSeenBy(forNonEnrolled.id, ['subadmin'], ['student', 'teacher', 'admin']);
    // A department where the student studies now and the teacher teaches nothing.
    const studentAccounts = courseAccounts(sandbox.db, sandbox.userId('student'), ['active']);
    const teacherAccounts = courseAccounts(sandbox.db, sandbox.userId('teacher'), [
      'active',
      'invited',
      'creation_pending',
      'completed',
    ]);
    const department = accounts.find((account) => {
      if (account.parent_account_id !== collegeId) return false;
      const inside = subtreeIds(accounts, account.id);
      return (
        [...studentAccounts].some((id) => inside.has(id)) &&
        ![...teacherAccounts].some((id) => inside.has(id))
      );
    });
    expect(department).toBeDefined();
    const departmentId = department?.id ?? 0;
    const forDepartment = await createOk(
      departmentId,
      draft(),
      ['StudentEnrollment', 'TeacherEnrollment'],
      'subadmin',
    );
    await expectSeenBy(forDepartment.id, ['student'], ['teacher', 'subadmin', 'admin']);
  });

  it('a completed enrollment no longer ties a student to its account', async () => {
    const studentId = sandbox.userId('student');
    const finished = courseAccounts(sandbox.db, studentId, ['completed']);
    const current = courseAccounts(sandbox.db, studentId, ['active', 'invited', 'creation_pending']);
    const account = accounts.find((candidate) => {
      const inside = subtreeIds(accounts, candidate.id);
      return [...finished].some((id) => inside.has(id)) && ![...current].some((id) => inside.has(id));
    });
    expect(account).toBeDefined();
    const notice = await createOk(account?.id ?? 0);
    await expectSeenBy(notice.id, [], ['student']);
  });
});

describe('GET /accounts/:account_id/account_notifications/:id', () => {
  it('shows a notification the caller currently sees, without author', async () => {
    const notice = await createOk(rootId, draft(), ['TeacherEnrollment']);
    const shown = await expectNotification(
      send('GET', `/api/v1/accounts/${rootId}/account_notifications/${notice.id}`, 'teacher'),
    );
    expect(shown).toEqual(notice);
    // The deprecated path too.
    await expectNotification(
      send('GET', `/api/v1/accounts/self/users/self/account_notifications/${notice.id}`, 'teacher'),
    );
  });

  it('answers 403 for notifications that exist but are not current for the caller', async () => {
    const otherRole = await createOk(rootId, draft(), ['TeacherEnrollment']);
    const scheduled = await createOk(rootId, draft({ start_at: at(DAY), end_at: at(2 * DAY) }));
    const ended = await createOk(rootId, draft({ start_at: at(-2 * DAY), end_at: at(-DAY) }));
    const removed = await createOk(rootId);
    await expectNotification(
      send('DELETE', `/api/v1/accounts/${rootId}/account_notifications/${removed.id}?remove=true`, 'admin'),
    );
    for (const id of [otherRole.id, scheduled.id, ended.id, removed.id]) {
      const { status, body } = await send(
        'GET',
        `/api/v1/accounts/self/account_notifications/${id}`,
        'student',
      );
      expect(status).toBe(403);
      expect(body).toEqual(UNAUTHORIZED_BODY);
    }
  });

  it('answers 404 for unknown ids and 401 without a user', async () => {
    for (const id of ['999999', 'abc']) {
      const { status, body } = await send(
        'GET',
        `/api/v1/accounts/self/account_notifications/${id}`,
        'student',
      );
      expect(status).toBe(404);
      expect(body).toEqual(NOT_FOUND_BODY);
    }
    const notice = await createOk(rootId);
    const other = await send(
      'GET',
      `/api/v1/accounts/self/users/${sandbox.userId('admin')}/account_notifications/${notice.id}`,
      'student',
    );
    expect(other.status).toBe(404);
    expect((await send('GET', `/api/v1/accounts/self/account_notifications/${notice.id}`, null)).status).toBe(
      401,
    );
  });
});

describe('DELETE /accounts/:account_id/account_notifications/:id', () => {
  it('closes any notification for the caller alone, visible or not, without permission', async () => {
    const forTeachers = await createOk(rootId, draft(), ['TeacherEnrollment']);
    await expectNotification(
      send('DELETE', `/api/v1/accounts/999999/account_notifications/${forTeachers.id}`, 'student'),
    );
    const stored = sandbox.db
      .prepare('SELECT user_id FROM closed_account_notifications WHERE account_notification_id = ?')
      .all(forTeachers.id);
    // Canvas forgets a closing once the notification is not current for that user, as here.
    expect(stored).toEqual([{ user_id: sandbox.userId('student') }]);
    await listFor('student');
    expect(
      sandbox.db
        .prepare('SELECT user_id FROM closed_account_notifications WHERE account_notification_id = ?')
        .all(forTeachers.id),
    ).toEqual([]);
    expect(await idsFor('teacher')).toContain(forTeachers.id);
  });

  it('closes through the deprecated path, for the caller only', async () => {
    const notice = await createOk(rootId);
    const other = await send(
      'DELETE',
      `/api/v1/accounts/self/users/${sandbox.userId('student')}/account_notifications/${notice.id}`,
      'teacher',
    );
    expect(other.status).toBe(404);
    await expectNotification(
      send('DELETE', `/api/v1/accounts/self/users/self/account_notifications/${notice.id}`, 'teacher'),
    );
    expect(await idsFor('teacher')).not.toContain(notice.id);
    expect(await idsFor('student')).toContain(notice.id);
  });

  it('removes a notification for everyone with remove=true, for admins only', async () => {
    const notice = await createOk(rootId);
    for (const caller of ['student', 'teacher', 'subadmin'] as const) {
      const { status, body } = await send(
        'DELETE',
        `/api/v1/accounts/${rootId}/account_notifications/${notice.id}?remove=true`,
        caller,
      );
      expect(status).toBe(403);
      expect(body).toEqual(UNAUTHORIZED_BODY);
    }
    // A sub-account admin cannot reach the root's notifications through their own account.
    const viaCollege = await send(
      'DELETE',
      `/api/v1/accounts/${collegeId}/account_notifications/${notice.id}?remove=true`,
      'subadmin',
    );
    expect(viaCollege.status).toBe(404);
    expect(await idsFor('student')).toContain(notice.id);
    const removed = await expectNotification(
      send('DELETE', `/api/v1/accounts/${rootId}/account_notifications/${notice.id}`, 'admin', {
        remove: true,
      }),
    );
    expect(removed).toEqual(notice);
    expect(await idsFor('student')).not.toContain(notice.id);
    expect(await idsFor('admin', '?include_all=true', rootId)).not.toContain(notice.id);
    // The root admin removes a college's notification from above; the sub-admin their own.
    const college = await createOk(collegeId, draft(), undefined, 'subadmin');
    await expectNotification(
      send('DELETE', `/api/v1/accounts/${rootId}/account_notifications/${college.id}?remove=1`, 'admin'),
    );
    const own = await createOk(collegeId, draft(), undefined, 'subadmin');
    await expectNotification(
      send('DELETE', `/api/v1/accounts/${collegeId}/account_notifications/${own.id}?remove=1`, 'subadmin'),
    );
    expect(await idsFor('subadmin', '?include_all=true', collegeId)).not.toContain(own.id);
  });

  it('answers 404 for unknown ids and 401 without a user', async () => {
    const unknown = await send('DELETE', '/api/v1/accounts/self/account_notifications/999999', 'student');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(NOT_FOUND_BODY);
    const notice = await createOk(rootId);
    expect(
      (await send('DELETE', `/api/v1/accounts/self/account_notifications/${notice.id}`, null)).status,
    ).toBe(401);
  });
});

describe('PUT /accounts/:account_id/account_notifications/:id', () => {
  function update(id: number, body: unknown, caller: Caller = 'admin', accountRef: string | number = rootId) {
    return send('PUT', `/api/v1/accounts/${accountRef}/account_notifications/${id}`, caller, body);
  }

  it('changes the fields sent and keeps the others', async () => {
    const notice = await createOk(rootId, draft({ icon: 'information' }));
    const updated = await expectNotification(
      update(notice.id, { account_notification: { subject: 'Rescheduled', end_at: at(2 * DAY) } }),
    );
    expect(updated).toEqual({ ...notice, subject: 'Rescheduled', end_at: at(2 * DAY) });
  });

  it('replaces the targeted roles, and clears them when account_notification_roles is left out', async () => {
    const notice = await createOk(rootId, draft(), ['StudentEnrollment']);
    const retargeted = await expectNotification(
      update(notice.id, {
        account_notification: { subject: 'Now for teachers' },
        account_notification_roles: ['TeacherEnrollment', 'NilEnrollment'],
      }),
    );
    expect(retargeted.roles).toEqual(['TeacherEnrollment', 'NilEnrollment']);
    await expectSeenBy(notice.id, ['teacher', 'admin'], ['student']);
    const everyone = await expectNotification(update(notice.id, { account_notification: { icon: 'error' } }));
    expect(everyone.role_ids).toEqual([]);
    expect(everyone.roles).toEqual([]);
    expect(everyone.icon).toBe('error');
    await expectSeenBy(notice.id, ['teacher', 'admin', 'student'], []);
  });

  it('validates like create and changes nothing on failure', async () => {
    const notice = await createOk(rootId, draft(), ['StudentEnrollment']);
    await expectFieldErrors(update(notice.id, { account_notification: { end_at: at(-2 * DAY) } }), {
      end_at: [
        {
          attribute: 'end_at',
          type: 'Account notification end time precedes start time',
          message: 'Account notification end time precedes start time',
        },
      ],
    });
    await expectFieldErrors(update(notice.id, { account_notification: { subject: '', icon: 'smile' } }), {
      subject: blank('subject'),
      icon: [{ attribute: 'icon', type: 'inclusion', message: 'inclusion' }],
    });
    await expectFieldErrors(
      update(notice.id, { account_notification: { subject: 'x' }, account_notification_roles: ['Provost'] }),
      {
        account_notification_roles: [
          {
            attribute: 'account_notification_roles',
            type: 'Role "Provost" does not exist in this account',
            message: 'Role "Provost" does not exist in this account',
          },
        ],
      },
    );
    const { data } = await getJson(
      sandbox,
      `/api/v1/accounts/self/account_notifications/${notice.id}`,
      AccountNotificationSchema,
      'student',
    );
    expect(data).toEqual(notice);
  });

  it('requires the account_notification hash, even to change roles only', async () => {
    const notice = await createOk(rootId);
    const { status, body } = await update(notice.id, { account_notification_roles: ['StudentEnrollment'] });
    expect(status).toBe(400);
    expect(body).toEqual({ errors: [{ message: 'account_notification is missing' }] });
  });

  it('finds only the path account’s own notifications', async () => {
    const college = await createOk(collegeId, draft(), undefined, 'subadmin');
    const root = await createOk(rootId);
    for (const [id, accountRef, caller] of [
      [college.id, rootId, 'admin'],
      [root.id, collegeId, 'subadmin'],
      [999_999, rootId, 'admin'],
    ] as const) {
      const { status, body } = await update(
        id,
        { account_notification: { subject: 'x' } },
        caller,
        accountRef,
      );
      expect(status).toBe(404);
      expect(body).toEqual(NOT_FOUND_BODY);
    }
    const mine = await expectNotification(
      update(
        college.id,
        { account_notification: { subject: 'Edited by the college' } },
        'subadmin',
        collegeId,
      ),
    );
    expect(mine.subject).toBe('Edited by the college');
  });

  it('needs manage_alerts on the path account', async () => {
    const notice = await createOk(rootId);
    for (const caller of ['subadmin', 'teacher', 'student'] as const) {
      const { status, body } = await update(notice.id, { account_notification: { subject: 'x' } }, caller);
      expect(status).toBe(403);
      expect(body).toEqual(UNAUTHORIZED_BODY);
    }
    expect((await update(notice.id, { account_notification: { subject: 'x' } }, null)).status).toBe(401);
  });
});

describe('seedAccountNotifications', () => {
  it('adds current, scheduled and past demo notifications that reach the right demo users', async () => {
    const ids = seedAccountNotifications(sandbox.db, new Date());
    expect(ids.length).toBeGreaterThan(5);
    const all = [
      ...(await listFor('admin', '?include_all=true', rootId)),
      ...(await listFor('subadmin', '?include_all=true', collegeId)),
    ];
    const seeded = new Map(all.filter((item) => ids.includes(item.id)).map((item) => [item.id, item]));
    expect(seeded.size).toBe(ids.length);
    const now = new Date().toISOString();
    const items = [...seeded.values()];
    expect(items.some((item) => item.start_at > now)).toBe(true);
    expect(items.some((item) => item.end_at < now)).toBe(true);
    expect(items.some((item) => item.roles.length > 0)).toBe(true);
    for (const item of items) expect(item.author).not.toBeNull();
    const current = items.filter((item) => item.start_at <= now && item.end_at >= now);
    const forStudents = current.find(
      (item) => item.roles.length === 1 && item.roles[0] === 'StudentEnrollment',
    );
    const forEveryone = current.find((item) => item.roles.length === 0);
    expect(forStudents && forEveryone).toBeTruthy();
    const studentSees = await idsFor('student');
    expect(studentSees).toEqual(expect.arrayContaining([forStudents?.id, forEveryone?.id]));
    expect(await idsFor('teacher')).not.toContain(forStudents?.id);
  });
});
