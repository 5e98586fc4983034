import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/server/sandbox/db/connection.ts';
import { generateTenant } from '../../src/server/sandbox/db/generate.ts';
import type { AccountRow } from '../../src/server/sandbox/lookup.ts';
import { findReportDefinition, REPORT_DEFINITIONS } from '../../src/server/sandbox/reports/catalogue.ts';
import { firstAndLastName } from '../../src/server/sandbox/reports/definitions/sisExport.ts';
import { zonedTimestampFormatter } from '../../src/server/sandbox/reports/reportHelpers.ts';
import { type CsvCell, ReportFailure, type ReportFile } from '../../src/server/sandbox/reports/types.ts';

let db: Db;
const startedAt = new Date();

function scalar(sql: string, ...params: unknown[]): number {
  return db
    .prepare(sql)
    .pluck()
    .get(...params) as number;
}
function column<T>(sql: string, ...params: unknown[]): T[] {
  return db
    .prepare(sql)
    .pluck()
    .all(...params) as T[];
}
function account(id: number): AccountRow {
  return db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow;
}

function plan(report: string, parameters: Record<string, unknown>, accountId = 1): ReportFile[] {
  const definition = findReportDefinition(report);
  if (!definition) throw new Error(`no report ${report}`);
  return definition.plan({
    db,
    account: account(accountId),
    rootAccountId: 1,
    parameters,
    userId: 1,
    startedAt,
  });
}
function rowsOf(file: ReportFile): CsvCell[][] {
  const rows: CsvCell[][] = [];
  for (const batch of file.batches()) rows.push(...batch);
  expect(rows.length, `${file.name} rowCount`).toBe(file.rowCount);
  for (const row of rows) expect(row.length, file.name).toBe(file.header.length);
  return rows;
}
function only(
  report: string,
  parameters: Record<string, unknown>,
  accountId = 1,
): { file: ReportFile; rows: CsvCell[][] } {
  const files = plan(report, parameters, accountId);
  expect(files).toHaveLength(1);
  const file = files[0] as ReportFile;
  return { file, rows: rowsOf(file) };
}
const cell = (file: ReportFile, row: CsvCell[] | undefined, name: string): CsvCell =>
  row?.[file.header.indexOf(name)];

/** A college with courses and a grandchild account below it. */
let college: AccountRow;

beforeAll(() => {
  db = openDatabase(':memory:');
  generateTenant(db, { scale: 'demo', seed: 1 });
  const id = scalar(
    `SELECT a.id FROM accounts a WHERE a.depth = 1 AND a.sis_account_id LIKE 'COL-%'
     AND EXISTS (SELECT 1 FROM accounts g WHERE g.depth = 3 AND g.path LIKE a.path || '%') ORDER BY a.id LIMIT 1`,
  );
  college = account(id);
});
afterAll(() => db.close());

describe('catalogue', () => {
  it('offers each report once, with titles and parameter objects', () => {
    const reports = REPORT_DEFINITIONS.map((definition) => definition.report);
    expect(new Set(reports).size).toBe(reports.length);
    expect(reports).toEqual(
      expect.arrayContaining([
        'provisioning_csv',
        'sis_export_csv',
        'last_user_access_csv',
        'zero_activity_csv',
      ]),
    );
    expect(reports).not.toContain('students_with_no_submissions_csv');
    expect(findReportDefinition('provisioning_csv')?.title).toBe('Provisioning');
    expect(findReportDefinition('nope')).toBeUndefined();
  });
});

describe('helpers', () => {
  it('formats timestamps in the root zone like Ruby iso8601', () => {
    const denver = zonedTimestampFormatter('America/Denver');
    expect(denver('2026-01-12T07:00:00Z')).toBe('2026-01-12T00:00:00-07:00');
    expect(denver('2025-07-01T06:00:00Z')).toBe('2025-07-01T00:00:00-06:00');
    expect(denver(null)).toBeNull();
    expect(zonedTimestampFormatter('UTC')('2025-07-01T06:00:00Z')).toBe('2025-07-01T06:00:00Z');
  });
  it('splits sortable names into first and last names', () => {
    expect(firstAndLastName('King, Robert Jr.')).toEqual(['Robert', 'King']);
    expect(firstAndLastName('Whitfield, Jordan A.')).toEqual(['Jordan A.', 'Whitfield']);
    expect(firstAndLastName('Cher')).toEqual(['Cher', null]);
  });
});

