// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configureCanvasClient } from '../../api/http.ts';
import {
  createFetchStub,
  renderWithProviders,
  type StubHandler,
  stubElementSizes,
} from '../../test/test-utils.tsx';
import { AccountsPage } from './AccountsPage.tsx';

function account(id: number, name: string, parentId: number | null, extra: Record<string, unknown> = {}) {
  return {
    id,
    name,
    uuid: `uuid-${id}`,
    parent_account_id: parentId,
    root_account_id: parentId === null ? null : 1,
    workflow_state: 'active',
    default_time_zone: 'America/Denver',
    ...extra,
  };
}

const root = account(1, 'Northfield University', null, { course_count: 2, sub_account_count: 2 });
const arts = account(3, 'College of Arts', 1, {
  course_count: 4,
  sub_account_count: 0,
  sis_account_id: 'ARTS',
});
const engineering = account(2, 'College of Engineering', 1, { course_count: 1, sub_account_count: 1 });
const mechanical = account(4, 'Mechanical Engineering', 2, { course_count: 0, sub_account_count: 0 });

const adminApi: StubHandler = ({ method, url }) => {
  if (method !== 'GET') return undefined;
  if (url.pathname === '/api/v1/accounts') return { body: [root] };
  if (url.pathname === '/api/v1/accounts/1/sub_accounts' && url.searchParams.get('recursive') === 'true') {
    return { body: [arts, engineering, mechanical] };
  }
  if (url.pathname === '/api/v1/accounts/1/sub_accounts') return { body: [arts, engineering] };
  if (url.pathname === '/api/v1/accounts/2/sub_accounts') return { body: [mechanical] };
  return undefined;
};

function useApi(handler: StubHandler) {
  const stub = createFetchStub(handler);
  configureCanvasClient({ baseUrl: 'http://localhost', fetch: stub.fetch });
  return stub;
}

function renderPage(route = '/accounts') {
  return renderWithProviders(<AccountsPage />, { route, path: '/accounts' });
}

function treeItem(name: string) {
  return screen.getByRole('treeitem', { name });
}

let restoreSizes: () => void;
beforeAll(() => {
  restoreSizes = stubElementSizes();
});
afterAll(() => restoreSizes());
beforeEach(() => {
  window.sessionStorage.clear();
});

