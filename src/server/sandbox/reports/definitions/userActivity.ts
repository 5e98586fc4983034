import {
  courseScope,
  dateParameter,
  flagParameter,
  isRootRun,
  keysetFile,
  type QueryParams,
  rootTimeZone,
  subtreeAccountIds,
  termCondition,
  termScope,
  userInSubtree,
  zonedTimestampFormatter,
} from '../reportHelpers.ts';
import type { ReportDefinition, ReportFile, ReportRunContext } from '../types.ts';

// Last User Access, Last Enrollment Activity and Zero Activity (Canvas's
// AccountReports::StudentReports), over pseudonyms.last_request_at / current_login_ip and
// enrollments.last_activity_at.

function lastUserAccess(run: ReportRunContext): ReportFile[] {
  const params: QueryParams = { root: run.rootAccountId };
  const includeDeleted = flagParameter(run, 'include_deleted');
  const terms = termScope(run);
  const course = courseScope(run);
  const formatTime = zonedTimestampFormatter(rootTimeZone(run));
  if (course !== null) params.course = course;
  // Canvas joins the user's enrollments when a term or course is given and drops the duplicate
  // rows that join makes; an EXISTS gives the same logins once each.
  const enrollmentCondition =
    terms === null && course === null
      ? null
      : `EXISTS (SELECT 1 FROM enrollments e JOIN courses c ON c.id = e.course_id
                 WHERE e.user_id = p.user_id
                 ${includeDeleted ? '' : "AND e.workflow_state <> 'deleted'"}
                 ${course === null ? '' : 'AND c.id = @course'}
                 ${terms === null ? '' : `AND ${termCondition(terms, params, 'c.enrollment_term_id')}`})`;
  interface Row {
    user_id: number;
    sis_user_id: string | null;
    sortable_name: string;
    last_request_at: string | null;
    current_login_ip: string | null;
  }
  return [
    keysetFile<Row>(
      run,
      'last_user_access.csv',
      ['user id', 'user sis id', 'user name', 'last access at', 'last ip'],
      {
        select: 'p.user_id, p.sis_user_id, u.sortable_name, p.last_request_at, p.current_login_ip',
        from: 'pseudonyms p JOIN users u ON u.id = p.user_id',
        where: [
          'p.account_id = @root',
          includeDeleted ? null : "p.workflow_state <> 'deleted'",
          isRootRun(run) ? null : userInSubtree(run, params, 'p.user_id'),
          enrollmentCondition,
        ],
        key: 'p.id',
        params,
        toCells: (row) => [
          row.user_id,
          row.sis_user_id,
          row.sortable_name,
          formatTime(row.last_request_at),
          row.current_login_ip,
        ],
      },
    ),
  ];
}

function lastEnrollmentActivity(run: ReportRunContext): ReportFile[] {
  const params: QueryParams = { root: run.rootAccountId };
  const terms = termScope(run);
  const course = courseScope(run);
  const formatTime = zonedTimestampFormatter(rootTimeZone(run));
  if (course !== null) params.course = course;
  // Canvas takes every enrollment of the user (any state) in the courses the run covers.
  const courses = [
    'c.root_account_id = @root',
    'e.last_activity_at IS NOT NULL',
    course === null ? null : 'c.id = @course',
    termCondition(terms, params, 'c.enrollment_term_id'),
    isRootRun(run) ? null : `c.account_id IN (${subtreeAccountIds(run, params)})`,
  ]
    .filter((condition) => condition !== null)
    .join(' AND ');
  const enrollments = `FROM enrollments e JOIN courses c ON c.id = e.course_id WHERE e.user_id = u.id AND ${courses}`;
  interface Row {
    id: number;
    sortable_name: string;
    last_activity_at: string;
  }
  return [
    keysetFile<Row>(run, 'last_enrollment_activity.csv', ['user id', 'user name', 'last activity at'], {
      select: `u.id, u.sortable_name, (SELECT max(e.last_activity_at) ${enrollments}) AS last_activity_at`,
      from: 'users u',
      where: [`EXISTS (SELECT 1 ${enrollments})`],
      key: 'u.id',
      params,
      toCells: (row) => [row.id, row.sortable_name, formatTime(row.last_activity_at)],
    }),
  ];
}

