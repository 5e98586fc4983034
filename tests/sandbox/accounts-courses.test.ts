import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { Account } from '../../src/api/schemas/account.ts';
import { Course } from '../../src/api/schemas/course.ts';
import { type RunningSandbox, startSandbox } from '../helpers/sandboxServer.ts';
import {
  type AccountFacts,
  type Caller,
  compareNoCase,
  expectForbidden,
  expectNotFound,
  expectUnauthenticated,
  getError,
  getJson,
  linkEntries,
  linkOf,
  loadAccounts,
  mintToken,
  readMetaId,
  subtreeIds,
  walkPages,
} from './accounts-helpers.ts';

interface CourseFacts {
  id: number;
  name: string;
  course_code: string;
  account_id: number;
  enrollment_term_id: number;
  sis_course_id: string | null;
  workflow_state: string;
  start_at: string | null;
  conclude_at: string | null;
  restrict_enrollments_to_course_dates: number;
  is_public: number;
  blueprint: number;
  blueprint_associated: number;
  homeroom_course: number;
  post_manually: number;
  storage_quota_used_mb: number;
  syllabus_body: string | null;
}

interface EnrollmentFacts {
  course_id: number;
  user_id: number;
  type: string;
  workflow_state: string;
}

interface TermFacts {
  id: number;
  name: string;
  sis_term_id: string | null;
  start_at: string | null;
  end_at: string | null;
  created_at: string;
  workflow_state: string;
  grading_period_group_id: number | null;
}

interface UserFacts {
  id: number;
  name: string;
  sortable_name: string;
  short_name: string;
  pronouns: string | null;
}

type CourseJson = z.output<typeof Course>;

const DEFAULT_STATES = ['created', 'claimed', 'available', 'completed'];

let sandbox: RunningSandbox;
let accounts: AccountFacts[];
let courses: CourseFacts[];
let enrollments: EnrollmentFacts[];
let enrollmentsByCourse: Map<number, EnrollmentFacts[]>;
let terms: Map<number, TermFacts>;
let users: Map<number, UserFacts>;
let collegeId: number;
let siblingCollegeId: number;
let departmentAdmin: { token: string };
let departmentAdminAccountId: number;

function term(id: number): TermFacts {
  const found = terms.get(id);
  if (!found) throw new Error(`No term ${id}`);
  return found;
}

function enrollmentsOf(courseId: number): EnrollmentFacts[] {
  return enrollmentsByCourse.get(courseId) ?? [];
}

/** The courses of an account's subtree in the default states, filtered, by id. */
function expectedIds(
  filter: (course: CourseFacts) => boolean = () => true,
  accountId = 1,
  states = DEFAULT_STATES,
) {
  const inside = subtreeIds(accounts, accountId);
  return courses
    .filter(
      (course) => inside.has(course.account_id) && states.includes(course.workflow_state) && filter(course),
    )
    .map((course) => course.id);
}

async function listCourses(query: string, caller: Caller = 'admin', accountId = 1): Promise<CourseJson[]> {
  const separator = query ? '&' : '';
  const { items } = await walkPages(
    sandbox,
    `/api/v1/accounts/${accountId}/courses?per_page=100${separator}${query}`,
    Course,
    caller,
  );
  return items;
}

async function listIds(query: string, caller: Caller = 'admin', accountId = 1): Promise<number[]> {
  return (await listCourses(query, caller, accountId)).map((course) => course.id);
}

function hasEnrollment(course: CourseFacts, test: (row: EnrollmentFacts) => boolean): boolean {
  return enrollmentsOf(course.id).some(test);
}

function isCompleted(course: CourseFacts, now: number): boolean {
  const termEnd = term(course.enrollment_term_id).end_at;
  return (
    course.workflow_state === 'completed' ||
    (course.conclude_at !== null && Date.parse(course.conclude_at) < now) ||
    (course.conclude_at === null && termEnd !== null && Date.parse(termEnd) < now)
  );
}

function teachersOf(courseId: number): UserFacts[] {
  const ids = new Set(
    enrollmentsOf(courseId)
      .filter(
        (row) => row.type === 'TeacherEnrollment' && !['rejected', 'deleted'].includes(row.workflow_state),
      )
      .map((row) => row.user_id),
  );
  return [...ids]
    .map((id) => users.get(id))
    .filter((user): user is UserFacts => user !== undefined)
    .sort((a, b) => compareNoCase(a.sortable_name, b.sortable_name) || a.id - b.id);
}

