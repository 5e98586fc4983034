import { Group, Stack, Text, Title } from '@mantine/core';
import { useCallback } from 'react';
import type { Account } from '../../../../api/schemas/account.ts';
import { ErrorAlert } from '../../../../components/ErrorAlert.tsx';
import { PageNavigation } from '../../../../components/table/PageNavigation.tsx';
import { fieldErrorOf } from '../../../../lib/canvasErrors.ts';
import { useEnrollmentTerms } from '../../../../lib/enrollmentTerms.ts';
import { useUrlState } from '../../../../lib/urlState.ts';
import { useDebouncedUrlValue } from '../../../../lib/useDebouncedUrlValue.ts';
import { type CourseSort, useAccountCourses } from '../../api/getAccountCourses.ts';
import { CourseFilters } from './CourseFilters.tsx';
import { CoursesTable } from './CoursesTable.tsx';
import {
  COURSES_PER_PAGE_OPTIONS,
  CourseTableSearch,
  type CourseTableState,
  toAccountCoursesQuery,
} from './courseTableState.ts';

const SEARCH_DEBOUNCE_MS = 400;

/** GET /accounts/:id/courses as a filterable, sortable, paged table whose whole state lives in the URL. */
export function AccountCoursesSection({ account }: { account: Account }) {
  const [state, setState] = useUrlState(CourseTableSearch);
  // Any change of what is listed starts again at page 1.
  const changeFilters = useCallback(
    (patch: Partial<CourseTableState>) => setState({ ...patch, page: 1 }),
    [setState],
  );
  const commitSearch = useCallback(
    (searchTerm: string) => setState({ search_term: searchTerm, page: 1 }, { replace: true }),
    [setState],
  );
  const [searchDraft, setSearchDraft] = useDebouncedUrlValue(
    state.search_term,
    commitSearch,
    SEARCH_DEBOUNCE_MS,
  );

  const courses = useAccountCourses(account.id, toAccountCoursesQuery(state));
  const terms = useEnrollmentTerms(account.root_account_id ?? account.id);

  const searchError = fieldErrorOf(courses.error, 'search_term');
  const page = courses.data;
  const showingRows = page && !courses.isError ? page.items : undefined;

  const sortBy = (sort: CourseSort) => {
    const order = state.sort === sort && state.order === 'asc' ? 'desc' : 'asc';
    setState({ sort, order, page: 1 });
  };

  let countText = '';
  if (page && !courses.isError && !courses.isPlaceholderData) {
    const first = (state.page - 1) * state.per_page + 1;
    countText =
      page.items.length === 0
        ? 'No courses on this page.'
        : `Showing courses ${first.toLocaleString()}–${(first + page.items.length - 1).toLocaleString()}${page.hasNext ? '' : ' (last page)'}.`;
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="courses-heading">
      <Group justify="space-between" align="baseline">
        <Title order={2} id="courses-heading">
          Courses
        </Title>
        <Text size="sm" c="dimmed" role="status" aria-live="polite">
          {countText}
        </Text>
      </Group>
      <CourseFilters
        state={state}
        searchDraft={searchDraft}
        onSearchDraftChange={setSearchDraft}
        searchError={searchError}
        terms={terms.data}
        termsError={terms.error}
        onChange={changeFilters}
        onReset={() => {
          setSearchDraft('');
          setState({
            search_term: '',
            state: [],
            published: 'any',
            with_enrollments: 'any',
            blueprint: 'any',
            enrollment_term_id: undefined,
            page: 1,
          });
        }}
      />
      {courses.isError && !searchError ? (
        <ErrorAlert title="Could not load courses" error={courses.error} onRetry={() => courses.refetch()} />
      ) : null}
      {searchError ? (
        <Text c="dimmed" size="sm">
          Canvas did not run this search; change the search term above to see courses.
        </Text>
      ) : null}
      {!courses.isError ? (
        <CoursesTable
          label={`Courses in ${account.name}`}
          courses={showingRows}
          sort={state.sort}
          order={state.order}
          onSort={sortBy}
          stale={courses.isPlaceholderData}
          skeletonRows={Math.min(state.per_page, 10)}
        />
      ) : null}
      {showingRows && showingRows.length === 0 && !courses.isPlaceholderData ? (
        <Text c="dimmed" size="sm">
          {state.page > 1 ? 'This page is empty; go back a page.' : 'No courses match these filters.'}
        </Text>
      ) : null}
      <PageNavigation
        label="Courses"
        page={state.page}
        hasPrevious={state.page > 1}
        hasNext={Boolean(page?.hasNext) && !courses.isError}
        perPage={state.per_page}
        perPageOptions={COURSES_PER_PAGE_OPTIONS}
        pending={courses.isPlaceholderData}
        onPageChange={(nextPage) => setState({ page: nextPage })}
        onPerPageChange={(perPage) => setState({ per_page: perPage, page: 1 })}
      />
    </Stack>
  );
}
