import {
  isRootRun,
  keysetFile,
  type QueryParams,
  rootTimeZone,
  subtreeAccountIds,
  termCondition,
  termScope,
  zonedTimestampFormatter,
} from '../reportHelpers.ts';
import type { ReportDefinition, ReportRunContext } from '../types.ts';

// Unpublished, Public and Recently Deleted Courses (Canvas's AccountReports::CourseReports): one
// course list with the same columns, filtered by state, the term and the run's subtree, in id order.
// Unused Courses is not offered: it asks whether a course has assignments, files, discussions,
// modules, quizzes or pages, none of which the sandbox models.

const HEADER = ['id', 'sis id', 'short name', 'name', 'start date', 'end date'];

interface CourseRow {
  id: number;
  sis_course_id: string | null;
  course_code: string;
  name: string;
  restrict_enrollments_to_course_dates: number;
  start_at: string | null;
  conclude_at: string | null;
}

function courseList(run: ReportRunContext, name: string, condition: string, params: QueryParams) {
  const formatTime = zonedTimestampFormatter(rootTimeZone(run));
  params.root = run.rootAccountId;
  return [
    keysetFile<CourseRow>(run, name, HEADER, {
      select:
        'c.id, c.sis_course_id, c.course_code, c.name, c.restrict_enrollments_to_course_dates, c.start_at, c.conclude_at',
      from: 'courses c',
      where: [
        'c.root_account_id = @root',
        condition,
        isRootRun(run) ? null : `c.account_id IN (${subtreeAccountIds(run, params)})`,
        termCondition(termScope(run), params, 'c.enrollment_term_id'),
      ],
      key: 'c.id',
      params,
      toCells(row) {
        const restricted = row.restrict_enrollments_to_course_dates === 1;
        return [
          row.id,
          row.sis_course_id,
          row.course_code,
          row.name,
          restricted ? formatTime(row.start_at) : null,
          restricted ? formatTime(row.conclude_at) : null,
        ];
      },
    }),
  ];
}

const TERM_PARAMETER = {
  enrollment_term_id: {
    required: false,
    description: 'Only courses of this term (id, sis_term_id:..., or active_terms)',
  },
};

export const unpublishedCoursesReport: ReportDefinition = {
  report: 'unpublished_courses_csv',
  title: 'Unpublished Courses',
  descriptionHtml:
    '<p>Lists the courses that have never been published (still unpublished), with their dates.</p>',
  parameters: TERM_PARAMETER,
  plan: (run) => courseList(run, 'unpublished_courses.csv', "c.workflow_state IN ('created', 'claimed')", {}),
};

export const publicCoursesReport: ReportDefinition = {
  report: 'public_courses_csv',
  title: 'Public Courses',
  descriptionHtml: '<p>Lists the courses that anyone can see without signing in (not deleted).</p>',
  parameters: TERM_PARAMETER,
  plan: (run) =>
    courseList(run, 'public_courses.csv', "c.workflow_state <> 'deleted' AND c.is_public = 1", {}),
};

export const recentlyDeletedCoursesReport: ReportDefinition = {
  report: 'recently_deleted_courses_csv',
  title: 'Recently Deleted Courses',
  descriptionHtml: '<p>Lists the courses deleted in the 30 days before the report runs.</p>',
  parameters: TERM_PARAMETER,
  plan: (run) => {
    // Canvas has no deletion time: a deleted course's last update is when it was deleted.
    const since = new Date(run.startedAt.getTime() - 30 * 86_400_000).toISOString().slice(0, 19);
    return courseList(
      run,
      'recently_deleted_courses.csv',
      "c.workflow_state = 'deleted' AND substr(c.updated_at, 1, 19) > @deleted_since",
      { deleted_since: since },
    );
  },
};
