import * as z from 'zod';
import { Account } from './account.ts';
import { EnrollmentTerm } from './enrollmentTerm.ts';
import { CanvasId, IsoDateTime } from './primitives.ts';

// `include[]=teachers` lists teachers in the short UserDisplay form.
const CourseTeacher = z.looseObject({
  id: CanvasId,
  display_name: z.string(),
  anonymous_id: z.string().optional(),
  avatar_image_url: z.string().optional(),
  html_url: z.string().optional(),
  pronouns: z.string().nullable().optional(),
});

const CourseProgress = z.looseObject({
  requirement_count: z.int().optional(),
  requirement_completed_count: z.int().optional(),
  next_requirement_url: z.string().nullable().optional(),
  completed_at: IsoDateTime.nullable().optional(),
});

/** A course as `GET /accounts/:id/courses` and course create render it (`lib/api/v1/course_json.rb`). */
export const Course = z.looseObject({
  id: CanvasId,
  name: z.string(),
  course_code: z.string(),
  account_id: CanvasId,
  root_account_id: CanvasId,
  enrollment_term_id: CanvasId,
  uuid: z.string(),
  created_at: IsoDateTime,
  start_at: IsoDateTime.nullable(),
  /** The course's `conclude_at`. */
  end_at: IsoDateTime.nullable(),
  default_view: z.enum(['feed', 'wiki', 'modules', 'assignments', 'syllabus']),
  is_public: z.boolean(),
  is_public_to_auth_users: z.boolean(),
  public_syllabus: z.boolean(),
  public_syllabus_to_auth: z.boolean(),
  grading_standard_id: CanvasId.nullable(),
  license: z.string().nullable(),
  grade_passback_setting: z.string().nullable(),
  storage_quota_mb: z.number(),
  homeroom_course: z.boolean(),
  course_color: z.string().nullable(),
  friendly_name: z.string().nullable(),
  apply_assignment_group_weights: z.boolean(),
  calendar: z.looseObject({ ics: z.string() }),
  time_zone: z.string(),
  blueprint: z.boolean(),
  template: z.boolean(),
  hide_final_grades: z.boolean(),
  /** The API state: created and claimed courses are reported as `unpublished`. */
  workflow_state: z.enum(['unpublished', 'available', 'completed', 'deleted']),
  restrict_enrollments_to_course_dates: z.boolean(),
  sis_course_id: z.string().nullable().optional(),
  integration_id: z.string().nullable().optional(),
  sis_import_id: CanvasId.nullable().optional(),
  blueprint_restrictions: z.record(z.string(), z.boolean()).optional(),
  blueprint_restrictions_by_object_type: z.record(z.string(), z.record(z.string(), z.boolean())).optional(),
  course_format: z.string().optional(),
  overridden_course_visibility: z.string().optional(),
  locale: z.string().optional(),
  original_name: z.string().optional(),
  syllabus_body: z.string().nullable().optional(),
  term: EnrollmentTerm.optional(),
  course_progress: CourseProgress.optional(),
  storage_quota_used_mb: z.number().optional(),
  total_students: z.int().optional(),
  teachers: z.array(CourseTeacher).optional(),
  /** Replaces `teachers` when a course has more than `teacher_limit`. */
  teacher_count: z.int().optional(),
  account_name: z.string().optional(),
  concluded: z.boolean().optional(),
  post_manually: z.boolean().optional(),
  account: Account.optional(),
});
export type Course = z.output<typeof Course>;

/** `DELETE /courses/:id?event=...` answers `{"delete": true}` or `{"conclude": true}` (false on refusal). */
export const CourseDeleteResult = z.looseObject({
  delete: z.boolean().optional(),
  conclude: z.boolean().optional(),
});
export type CourseDeleteResult = z.output<typeof CourseDeleteResult>;
