// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { configureCanvasClient } from '../../api/http.ts';
import { createFetchStub, renderWithProviders, type StubHandler } from '../../test/test-utils.tsx';
import { AccountDetailsPage } from './AccountDetailsPage.tsx';

const engineering = {
  id: 2,
  name: 'College of Engineering',
  uuid: 'u2',
  parent_account_id: 1,
  root_account_id: 1,
  workflow_state: 'active',
  default_time_zone: 'America/Denver',
  default_time_zone_friendly_name: 'Mountain Time (US & Canada)',
  default_storage_quota_mb: 500,
  default_user_storage_quota_mb: 50,
  default_group_storage_quota_mb: 50,
  sis_account_id: 'ENG',
  course_count: 12,
  sub_account_count: 3,
};
const root = {
  ...engineering,
  id: 1,
  name: 'Northfield University',
  parent_account_id: null,
  root_account_id: null,
};

function course(id: number, name: string) {
  return {
    id,
    name,
    course_code: `C-${id}`,
    account_id: 2,
    root_account_id: 1,
    enrollment_term_id: 1,
    uuid: `c${id}`,
    created_at: '2025-01-01T00:00:00Z',
    start_at: null,
    end_at: null,
    default_view: 'modules',
    is_public: false,
    is_public_to_auth_users: false,
    public_syllabus: false,
    public_syllabus_to_auth: false,
    grading_standard_id: null,
    license: null,
    grade_passback_setting: null,
    storage_quota_mb: 500,
    homeroom_course: false,
    course_color: null,
    friendly_name: null,
    apply_assignment_group_weights: false,
    calendar: { ics: 'https://example.test/feed.ics' },
    time_zone: 'America/Denver',
    blueprint: false,
    template: false,
    hide_final_grades: false,
    workflow_state: 'available',
    restrict_enrollments_to_course_dates: false,
    sis_course_id: `SIS-${id}`,
    total_students: 30,
    teachers: [{ id: 7, display_name: 'Ada Lovelace' }],
    account_name: 'College of Engineering',
    term: {
      id: 1,
      name: 'Fall 2025',
      start_at: null,
      end_at: null,
      workflow_state: 'active',
      grading_period_group_id: null,
    },
  };
}

const detailsApi: StubHandler = ({ url }) => {
  switch (url.pathname) {
    case '/api/v1/accounts/2':
      return { body: engineering };
    case '/api/v1/accounts/1':
      return { body: root };
    case '/api/v1/accounts/2/settings':
      return { body: {} };
    case '/api/v1/accounts/2/help_links':
      return { body: {} };
    case '/api/v1/accounts/2/terms_of_service':
      return {
        body: {
          id: 1,
          terms_type: 'default',
          passive: true,
          account_id: 1,
          content: null,
          self_registration_type: 'none',
        },
      };
    case '/api/v1/accounts/1/terms':
      return { body: { enrollment_terms: [course(1, 'x').term] } };
    case '/api/v1/accounts/2/courses': {
      const term = url.searchParams.get('search_term');
      if (term !== null && term.length < 2) {
        return {
          status: 400,
          body: {
            errors: [{ field: 'search_term', code: 'invalid', message: '2 or more characters is required' }],
          },
        };
      }
      return {
        body: [course(10, 'Statics'), course(11, 'Thermodynamics')],
        link: '<http://localhost/api/v1/accounts/2/courses?page=2&per_page=25>; rel="next"',
      };
    }
    default:
      return undefined;
  }
};

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
}

function renderDetails(route: string, handler: StubHandler = detailsApi) {
  const api = createFetchStub(handler);
  configureCanvasClient({ baseUrl: 'http://localhost', fetch: api.fetch });
  renderWithProviders(
    <>
      <AccountDetailsPage />
      <LocationProbe />
    </>,
    { route, path: '/accounts/:accountId' },
  );
  return api;
}