beforeAll(async () => {
  sandbox = await startSandbox();
  const { db } = sandbox;
  accounts = loadAccounts(db);
  courses = db.prepare('SELECT * FROM courses ORDER BY id').all() as CourseFacts[];
  enrollments = db
    .prepare('SELECT course_id, user_id, type, workflow_state FROM enrollments')
    .all() as EnrollmentFacts[];
  enrollmentsByCourse = new Map();
  for (const row of enrollments) {
    const list = enrollmentsByCourse.get(row.course_id) ?? [];
    list.push(row);
    enrollmentsByCourse.set(row.course_id, list);
  }
  terms = new Map(
    (db.prepare('SELECT * FROM enrollment_terms').all() as TermFacts[]).map((row) => [row.id, row]),
  );
  users = new Map(
    (db.prepare('SELECT id, name, sortable_name, short_name, pronouns FROM users').all() as UserFacts[]).map(
      (row) => [row.id, row],
    ),
  );
  collegeId = readMetaId(db, 'demo_subadmin_account');
  const manualId = readMetaId(db, 'manually_created_courses_account');
  const sibling = accounts.find(
    (row) =>
      row.parent_account_id === 1 &&
      row.id !== collegeId &&
      row.id !== manualId &&
      row.workflow_state === 'active',
  );
  if (!sibling) throw new Error('No second college');
  siblingCollegeId = sibling.id;
  const membership = db
    .prepare(
      `SELECT au.user_id, au.account_id FROM account_users au JOIN roles r ON r.id = au.role_id
       WHERE r.name = 'Department Admin' AND au.workflow_state = 'active' ORDER BY au.id LIMIT 1`,
    )
    .get() as { user_id: number; account_id: number };
  departmentAdmin = mintToken(db, membership.user_id, 'department-admin-courses-token');
  departmentAdminAccountId = membership.account_id;
});

afterAll(async () => {
  await sandbox.close();
});

describe('base set and permissions', () => {
  it('lists every non-deleted course of the subtree by id', async () => {
    expect(await listIds('')).toEqual(expectedIds());
    expect(await listIds('', 'subadmin', collegeId)).toEqual(expectedIds(() => true, collegeId));
    expect(await listIds('', departmentAdmin, departmentAdminAccountId)).toEqual(
      expectedIds(() => true, departmentAdminAccountId),
    );
  });

  it('needs read_course_list on the account', async () => {
    const path = (id: number) => `/api/v1/accounts/${id}/courses`;
    await expectForbidden(sandbox, path(1), 'subadmin');
    await expectForbidden(sandbox, path(siblingCollegeId), 'subadmin');
    await expectForbidden(sandbox, path(1), 'teacher');
    await expectForbidden(sandbox, path(1), 'student');
    await expectUnauthenticated(sandbox, path(1));
    await expectNotFound(sandbox, path(999_999));
  });

  it('resolves the account by SIS id', async () => {
    const college = accounts.find((row) => row.id === collegeId);
    const { data } = await getJson(
      sandbox,
      `/api/v1/accounts/sis_account_id:${college?.sis_account_id}/courses?per_page=5`,
      z.array(Course),
    );
    expect(data.map((course) => course.id)).toEqual(expectedIds(() => true, collegeId).slice(0, 5));
  });
});