describe('provisioning_csv', () => {
  it('writes one file per chosen entity, in Canvas order', () => {
    const files = plan('provisioning_csv', {
      enrollments: 'true',
      users: '1',
      accounts: true,
      terms: 'false',
    });
    expect(files.map((file) => file.name)).toEqual(['users.csv', 'accounts.csv', 'enrollments.csv']);
    expect(plan('provisioning_csv', {})).toEqual([]);
  });

  it('users: every live login of the root, with names split and created_by_sis', () => {
    const { file, rows } = only('provisioning_csv', { users: 'true' });
    expect(file.header).toEqual([
      'canvas_user_id',
      'user_id',
      'integration_id',
      'authentication_provider_id',
      'login_id',
      'first_name',
      'last_name',
      'full_name',
      'sortable_name',
      'short_name',
      'email',
      'status',
      'created_by_sis',
    ]);
    expect(rows.length).toBe(scalar("SELECT count(*) FROM pseudonyms WHERE workflow_state <> 'deleted'"));
    const sample = db
      .prepare(
        `SELECT p.user_id, p.sis_user_id, p.unique_id, p.workflow_state, p.sis_batch_id, u.name, u.sortable_name
         FROM pseudonyms p JOIN users u ON u.id = p.user_id WHERE p.sis_user_id IS NULL ORDER BY p.id LIMIT 1`,
      )
      .get() as { user_id: number; unique_id: string; sortable_name: string; name: string };
    const row = rows.find((r) => r[0] === sample.user_id);
    expect(cell(file, row, 'login_id')).toBe(sample.unique_id);
    expect(cell(file, row, 'user_id')).toBeNull();
    expect(cell(file, row, 'full_name')).toBe(sample.name);
    expect(cell(file, row, 'last_name')).toBe(sample.sortable_name.split(',')[0]);
    expect(cell(file, row, 'created_by_sis')).toBe(false);
    const ids = rows.map((r) => r[0] as number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('users: created_by_sis and a sub-account scope', () => {
    const sis = only('provisioning_csv', { users: 'true', created_by_sis: 'true' });
    expect(sis.rows.length).toBe(
      scalar(
        "SELECT count(*) FROM pseudonyms WHERE workflow_state <> 'deleted' AND sis_batch_id IS NOT NULL",
      ),
    );
    expect(sis.rows.length).toBeLessThan(scalar('SELECT count(*) FROM pseudonyms'));
    const scoped = only('provisioning_csv', { users: 'true' }, college.id);
    const expected = column<number>(
      `SELECT DISTINCT p.user_id FROM pseudonyms p WHERE p.workflow_state <> 'deleted' AND (
         p.user_id IN (SELECT e.user_id FROM enrollments e JOIN courses c ON c.id = e.course_id JOIN accounts a ON a.id = c.account_id
                       WHERE e.workflow_state <> 'deleted' AND a.path LIKE ? || '%')
         OR p.user_id IN (SELECT au.user_id FROM account_users au JOIN accounts a ON a.id = au.account_id
                          WHERE au.workflow_state <> 'deleted' AND a.path LIKE ? || '%'))
       ORDER BY p.id`,
      college.path,
      college.path,
    );
    expect(scoped.rows.map((r) => r[0])).toEqual(expected);
    expect(expected.length).toBeLessThan(sis.rows.length);
  });

  it('accounts: all sub-accounts from the root, direct children from a sub-account', () => {
    const { file, rows } = only('provisioning_csv', { accounts: 'true' });
    expect(file.header).toEqual([
      'canvas_account_id',
      'account_id',
      'canvas_parent_id',
      'parent_account_id',
      'name',
      'status',
      'created_by_sis',
    ]);
    expect(rows.length).toBe(
      scalar(
        "SELECT count(*) FROM accounts WHERE parent_account_id IS NOT NULL AND workflow_state <> 'deleted'",
      ),
    );
    expect(rows.some((r) => r[0] === 1)).toBe(false);
    const deleted = only('provisioning_csv', { accounts: 'true', include_deleted: 'true' });
    expect(deleted.rows.length).toBe(
      scalar(
        "SELECT count(*) FROM accounts WHERE parent_account_id IS NOT NULL AND (workflow_state <> 'deleted' OR sis_account_id IS NOT NULL)",
      ),
    );
    const children = only('provisioning_csv', { accounts: 'true' }, college.id);
    expect(children.rows.map((r) => r[0])).toEqual(
      column<number>(
        "SELECT id FROM accounts WHERE parent_account_id = ? AND workflow_state <> 'deleted' ORDER BY id",
        college.id,
      ),
    );
    expect(children.rows.every((r) => r[2] === college.id && r[3] === college.sis_account_id)).toBe(true);
  });

  it('terms: dates in the root zone with offsets', () => {
    const { file, rows } = only('provisioning_csv', { terms: 'true' });
    expect(rows.length).toBe(
      scalar("SELECT count(*) FROM enrollment_terms WHERE workflow_state <> 'deleted'"),
    );
    const term = db.prepare("SELECT * FROM enrollment_terms WHERE sis_term_id = 'SP26'").get() as {
      id: number;
      start_at: string;
    };
    const row = rows.find((r) => r[0] === term.id);
    expect(cell(file, row, 'start_date')).toBe(zonedTimestampFormatter('America/Denver')(term.start_at));
    expect(String(cell(file, row, 'start_date'))).toMatch(/-0[67]:00$/);
  });

  it('courses: live and unconcluded by default, term and include_deleted filters', () => {
    const { file, rows } = only('provisioning_csv', { courses: 'true' });
    expect(rows.length).toBe(
      scalar("SELECT count(*) FROM courses WHERE workflow_state NOT IN ('deleted', 'completed')"),
    );
    const statuses = new Set(rows.map((r) => cell(file, r, 'status')));
    expect([...statuses].sort()).toEqual(['active', 'unpublished']);
    const term = scalar("SELECT id FROM enrollment_terms WHERE sis_term_id = 'SP26'");
    for (const form of [String(term), 'sis_term_id:SP26']) {
      const termed = only('provisioning_csv', { courses: 'true', enrollment_term_id: form });
      expect(termed.rows.length).toBe(
        scalar(
          "SELECT count(*) FROM courses WHERE workflow_state NOT IN ('deleted', 'completed') AND enrollment_term_id = ?",
          term,
        ),
      );
    }
    const withDeleted = only('provisioning_csv', { courses: 'true', include_deleted: true });
    expect(withDeleted.rows.length).toBe(
      scalar(
        "SELECT count(*) FROM courses WHERE workflow_state <> 'deleted' OR sis_course_id IS NOT NULL OR updated_at > ?",
        new Date(startedAt.getTime() - 120 * 86_400_000).toISOString(),
      ),
    );
    expect(withDeleted.rows.some((r) => cell(withDeleted.file, r, 'status') === 'concluded')).toBe(true);
    const associated = db
      .prepare(
        "SELECT c.id, b.id AS blueprint FROM courses c JOIN courses b ON b.id = c.blueprint_course_id WHERE c.workflow_state NOT IN ('deleted', 'completed') LIMIT 1",
      )
      .get() as { id: number; blueprint: number } | undefined;
    expect(associated).toBeDefined();
    expect(
      cell(
        file,
        rows.find((r) => r[0] === associated?.id),
        'canvas_blueprint_course_id',
      ),
    ).toBe(associated?.blueprint);
  });

  it('sections and enrollments: default sections, statuses, sub-account and enrollment filters', () => {
    const sections = only('provisioning_csv', { sections: 'true' });
    expect(sections.rows.length).toBe(
      scalar(
        "SELECT count(*) FROM course_sections s JOIN courses c ON c.id = s.course_id WHERE c.workflow_state <> 'deleted'",
      ),
    );
    const { file, rows } = only('provisioning_csv', { enrollments: 'true' }, college.id);
    const expected = scalar(
      `SELECT count(*) FROM enrollments e JOIN courses c ON c.id = e.course_id JOIN accounts a ON a.id = c.account_id
       WHERE e.workflow_state NOT IN ('deleted', 'completed') AND a.path LIKE ? || '%'
         AND EXISTS (SELECT 1 FROM pseudonyms p WHERE p.user_id = e.user_id AND p.workflow_state <> 'deleted')`,
      college.path,
    );
    expect(rows.length).toBe(expected);
    const first = db
      .prepare(
        'SELECT e.*, s.sis_source_id FROM enrollments e JOIN course_sections s ON s.id = e.course_section_id WHERE e.id = ?',
      )
      .get(rows[0]?.[file.header.indexOf('canvas_enrollment_id')]) as {
      course_id: number;
      course_section_id: number;
      type: string;
    };
    expect(cell(file, rows[0], 'canvas_course_id')).toBe(first.course_id);
    expect(cell(file, rows[0], 'canvas_section_id')).toBe(first.course_section_id);
    expect(cell(file, rows[0], 'base_role_type')).toBe(first.type);
    const students = only('provisioning_csv', {
      enrollments: 'true',
      enrollment_filter: 'StudentEnrollment,Bogus',
      enrollment_states: ['active'],
    });
    expect(students.rows.length).toBe(
      scalar(`SELECT count(*) FROM enrollments e WHERE e.type = 'StudentEnrollment' AND e.workflow_state = 'active'
              AND EXISTS (SELECT 1 FROM pseudonyms p WHERE p.user_id = e.user_id AND p.workflow_state <> 'deleted')`),
    );
    expect(new Set(students.rows.map((r) => cell(students.file, r, 'role')))).toEqual(new Set(['student']));
    expect(only('provisioning_csv', { enrollments: 'true', enrollment_filter: 'Bogus' }).rows).toEqual([]);
  });

  it('admins of the subtree, and header-only files for objects the sandbox has none of', () => {
    const { rows } = only('provisioning_csv', { admins: 'true' }, college.id);
    const expected = column<number>(
      `SELECT au.user_id FROM account_users au JOIN accounts a ON a.id = au.account_id
       WHERE au.workflow_state <> 'deleted' AND a.path LIKE ? || '%' ORDER BY au.id`,
      college.path,
    );
    expect(rows.map((r) => r[1])).toEqual(expected);
    const groups = only('provisioning_csv', { groups: 'true' });
    expect(groups.file.header[0]).toBe('canvas_group_id');
    expect(groups.rows).toEqual([]);
  });
});

describe('sis_export_csv', () => {
  it('writes SIS import headers and only rows with SIS ids', () => {
    const users = only('sis_export_csv', { users: 'true' });
    expect(users.file.header.slice(0, 5)).toEqual([
      'user_id',
      'integration_id',
      'authentication_provider_id',
      'login_id',
      'password',
    ]);
    expect(users.rows.length).toBe(
      scalar("SELECT count(*) FROM pseudonyms WHERE sis_user_id IS NOT NULL AND workflow_state <> 'deleted'"),
    );
    const courses = only('sis_export_csv', { courses: 'true' });
    expect(courses.rows.length).toBe(
      scalar(
        "SELECT count(*) FROM courses WHERE sis_course_id IS NOT NULL AND workflow_state NOT IN ('deleted', 'completed')",
      ),
    );
    expect(new Set(courses.rows.map((r) => cell(courses.file, r, 'status')))).toEqual(new Set(['active']));
    const accounts = only('sis_export_csv', { accounts: 'true' });
    expect(accounts.file.header).toEqual(['account_id', 'parent_account_id', 'name', 'status']);
    expect(accounts.rows.every((r) => r[0] !== null)).toBe(true);
  });

  it('fails the run for a term that does not exist', () => {
    expect(() => plan('sis_export_csv', { courses: 'true', enrollment_term_id: '999999' })).toThrow(
      ReportFailure,
    );
    const active = only('sis_export_csv', { courses: 'true', enrollment_term_id: 'active_terms' });
    expect(active.rows.length).toBe(only('sis_export_csv', { courses: 'true' }).rows.length);
  });
});

describe('activity reports', () => {
  it('last_user_access: last request and address per login, term and course scopes', () => {
    const { file, rows } = only('last_user_access_csv', {});
    expect(file.header).toEqual(['user id', 'user sis id', 'user name', 'last access at', 'last ip']);
    expect(rows.length).toBe(scalar("SELECT count(*) FROM pseudonyms WHERE workflow_state <> 'deleted'"));
    const login = db
      .prepare('SELECT * FROM pseudonyms WHERE last_request_at IS NOT NULL ORDER BY id LIMIT 1')
      .get() as {
      user_id: number;
      last_request_at: string;
      current_login_ip: string;
    };
    const row = rows.find((r) => r[0] === login.user_id);
    expect(cell(file, row, 'last access at')).toBe(
      zonedTimestampFormatter('America/Denver')(login.last_request_at),
    );
    expect(cell(file, row, 'last ip')).toBe(login.current_login_ip);
    const course = scalar(
      "SELECT course_id FROM enrollments WHERE workflow_state = 'active' GROUP BY course_id ORDER BY count(*) DESC LIMIT 1",
    );
    const inCourse = only('last_user_access_csv', { course_id: String(course) });
    expect(inCourse.rows.map((r) => r[0]).sort()).toEqual(
      column<number>(
        `SELECT DISTINCT p.user_id FROM pseudonyms p JOIN enrollments e ON e.user_id = p.user_id
         WHERE e.course_id = ? AND e.workflow_state <> 'deleted' AND p.workflow_state <> 'deleted'`,
        course,
      ).sort(),
    );
    expect(() => plan('last_user_access_csv', { course_id: '999999' })).toThrow(ReportFailure);
  });

  it('last_enrollment_activity: the latest activity per user', () => {
    const { rows } = only('last_enrollment_activity_csv', {});
    expect(rows.length).toBe(
      scalar('SELECT count(DISTINCT user_id) FROM enrollments WHERE last_activity_at IS NOT NULL'),
    );
    const user = db
      .prepare(
        'SELECT user_id, max(last_activity_at) AS latest FROM enrollments WHERE last_activity_at IS NOT NULL GROUP BY user_id LIMIT 1',
      )
      .get() as { user_id: number; latest: string };
    expect(rows.find((r) => r[0] === user.user_id)?.[2]).toBe(
      zonedTimestampFormatter('America/Denver')(user.latest),
    );
  });

  it('zero_activity: active students of published courses without activity, with start_at', () => {
    const base = `FROM enrollments e JOIN courses c ON c.id = e.course_id JOIN pseudonyms p ON p.user_id = e.user_id
      WHERE e.type = 'StudentEnrollment' AND e.workflow_state = 'active' AND c.workflow_state = 'available'
        AND p.workflow_state = 'active'`;
    const { rows } = only('zero_activity_csv', {});
    expect(rows.length).toBe(scalar(`SELECT count(*) ${base} AND e.last_activity_at IS NULL`));
    const since = only('zero_activity_csv', { start_at: '2026-02-01' });
    expect(since.rows.length).toBe(
      scalar(
        `SELECT count(*) ${base} AND (e.last_activity_at IS NULL OR e.last_activity_at < '2026-02-01T07:00:00Z')`,
      ),
    );
    expect(since.rows.length).toBeGreaterThan(rows.length);
    expect(() => plan('zero_activity_csv', { start_at: 'last tuesday' })).toThrow(/start_at/);
  });
});

describe('course lists and tokens', () => {
  it('unpublished and public courses, scoped to a sub-account', () => {
    const unpublished = only('unpublished_courses_csv', {}, college.id);
    expect(unpublished.file.header).toEqual(['id', 'sis id', 'short name', 'name', 'start date', 'end date']);
    expect(unpublished.rows.map((r) => r[0])).toEqual(
      column<number>(
        `SELECT c.id FROM courses c JOIN accounts a ON a.id = c.account_id
         WHERE c.workflow_state IN ('created', 'claimed') AND a.path LIKE ? || '%' ORDER BY c.id`,
        college.path,
      ),
    );
    const publicCourses = only('public_courses_csv', {});
    expect(publicCourses.rows.length).toBe(
      scalar("SELECT count(*) FROM courses WHERE is_public = 1 AND workflow_state <> 'deleted'"),
    );
  });

  it('recently deleted courses: deleted in the last 30 days', () => {
    const course = scalar("SELECT id FROM courses WHERE workflow_state = 'available' ORDER BY id LIMIT 1");
    const before = only('recently_deleted_courses_csv', {}).rows.length;
    db.prepare("UPDATE courses SET workflow_state = 'deleted', updated_at = ? WHERE id = ?").run(
      new Date(startedAt.getTime() - 2 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'),
      course,
    );
    const after = only('recently_deleted_courses_csv', {});
    expect(after.rows.length).toBe(before + 1);
    expect(after.rows.some((r) => r[0] === course)).toBe(true);
  });

  it('user access tokens: manual and OAuth tokens, not the sandbox sign-in tokens', () => {
    const { file, rows } = only('user_access_tokens_csv', {});
    expect(rows.length).toBe(
      scalar(
        "SELECT count(*) FROM access_tokens WHERE workflow_state <> 'deleted' AND developer_key_id IS NOT NULL",
      ),
    );
    expect(rows.every((r) => cell(file, r, 'dev key name') !== null)).toBe(true);
  });
});
