import type { RequestContext } from '../http/context.ts';
import type { CourseRow, TermRow } from '../lookup.ts';
import { pathIds } from '../permissions.ts';
import {
  accountJson,
  CANVAS_DEFAULT_TIME_ZONE,
  cachedAccount,
  cachedAccountRights,
  preloadAccounts,
  resolveTimeZone,
} from './account.ts';
import { termJson } from './term.ts';

/** `Course#api_state`: created and claimed courses are "unpublished" on the API. */
export function courseApiState(workflowState: CourseRow['workflow_state']): string {
  return workflowState === 'created' || workflowState === 'claimed' ? 'unpublished' : workflowState;
}

// What `course_progress` says to anyone who is not a student of a module-based course; the sandbox
// has no modules, so every caller gets it.
const NO_COURSE_PROGRESS = {
  error: {
    message:
      'no progress available because this course is not module based (has modules and module completion ' +
      'requirements) or the user is not enrolled as a student in this course',
  },
};

// Canvas locks content by default on a new blueprint template; the sandbox stores no other restrictions.
const DEFAULT_BLUEPRINT_RESTRICTIONS = { content: true };

interface TeacherRow {
  course_id: number;
  id: number;
  short_name: string;
  pronouns: string | null;
}

interface CoursePageCache {
  terms: Map<number, TermRow>;
  studentCounts: Map<number, number>;
  /** Teachers of each loaded course, sorted by sortable name; absent when replaced by a count. */
  teachers: Map<number, TeacherRow[]>;
  teacherCounts: Map<number, number>;
  sisRights: Map<number, { read: boolean; manage: boolean }>;
}

const requestCaches = new WeakMap<RequestContext, CoursePageCache>();

function cacheFor(ctx: RequestContext): CoursePageCache {
  let cache = requestCaches.get(ctx);
  if (!cache) {
    cache = {
      terms: new Map(),
      studentCounts: new Map(),
      teachers: new Map(),
      teacherCounts: new Map(),
      sisRights: new Map(),
    };
    requestCaches.set(ctx, cache);
  }
  return cache;
}

function idsJson(rows: CourseRow[]): string {
  return JSON.stringify(rows.map((row) => row.id));
}