describe('state filters', () => {
  it('filters by state[], with all adding deleted courses and unknown states matching nothing', async () => {
    expect(await listIds('state[]=deleted')).toEqual(expectedIds(() => true, 1, ['deleted']));
    expect(await listIds('state[]=available&state[]=created')).toEqual(
      expectedIds(() => true, 1, ['available', 'created']),
    );
    expect(await listIds('state[]=all')).toEqual(expectedIds(() => true, 1, [...DEFAULT_STATES, 'deleted']));
    expect(await listIds('state[]=bogus')).toEqual([]);
  });

  it('narrows the states with published, and ignores it when absent', async () => {
    expect(await listIds('published=true')).toEqual(expectedIds(() => true, 1, ['available']));
    expect(await listIds('published=false')).toEqual(
      expectedIds(() => true, 1, ['created', 'claimed', 'completed']),
    );
    expect(await listIds('state[]=all&published=0')).toEqual(
      expectedIds(() => true, 1, ['created', 'claimed', 'completed', 'deleted']),
    );
  });

  it('reports created and claimed courses as unpublished', async () => {
    const listed = await listCourses('state[]=created&state[]=claimed');
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((course) => course.workflow_state === 'unpublished')).toBe(true);
  });

  it('splits completed from running courses by state and end dates', async () => {
    const now = Date.now();
    expect(await listIds('completed=true')).toEqual(expectedIds((course) => isCompleted(course, now)));
    expect(await listIds('completed=false')).toEqual(expectedIds((course) => !isCompleted(course, now)));
  });
});

describe('own end dates against term end dates', () => {
  it("decide completed by the course's end, and concluded by it only when enrollments follow course dates", async () => {
    const termKeyed = (sisTermId: string) =>
      [...terms.values()].find((row) => row.sis_term_id === sisTermId)?.id;
    const pastTerm = termKeyed('FA25');
    const futureTerm = termKeyed('SP27');
    const pick = (termId: number | undefined, skip: number[]) =>
      courses.find(
        (course) =>
          course.enrollment_term_id === termId &&
          ['available', 'claimed', 'created'].includes(course.workflow_state) &&
          !skip.includes(course.id),
      );
    const open = pick(pastTerm, []);
    const restricted = pick(pastTerm, [open?.id ?? 0]);
    const ended = pick(futureTerm, []);
    if (!open || !restricted || !ended) throw new Error('Missing fixture courses');
    const update = sandbox.db.prepare(
      'UPDATE courses SET conclude_at = ?, restrict_enrollments_to_course_dates = ? WHERE id = ?',
    );
    const fixtures: [CourseFacts, string, number][] = [
      [open, '2099-01-01T00:00:00Z', 0],
      [restricted, '2099-01-01T00:00:00Z', 1],
      [ended, '2020-01-01T00:00:00Z', 0],
    ];
    try {
      for (const [course, concludeAt, restrict] of fixtures) update.run(concludeAt, restrict, course.id);
      const completed = new Set(await listIds('completed=true'));
      expect([open, restricted, ended].map((course) => completed.has(course.id))).toEqual([
        false,
        false,
        true,
      ]);
      const concluded = await Promise.all(
        [open, restricted, ended].map(async (course) => {
          const listed = await listCourses(`search_term=${course.id}&include[]=concluded`);
          return listed.find((item) => item.id === course.id)?.concluded;
        }),
      );
      expect(concluded).toEqual([true, false, false]);
    } finally {
      for (const [course] of fixtures) {
        update.run(course.conclude_at, course.restrict_enrollments_to_course_dates, course.id);
      }
    }
  });
});

