// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureCanvasClient } from '../../api/http.ts';
import { rootAccount, adminSession as session } from '../../test/fixtures.ts';
import { createFetchStub, renderWithProviders, type StubHandler } from '../../test/test-utils.tsx';
import { draftStorageKey, type NotificationDraft } from './model/draftStorage.ts';
import { NotificationsPage } from './NotificationsPage.tsx';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.now();
const iso = (offset: number) => new Date(NOW + offset).toISOString().replace(/\.\d{3}Z$/, 'Z');

function role(id: number, name: string, label: string, isAccountRole: boolean) {
  return {
    id,
    role: name,
    label,
    base_role_type: isAccountRole ? 'AccountMembership' : name,
    workflow_state: 'built_in',
    is_account_role: isAccountRole,
    created_at: '2025-01-01T00:00:00-07:00',
    last_updated_at: '2025-01-01T07:00:00Z',
    permissions: {},
  };
}

function notification(
  id: number,
  subject: string,
  start: number,
  end: number,
  extra: Record<string, unknown> = {},
) {
  return {
    id,
    subject,
    message: `<p>About ${subject}</p>`,
    start_at: iso(start),
    end_at: iso(end),
    icon: 'warning',
    role_ids: [],
    roles: [],
    author: { id: 1, name: 'Jordan Whitfield' },
    ...extra,
  };
}

const listed = [
  notification(10, 'Maintenance tonight', -HOUR, DAY, {
    role_ids: [1, null],
    roles: ['StudentEnrollment', 'NilEnrollment'],
    message: '<p>Down at <strong>10 PM</strong><img src="x" onerror="alert(1)"></p>',
  }),
  notification(11, 'Spring break', 5 * DAY, 9 * DAY, { icon: 'calendar' }),
  notification(12, 'Login trouble resolved', -3 * DAY, -2 * DAY, { icon: 'error' }),
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
    if (url.pathname === '/api/v1/users/self/profile')
      return { body: { id: 1, time_zone: 'America/Denver' } };
    if (url.pathname === '/api/v1/accounts/1/roles') {
      return {
        body: [
          role(1, 'StudentEnrollment', 'Student', false),
          role(6, 'AccountAdmin', 'Account Admin', true),
        ],
      };
    }
    if (url.pathname === '/api/v1/accounts/1/account_notifications') return { body: listed };
    return undefined;
  };
}

function useApi(handler: StubHandler) {
  const stub = createFetchStub(handler);
  configureCanvasClient({ baseUrl: 'http://localhost', fetch: stub.fetch });
  // The session comes from our own /auth endpoint, fetched without the Canvas client.
  vi.stubGlobal('fetch', stub.fetch);
  return stub;
}

function renderPage(route = '/notifications') {
  return renderWithProviders(<NotificationsPage />, { route, path: '/notifications' });
}

function storeDraft(draft: Omit<NotificationDraft, 'version' | 'savedAt'>) {
  window.localStorage.setItem(
    draftStorageKey(1, 1),
    JSON.stringify({ version: 1, savedAt: new Date(NOW - HOUR).toISOString(), ...draft }),
  );
}