function loadTerms(ctx: RequestContext, rows: CourseRow[]): void {
  const cache = cacheFor(ctx);
  const missing = [...new Set(rows.map((row) => row.enrollment_term_id))].filter(
    (id) => !cache.terms.has(id),
  );
  if (missing.length === 0) return;
  const terms = ctx.db
    .prepare('SELECT * FROM enrollment_terms WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(missing)) as TermRow[];
  for (const term of terms) cache.terms.set(term.id, term);
}

function loadStudentCounts(ctx: RequestContext, rows: CourseRow[]): void {
  const cache = cacheFor(ctx);
  // Students who still count: active and invited ones (Canvas's `student_enrollments` association).
  const counts = ctx.db
    .prepare(
      `SELECT course_id, COUNT(DISTINCT user_id) AS total FROM enrollments
       WHERE course_id IN (SELECT value FROM json_each(?)) AND type = 'StudentEnrollment'
         AND workflow_state NOT IN ('rejected', 'completed', 'deleted', 'inactive')
       GROUP BY course_id`,
    )
    .all(idsJson(rows)) as { course_id: number; total: number }[];
  for (const row of rows) cache.studentCounts.set(row.id, 0);
  for (const count of counts) cache.studentCounts.set(count.course_id, count.total);
}

/**
 * `preload_teachers`: with a `teacher_limit`, courses with more distinct teachers than the limit get a
 * count instead of the list, and only the remaining courses have their teachers loaded.
 */
function loadTeachers(ctx: RequestContext, rows: CourseRow[], teacherLimit: number | undefined): void {
  const cache = cacheFor(ctx);
  let listed = rows;
  if (teacherLimit !== undefined) {
    const counts = ctx.db
      .prepare(
        `SELECT course_id, COUNT(DISTINCT user_id) AS total FROM enrollments
         WHERE course_id IN (SELECT value FROM json_each(?)) AND type = 'TeacherEnrollment'
           AND workflow_state NOT IN ('deleted', 'rejected')
         GROUP BY course_id`,
      )
      .all(idsJson(rows)) as { course_id: number; total: number }[];
    const overLimit = new Set<number>();
    for (const count of counts) {
      if (count.total > teacherLimit) {
        cache.teacherCounts.set(count.course_id, count.total);
        overLimit.add(count.course_id);
      }
    }
    listed = rows.filter((row) => !overLimit.has(row.id));
  }
  for (const row of listed) cache.teachers.set(row.id, []);
  if (listed.length === 0) return;
  const teachers = ctx.db
    .prepare(
      `SELECT DISTINCT e.course_id, u.id, u.short_name, u.pronouns, u.sortable_name FROM enrollments e
       JOIN users u ON u.id = e.user_id
       WHERE e.course_id IN (SELECT value FROM json_each(?)) AND e.type = 'TeacherEnrollment'
         AND e.workflow_state NOT IN ('rejected', 'deleted')
       ORDER BY e.course_id, u.sortable_name COLLATE NOCASE, u.id`,
    )
    .all(idsJson(listed)) as TeacherRow[];
  for (const teacher of teachers) cache.teachers.get(teacher.course_id)?.push(teacher);
}

export interface CourseJsonOptions {
  includes?: string[];
  /** With `teachers`: courses with more teachers than this get `teacher_count` instead. */
  teacherLimit?: number;
}

/**
 * Loads, for a whole page of courses, everything their includes need: one query per include
 * instead of one per course. `courseJson` falls back to loading a single course when not preloaded.
 */
export function preloadCourseIncludes(
  ctx: RequestContext,
  rows: CourseRow[],
  options: CourseJsonOptions = {},
): void {
  if (rows.length === 0) return;
  const includes = options.includes ?? [];
  preloadAccounts(ctx, [...rows.map((row) => row.account_id), ...rows.map((row) => row.root_account_id)]);
  if (includes.includes('term') || includes.includes('concluded')) loadTerms(ctx, rows);
  if (includes.includes('total_students')) loadStudentCounts(ctx, rows);
  if (includes.includes('teachers')) loadTeachers(ctx, rows, options.teacherLimit);
}

/**
 * Whether the caller may read / manage SIS data on a course, i.e. on its account. Rights only grow
 * down the tree, so the walk starts at the root and stops at the first account granting both: a
 * root admin costs one lookup per request, a college admin two.
 */
function courseSisRights(ctx: RequestContext, accountId: number): { read: boolean; manage: boolean } {
  const cache = cacheFor(ctx);
  const known = cache.sisRights.get(accountId);
  if (known) return known;
  const account = cachedAccount(ctx, accountId);
  let result = { read: false, manage: false };
  if (account) {
    const ids = pathIds(account.path);
    for (let depth = 1; depth <= ids.length; depth++) {
      const rights = cachedAccountRights(ctx, `/${ids.slice(0, depth).join('/')}/`);
      result = { read: rights.has('read_sis') || rights.has('manage_sis'), manage: rights.has('manage_sis') };
      if (result.read && result.manage) break;
    }
  }
  cache.sisRights.set(accountId, result);
  return result;
}

function userDisplayJson(ctx: RequestContext, teacher: TeacherRow): Record<string, unknown> {
  return {
    id: teacher.id,
    anonymous_id: teacher.id.toString(36),
    display_name: teacher.short_name,
    // Avatars are off in the sandbox, so Canvas shows its fallback image.
    avatar_image_url: `${ctx.baseUrl}/images/messages/avatar-50.png`,
    html_url: `${ctx.baseUrl}/about/${teacher.id}`,
    pronouns: teacher.pronouns,
  };
}

/**
 * `Course#concluded?`: completed, or soft-concluded. Canvas's `soft_concluded?` uses the course's own
 * end date only when enrollments are restricted to course dates; otherwise the term's end date decides.
 */
function isConcluded(row: CourseRow, term: TermRow | undefined, now: Date): boolean {
  if (row.workflow_state === 'completed') return true;
  const endAt = row.restrict_enrollments_to_course_dates && row.conclude_at ? row.conclude_at : term?.end_at;
  return endAt ? Date.parse(endAt) < now.getTime() : false;
}

/** `course_json` (`lib/api/v1/course.rb`, `course_json.rb`) as the account courses list renders it. */
export function courseJson(
  ctx: RequestContext,
  row: CourseRow,
  options: CourseJsonOptions = {},
): Record<string, unknown> {
  const includes = options.includes ?? [];
  const cache = cacheFor(ctx);
  const needsTerm = includes.includes('term') || includes.includes('concluded');
  if (
    (needsTerm && !cache.terms.has(row.enrollment_term_id)) ||
    (includes.includes('total_students') && !cache.studentCounts.has(row.id)) ||
    (includes.includes('teachers') && !cache.teachers.has(row.id) && !cache.teacherCounts.has(row.id))
  ) {
    preloadCourseIncludes(ctx, [row], options);
  }
  const account = cachedAccount(ctx, row.account_id);
  const root = cachedAccount(ctx, row.root_account_id);
  const zone = resolveTimeZone(row.time_zone ?? root?.default_time_zone ?? CANVAS_DEFAULT_TIME_ZONE);
  const sis = courseSisRights(ctx, row.account_id);
  const blueprint = row.blueprint === 1;

  const json: Record<string, unknown> = {
    id: row.id,
    name: row.name,
    account_id: row.account_id,
    uuid: row.uuid,
    start_at: row.start_at,
    grading_standard_id: row.grading_standard_id,
    is_public: row.is_public === 1,
    created_at: row.created_at,
    course_code: row.course_code,
    default_view: row.default_view,
    root_account_id: row.root_account_id,
    enrollment_term_id: row.enrollment_term_id,
    license: row.license,
    grade_passback_setting: row.grade_passback_setting,
    end_at: row.conclude_at,
    public_syllabus: row.public_syllabus === 1,
    public_syllabus_to_auth: row.public_syllabus_to_auth === 1,
    storage_quota_mb: row.storage_quota_mb,
    is_public_to_auth_users: row.is_public_to_auth_users === 1,
    homeroom_course: row.homeroom_course === 1,
    course_color: row.course_color,
    friendly_name: row.friendly_name,
    apply_assignment_group_weights: row.apply_assignment_group_weights === 1,
    calendar: { ics: `${ctx.baseUrl}/feeds/calendars/course_${row.uuid}.ics` },
    time_zone: zone.iana,
    blueprint,
  };
  if (blueprint) json.blueprint_restrictions = DEFAULT_BLUEPRINT_RESTRICTIONS;
  json.template = row.template === 1;
  if (sis.read) {
    json.sis_course_id = row.sis_course_id;
    json.integration_id = row.integration_id;
  }
  if (sis.manage) json.sis_import_id = row.sis_import_id;
  json.hide_final_grades = row.hide_final_grades === 1;
  json.workflow_state = courseApiState(row.workflow_state);
  if (row.course_format) json.course_format = row.course_format;
  json.restrict_enrollments_to_course_dates = row.restrict_enrollments_to_course_dates === 1;

  const term = cache.terms.get(row.enrollment_term_id);
  if (includes.includes('syllabus_body')) json.syllabus_body = row.syllabus_body;
  if (includes.includes('term') && term) json.term = termJson(ctx, term);
  if (includes.includes('course_progress')) json.course_progress = NO_COURSE_PROGRESS;
  if (includes.includes('storage_quota_used_mb')) json.storage_quota_used_mb = row.storage_quota_used_mb;
  if (includes.includes('total_students')) json.total_students = cache.studentCounts.get(row.id) ?? 0;
  if (includes.includes('teachers')) {
    const teacherCount = cache.teacherCounts.get(row.id);
    if (teacherCount !== undefined) json.teacher_count = teacherCount;
    else json.teachers = (cache.teachers.get(row.id) ?? []).map((teacher) => userDisplayJson(ctx, teacher));
  }
  if (account && includes.includes('account')) json.account = accountJson(ctx, account);
  if (account && includes.includes('subaccount')) {
    json.subaccount_id = account.id;
    json.subaccount_name = account.name;
  }
  if (account && includes.includes('account_name')) json.account_name = account.name;
  if (includes.includes('concluded')) json.concluded = isConcluded(row, term, new Date());
  if (includes.includes('post_manually')) json.post_manually = row.post_manually === 1;
  return json;
}