describe('enrollment filters', () => {
  it('filters on having enrollments; hide_enrollmentless_courses acts on mere presence', async () => {
    const enrolled = (course: CourseFacts) =>
      hasEnrollment(course, (row) => row.workflow_state !== 'deleted');
    const withIds = expectedIds(enrolled);
    expect(await listIds('with_enrollments=true')).toEqual(withIds);
    expect(await listIds('with_enrollments=false')).toEqual(expectedIds((course) => !enrolled(course)));
    expect(await listIds('hide_enrollmentless_courses=false')).toEqual(withIds);
    expect(withIds.length).toBeLessThan(expectedIds().length);
    // Deleted enrollments do not count, which shows on deleted courses.
    const allStates = [...DEFAULT_STATES, 'deleted'];
    const deletedOnly = expectedIds(
      (course) => !enrolled(course) && enrollmentsOf(course.id).length > 0,
      1,
      allStates,
    );
    expect(deletedOnly.length).toBeGreaterThan(0);
    expect(await listIds('state[]=all&with_enrollments=false')).toEqual(
      expectedIds((course) => !enrolled(course), 1, allStates),
    );
  });

  it('filters by enrollment_type[] and ignores a scalar enrollment_type', async () => {
    const withType = (types: string[]) => (course: CourseFacts) =>
      hasEnrollment(course, (row) => types.includes(row.type) && row.workflow_state !== 'deleted');
    expect(await listIds('enrollment_type[]=ta')).toEqual(expectedIds(withType(['TaEnrollment'])));
    expect(await listIds('enrollment_type[]=observer&enrollment_type[]=designer')).toEqual(
      expectedIds(withType(['ObserverEnrollment', 'DesignerEnrollment'])),
    );
    expect(await listIds('enrollment_type=ta')).toEqual(expectedIds());
  });

  it('filters by enrollment_workflow_state[], alone or with enrollment_type[]', async () => {
    expect(await listIds('enrollment_workflow_state[]=creation_pending')).toEqual(
      expectedIds((course) => hasEnrollment(course, (row) => row.workflow_state === 'creation_pending')),
    );
    expect(await listIds('enrollment_type[]=student&enrollment_workflow_state[]=inactive')).toEqual(
      expectedIds((course) =>
        hasEnrollment(course, (row) => row.type === 'StudentEnrollment' && row.workflow_state === 'inactive'),
      ),
    );
  });

  it("rejects unknown enrollment types and states in Canvas's format", async () => {
    const type = await getError(
      sandbox,
      '/api/v1/accounts/1/courses?enrollment_type[]=owner',
      'admin',
      400,
      'bad_request',
    );
    expect(type.body).toEqual({ message: "Invalid value provided to 'enrollment_type'" });
    const state = await getError(
      sandbox,
      '/api/v1/accounts/1/courses?enrollment_workflow_state[]=asleep',
      'admin',
      400,
      'bad_request',
    );
    expect(state.body).toEqual({ message: "Invalid value provided to 'enrollment_workflow_state'" });
  });

  it('filters by teacher with any user id form', async () => {
    const counts = new Map<number, number>();
    for (const row of enrollments) {
      if (row.type === 'TeacherEnrollment') counts.set(row.user_id, (counts.get(row.user_id) ?? 0) + 1);
    }
    const [busyTeacher] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
    const teachesCourse = (userIds: number[]) => (course: CourseFacts) =>
      hasEnrollment(
        course,
        (row) =>
          row.type === 'TeacherEnrollment' &&
          row.workflow_state !== 'deleted' &&
          userIds.includes(row.user_id),
      );
    const demoTeacher = sandbox.userId('teacher');
    const { sis_user_id: sisId } = sandbox.db
      .prepare('SELECT sis_user_id FROM pseudonyms WHERE user_id = ?')
      .get(demoTeacher) as { sis_user_id: string };
    expect(await listIds(`by_teachers[]=${busyTeacher}&by_teachers[]=sis_user_id:${sisId}`)).toEqual(
      expectedIds(teachesCourse([busyTeacher ?? 0, demoTeacher])),
    );
    expect(await listIds('by_teachers[]=sis_user_id:nobody')).toEqual([]);
    expect(await listIds(`by_teachers=${busyTeacher}`)).toEqual(expectedIds());
  });
});

