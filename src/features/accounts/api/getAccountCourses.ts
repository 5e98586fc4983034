import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { PageResult } from '../../../api/http.ts';
import { fetchPage } from '../../../api/paginate.ts';
import { Course } from '../../../api/schemas/course.ts';
import { accountKeys } from './keys.ts';

/** Values of `state[]`; `all` adds deleted courses to the default set. */
export const COURSE_STATE_FILTERS = [
  'created',
  'claimed',
  'available',
  'completed',
  'deleted',
  'all',
] as const;
export type CourseStateFilter = (typeof COURSE_STATE_FILTERS)[number];

export const COURSE_SORTS = [
  'course_name',
  'sis_course_id',
  'course_status',
  'teacher',
  'account_name',
] as const;
export type CourseSort = (typeof COURSE_SORTS)[number];

export const COURSE_SEARCH_BY = ['course', 'teacher'] as const;
export type CourseSearchBy = (typeof COURSE_SEARCH_BY)[number];

const COURSE_INCLUDES = ['term', 'teachers', 'total_students', 'account_name'];

/**
 * One page of GET /api/v1/accounts/:id/courses, in Canvas's parameter names. Booleans left undefined
 * are not sent: Canvas treats an absent filter differently from `false`.
 */
export interface AccountCoursesQuery {
  search_term?: string;
  search_by?: CourseSearchBy;
  state?: CourseStateFilter[];
  published?: boolean;
  with_enrollments?: boolean;
  blueprint?: boolean;
  enrollment_term_id?: number;
  sort?: CourseSort;
  order?: 'asc' | 'desc';
  page: number;
  per_page: number;
}

export function fetchAccountCourses(
  accountId: number,
  { page, per_page, ...filters }: AccountCoursesQuery,
  signal?: AbortSignal,
): Promise<PageResult<Course>> {
  return fetchPage(`/api/v1/accounts/${accountId}/courses`, {
    schema: Course,
    params: { ...filters, include: COURSE_INCLUDES },
    page,
    perPage: per_page,
    signal,
  });
}

export function accountCoursesQueryOptions(accountId: number, query: AccountCoursesQuery) {
  return queryOptions({
    queryKey: accountKeys.courses(accountId, query),
    queryFn: ({ signal }) => fetchAccountCourses(accountId, query, signal),
    // Keep the current rows on screen while the next page or filter loads.
    placeholderData: keepPreviousData,
  });
}

export function useAccountCourses(accountId: number, query: AccountCoursesQuery) {
  return useQuery(accountCoursesQueryOptions(accountId, query));
}