describe('AccountsPage tree', () => {
  it('shows the administered accounts as a WAI-ARIA tree with counts, opened on the first visit', async () => {
    useApi(adminApi);
    renderPage();
    const tree = await screen.findByRole('tree', { name: 'Account tree' });
    const rootItem = within(tree).getByRole('treeitem', { name: 'Northfield University' });
    expect(rootItem.getAttribute('aria-level')).toBe('1');
    await waitFor(() => expect(rootItem.getAttribute('aria-expanded')).toBe('true'));
    expect(await within(tree).findByRole('treeitem', { name: 'College of Arts' })).toBeTruthy();
    expect(rootItem.getAttribute('aria-setsize')).toBe('1');
    expect(rootItem.getAttribute('aria-posinset')).toBe('1');
    expect(rootItem.getAttribute('tabindex')).toBe('0');
    expect(within(rootItem).getByText('2 courses')).toBeTruthy();
    expect(within(rootItem).getByText('2 sub-accounts')).toBeTruthy();
    expect(document.title).toBe('Accounts · Canvas Admin');
  });

  it('expands, moves and opens with the keyboard', async () => {
    const api = useApi(adminApi);
    // A returning visitor who had collapsed everything.
    window.sessionStorage.setItem('canvas-admin:account-tree:expanded', '[]');
    renderPage();
    const rootItem = await screen.findByRole('treeitem', { name: 'Northfield University' });
    expect(rootItem.getAttribute('aria-expanded')).toBe('false');
    rootItem.focus();

    fireEvent.keyDown(rootItem, { key: 'ArrowRight' });
    const artsItem = await screen.findByRole('treeitem', { name: 'College of Arts' });
    expect(rootItem.getAttribute('aria-expanded')).toBe('true');
    const childRequest = api.requests.find(
      (request) => request.url.pathname === '/api/v1/accounts/1/sub_accounts',
    );
    expect(childRequest?.url.searchParams.getAll('include[]')).toEqual(['course_count', 'sub_account_count']);
    expect(childRequest?.url.searchParams.get('order')).toBe('name');

    // A leaf: no aria-expanded and no expander.
    expect(artsItem.hasAttribute('aria-expanded')).toBe(false);
    expect(screen.queryByRole('button', { name: 'Expand College of Arts' })).toBeNull();
    expect(artsItem.getAttribute('aria-level')).toBe('2');
    expect(artsItem.getAttribute('aria-posinset')).toBe('1');
    expect(artsItem.getAttribute('aria-setsize')).toBe('2');

    fireEvent.keyDown(rootItem, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement).toBe(treeItem('College of Arts')));
    expect(treeItem('College of Arts').getAttribute('aria-selected')).toBe('true');

    fireEvent.keyDown(document.activeElement as Element, { key: 'End' });
    await waitFor(() => expect(document.activeElement).toBe(treeItem('College of Engineering')));

    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowRight' });
    await screen.findByRole('treeitem', { name: 'Mechanical Engineering' });
    fireEvent.keyDown(treeItem('College of Engineering'), { key: 'ArrowRight' });
    await waitFor(() => expect(document.activeElement).toBe(treeItem('Mechanical Engineering')));

    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowLeft' });
    await waitFor(() => expect(document.activeElement).toBe(treeItem('College of Engineering')));
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowLeft' });
    await waitFor(() =>
      expect(treeItem('College of Engineering').getAttribute('aria-expanded')).toBe('false'),
    );

    fireEvent.keyDown(document.activeElement as Element, { key: 'Home' });
    await waitFor(() => expect(document.activeElement).toBe(treeItem('Northfield University')));

    fireEvent.keyDown(document.activeElement as Element, { key: 'Enter' });
    expect(await screen.findByText('Navigated away')).toBeTruthy();
  });

  it('searches beyond the loaded nodes by loading the recursive list, keeping ancestors of matches', async () => {
    const api = useApi(adminApi);
    renderPage();
    await screen.findByRole('treeitem', { name: 'Northfield University' });
    fireEvent.change(screen.getByLabelText('Search accounts', { exact: false }), {
      target: { value: 'mech' },
    });

    await screen.findByRole('treeitem', { name: 'Mechanical Engineering' });
    expect(screen.getAllByRole('treeitem').map((item) => item.getAttribute('aria-level'))).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect(screen.queryByRole('treeitem', { name: 'College of Arts' })).toBeNull();
    expect(screen.getByText('1 account matches “mech”')).toBeTruthy();
    expect(api.requests.some((request) => request.url.searchParams.get('recursive') === 'true')).toBe(true);
  });

  it('adds a sub-account in place, checking the name first as Canvas would', async () => {
    const api = useApi((request) => {
      if (request.method === 'POST' && request.url.pathname === '/api/v1/accounts/1/sub_accounts') {
        return { body: account(9, 'School of Law', 1) };
      }
      return adminApi(request);
    });
    renderPage();
    await screen.findByRole('treeitem', { name: 'Northfield University' });
    fireEvent.click(screen.getByRole('button', { name: 'Add sub-account to Northfield University' }));
    const nameField = await screen.findByLabelText('Name of the new sub-account of Northfield University');
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(await screen.findByText('Account name is required')).toBeTruthy();
    expect(api.requests.some((request) => request.method === 'POST')).toBe(false);

    fireEvent.change(nameField, { target: { value: '  School of Law ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(api.requests.some((request) => request.method === 'POST')).toBe(true));
    const post = api.requests.find((request) => request.method === 'POST');
    expect(post?.body).toEqual({ account: { name: 'School of Law' } });
  });

  it("shows Canvas's refusal to delete a sub-account with courses in the dialog", async () => {
    useApi((request) => {
      if (request.method === 'DELETE' && request.url.pathname === '/api/v1/accounts/1/sub_accounts/3') {
        return { status: 409, body: { message: "You can't delete a sub-account that has courses in it." } };
      }
      return adminApi(request);
    });
    renderPage();
    const rootItem = await screen.findByRole('treeitem', { name: 'Northfield University' });
    fireEvent.keyDown(rootItem, { key: 'ArrowRight' });
    await screen.findByRole('treeitem', { name: 'College of Arts' });
    expect(screen.queryByRole('button', { name: 'Delete Northfield University' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Delete College of Arts' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete College of Arts?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(
      await within(dialog).findByText("You can't delete a sub-account that has courses in it."),
    ).toBeTruthy();
  });

  it('opens the way to an account selected by a shared link, with breadcrumbs', async () => {
    window.sessionStorage.setItem('canvas-admin:account-tree:expanded', '[]');
    useApi((request) => {
      const details: Record<string, unknown> = {
        '/api/v1/accounts/4': mechanical,
        '/api/v1/accounts/2': engineering,
        '/api/v1/accounts/1': root,
      };
      const detail = details[request.url.pathname];
      return detail ? { body: detail } : adminApi(request);
    });
    renderPage('/accounts?selected=4');
    const target = await screen.findByRole('treeitem', { name: 'Mechanical Engineering' });
    expect(target.getAttribute('aria-selected')).toBe('true');
    expect(target.getAttribute('tabindex')).toBe('0');
    const breadcrumb = screen.getByRole('navigation', { name: 'Breadcrumb' });
    expect(
      within(breadcrumb)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Northfield University', 'College of Engineering']);
    expect(screen.getByRole('link', { name: 'Open Mechanical Engineering' }).getAttribute('href')).toBe(
      '/accounts/4',
    );
  });

  it("tells a user who administers nothing so, with Canvas's refusal", async () => {
    useApi(({ url }) => {
      if (url.pathname === '/api/v1/accounts') return { body: [] };
      if (url.pathname === '/api/v1/accounts/self') {
        return {
          status: 403,
          body: {
            status: 'unauthorized',
            errors: [{ message: 'user not authorized to perform that action' }],
          },
        };
      }
      return undefined;
    });
    renderPage();
    expect(await screen.findByText("You don't administer any accounts")).toBeTruthy();
    expect(await screen.findByText(/user not authorized to perform that action/)).toBeTruthy();
    expect(screen.queryByRole('tree')).toBeNull();
  });
});