describe('flag and account filters', () => {
  it('filters blueprint, blueprint_associated and public both ways', async () => {
    for (const [param, column] of [
      ['blueprint', 'blueprint'],
      ['blueprint_associated', 'blueprint_associated'],
      ['public', 'is_public'],
    ] as const) {
      const on = expectedIds((course) => course[column] === 1);
      expect(on.length, param).toBeGreaterThan(0);
      expect(await listIds(`${param}=true`)).toEqual(on);
      expect(await listIds(`${param}=false`)).toEqual(expectedIds((course) => course[column] === 0));
    }
  });

  it('filters homeroom courses only when true', async () => {
    const homerooms = expectedIds((course) => course.homeroom_course === 1);
    expect(homerooms.length).toBeGreaterThan(0);
    expect(await listIds('homeroom=true')).toEqual(homerooms);
    expect(await listIds('homeroom=false')).toEqual(expectedIds());
  });

  it('filters by sub-account trees given by id or SIS id', async () => {
    const departments = accounts.filter(
      (row) => row.parent_account_id === collegeId && row.sis_account_id !== null,
    );
    const [first, second] = departments;
    if (!first || !second) throw new Error('Need two departments');
    const inside = new Set([...subtreeIds(accounts, first.id), ...subtreeIds(accounts, second.id)]);
    expect(
      await listIds(`by_subaccounts[]=${first.id}&by_subaccounts[]=sis_account_id:${second.sis_account_id}`),
    ).toEqual(expectedIds((course) => inside.has(course.account_id)));
    expect(await listIds('by_subaccounts[]=sis_account_id:NOPE')).toEqual([]);
  });

  it('filters by term in any term id form, and 404s a single unknown term', async () => {
    const spring = [...terms.values()].find((row) => row.sis_term_id === 'SP26');
    const fall = [...terms.values()].find((row) => row.sis_term_id === 'FA25');
    const defaultTerm = [...terms.values()].find((row) => row.sis_term_id === null);
    if (!spring || !fall || !defaultTerm) throw new Error('Missing demo terms');
    const inTerms = (...ids: number[]) => expectedIds((course) => ids.includes(course.enrollment_term_id));
    expect(await listIds(`enrollment_term_id=${spring.id}`)).toEqual(inTerms(spring.id));
    expect(await listIds('enrollment_term_id=sis_term_id:SP26')).toEqual(inTerms(spring.id));
    expect(await listIds('enrollment_term_id=default')).toEqual(inTerms(defaultTerm.id));
    expect(await listIds(`enrollment_term_id[]=${spring.id}&enrollment_term_id[]=sis_term_id:FA25`)).toEqual(
      inTerms(spring.id, fall.id),
    );
    await expectNotFound(sandbox, '/api/v1/accounts/1/courses?enrollment_term_id=4242');
    await expectNotFound(sandbox, '/api/v1/accounts/1/courses?enrollment_term_id=sis_term_id:NOPE');
  });
});

