import { describe, expect, it } from 'vitest';
import { searchParamsToRecord } from '../../../../lib/urlState.ts';
import { CourseTableSearch, toAccountCoursesQuery } from './courseTableState.ts';

function parse(query: string) {
  return CourseTableSearch.parse(searchParamsToRecord(new URLSearchParams(query)));
}

describe('CourseTableSearch', () => {
  it('gives the default view for an empty URL', () => {
    expect(parse('')).toEqual({
      search_term: '',
      search_by: 'course',
      state: [],
      published: 'any',
      with_enrollments: 'any',
      blueprint: 'any',
      enrollment_term_id: undefined,
      sort: undefined,
      order: 'asc',
      page: 1,
      per_page: 25,
    });
  });

  it('falls back field by field when the URL holds nonsense', () => {
    const state = parse(
      'page=zero&per_page=7&sort=shoe_size&order=up&published=maybe&state=available&state=x',
    );
    expect(state).toMatchObject({
      page: 1,
      per_page: 25,
      sort: undefined,
      order: 'asc',
      published: 'any',
      state: ['available'],
    });
  });

  it('maps the view to Canvas parameters, leaving "any" filters out and sending order only with a sort', () => {
    expect(
      toAccountCoursesQuery(
        parse('search_term=bio&search_by=teacher&published=no&blueprint=yes&page=3&per_page=50'),
      ),
    ).toEqual({
      search_term: 'bio',
      search_by: 'teacher',
      state: undefined,
      published: false,
      with_enrollments: undefined,
      blueprint: true,
      enrollment_term_id: undefined,
      sort: undefined,
      order: undefined,
      page: 3,
      per_page: 50,
    });
    expect(toAccountCoursesQuery(parse('sort=teacher&order=desc'))).toMatchObject({
      sort: 'teacher',
      order: 'desc',
    });
  });
});
