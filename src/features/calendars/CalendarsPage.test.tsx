// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { configureCanvasClient } from '../../api/http.ts';
import type { AccountCalendar } from '../../api/schemas/accountCalendar.ts';
import { cssVariablesResolver, theme } from '../../app/theme.ts';
import {
  createFetchStub,
  createTestQueryClient,
  type StubHandler,
  stubElementSizes,
} from '../../test/test-utils.tsx';
import { CalendarsPage } from './CalendarsPage.tsx';
import { calendar } from './model/testCalendars.ts';

interface TenantOptions {
  /** Answer for the bulk update instead of applying it. */
  refuseBulk?: { status: number; body: unknown };
}

/**
 * A small tenant behind a fetch stub: University (1) > Arts (3) > Music (5), Engineering (2) >
 * Civil (4), Mechanical (6). The bulk update applies to the stub's state, as Canvas would.
 */
function stubTenant({ refuseBulk }: TenantOptions = {}) {
  const calendars = new Map<number, AccountCalendar>(
    [
      calendar(1, 'University', null),
      calendar(2, 'College of Engineering', 1, { visible: true, auto_subscribe: true }),
      calendar(3, 'College of Arts', 1, { visible: true }),
      calendar(4, 'Civil', 2),
      calendar(5, 'Music', 3),
      calendar(6, 'Mechanical', 2, { visible: true }),
    ].map((item) => [item.id, item]),
  );
  const sis: Record<number, string | null> = {
    1: 'ROOT',
    2: 'ENG',
    3: null,
    4: 'ENG-CIV',
    5: 'MUS',
    6: null,
  };
  const account = (id: number) => ({
    id,
    name: calendars.get(id)?.name,
    uuid: `uuid-${id}`,
    parent_account_id: calendars.get(id)?.parent_account_id ?? null,
    root_account_id: id === 1 ? null : 1,
    workflow_state: 'active',
    default_time_zone: 'America/Denver',
    sis_account_id: sis[id],
  });
  const handler: StubHandler = ({ method, url, body }) => {
    const path = url.pathname;
    if (method === 'GET' && path === '/api/v1/accounts') return { body: [account(1)] };
    if (method === 'GET' && path === '/api/v1/accounts/1') return { body: account(1) };
    if (method === 'GET' && path === '/api/v1/accounts/1/sub_accounts') {
      return { body: [2, 3, 4, 5, 6].map(account) };
    }
    if (method === 'GET' && path === '/api/v1/accounts/1/account_calendars') {
      const visible = url.searchParams.get('filter') === 'visible';
      return { body: [...calendars.values()].filter((item) => item.visible === visible) };
    }
    if (method === 'GET' && path === '/api/v1/accounts/1/visible_calendars_count') {
      return { body: { count: [...calendars.values()].filter((item) => item.visible).length } };
    }
    if (method === 'PUT' && path === '/api/v1/accounts/1/account_calendars') {
      if (refuseBulk) return refuseBulk;
      const entries = body as { id: number; visible?: boolean; auto_subscribe?: boolean }[];
      for (const entry of entries) {
        const current = calendars.get(entry.id);
        if (!current) continue;
        calendars.set(entry.id, {
          ...current,
          visible: entry.visible ?? current.visible,
          auto_subscribe: entry.auto_subscribe ?? current.auto_subscribe,
        });
      }
      return { body: { message: `Updated ${entries.length} account${entries.length === 1 ? '' : 's'}` } };
    }
    return undefined;
  };
  const stub = createFetchStub(handler);
  configureCanvasClient({ baseUrl: 'http://localhost', fetch: stub.fetch });
  return { ...stub, calendars };
}

function renderPage(route = '/calendars') {
  const queryClient = createTestQueryClient();
  // useBlocker needs a data router, which the shared MemoryRouter helper is not.
  const router = createMemoryRouter(
    [
      { path: '/calendars', element: <CalendarsPage /> },
      { path: '/accounts', element: <p>Accounts page</p> },
    ],
    { initialEntries: [route] },
  );
  render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} env="test">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { router, queryClient };
}

async function findTable() {
  const table = await screen.findByRole('table', { name: 'Account calendars' });
  await within(table).findByRole('row', { name: /Mechanical/ });
  return table;
}

const rowNames = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.querySelector('[title]')?.getAttribute('title'));

const footer = () => screen.getByText(/not saved yet|No unsaved changes/);