function zeroActivity(run: ReportRunContext): ReportFile[] {
  const params: QueryParams = { root: run.rootAccountId };
  const terms = termScope(run);
  const course = courseScope(run);
  const startAt = dateParameter(run, 'start_at');
  if (course !== null) params.course = course;
  // Activity is judged per course: a student active in another section of the course has activity.
  let activity: string;
  if (startAt) {
    params.start_at = startAt.toISOString().slice(0, 19);
    activity = `(e.last_activity_at IS NULL OR substr(e.last_activity_at, 1, 19) < @start_at)
      AND NOT EXISTS (SELECT 1 FROM enrollments o WHERE o.id <> e.id AND o.user_id = e.user_id
        AND o.course_id = e.course_id AND o.last_activity_at IS NOT NULL
        AND substr(o.last_activity_at, 1, 19) > @start_at)`;
  } else {
    activity = `e.last_activity_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM enrollments o WHERE o.id <> e.id AND o.user_id = e.user_id
        AND o.course_id = e.course_id AND o.last_activity_at IS NOT NULL)`;
  }
  interface Row {
    user_id: number;
    sis_user_id: string | null;
    sortable_name: string;
    section_id: number;
    section_sis_id: string | null;
    section_name: string;
    course_id: number;
    course_sis_id: string | null;
    course_name: string;
  }
  const header = [
    'user id',
    'user sis id',
    'name',
    'section id',
    'section sis id',
    'section name',
    'course id',
    'course sis id',
    'course name',
  ];
  return [
    keysetFile<Row>(run, 'zero_activity.csv', header, {
      select: `p.user_id, p.sis_user_id, u.sortable_name, s.id AS section_id, s.sis_source_id AS section_sis_id,
               s.name AS section_name, c.id AS course_id, c.sis_course_id AS course_sis_id, c.name AS course_name`,
      from: `enrollments e JOIN courses c ON c.id = e.course_id JOIN course_sections s ON s.id = e.course_section_id
             JOIN pseudonyms p ON p.user_id = e.user_id JOIN users u ON u.id = p.user_id`,
      where: [
        "e.type = 'StudentEnrollment' AND e.workflow_state = 'active'",
        "c.root_account_id = @root AND c.workflow_state = 'available' AND s.workflow_state = 'active'",
        "p.account_id = c.root_account_id AND p.workflow_state = 'active'",
        activity,
        course === null ? null : 'e.course_id = @course',
        termCondition(terms, params, 'c.enrollment_term_id'),
        // Canvas leaves out the sub-account scope when a course is named.
        course !== null || isRootRun(run) ? null : `c.account_id IN (${subtreeAccountIds(run, params)})`,
      ],
      key: 'e.id',
      params,
      toCells: (row) => [
        row.user_id,
        row.sis_user_id,
        row.sortable_name,
        row.section_id,
        row.section_sis_id,
        row.section_name,
        row.course_id,
        row.course_sis_id,
        row.course_name,
      ],
    }),
  ];
}

const TERM = { required: false, description: 'Only this term (id, sis_term_id:..., or active_terms)' };
const COURSE = { required: false, description: 'Only this course (id or sis_course_id:...)' };

export const lastUserAccessReport: ReportDefinition = {
  report: 'last_user_access_csv',
  title: 'Last User Access',
  descriptionHtml:
    '<p>Lists every login of the account with the time of its last request and the address it came ' +
    'from. With a term or a course, only users enrolled there.</p>',
  parameters: {
    enrollment_term_id: TERM,
    course_id: COURSE,
    include_deleted: { required: false, description: 'Also list deleted logins and enrollments' },
  },
  plan: lastUserAccess,
};

export const lastEnrollmentActivityReport: ReportDefinition = {
  report: 'last_enrollment_activity_csv',
  title: 'Last Enrollment Activity',
  descriptionHtml:
    '<p>Lists each user with the last time they did something in any of their courses (of the term or ' +
    'course chosen).</p>',
  parameters: { enrollment_term_id: TERM, course_id: COURSE },
  plan: lastEnrollmentActivity,
};

export const zeroActivityReport: ReportDefinition = {
  report: 'zero_activity_csv',
  title: 'Zero Activity',
  descriptionHtml:
    '<p>Lists the students of published courses who have done nothing in the course, or nothing since the ' +
    'start date chosen.</p>',
  parameters: {
    enrollment_term_id: TERM,
    start_at: { required: false, description: 'Only activity after this date counts' },
    course_id: COURSE,
  },
  plan: zeroActivity,
};
