import { keepPreviousData, useQuery } from '@tanstack/react-query';
import * as z from 'zod';
import { fetchPage } from '../../../api/paginate.ts';
import { Course } from '../../../api/schemas/course.ts';
import { reportKeys } from './keys.ts';

/** What the course picker shows of a course. */
export const CourseOption = z.object({
  id: Course.shape.id,
  name: Course.shape.name,
  course_code: Course.shape.course_code,
  sis_course_id: Course.shape.sis_course_id,
});
export type CourseOption = z.output<typeof CourseOption>;

/** Canvas refuses a course search term shorter than this. */
export const MIN_COURSE_SEARCH_LENGTH = 2;
const SEARCH_RESULTS = 20;

/** GET /api/v1/accounts/:id/courses?search_term=: the first matches among the account's courses. */
export async function searchAccountCourses(
  accountId: number,
  searchTerm: string,
  signal?: AbortSignal,
): Promise<CourseOption[]> {
  const page = await fetchPage(`/api/v1/accounts/${accountId}/courses`, {
    schema: CourseOption,
    params: { search_term: searchTerm, sort: 'course_name' },
    perPage: SEARCH_RESULTS,
    signal,
  });
  return page.items;
}

export function useAccountCourseSearch(accountId: number, searchTerm: string) {
  const term = searchTerm.trim();
  return useQuery({
    queryKey: reportKeys.courseSearch(accountId, term),
    queryFn: ({ signal }) => searchAccountCourses(accountId, term, signal),
    enabled: term.length >= MIN_COURSE_SEARCH_LENGTH,
    placeholderData: keepPreviousData,
  });
}
