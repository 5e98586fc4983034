import { z } from 'zod';
import { searchParamList } from '../../../../lib/urlState.ts';
import {
  type AccountCoursesQuery,
  COURSE_SEARCH_BY,
  COURSE_SORTS,
  COURSE_STATE_FILTERS,
} from '../../api/getAccountCourses.ts';

export const COURSES_PER_PAGE_OPTIONS = [10, 25, 50, 100] as const;
const DEFAULT_PER_PAGE = 25;

/** "Any" leaves a boolean filter out of the request: Canvas treats absent differently from false. */
const TriState = z.enum(['any', 'yes', 'no']).catch('any');
export type TriState = z.output<typeof TriState>;

/**
 * The courses table's state as it appears in the URL (Canvas's parameter names), so a link or a
 * reload reproduces the view. Each field falls back to its default when the URL holds nonsense.
 */
export const CourseTableSearch = z.object({
  search_term: z.string().catch(''),
  search_by: z.enum(COURSE_SEARCH_BY).catch('course'),
  state: searchParamList(z.enum(COURSE_STATE_FILTERS)),
  published: TriState,
  with_enrollments: TriState,
  blueprint: TriState,
  enrollment_term_id: z.coerce.number().int().positive().optional().catch(undefined),
  sort: z.enum(COURSE_SORTS).optional().catch(undefined),
  order: z.enum(['asc', 'desc']).catch('asc'),
  page: z.coerce.number().int().min(1).catch(1),
  per_page: z.coerce
    .number()
    .int()
    .refine((value) => (COURSES_PER_PAGE_OPTIONS as readonly number[]).includes(value))
    .catch(DEFAULT_PER_PAGE),
});
export type CourseTableState = z.output<typeof CourseTableSearch>;

function triStateToBoolean(value: TriState): boolean | undefined {
  return value === 'any' ? undefined : value === 'yes';
}

/** The request for the current view. */
export function toAccountCoursesQuery(state: CourseTableState): AccountCoursesQuery {
  const searchTerm = state.search_term;
  return {
    search_term: searchTerm === '' ? undefined : searchTerm,
    search_by: searchTerm === '' ? undefined : state.search_by,
    state: state.state.length > 0 ? state.state : undefined,
    published: triStateToBoolean(state.published),
    with_enrollments: triStateToBoolean(state.with_enrollments),
    blueprint: triStateToBoolean(state.blueprint),
    enrollment_term_id: state.enrollment_term_id,
    sort: state.sort,
    // Canvas adds its id tie-break only when both are sent, which keeps pages stable.
    order: state.sort ? state.order : undefined,
    page: state.page,
    per_page: state.per_page,
  };
}

/** Whether any filter narrows the list (sort and paging do not count). */
export function hasActiveFilters(state: CourseTableState): boolean {
  return (
    state.search_term !== '' ||
    state.state.length > 0 ||
    state.published !== 'any' ||
    state.with_enrollments !== 'any' ||
    state.blueprint !== 'any' ||
    state.enrollment_term_id !== undefined
  );
}
