// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureCanvasClient } from '../../api/http.ts';
import { rootAccount, adminSession as session } from '../../test/fixtures.ts';
import { createFetchStub, renderWithProviders, type StubHandler } from '../../test/test-utils.tsx';
import { ReportsPage } from './ReportsPage.tsx';

const jordan = { id: 1, display_name: 'Jordan Whitfield', anonymous_id: '1' };

function run(id: number, extra: Record<string, unknown> = {}) {
  return {
    id,
    report: 'provisioning_csv',
    status: 'created',
    progress: 0,
    current_line: null,
    parameters: { users: true },
    created_at: '2026-11-27T04:00:00-07:00',
    started_at: null,
    ended_at: null,
    run_time: 0.2,
    file_url: null,
    message: null,
    user: jordan,
    ...extra,
  };
}

const failedRun = run(7, {
  status: 'error',
  progress: 100,
  parameters: { users: 'true', locale: 'en', extra_text: 'The users table could not be read' },
  started_at: '2026-11-27T04:00:01-07:00',
  ended_at: '2026-11-27T04:00:03-07:00',
  message: 'Generating the report, Provisioning, failed.',
});

const reportTypes = [
  {
    title: 'Provisioning',
    report: 'provisioning_csv',
    parameters: {
      enrollment_term_id: { required: false, description: 'Limit to a term' },
      users: { required: false, description: 'Include users' },
      courses: { required: false, description: 'Include courses' },
    },
    last_run: failedRun,
    description_html: '<p>Exports <strong>objects</strong><img src="x" onerror="alert(1)"></p>',
  },
];

function api(overrides: StubHandler = () => undefined): StubHandler {
  return (request) => {
    const answer = overrides(request);
    if (answer) return answer;
    const { method, url } = request;
    if (method !== 'GET') return undefined;
    if (url.pathname === '/auth/session') return { body: session };
    if (url.pathname === '/api/v1/accounts') return { body: [rootAccount] };
    if (url.pathname === '/api/v1/accounts/1') return { body: rootAccount };
    if (url.pathname === '/api/v1/accounts/1/terms') return { body: { enrollment_terms: [] } };
    if (url.pathname === '/api/v1/accounts/1/reports') return { body: reportTypes };
    if (url.pathname === '/api/v1/accounts/1/reports/provisioning_csv') return { body: [failedRun] };
    return undefined;
  };
}

function useApi(handler: StubHandler) {
  const stub = createFetchStub(handler);
  configureCanvasClient({ baseUrl: 'http://localhost', fetch: stub.fetch });
  vi.stubGlobal('fetch', stub.fetch);
  return stub;
}

function renderPage(route = '/reports') {
  return renderWithProviders(<ReportsPage />, { route, path: '/reports' });
}

beforeEach(() => window.localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

describe('ReportsPage', () => {
  it('shows the catalogue with sanitized descriptions and a failed run with its reason', async () => {
    useApi(api());
    renderPage();
    await screen.findByRole('heading', { name: 'Provisioning', level: 2 }, { timeout: 5_000 });
    const catalogue = screen.getByRole('navigation', { name: 'Available reports' });
    expect(within(catalogue).getByRole('button', { name: /Provisioning/ }).textContent).toContain('Failed');
    const description = document.querySelector('strong');
    expect(description?.textContent).toBe('objects');
    expect(document.querySelector('img[onerror]')).toBeNull();
    const card = await screen.findByRole('article', { name: 'Provisioning #7' }, { timeout: 5_000 });
    expect(card.textContent).toContain('Generating the report, Provisioning, failed.');
    expect(card.textContent).toContain('The users table could not be read');
    expect(card.textContent).toContain('Users');
    expect(card.textContent).not.toContain('locale');
  });

  it('re-runs with the submitted parameters only, without Canvas’s locale and extra_text', async () => {
    const stub = useApi(
      api(({ method }) =>
        method === 'POST' ? { body: run(8, { parameters: { users: 'true' } }) } : undefined,
      ),
    );
    renderPage();
    const card = await screen.findByRole('article', { name: 'Provisioning #7' }, { timeout: 5_000 });
    fireEvent.click(
      within(card).getByRole('button', { name: 'Run Provisioning #7 again with the same parameters' }),
    );
    await waitFor(() => expect(stub.requests.some((request) => request.method === 'POST')).toBe(true));
    const post = stub.requests.find((request) => request.method === 'POST');
    expect(post?.url.pathname).toBe('/api/v1/accounts/1/reports/provisioning_csv');
    expect(post?.body).toEqual({ parameters: { users: 'true' } });
  });

  it('validates before starting, and shows the run Canvas names on a 409 instead of an error', async () => {
    const inProgress = run(9, { status: 'running', progress: 40, started_at: '2026-11-27T04:10:00-07:00' });
    const stub = useApi(
      api(({ method }) => (method === 'POST' ? { status: 409, body: inProgress } : undefined)),
    );
    renderPage();
    await screen.findByRole('heading', { name: 'Provisioning', level: 2 }, { timeout: 5_000 });
    fireEvent.click(screen.getByRole('button', { name: 'Run report' }));
    expect(await screen.findByText('Choose at least one kind of data to export')).toBeTruthy();
    expect(stub.requests.some((request) => request.method === 'POST')).toBe(false);

    fireEvent.click(screen.getByRole('checkbox', { name: 'Users' }));
    fireEvent.click(screen.getByRole('button', { name: 'Run report' }));
    expect(await screen.findByText(/already in progress \(run #9\)/)).toBeTruthy();
    expect(stub.requests.find((request) => request.method === 'POST')?.body).toEqual({
      parameters: { users: true },
    });
    // The run joins the tray's list of this user's runs.
    expect(window.localStorage.getItem('canvas-admin:reports:tray:1')).toContain('"runId":9');
  });

  it("puts Canvas's refusal of the term next to the term picker", async () => {
    useApi(
      api(({ method }) =>
        method === 'POST' ? { status: 400, body: { error: "invalid enrollment_term_id 'x'" } } : undefined,
      ),
    );
    renderPage();
    await screen.findByRole('heading', { name: 'Provisioning', level: 2 }, { timeout: 5_000 });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Courses' }));
    fireEvent.click(screen.getByRole('button', { name: 'Run report' }));
    await screen.findByText("invalid enrollment_term_id 'x'");
    const termInput = screen.getAllByLabelText('Term').find((element) => element.tagName === 'INPUT');
    expect(termInput?.getAttribute('aria-invalid')).toBe('true');
  });
});