function courseRequests(api: ReturnType<typeof createFetchStub>) {
  return api.requests.filter((request) => request.url.pathname === '/api/v1/accounts/2/courses');
}

describe('AccountDetailsPage', () => {
  it("shows the account's details, with includes[] counts and a link to its parent", async () => {
    const api = renderDetails('/accounts/2');
    expect(await screen.findByRole('heading', { level: 1, name: 'College of Engineering' })).toBeTruthy();
    const details = screen.getByRole('table', { name: 'Details' });
    expect(within(details).getByRole('rowheader', { name: 'SIS ID' })).toBeTruthy();
    expect(within(details).getByText('Mountain Time (US & Canada) (America/Denver)')).toBeTruthy();
    expect(await within(details).findByRole('link', { name: 'Northfield University' })).toBeTruthy();
    const accountRequest = api.requests.find((request) => request.url.pathname === '/api/v1/accounts/2');
    expect(accountRequest?.url.searchParams.getAll('includes[]')).toEqual([
      'course_count',
      'sub_account_count',
    ]);
    expect(await screen.findByText(/No settings are stored/)).toBeTruthy();
    expect(await screen.findByText('Help links are configured on the root account only.')).toBeTruthy();
    expect(document.title).toBe('College of Engineering · Canvas Admin');
  });

  it('answers an unknown id with a not-found state and a way back', async () => {
    renderDetails('/accounts/999');
    expect(await screen.findByRole('heading', { name: 'Account not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to accounts' }).getAttribute('href')).toBe('/accounts');
  });

  it("answers a refused account with Canvas's message", async () => {
    renderDetails('/accounts/2', () => ({
      status: 403,
      body: { status: 'unauthorized', errors: [{ message: 'user not authorized to perform that action' }] },
    }));
    expect(
      await screen.findByRole('heading', { name: "You're not allowed to view this account" }),
    ).toBeTruthy();
    expect(screen.getByText(/user not authorized to perform that action/)).toBeTruthy();
  });

  it('reproduces the courses view from the URL and keeps sorting in the URL', async () => {
    const api = renderDetails('/accounts/2?sort=course_name&order=desc&published=yes&state=available&page=2');
    const table = await screen.findByRole('table', { name: 'Courses in College of Engineering' });
    await within(table).findByText('Statics');
    const first = courseRequests(api)[0];
    expect(first?.url.searchParams.get('sort')).toBe('course_name');
    expect(first?.url.searchParams.get('order')).toBe('desc');
    expect(first?.url.searchParams.get('published')).toBe('true');
    expect(first?.url.searchParams.getAll('state[]')).toEqual(['available']);
    expect(first?.url.searchParams.get('page')).toBe('2');
    expect(first?.url.searchParams.getAll('include[]')).toEqual([
      'term',
      'teachers',
      'total_students',
      'account_name',
    ]);
    expect(within(table).getByRole('columnheader', { name: 'Course' }).getAttribute('aria-sort')).toBe(
      'descending',
    );
    expect(screen.getByText('Page 2')).toBeTruthy();

    fireEvent.click(within(table).getByRole('button', { name: 'Teachers' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toContain('sort=teacher'));
    expect(screen.getByTestId('location').textContent).not.toContain('page=');
    expect(within(table).getByRole('columnheader', { name: 'Teachers' }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    await waitFor(() => expect(courseRequests(api).at(-1)?.url.searchParams.get('sort')).toBe('teacher'));
  });

  it("shows Canvas's complaint about a one-character search next to the search field", async () => {
    renderDetails('/accounts/2');
    await screen.findByRole('table', { name: 'Courses in College of Engineering' });
    const search = screen.getByLabelText('Search courses');
    fireEvent.change(search, { target: { value: 'a' } });
    expect(await screen.findByText('2 or more characters is required', {}, { timeout: 3000 })).toBeTruthy();
    expect(search.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('location').textContent).toContain('search_term=a');
  });
});