let restoreSizes: () => void;
beforeAll(() => {
  restoreSizes = stubElementSizes({ viewport: 800 });
});
afterAll(() => restoreSizes());
afterEach(() => vi.restoreAllMocks());

describe('CalendarsPage', () => {
  it('lists the account and every descendant in tree order, with SIS ids and the visible count', async () => {
    const api = stubTenant();
    renderPage();
    const table = await findTable();
    expect(rowNames(table)).toEqual([
      'University',
      'College of Arts',
      'Music',
      'College of Engineering',
      'Civil',
      'Mechanical',
    ]);
    expect(table.getAttribute('aria-rowcount')).toBe('7');
    const music = within(table).getByRole('row', { name: /Music/ });
    await within(music).findByText('MUS');
    // Two levels of 1.25rem indentation, plus the cell's own padding.
    expect(within(music).getByTitle('Music').style.paddingInlineStart).toBe('calc(3rem)');
    expect(await screen.findByText('3 visible calendars in University')).toBeTruthy();

    const listRequests = api.requests.filter((request) =>
      request.url.pathname.endsWith('/account_calendars'),
    );
    expect(listRequests.map((request) => request.url.searchParams.get('filter')).sort()).toEqual([
      'hidden',
      'visible',
    ]);
    expect(listRequests.every((request) => request.url.searchParams.get('per_page') === '100')).toBe(true);
    const sisRequest = api.requests.find(
      (request) => request.url.pathname === '/api/v1/accounts/1/sub_accounts',
    );
    expect(sisRequest?.url.searchParams.get('recursive')).toBe('true');
    expect(document.title).toBe('Calendars · Canvas Admin');
  });

  it('marks a toggled row as changed, counts it, and forgets it when toggled back', async () => {
    stubTenant();
    renderPage();
    await findTable();
    const civilVisible = screen.getByRole('switch', { name: 'Visible: Civil' });
    const civilAuto = screen.getByRole('checkbox', { name: 'Auto-subscribe: Civil' }) as HTMLInputElement;
    expect(civilAuto.disabled).toBe(true);

    fireEvent.click(civilVisible);
    expect(civilAuto.disabled).toBe(false);
    const civilRow = screen.getByRole('row', { name: /Civil/ });
    expect(within(civilRow).getByText('Changed')).toBeTruthy();
    expect(within(civilRow).getByText('was hidden')).toBeTruthy();
    expect(footer().textContent).toBe('1 account changed, not saved yet');

    fireEvent.click(civilAuto);
    expect(within(civilRow).getByText('was hidden, manual')).toBeTruthy();
    // Hiding again drops the subscription change as well, as on Canvas: nothing is left pending.
    fireEvent.click(civilVisible);
    expect(within(civilRow).queryByText('Changed')).toBeNull();
    expect(footer().textContent).toBe('No unsaved changes');
  });

  it('filters instantly, selects the matches, hides them, reviews and saves with one bulk request', async () => {
    const api = stubTenant();
    renderPage();
    const table = await findTable();

    fireEvent.change(screen.getByLabelText('Filter by name or SIS ID'), { target: { value: 'college' } });
    expect(rowNames(table)).toEqual(['College of Arts', 'College of Engineering']);
    expect(within(table).getAllByText('in University')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Select all 2 matching' }));
    expect(screen.getByText('2 accounts selected')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Hide' }));
    expect(footer().textContent).toBe('2 accounts changed, not saved yet');
    fireEvent.click(screen.getByRole('button', { name: 'Review 2 changes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Review changes to 2 accounts' });
    const group = within(dialog).getByText('2 calendars become hidden');
    fireEvent.click(group);
    const details = group.closest('details') as HTMLDetailsElement;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    expect(
      within(details)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['College of Arts', 'College of Engineering · ENG']);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Save 2 accounts' }));
    expect(await screen.findByText('Saved. Canvas updated 2 accounts.', { selector: 'div' })).toBeTruthy();
    const puts = api.requests.filter((request) => request.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]?.url.pathname).toBe('/api/v1/accounts/1/account_calendars');
    expect(puts[0]?.body).toEqual([
      { id: 3, visible: false },
      { id: 2, visible: false },
    ]);
    expect(footer().textContent).toBe('No unsaved changes');
    expect(await screen.findByText('1 visible calendar in University')).toBeTruthy();
    expect(
      (screen.getByRole('switch', { name: 'Visible: College of Arts' }) as HTMLInputElement).checked,
    ).toBe(false);
  });

  it('keeps every pending edit and shows Canvas’s refusal when the save fails', async () => {
    const api = stubTenant({
      refuseBulk: {
        status: 403,
        body: { status: 'unauthorized', errors: [{ message: 'user not authorized to perform that action' }] },
      },
    });
    renderPage();
    await findTable();
    fireEvent.click(screen.getByRole('switch', { name: 'Visible: Music' }));
    fireEvent.click(screen.getByRole('button', { name: 'Review 1 change' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save 1 account' }));
    expect(await within(dialog).findByText('user not authorized to perform that action')).toBeTruthy();
    expect(within(dialog).getByText('Nothing was saved; every change is still pending.')).toBeTruthy();
    expect(footer().textContent).toBe('1 account changed, not saved yet');
    expect(api.calendars.get(5)?.visible).toBe(false);
  });

  it('keeps the edits of a refused later chunk pending and drops the ones Canvas saved', async () => {
    const calendars = [calendar(1, 'University', null)];
    for (let id = 2; id <= 1_501; id++)
      calendars.push(calendar(id, `Program ${String(id).padStart(4, '0')}`, 1));
    let puts = 0;
    const stub = createFetchStub(({ method, url, body }) => {
      const path = url.pathname;
      if (path === '/api/v1/accounts')
        return {
          body: [
            {
              id: 1,
              name: 'University',
              uuid: 'uuid-1',
              parent_account_id: null,
              root_account_id: null,
              workflow_state: 'active',
              default_time_zone: 'America/Denver',
            },
          ],
        };
      if (path === '/api/v1/accounts/1') return { body: { id: 1, sis_account_id: null } };
      if (path === '/api/v1/accounts/1/sub_accounts') return { body: [] };
      if (path === '/api/v1/accounts/1/visible_calendars_count') return { body: { count: 0 } };
      if (method === 'GET' && path === '/api/v1/accounts/1/account_calendars') {
        return { body: url.searchParams.get('filter') === 'hidden' ? calendars : [] };
      }
      if (method === 'PUT') {
        puts++;
        if (puts === 2)
          return {
            status: 403,
            body: {
              status: 'unauthorized',
              errors: [{ message: 'user not authorized to perform that action' }],
            },
          };
        return { body: { message: `Updated ${(body as unknown[]).length} accounts` } };
      }
      return undefined;
    });
    configureCanvasClient({ baseUrl: 'http://localhost', fetch: stub.fetch });
    renderPage();
    await screen.findByText('Showing 1,501 of 1,501 calendars');
    fireEvent.click(screen.getByRole('button', { name: 'Select all' }));
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    fireEvent.click(screen.getByRole('button', { name: 'Review 1,501 changes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Review changes to 1,501 accounts' });
    expect(within(dialog).getByText(/in 2 requests of up to 1,000 accounts/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save 1,501 accounts' }));
    expect(await within(dialog).findByText('user not authorized to perform that action')).toBeTruthy();
    expect(
      within(dialog).getByText(
        /1,000 changes were saved before Canvas refused; the other 501 changes are still pending/,
      ),
    ).toBeTruthy();
    expect(footer().textContent).toBe('501 accounts changed, not saved yet');
    const sent = stub.requests
      .filter((request) => request.method === 'PUT')
      .map((request) => request.body as { id: number }[]);
    expect(sent.map((chunk) => chunk.length)).toEqual([1_000, 501]);
    // The saved chunk shows as saved; the refused one is still marked as changed.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Back to editing' }));
    expect((screen.getByRole('switch', { name: 'Visible: University' }) as HTMLInputElement).checked).toBe(
      true,
    );
    expect(within(screen.getByRole('row', { name: /^Select University/ })).queryByText('Changed')).toBeNull();
  });

  it('selects a range with shift-click and a subtree with its button, announcing the count', async () => {
    stubTenant();
    renderPage();
    await findTable();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select College of Arts' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Civil' }), { shiftKey: true });
    const selected = ['College of Arts', 'Music', 'College of Engineering', 'Civil'];
    for (const name of selected) {
      expect((screen.getByRole('checkbox', { name: `Select ${name}` }) as HTMLInputElement).checked).toBe(
        true,
      );
    }
    expect((screen.getByRole('checkbox', { name: 'Select Mechanical' }) as HTMLInputElement).checked).toBe(
      false,
    );
    const status = screen.getByText('4 accounts selected');
    expect(status.getAttribute('role')).toBe('status');

    fireEvent.click(screen.getByRole('button', { name: 'Clear selection' }));
    fireEvent.change(screen.getByLabelText('Filter by name or SIS ID'), { target: { value: 'eng' } });
    fireEvent.click(
      screen.getByRole('button', { name: 'Select College of Engineering and its sub-accounts' }),
    );
    expect(screen.getByText('3 accounts selected (1 not shown)')).toBeTruthy();
    expect(
      screen.getByText(
        'Selected College of Engineering and its 2 sub-accounts, 1 of them not shown by the filter.',
      ),
    ).toBeTruthy();

    // Auto-subscribe needs a visible calendar: the hidden one in the selection is left alone.
    fireEvent.click(screen.getByRole('button', { name: 'Auto-subscribe off' }));
    fireEvent.click(screen.getByRole('button', { name: 'Auto-subscribe on' }));
    expect(
      screen.getByText(/Turned auto-subscribe on for 2 calendars\. 1 hidden calendar was left alone/),
    ).toBeTruthy();
  });

  it('asks before leaving with pending edits, and stays or leaves as told', async () => {
    stubTenant();
    const { router } = renderPage();
    await findTable();
    // Filters change the URL without asking.
    fireEvent.click(screen.getByRole('switch', { name: 'Visible: Music' }));
    await act(() => router.navigate('/calendars?visibility=hidden'));
    expect(screen.queryByRole('dialog')).toBeNull();

    await act(() => router.navigate('/accounts'));
    const prompt = await screen.findByRole('dialog', { name: 'Leave with unsaved changes?' });
    fireEvent.click(within(prompt).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(router.state.location.pathname).toBe('/calendars');
    expect(footer().textContent).toBe('1 account changed, not saved yet');

    await act(() => router.navigate('/calendars?account=2'));
    const again = await screen.findByRole('dialog', { name: 'Leave with unsaved changes?' });
    fireEvent.click(within(again).getByRole('button', { name: 'Discard and leave' }));
    await waitFor(() => expect(router.state.location.search).toBe('?account=2'));
  });

  it('imports a CSV as pending edits after listing its problems', async () => {
    stubTenant();
    renderPage();
    await findTable();
    fireEvent.click(screen.getByRole('button', { name: 'Import CSV' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import calendar settings from CSV' });
    const csv =
      'id,sis_account_id,name,parent,visible,auto_subscribe\n4,,Civil,2,true,true\n99,,Ghost,1,true,false\n5,,Music,3,perhaps,false\n';
    const file = new File([csv], 'calendars.csv', { type: 'text/csv' });
    fireEvent.change(within(dialog).getByLabelText('CSV file'), { target: { files: [file] } });
    expect(
      await within(dialog).findByText(
        /calendars\.csv: 3 rows read, 1 change, 0 already as shown, 2 problems/,
      ),
    ).toBeTruthy();
    const problems = within(dialog).getByRole('table', { name: 'Rows with problems' });
    expect(
      within(problems)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual([
      'LineidProblem',
      '399No account with this id in the list.',
      '45visible is “perhaps”; expected true or false.',
    ]);
    expect(footer().textContent).toBe('No unsaved changes');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add 1 change to pending edits' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(footer().textContent).toBe('1 account changed, not saved yet');
    expect(
      (screen.getByRole('checkbox', { name: 'Auto-subscribe: Civil' }) as HTMLInputElement).checked,
    ).toBe(true);
  });

  it('exports the shown rows as CSV with the values as shown', async () => {
    stubTenant();
    renderPage();
    await findTable();
    await screen.findByText('ENG-CIV');
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:calendars';
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    fireEvent.change(screen.getByLabelText('Filter by name or SIS ID'), { target: { value: 'eng' } });
    fireEvent.click(screen.getByRole('switch', { name: 'Visible: Civil' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(blobs).toHaveLength(1);
    const text = await (blobs[0] as Blob).text();
    expect(text.replace('\uFEFF', '').split('\r\n')).toEqual([
      'id,sis_account_id,name,parent,visible,auto_subscribe',
      '2,ENG,College of Engineering,1,true,true',
      '4,ENG-CIV,Civil,2,true,false',
      '',
    ]);
  });
});