describe('date filters', () => {
  const startsBefore = (limit: number) => (course: CourseFacts) => {
    const termStart = term(course.enrollment_term_id).start_at;
    return (
      (course.start_at === null && termStart === null) ||
      (course.start_at !== null && Date.parse(course.start_at) <= limit) ||
      (termStart !== null && Date.parse(termStart) <= limit)
    );
  };
  const endsAfter = (limit: number) => (course: CourseFacts) => {
    const termEnd = term(course.enrollment_term_id).end_at;
    return (
      (course.conclude_at === null && termEnd === null) ||
      (course.conclude_at !== null && Date.parse(course.conclude_at) >= limit) ||
      (termEnd !== null && Date.parse(termEnd) >= limit)
    );
  };

  it('keeps courses starting before and ending after the given times, by course or term dates', async () => {
    const start = '2026-01-12T07:00:00Z';
    const end = '2026-05-16T06:00:00Z';
    const expected = expectedIds(
      (course) => startsBefore(Date.parse(start))(course) && endsAfter(Date.parse(end))(course),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(expectedIds().length);
    expect(await listIds(`starts_before=${start}&ends_after=${end}`)).toEqual(expected);
  });

  it("reads a bare date at midnight in the caller's time zone and ignores unparseable dates", async () => {
    const adminId = sandbox.userId('admin');
    const { time_zone: saved } = sandbox.db
      .prepare('SELECT time_zone FROM users WHERE id = ?')
      .get(adminId) as {
      time_zone: string | null;
    };
    sandbox.db.prepare(`UPDATE users SET time_zone = 'America/Los_Angeles' WHERE id = ?`).run(adminId);
    try {
      // Midnight in Los Angeles on 12 January is 08:00 UTC, an hour after Spring 2026 starts.
      const pacificMidnight = Date.parse('2026-01-12T08:00:00Z');
      const expected = expectedIds(startsBefore(pacificMidnight));
      expect(expected).not.toEqual(expectedIds(startsBefore(Date.parse('2026-01-12T00:00:00Z'))));
      expect(await listIds('starts_before=2026-01-12')).toEqual(expected);
    } finally {
      sandbox.db.prepare('UPDATE users SET time_zone = ? WHERE id = ?').run(saved, adminId);
    }
    expect(await listIds('ends_after=someday')).toEqual(expectedIds());
  });
});

describe('search', () => {
  const contains = (value: string | null, term: string) =>
    value?.toLowerCase().includes(term.toLowerCase()) ?? false;

  it('matches course names, codes and, for SIS readers, SIS ids', async () => {
    const byText = (course: CourseFacts, term: string) =>
      contains(course.name, term) || contains(course.course_code, term);
    expect(await listIds('search_term=CHEM')).toEqual(
      expectedIds((course) => byText(course, 'chem') || contains(course.sis_course_id, 'chem')),
    );
    const sisOnly = expectedIds(
      (course) => contains(course.sis_course_id, '-SP26-') && !byText(course, '-SP26-'),
    );
    expect(sisOnly.length).toBeGreaterThan(0);
    expect(await listIds('search_term=-SP26-')).toEqual(
      expectedIds((course) => byText(course, '-SP26-') || contains(course.sis_course_id, '-SP26-')),
    );
    // Department admins cannot read SIS data, so SIS ids are not searched for them.
    expect(await listIds('search_term=-SP26-', departmentAdmin, departmentAdminAccountId)).toEqual(
      expectedIds((course) => byText(course, '-SP26-'), departmentAdminAccountId),
    );
  });

  it('also matches the exact id of an all-digit term, and takes wildcards literally', async () => {
    const target = expectedIds()[120] ?? 0;
    const text = String(target);
    expect(await listIds(`search_term=${text}`)).toEqual(
      expectedIds(
        (course) =>
          course.id === target ||
          contains(course.name, text) ||
          contains(course.course_code, text) ||
          contains(course.sis_course_id, text),
      ),
    );
    expect(await listIds('search_term=%25e')).toEqual([]);
  });

  it('searches teacher names with search_by=teacher', async () => {
    const teacher = users.get(sandbox.userId('teacher'));
    const fragment = teacher?.name.split(' ').pop()?.toLowerCase() ?? '';
    expect(fragment.length).toBeGreaterThan(2);
    const expected = expectedIds((course) =>
      hasEnrollment(
        course,
        (row) =>
          row.type === 'TeacherEnrollment' &&
          !['rejected', 'inactive', 'completed', 'deleted'].includes(row.workflow_state) &&
          contains(users.get(row.user_id)?.name ?? null, fragment),
      ),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(await listIds(`search_term=${fragment}&search_by=teacher`)).toEqual(expected);
  });

  it('rejects a search term shorter than two characters, even an empty one', async () => {
    for (const term of ['', 'a']) {
      const { body, error } = await getError(
        sandbox,
        `/api/v1/accounts/1/courses?search_term=${term}`,
        'admin',
        400,
        'bad_request',
      );
      expect(body).toEqual({
        errors: [{ field: 'search_term', code: 'invalid', message: '2 or more characters is required' }],
      });
      expect(error.fieldErrors.search_term).toEqual(['2 or more characters is required']);
    }
    expect((await listIds('search_term=ch')).length).toBeGreaterThan(0);
  });
});

describe('sorting', () => {
  const rank = (state: string) => (state === 'available' ? 1 : state === 'completed' ? 2 : 0);
  const facts = (id: number) => courses.find((course) => course.id === id) as CourseFacts;
  const accountName = (course: CourseFacts) =>
    accounts.find((row) => row.id === course.account_id)?.name ?? '';
  const firstTeacher = (course: CourseFacts) => {
    const names = enrollmentsOf(course.id)
      .filter((row) => row.type === 'TeacherEnrollment' && row.workflow_state !== 'deleted')
      .map((row) => users.get(row.user_id)?.sortable_name ?? '')
      .sort(compareNoCase);
    return names[0] ?? null;
  };
  type Key = string | number | null;
  const compareKeys = (a: Key, b: Key): number => {
    if (a === b) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    return typeof a === 'number' && typeof b === 'number' ? a - b : compareNoCase(String(a), String(b));
  };
  const sorts: [string, (course: CourseFacts) => Key][] = [
    ['course_status', (course) => rank(course.workflow_state)],
    ['course_name', (course) => course.name],
    ['sis_course_id', (course) => course.sis_course_id],
    ['teacher', firstTeacher],
    ['account_name', accountName],
    ['subaccount', accountName],
    ['term', (course) => term(course.enrollment_term_id).name],
  ];

  for (const [sort, key] of sorts) {
    it(`sorts by ${sort}, breaking ties by id in the requested direction`, async () => {
      const ids = expectedIds(() => true, collegeId);
      const ascending = [...ids].sort((a, b) => compareKeys(key(facts(a)), key(facts(b))) || a - b);
      // PostgreSQL puts NULLs first when descending, so the whole ascending order reverses.
      const descending = [...ascending].reverse();
      expect(await listIds(`sort=${sort}&order=asc`, 'subadmin', collegeId)).toEqual(ascending);
      expect(await listIds(`sort=${sort}&order=desc`, 'subadmin', collegeId)).toEqual(descending);
      // With sort alone the order is ascending; Canvas leaves ties to the database.
      const alone = await listIds(`sort=${sort}`, 'subadmin', collegeId);
      expect(alone.map((id) => key(facts(id)))).toEqual(ascending.map((id) => key(facts(id))));
      expect([...alone].sort((a, b) => a - b)).toEqual(ids);
    });
  }

  it('ignores order without sort, and unknown sorts', async () => {
    expect(await listIds('order=desc', 'subadmin', collegeId)).toEqual(expectedIds(() => true, collegeId));
    expect(await listIds('sort=popularity', 'subadmin', collegeId)).toEqual(
      expectedIds(() => true, collegeId),
    );
  });
});

describe('include[]', () => {
  const everything = [
    'term',
    'total_students',
    'teachers',
    'account_name',
    'concluded',
    'post_manually',
    'syllabus_body',
    'storage_quota_used_mb',
    'course_progress',
    'account',
    'sections',
    'permissions',
    'needs_grading_count',
  ]
    .map((name) => `include[]=${name}`)
    .join('&');

  it('adds every requested include, batched per page, and strips the enrollment-bound ones', async () => {
    const listed = await listCourses(everything, 'subadmin', collegeId);
    expect(listed.map((course) => course.id)).toEqual(expectedIds(() => true, collegeId));
    const now = Date.now();
    for (const course of listed) {
      const row = courses.find((candidate) => candidate.id === course.id) as CourseFacts;
      const termRow = term(row.enrollment_term_id);
      expect(course.term).toEqual({
        id: termRow.id,
        name: termRow.name,
        start_at: termRow.start_at,
        end_at: termRow.end_at,
        created_at: termRow.created_at,
        workflow_state: termRow.workflow_state,
        grading_period_group_id: termRow.grading_period_group_id,
      });
      const students = new Set(
        enrollmentsOf(row.id)
          .filter(
            (enrollment) =>
              enrollment.type === 'StudentEnrollment' &&
              !['rejected', 'completed', 'deleted', 'inactive'].includes(enrollment.workflow_state),
          )
          .map((enrollment) => enrollment.user_id),
      );
      expect(course.total_students).toBe(students.size);
      expect(course.teachers).toEqual(
        teachersOf(row.id).map((teacher) => ({
          id: teacher.id,
          anonymous_id: teacher.id.toString(36),
          display_name: teacher.short_name,
          avatar_image_url: `${sandbox.baseUrl}/images/messages/avatar-50.png`,
          html_url: `${sandbox.baseUrl}/about/${teacher.id}`,
          pronouns: teacher.pronouns,
        })),
      );
      expect(course.account_name).toBe(accounts.find((account) => account.id === row.account_id)?.name);
      const endAt =
        row.restrict_enrollments_to_course_dates && row.conclude_at ? row.conclude_at : termRow.end_at;
      expect(course.concluded).toBe(
        row.workflow_state === 'completed' || (endAt !== null && Date.parse(endAt) < now),
      );
      expect(course.post_manually).toBe(row.post_manually === 1);
      expect(course.syllabus_body).toBe(row.syllabus_body);
      expect(course.storage_quota_used_mb).toBe(row.storage_quota_used_mb);
      expect(course.course_progress).toEqual({
        error: { message: expect.stringContaining('no progress available') },
      });
      expect(Account.parse(course.account).id).toBe(row.account_id);
      for (const stripped of ['sections', 'permissions', 'needs_grading_count']) {
        expect(course).not.toHaveProperty(stripped);
      }
    }
  });

  it('swaps teachers for teacher_count past teacher_limit', async () => {
    const listed = await listCourses('include[]=teachers&teacher_limit=1', 'subadmin', collegeId);
    let counted = 0;
    for (const course of listed) {
      const teachers = teachersOf(course.id);
      if (teachers.length > 1) {
        counted += 1;
        expect(course.teacher_count).toBe(teachers.length);
        expect(course).not.toHaveProperty('teachers');
      } else {
        expect(course.teachers?.map((teacher) => teacher.id)).toEqual(teachers.map((teacher) => teacher.id));
        expect(course).not.toHaveProperty('teacher_count');
      }
    }
    expect(counted).toBeGreaterThan(0);
  });

  it('shows SIS ids only to callers who may read SIS data', async () => {
    for (const course of await listCourses('', departmentAdmin, departmentAdminAccountId)) {
      expect(course).not.toHaveProperty('sis_course_id');
      expect(course).not.toHaveProperty('integration_id');
    }
    const [first] = await listCourses('', 'admin', departmentAdminAccountId);
    expect(first).toHaveProperty('sis_course_id');
    // A college admin has no rights on the root but may read SIS data of the college's courses.
    const college = await listCourses('', 'subadmin', collegeId);
    for (const course of college) {
      expect(course.sis_course_id).toBe(courses.find((row) => row.id === course.id)?.sis_course_id);
      expect(course.sis_import_id).toBeNull();
    }
  });

  it('renders ids as strings for application/json+canvas-string-ids', async () => {
    const response = await sandbox.request('/api/v1/accounts/1/courses?per_page=1&include[]=term', {
      headers: { Accept: 'application/json+canvas-string-ids' },
    });
    const [raw] = (await response.json()) as Record<string, unknown>[];
    expect(raw).toMatchObject({
      id: expect.any(String),
      account_id: expect.any(String),
      root_account_id: '1',
    });
    expect(raw?.term).toMatchObject({ id: expect.any(String) });
    const [parsed] = z.array(Course).parse([raw]);
    expect(parsed?.id).toBe(expectedIds()[0]);
  });
});

describe('pagination', () => {
  it('has no last link while a next page exists, and none on the final page either', async () => {
    const all = expectedIds(() => true, collegeId);
    const perPage = 40;
    const { items, pages } = await walkPages(
      sandbox,
      `/api/v1/accounts/${collegeId}/courses?per_page=${perPage}&include[]=term`,
      Course,
      'subadmin',
    );
    expect(items.map((course) => course.id)).toEqual(all);
    expect(pages).toHaveLength(Math.ceil(all.length / perPage));
    const url = (page: number) =>
      `${sandbox.baseUrl}/api/v1/accounts/${collegeId}/courses?include%5B%5D=term&page=${page}&per_page=${perPage}`;
    expect(pages[1]?.headers.get('link')).toBe(
      `<${url(2)}>; rel="current",<${url(3)}>; rel="next",<${url(1)}>; rel="prev",<${url(1)}>; rel="first"`,
    );
    const finalLinks = linkEntries(pages[pages.length - 1]?.headers.get('link') ?? null).map(([rel]) => rel);
    expect(finalLinks).toEqual(['current', 'prev', 'first']);
  });

  it('clamps per_page and answers past the end with an empty page', async () => {
    const one = await getJson(sandbox, '/api/v1/accounts/1/courses?per_page=0', z.array(Course));
    expect(one.data).toHaveLength(1);
    expect(linkOf(one.response.headers.get('link'), 'next')).toMatch(/page=2&per_page=1$/);
    const hundred = await getJson(sandbox, '/api/v1/accounts/1/courses?per_page=1000', z.array(Course));
    expect(hundred.data).toHaveLength(100);
    const beyond = await getJson(
      sandbox,
      '/api/v1/accounts/1/courses?per_page=100&page=9999',
      z.array(Course),
    );
    expect(beyond.data).toEqual([]);
    await expectNotFound(sandbox, '/api/v1/accounts/1/courses?page=next');
  });

  it("counts pages for Canvas's own UI (include[]=ui_invoked)", async () => {
    const total = expectedIds().length;
    const { data, response } = await getJson(
      sandbox,
      '/api/v1/accounts/1/courses?per_page=100&include[]=ui_invoked',
      z.array(Course),
    );
    expect(data).toHaveLength(100);
    expect(linkOf(response.headers.get('link'), 'last')).toMatch(
      new RegExp(`page=${Math.ceil(total / 100)}&per_page=100$`),
    );
  });
});
