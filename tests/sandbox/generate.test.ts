import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase, readMeta } from '../../src/server/sandbox/db/connection.ts';
import {
  generateTenant,
  isTenantGenerated,
  sortableNameFor,
  type TenantSummary,
} from '../../src/server/sandbox/db/generate.ts';
import { resetSandbox } from '../../src/server/sandbox/db/reset.ts';
import { DEMO_USERS, demoToken, demoUserId } from '../../src/server/sandbox/demoUsers.ts';
import { hashToken } from '../../src/server/sandbox/tokens.ts';

const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const TENANT_NOW = '2026-02-16T17:00:00Z';

let workDir: string;
let dbFile: string;
let summary: TenantSummary;
let db: Db;

function all<T>(sql: string, ...params: unknown[]): T[] {
  return db.prepare(sql).all(...params) as T[];
}

function scalar(sql: string, ...params: unknown[]): number {
  return db
    .prepare(sql)
    .pluck()
    .get(...params) as number;
}

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'sandbox-generate-'));
  dbFile = join(workDir, 'sandbox.db');
  summary = resetSandbox(dbFile, 'demo');
  db = openDatabase(dbFile);
});

afterAll(() => {
  db?.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe('demo tenant: counts', () => {
  it('reports what it wrote', () => {
    expect(summary.scale).toBe('demo');
    expect(summary.accounts).toBe(scalar('SELECT count(*) FROM accounts'));
    expect(summary.courses).toBe(scalar('SELECT count(*) FROM courses'));
    expect(summary.users).toBe(scalar('SELECT count(*) FROM users'));
    expect(summary.enrollments).toBe(scalar('SELECT count(*) FROM enrollments'));
    expect(summary.terms).toBe(scalar('SELECT count(*) FROM enrollment_terms'));
    expect(summary.maxDepth).toBe(scalar('SELECT max(depth) FROM accounts'));
    expect(summary.milliseconds).toBeGreaterThan(0);
  });

  it('has the expected size', () => {
    expect(summary.accounts).toBeGreaterThanOrEqual(180);
    expect(summary.accounts).toBeLessThanOrEqual(230);
    expect(summary.maxDepth).toBe(3);
    expect(summary.courses).toBe(2000);
    expect(summary.users).toBe(2000);
    // 5-30 students in ~95% of 2,000 courses, plus staff.
    expect(summary.enrollments).toBeGreaterThan(20_000);
    expect(summary.enrollments).toBeLessThan(60_000);
  });

  it('is marked as generated, with its scale and seed', () => {
    expect(isTenantGenerated(db)).toBe(true);
    expect(readMeta(db, 'scale')).toBe('demo');
    expect(Number(readMeta(db, 'seed'))).toBeGreaterThan(0);
  });

  it('passes SQLite foreign-key and integrity checks', () => {
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // integrity_check also re-checks the CHECK constraints the bulk load skipped.
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('keeps every index the migrations define', () => {
    const indexes = all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
    ).map((row) => row.name);
    expect(indexes).toEqual(
      expect.arrayContaining([
        'accounts_path',
        'accounts_sis',
        'courses_sis',
        'enrollments_user',
        'pseudonyms_login',
      ]),
    );
  });

  it('writes timestamps as ISO UTC with whole seconds, none after the tenant date', () => {
    const columns: [string, string][] = [
      ['accounts', 'created_at'],
      ['accounts', 'updated_at'],
      ['courses', 'created_at'],
      ['courses', 'updated_at'],
      ['users', 'created_at'],
      ['users', 'last_login'],
      ['enrollments', 'created_at'],
      ['enrollment_terms', 'created_at'],
      ['account_users', 'created_at'],
      ['roles', 'created_at'],
    ];
    for (const [table, column] of columns) {
      const values = all<{ value: string }>(
        `SELECT ${column} AS value FROM ${table} WHERE ${column} IS NOT NULL`,
      );
      expect(values.length, `${table}.${column}`).toBeGreaterThan(0);
      for (const { value } of values) {
        expect(value, `${table}.${column}`).toMatch(ISO_SECONDS);
        expect(value <= TENANT_NOW, `${table}.${column} ${value}`).toBe(true);
      }
    }
  });
});

describe('demo tenant: accounts', () => {
  interface AccountRow {
    id: number;
    name: string;
    parent_account_id: number | null;
    root_account_id: number | null;
    path: string;
    depth: number;
    sis_account_id: string | null;
    workflow_state: string;
    calendar_visible: number;
    calendar_auto_subscribe: number;
    settings: string;
    default_time_zone: string | null;
  }
  let accounts: AccountRow[];
  let byId: Map<number, AccountRow>;

  beforeAll(() => {
    accounts = all<AccountRow>('SELECT * FROM accounts ORDER BY id');
    byId = new Map(accounts.map((account) => [account.id, account]));
  });

  it('has the university as root account 1', () => {
    const root = byId.get(1);
    expect(root).toMatchObject({
      name: 'Northfield State University',
      parent_account_id: null,
      root_account_id: null,
      path: '/1/',
      depth: 0,
      sis_account_id: null,
      default_time_zone: 'America/Denver',
      calendar_visible: 1,
    });
    expect(accounts.filter((account) => account.parent_account_id === null)).toHaveLength(1);
  });

  it('keeps parent, path and depth consistent for every sub-account', () => {
    for (const account of accounts.filter((candidate) => candidate.id !== 1)) {
      expect(account.root_account_id, account.name).toBe(1);
      const parent = byId.get(account.parent_account_id ?? -1);
      expect(parent, account.name).toBeDefined();
      if (!parent) continue;
      expect(account.path).toBe(`${parent.path}${account.id}/`);
      expect(account.depth).toBe(parent.depth + 1);
    }
  });

  it('gives every sub-account but the manually-created courses account a unique SIS id', () => {
    const manualId = Number(readMeta(db, 'manually_created_courses_account'));
    const manual = byId.get(manualId);
    expect(manual).toMatchObject({
      name: 'Manually-Created Courses',
      parent_account_id: 1,
      sis_account_id: null,
    });
    const sisIds = accounts
      .filter((account) => account.id !== 1 && account.id !== manualId)
      .map((a) => a.sis_account_id);
    expect(sisIds.every((sis) => typeof sis === 'string' && sis.length > 0)).toBe(true);
    expect(new Set(sisIds).size).toBe(sisIds.length);
  });

  it('names colleges, departments and programs like a university', () => {
    const names = accounts.map((account) => account.name);
    expect(names).toContain('College of Engineering');
    expect(names).toContain('Department of Mechanical Engineering');
    expect(
      accounts.filter((account) => account.depth === 1 && account.name.startsWith('College')),
    ).not.toHaveLength(0);
    expect(
      accounts.filter((account) => account.depth === 3).every((account) => account.name.endsWith(' Program')),
    ).toBe(true);
    expect(byId.get(scalar("SELECT id FROM accounts WHERE sis_account_id = 'DEPT-MECH'"))?.depth).toBe(2);
  });

  it('has a few empty leaves and a couple of deleted ones with nothing in them', () => {
    const emptyLeaves = scalar(
      `SELECT count(*) FROM accounts a WHERE a.workflow_state = 'active' AND a.depth > 0
         AND NOT EXISTS (SELECT 1 FROM courses c WHERE c.account_id = a.id)
         AND NOT EXISTS (SELECT 1 FROM accounts k WHERE k.parent_account_id = a.id)`,
    );
    expect(emptyLeaves).toBeGreaterThanOrEqual(3);
    const deleted = accounts.filter((account) => account.workflow_state === 'deleted');
    expect(deleted.length).toBeGreaterThanOrEqual(2);
    for (const account of deleted) {
      expect(scalar('SELECT count(*) FROM courses WHERE account_id = ?', account.id)).toBe(0);
      expect(scalar('SELECT count(*) FROM accounts WHERE parent_account_id = ?', account.id)).toBe(0);
    }
  });

  it('shows a realistic mix of account calendars', () => {
    const subAccounts = accounts.filter((account) => account.id !== 1);
    const visibleShare =
      subAccounts.filter((account) => account.calendar_visible === 1).length / subAccounts.length;
    expect(visibleShare).toBeGreaterThan(0.25);
    expect(visibleShare).toBeLessThan(0.6);
    const autoSubscribed = accounts.filter((account) => account.calendar_auto_subscribe === 1);
    expect(autoSubscribed.length).toBeGreaterThan(0);
    expect(autoSubscribed.every((account) => account.calendar_visible === 1)).toBe(true);
  });

  it('configures the root help menu and terms of service', () => {
    const settings = JSON.parse(byId.get(1)?.settings ?? '{}') as {
      help_link_name: string;
      help_link_icon: string;
      custom_help_links: { id: string; type: string; text: string; url: string; available_to: string[] }[];
    };
    expect(settings.help_link_name).toBe('Help');
    expect(settings.help_link_icon).toBe('help');
    const ids = settings.custom_help_links.map((link) => link.id);
    expect(ids).toEqual(
      expect.arrayContaining(['instructor_question', 'search_the_canvas_guides', 'report_a_problem']),
    );
    expect(settings.custom_help_links.filter((link) => link.type === 'custom').length).toBeGreaterThanOrEqual(
      2,
    );
    for (const link of settings.custom_help_links) {
      expect(link.text.length).toBeGreaterThan(0);
      expect(link.available_to.length).toBeGreaterThan(0);
    }
    expect(all('SELECT account_id, terms_type, passive FROM terms_of_service')).toEqual([
      { account_id: 1, terms_type: 'default', passive: 1 },
    ]);
  });
});

describe('demo tenant: terms, roles and courses', () => {
  it('has a default term, dated SIS terms and one deleted term', () => {
    const terms = all<{
      name: string;
      sis_term_id: string | null;
      start_at: string | null;
      end_at: string | null;
      is_default: number;
      workflow_state: string;
    }>('SELECT * FROM enrollment_terms ORDER BY id');
    const defaults = terms.filter((term) => term.is_default === 1);
    expect(defaults).toEqual([
      expect.objectContaining({ name: 'Default Term', sis_term_id: null, start_at: null }),
    ]);
    const dated = terms.filter((term) => term.is_default === 0);
    for (const term of dated) {
      expect(term.sis_term_id).toMatch(/^(FA|SP|SU|WI)\d\d$/);
      expect(term.start_at && term.end_at && term.start_at < term.end_at).toBe(true);
    }
    expect(new Set(dated.map((term) => term.sis_term_id)).size).toBe(dated.length);
    expect(terms.filter((term) => term.workflow_state === 'deleted')).toHaveLength(1);
    expect(terms.map((term) => term.name)).toEqual(
      expect.arrayContaining(['Fall 2025', 'Spring 2026', 'Spring 2027']),
    );
  });

  it('has the built-in roles of the root account and two custom roles', () => {
    const roles = all<{
      name: string;
      label: string;
      base_role_type: string;
      workflow_state: string;
      account_id: number | null;
      root_account_id: number;
      permissions: string;
    }>('SELECT * FROM roles ORDER BY id');
    const builtIn = roles.filter((role) => role.workflow_state === 'built_in');
    expect(builtIn.map((role) => [role.name, role.base_role_type])).toEqual(
      expect.arrayContaining([
        ['StudentEnrollment', 'StudentEnrollment'],
        ['TeacherEnrollment', 'TeacherEnrollment'],
        ['TaEnrollment', 'TaEnrollment'],
        ['DesignerEnrollment', 'DesignerEnrollment'],
        ['ObserverEnrollment', 'ObserverEnrollment'],
        ['AccountAdmin', 'AccountMembership'],
        ['AccountMembership', 'AccountMembership'],
        ['NoPermissions', 'NoPermissions'],
      ]),
    );
    expect(builtIn.find((role) => role.name === 'AccountAdmin')?.label).toBe('Account Admin');
    expect(builtIn.every((role) => role.account_id === null && role.root_account_id === 1)).toBe(true);
    const departmentAdmin = roles.find((role) => role.name === 'Department Admin');
    expect(departmentAdmin).toMatchObject({
      base_role_type: 'AccountMembership',
      account_id: 1,
      workflow_state: 'active',
    });
    expect(JSON.parse(departmentAdmin?.permissions ?? '{}')).toMatchObject({
      read_course_list: true,
      read_roster: true,
      manage_courses_add: true,
      read_reports: true,
    });
    expect(roles.find((role) => role.name === 'Grader')).toMatchObject({
      base_role_type: 'TaEnrollment',
      account_id: 1,
    });
  });

  it('puts every course in an existing active account and an active term', () => {
    expect(
      scalar(
        `SELECT count(*) FROM courses c
         LEFT JOIN accounts a ON a.id = c.account_id
         LEFT JOIN enrollment_terms t ON t.id = c.enrollment_term_id
         WHERE a.id IS NULL OR t.id IS NULL OR a.workflow_state <> 'active' OR t.workflow_state <> 'active'
           OR c.root_account_id <> 1 OR a.depth = 0`,
      ),
    ).toBe(0);
  });

  it('gives courses unique SIS ids and university-style names and codes', () => {
    const sisIds = all<{ sis: string }>(
      'SELECT sis_course_id AS sis FROM courses WHERE sis_course_id IS NOT NULL',
    );
    expect(sisIds.length).toBeGreaterThan(1500);
    expect(new Set(sisIds.map((row) => row.sis)).size).toBe(sisIds.length);
    const regular = all<{ name: string; course_code: string; sis_course_id: string }>(
      "SELECT name, course_code, sis_course_id FROM courses WHERE sis_course_id LIKE '%-SP26-%' LIMIT 50",
    );
    for (const course of regular) {
      expect(course.course_code).toMatch(/^[A-Z]{2,4} \d{3}$/);
      expect(course.sis_course_id).toMatch(/^[A-Z]{2,4}\d{3}-SP26-\d{2,}$/);
      expect(course.sis_course_id.startsWith(course.course_code.replace(' ', ''))).toBe(true);
    }
    expect(scalar('SELECT count(DISTINCT name) FROM courses')).toBeGreaterThan(500);
  });

  it('mixes course states, terms and flags realistically', () => {
    const share = (where: string) => scalar(`SELECT count(*) FROM courses WHERE ${where}`) / 2000;
    expect(share("workflow_state = 'available'")).toBeGreaterThan(0.6);
    expect(share("workflow_state = 'available'")).toBeLessThan(0.8);
    expect(share("workflow_state IN ('created', 'claimed')")).toBeGreaterThan(0.1);
    expect(share("workflow_state IN ('created', 'claimed')")).toBeLessThan(0.2);
    expect(share("workflow_state = 'completed'")).toBeGreaterThan(0.08);
    expect(share("workflow_state = 'completed'")).toBeLessThan(0.16);
    expect(share("workflow_state = 'deleted'")).toBeGreaterThan(0.01);
    expect(share("workflow_state = 'deleted'")).toBeLessThan(0.05);
    expect(share('blueprint = 1')).toBeGreaterThan(0.005);
    expect(share('blueprint = 1')).toBeLessThan(0.02);
    expect(share('blueprint_associated = 1')).toBeGreaterThan(0);
    expect(share('is_public = 1')).toBeGreaterThan(0);
    expect(share('template = 1')).toBeGreaterThan(0);
    expect(scalar('SELECT count(*) FROM courses WHERE homeroom_course = 1')).toBeGreaterThanOrEqual(2);
    expect(
      scalar(
        'SELECT count(*) FROM courses WHERE restrict_enrollments_to_course_dates = 1 AND start_at IS NULL',
      ),
    ).toBe(0);
    expect(share('restrict_enrollments_to_course_dates = 1')).toBeGreaterThan(0);
    const defaultTermShare = share(
      'enrollment_term_id = (SELECT id FROM enrollment_terms WHERE is_default = 1)',
    );
    expect(defaultTermShare).toBeGreaterThan(0);
    expect(defaultTermShare).toBeLessThan(0.1);
    expect(
      scalar(
        'SELECT count(*) FROM courses WHERE account_id = ?',
        Number(readMeta(db, 'manually_created_courses_account')),
      ),
    ).toBeGreaterThan(0);
    // Templates point back from the accounts that use them.
    expect(
      scalar(
        'SELECT count(*) FROM accounts a JOIN courses c ON c.id = a.course_template_id WHERE c.template = 1',
      ),
    ).toBeGreaterThan(0);
  });
});

describe('demo tenant: users and enrollments', () => {
  it('gives every user one login in the root with unique login and SIS ids', () => {
    expect(scalar('SELECT count(*) FROM pseudonyms WHERE account_id = 1')).toBe(2000);
    expect(scalar('SELECT count(DISTINCT user_id) FROM pseudonyms')).toBe(2000);
    expect(scalar('SELECT count(DISTINCT lower(unique_id)) FROM pseudonyms')).toBe(2000);
    const sis = all<{ sis: string }>(
      'SELECT sis_user_id AS sis FROM pseudonyms WHERE sis_user_id IS NOT NULL',
    );
    expect(sis.length).toBeGreaterThan(1900);
    expect(new Set(sis.map((row) => row.sis)).size).toBe(sis.length);
    expect(
      scalar(
        'SELECT count(*) FROM pseudonyms p JOIN users u ON u.id = p.user_id WHERE p.unique_id <> u.email',
      ),
    ).toBe(0);
    expect(scalar(`SELECT count(*) FROM users WHERE email NOT GLOB '[a-z]*.[a-z]*@northfield.edu'`)).toBe(0);
  });

  it('derives short and sortable names the way Canvas does', () => {
    const users = all<{ name: string; short_name: string; sortable_name: string }>(
      'SELECT name, short_name, sortable_name FROM users',
    );
    for (const user of users) {
      expect(user.short_name).toBe(user.name);
      expect(user.sortable_name).toBe(sortableNameFor(user.name));
    }
    expect(new Set(users.map((user) => user.name.split(' ')[0])).size).toBeGreaterThan(100);
  });

  it('has a few pre-registered users who never logged in, and recent logins for most', () => {
    const preRegistered = scalar("SELECT count(*) FROM users WHERE workflow_state = 'pre_registered'");
    expect(preRegistered).toBeGreaterThan(0);
    expect(preRegistered).toBeLessThan(100);
    expect(
      scalar("SELECT count(*) FROM users WHERE workflow_state = 'pre_registered' AND last_login IS NOT NULL"),
    ).toBe(0);
    expect(scalar('SELECT count(*) FROM users WHERE last_login IS NOT NULL')).toBeGreaterThan(1700);
  });

  it('staffs courses with teachers and students, leaving about 5% without enrollments', () => {
    const withoutEnrollments = scalar(
      'SELECT count(*) FROM courses c WHERE NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.course_id = c.id)',
    );
    expect(withoutEnrollments / 2000).toBeGreaterThan(0.03);
    expect(withoutEnrollments / 2000).toBeLessThan(0.08);
    const teachersPerCourse = all<{ teachers: number }>(
      `SELECT count(*) AS teachers FROM enrollments WHERE type = 'TeacherEnrollment' GROUP BY course_id`,
    );
    expect(teachersPerCourse.every((row) => row.teachers >= 1 && row.teachers <= 2)).toBe(true);
    const studentCounts = all<{ students: number }>(
      `SELECT count(*) AS students FROM enrollments e JOIN courses c ON c.id = e.course_id
       WHERE e.type = 'StudentEnrollment' AND c.blueprint = 0 GROUP BY e.course_id`,
    );
    expect(studentCounts.every((row) => row.students >= 5 && row.students <= 30)).toBe(true);
    const teacherUsers = scalar(
      "SELECT count(DISTINCT user_id) FROM enrollments WHERE type = 'TeacherEnrollment'",
    );
    expect(teacherUsers / 2000).toBeGreaterThan(0.06);
    expect(teacherUsers / 2000).toBeLessThan(0.12);
    const states = all<{ workflow_state: string }>('SELECT DISTINCT workflow_state FROM enrollments').map(
      (row) => row.workflow_state,
    );
    expect(states).toEqual(expect.arrayContaining(['active', 'completed', 'invited', 'inactive']));
    expect(
      scalar("SELECT count(*) FROM enrollments WHERE workflow_state = 'active'") / summary.enrollments,
    ).toBeGreaterThan(0.5);
  });

  it('uses the role matching each enrollment type, with Grader for some TAs', () => {
    const mismatched = scalar(
      `SELECT count(*) FROM enrollments e JOIN roles r ON r.id = e.role_id
       WHERE r.base_role_type <> e.type OR (r.workflow_state = 'built_in' AND r.name <> e.type)`,
    );
    expect(mismatched).toBe(0);
    expect(
      scalar("SELECT count(*) FROM enrollments e JOIN roles r ON r.id = e.role_id WHERE r.name = 'Grader'"),
    ).toBeGreaterThan(0);
    for (const type of ['TaEnrollment', 'DesignerEnrollment', 'ObserverEnrollment']) {
      expect(scalar('SELECT count(*) FROM enrollments WHERE type = ?', type), type).toBeGreaterThan(0);
    }
  });

  it('has a handful of admins on the root, colleges and departments', () => {
    const admins = all<{ depth: number; role: string; workflow_state: string }>(
      `SELECT a.depth, r.name AS role, au.workflow_state FROM account_users au
       JOIN accounts a ON a.id = au.account_id JOIN roles r ON r.id = au.role_id`,
    );
    expect(admins.length).toBeGreaterThanOrEqual(8);
    expect(admins.length).toBeLessThanOrEqual(25);
    expect(
      admins.filter((admin) => admin.depth === 0 && admin.role === 'AccountAdmin').length,
    ).toBeGreaterThanOrEqual(2);
    expect(admins.some((admin) => admin.depth === 1)).toBe(true);
    expect(admins.some((admin) => admin.depth === 2 && admin.role === 'Department Admin')).toBe(true);
  });
});

describe('demo tenant: demo users', () => {
  const people = {
    admin: ['Jordan Whitfield', 'jordan.whitfield@northfield.edu'],
    subadmin: ['Priya Natarajan', 'priya.natarajan@northfield.edu'],
    teacher: ['Marcus Bell', 'marcus.bell@northfield.edu'],
    student: ['Sofia Alvarez', 'sofia.alvarez@northfield.edu'],
  } as const;

  it('records each demo user with a recognisable name and login', () => {
    for (const [key, [name, login]] of Object.entries(people)) {
      const id = demoUserId(db, key as keyof typeof people);
      const row = db
        .prepare(
          'SELECT u.name, p.unique_id FROM users u JOIN pseudonyms p ON p.user_id = u.id WHERE u.id = ?',
        )
        .get(id);
      expect(row, key).toEqual({ name, unique_id: login });
    }
  });

  it('makes the admin an admin of the root and the sub-admin of one college only', () => {
    const memberships = (userId: number) =>
      all<{ account_id: number; role: string; depth: number }>(
        `SELECT au.account_id, r.name AS role, a.depth FROM account_users au
         JOIN roles r ON r.id = au.role_id JOIN accounts a ON a.id = au.account_id
         WHERE au.user_id = ? AND au.workflow_state = 'active'`,
        userId,
      );
    expect(memberships(demoUserId(db, 'admin'))).toEqual([{ account_id: 1, role: 'AccountAdmin', depth: 0 }]);
    const collegeId = Number(readMeta(db, 'demo_subadmin_account'));
    expect(memberships(demoUserId(db, 'subadmin'))).toEqual([
      { account_id: collegeId, role: 'AccountAdmin', depth: 1 },
    ]);
    expect(memberships(demoUserId(db, 'teacher'))).toEqual([]);
    expect(memberships(demoUserId(db, 'student'))).toEqual([]);
  });

  it("enrols the teacher and the student in the sub-admin's college, sharing a course", () => {
    const collegePath = db
      .prepare('SELECT path FROM accounts WHERE id = ?')
      .pluck()
      .get(Number(readMeta(db, 'demo_subadmin_account'))) as string;
    const courses = (userId: number, type: string) =>
      all<{ course_id: number; path: string; workflow_state: string }>(
        `SELECT e.course_id, a.path, c.workflow_state FROM enrollments e
         JOIN courses c ON c.id = e.course_id JOIN accounts a ON a.id = c.account_id
         WHERE e.user_id = ? AND e.type = ?`,
        userId,
        type,
      );
    const teaching = courses(demoUserId(db, 'teacher'), 'TeacherEnrollment');
    const studying = courses(demoUserId(db, 'student'), 'StudentEnrollment');
    expect(teaching.length).toBeGreaterThanOrEqual(3);
    expect(studying.length).toBeGreaterThanOrEqual(3);
    for (const course of [...teaching, ...studying]) expect(course.path.startsWith(collegePath)).toBe(true);
    expect(teaching.filter((course) => course.workflow_state === 'available').length).toBeGreaterThanOrEqual(
      2,
    );
    const shared = studying.filter((course) =>
      teaching.some((taught) => taught.course_id === course.course_id),
    );
    expect(shared.length).toBeGreaterThanOrEqual(1);
  });

  it('gives each demo user a working token, stored only as a hash', () => {
    for (const user of DEMO_USERS) {
      const owner = db
        .prepare("SELECT user_id FROM access_tokens WHERE token_hash = ? AND workflow_state = 'active'")
        .pluck()
        .get(hashToken(db, demoToken(user)));
      expect(owner, user.key).toBe(demoUserId(db, user.key));
    }
  });
});

describe('generateTenant', () => {
  function generateInMemory(seed: number): Db {
    const memory = openDatabase(':memory:');
    generateTenant(memory, { scale: 'demo', seed });
    return memory;
  }

  function snapshot(target: Db) {
    return {
      accounts: target.prepare('SELECT id, name, path, sis_account_id, uuid FROM accounts ORDER BY id').all(),
      courses: target
        .prepare(
          'SELECT id, name, course_code, sis_course_id, account_id, workflow_state FROM courses ORDER BY id',
        )
        .all(),
      users: target.prepare('SELECT id, name, email FROM users ORDER BY id').all(),
      enrollments: target
        .prepare('SELECT count(*) AS count, sum(user_id * course_id % 997) AS fingerprint FROM enrollments')
        .get(),
    };
  }

  it('is deterministic for a seed and varies with it', () => {
    const first = generateInMemory(7);
    const second = generateInMemory(7);
    const other = generateInMemory(8);
    try {
      const expected = snapshot(first);
      expect(snapshot(second)).toEqual(expected);
      const different = snapshot(other);
      expect(different.courses).not.toEqual(expected.courses);
      expect(different.users).not.toEqual(expected.users);
    } finally {
      for (const target of [first, second, other]) target.close();
    }
  });

  it('refuses a database that already holds a tenant, and restores the connection settings', () => {
    const memory = openDatabase(':memory:');
    try {
      expect(isTenantGenerated(memory)).toBe(false);
      generateTenant(memory, { scale: 'demo', seed: 3 });
      expect(isTenantGenerated(memory)).toBe(true);
      expect(memory.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(memory.pragma('ignore_check_constraints', { simple: true })).toBe(0);
      expect(() => generateTenant(memory, { scale: 'demo', seed: 3 })).toThrow(/empty database/);
    } finally {
      memory.close();
    }
  });
});

describe('sortableNameFor', () => {
  it.each([
    ['Sofia Alvarez', 'Alvarez, Sofia'],
    ['Imani H. Okafor', 'Okafor, Imani H.'],
    ['Robert King Jr.', 'King, Robert Jr.'],
    ['Rosa Sharma-Coleman', 'Sharma-Coleman, Rosa'],
    ['Cher', 'Cher'],
  ])('%s -> %s', (name, sortable) => {
    expect(sortableNameFor(name)).toBe(sortable);
  });
});

describe('sandbox:reset command line', () => {
  const script = join(process.cwd(), 'src/server/sandbox/db/reset.ts');
  // Without token overrides from the environment, so the printed tokens are the defaults.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^DEMO_.*_TOKEN$/.test(name)),
  );
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
      encoding: 'utf8',
      timeout: 60_000,
      env,
    });

  it('rejects unknown flags and scales with usage and exit code 2', () => {
    for (const args of [['--scale', 'huge'], ['--bogus'], ['extra-argument']]) {
      const result = run(...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('Usage: npm run sandbox:reset');
    }
  });

  it('resets the given file and prints the summary and the demo users', () => {
    const file = join(workDir, 'cli.db');
    const result = run('--scale', 'demo', '--db', file);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/2,000 courses, 2,000 users/);
    expect(result.stdout).toContain('jordan.whitfield@northfield.edu');
    expect(result.stdout).toContain('demo-student-token');
  });
});