beforeEach(() => window.localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

describe('NotificationsPage', () => {
  it('lists current, scheduled and past notifications with window, zone, audience and author', async () => {
    useApi(api());
    renderPage();
    const current = await screen.findByRole('region', { name: 'Current (1)' });
    const maintenance = within(current).getByRole('article', { name: 'Maintenance tonight' });
    expect(maintenance.textContent).toContain('Student, Users with no enrollments');
    expect(maintenance.textContent).toContain('Jordan Whitfield');
    expect(maintenance.textContent).toMatch(/M[SD]T/);
    expect(within(maintenance).getByRole('img', { name: 'Warning icon' })).toBeTruthy();
    // Stored HTML is sanitized before it is shown.
    expect(maintenance.querySelector('strong')?.textContent).toBe('10 PM');
    expect(maintenance.querySelector('img')?.getAttribute('onerror')).toBeNull();
    expect(screen.getByRole('region', { name: 'Scheduled (1)' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Past (1)' })).toBeTruthy();
    expect(
      screen.getByText(/Mountain Time \(America\/Denver\), the time zone of your Canvas profile/),
    ).toBeTruthy();
    // The timeline's bars are labelled buttons that lead to the list entry.
    const bar = screen.getByRole('button', { name: /^Spring break: scheduled, / });
    fireEvent.click(bar);
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('article', { name: 'Spring break' })),
    );
  });

  it('filters by status through the URL', async () => {
    useApi(api());
    renderPage('/notifications?status=past');
    expect(await screen.findByRole('region', { name: 'Past (1)' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Current (1)' })).toBeNull();
  });

  it('restores a stored draft and refuses an end before the start without sending', async () => {
    const stub = useApi(api());
    storeDraft({
      mode: 'new',
      notificationId: null,
      sourceSubject: null,
      values: {
        subject: 'Registration opens',
        message: '<p>Next <strong>Monday</strong></p>',
        start_at: iso(7 * DAY),
        end_at: iso(DAY),
        icon: 'information',
        roles: ['1'],
      },
    });
    renderPage();
    expect(await screen.findByText('Draft restored')).toBeTruthy();
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Subject' }).value).toBe(
      'Registration opens',
    );
    expect(screen.getByRole('textbox', { name: 'Message' }).innerHTML).toContain('<strong>Monday</strong>');
    expect((await screen.findByRole<HTMLInputElement>('checkbox', { name: 'Student' })).checked).toBe(true);
    const preview = screen.getByRole('region', { name: 'Preview' });
    expect(within(preview).getByRole('img', { name: 'Information icon' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Send notification' }));
    expect(await screen.findByText('The end time precedes the start time')).toBeTruthy();
    expect(stub.requests.some((request) => request.method === 'POST')).toBe(false);
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Subject' }).value).toBe(
      'Registration opens',
    );
  });

  it('puts Canvas’s field errors on the matching fields and keeps the draft', async () => {
    const stub = useApi(
      api(({ method, url }) =>
        method === 'POST' && url.pathname === '/api/v1/accounts/1/account_notifications'
          ? {
              status: 400,
              body: {
                errors: {
                  subject: [{ attribute: 'subject', type: 'too_long', message: 'too_long' }],
                  end_at: [
                    {
                      attribute: 'end_at',
                      type: 'Account notification end time precedes start time',
                      message: 'Account notification end time precedes start time',
                    },
                  ],
                },
              },
            }
          : undefined,
      ),
    );
    storeDraft({
      mode: 'new',
      notificationId: null,
      sourceSubject: null,
      values: {
        subject: 'Fine by us',
        message: '<p>Hello</p>',
        start_at: iso(0),
        end_at: iso(DAY),
        icon: 'warning',
        roles: [],
      },
    });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Send notification' }));
    expect(await screen.findByText('Subject is too long')).toBeTruthy();
    expect(screen.getByText('Account notification end time precedes start time')).toBeTruthy();
    const post = stub.requests.find((request) => request.method === 'POST');
    expect(post?.body).toEqual({
      account_notification: {
        subject: 'Fine by us',
        message: '<p>Hello</p>',
        start_at: iso(0),
        end_at: iso(DAY),
        icon: 'warning',
      },
      account_notification_roles: [],
    });
    expect(window.localStorage.getItem(draftStorageKey(1, 1))).toContain('Fine by us');

    // Changing the field clears Canvas's complaint about it.
    fireEvent.change(screen.getByRole('textbox', { name: 'Subject' }), { target: { value: 'Shorter' } });
    await waitFor(() => expect(screen.queryByText('Subject is too long')).toBeNull());
  });

  it('stores a draft only once something was written, and forgets it when discarded', async () => {
    useApi(api());
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'New notification' }));
    await screen.findByRole('region', { name: 'New notification' });
    expect(window.localStorage.getItem(draftStorageKey(1, 1))).toBeNull();
    fireEvent.change(screen.getByRole('textbox', { name: 'Subject' }), { target: { value: 'Snow day' } });
    await waitFor(() => expect(window.localStorage.getItem(draftStorageKey(1, 1))).toContain('Snow day'));
    expect(screen.getByText('8 of 255 characters')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Discard draft' }));
    await waitFor(() => expect(window.localStorage.getItem(draftStorageKey(1, 1))).toBeNull());
    expect(screen.queryByRole('region', { name: 'New notification' })).toBeNull();
  });

  it('ends a current notification now, resending its roles so Canvas keeps the audience', async () => {
    const stub = useApi(
      api(({ method, url, body }) =>
        method === 'PUT' && url.pathname === '/api/v1/accounts/1/account_notifications/10'
          ? {
              body: {
                ...listed[0],
                end_at: (body as { account_notification: { end_at: string } }).account_notification.end_at,
              },
            }
          : undefined,
      ),
    );
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'End Maintenance tonight now' }));
    await waitFor(() => expect(stub.requests.some((request) => request.method === 'PUT')).toBe(true));
    const put = stub.requests.find((request) => request.method === 'PUT');
    const sent = put?.body as {
      account_notification: { end_at: string };
      account_notification_roles: string[];
    };
    expect(sent.account_notification_roles).toEqual(['1', 'NilEnrollment']);
    expect(Math.abs(Date.parse(sent.account_notification.end_at) - Date.now())).toBeLessThan(60_000);
  });

  it('deletes for everyone only after a confirm', async () => {
    const stub = useApi(
      api(({ method, url }) =>
        method === 'DELETE' && url.pathname === '/api/v1/accounts/1/account_notifications/11'
          ? { body: listed[1] }
          : undefined,
      ),
    );
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Spring break' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete “Spring break”?' });
    expect(stub.requests.some((request) => request.method === 'DELETE')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(stub.requests.some((request) => request.method === 'DELETE')).toBe(true));
    const deletion = stub.requests.find((request) => request.method === 'DELETE');
    expect(deletion?.url.searchParams.get('remove')).toBe('true');
  });
});
