// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { configureCanvasClient } from '../api/http.ts';
import {
  createFetchStub,
  createTestQueryClient,
  type StubHandler,
  stubElementSizes,
} from '../test/test-utils.tsx';
import { RouteErrorPage } from './RouteErrorPage.tsx';
import { appRoutes } from './routes.tsx';
import { cssVariablesResolver, theme } from './theme.ts';

const demoUsers = [
  { key: 'admin', name: 'Jordan Whitfield', description: 'root account admin' },
  { key: 'student', name: 'Riley Chen', description: 'student' },
];

function sessionFor(key: 'admin' | 'student') {
  const user = demoUsers.find((demo) => demo.key === key) ?? demoUsers[0];
  return {
    mode: 'sandbox',
    user: {
      id: key === 'admin' ? 1 : 40,
      name: user?.name,
      sortable_name: 'x',
      short_name: 'x',
      login_id: null,
    },
    demo_user: key,
    demo_users: demoUsers,
  };
}

function stubServer(handler: StubHandler) {
  const stub = createFetchStub(handler);
  vi.stubGlobal('fetch', stub.fetch);
  configureCanvasClient({ baseUrl: 'http://localhost' });
  return stub;
}

const adminServer: StubHandler = ({ method, url }) => {
  if (url.pathname === '/auth/session') return { body: sessionFor('admin') };
  if (method === 'GET' && url.pathname === '/api/v1/accounts') {
    return {
      body: [
        {
          id: 1,
          name: 'Northfield University',
          uuid: 'u1',
          parent_account_id: null,
          root_account_id: null,
          workflow_state: 'active',
          default_time_zone: 'America/Denver',
          course_count: 3,
          sub_account_count: 0,
        },
      ],
    };
  }
  return undefined;
};

function renderApp(path: string) {
  const router = createMemoryRouter(appRoutes, { initialEntries: [path] });
  render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} env="test">
      <QueryClientProvider client={createTestQueryClient()}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return router;
}

let restoreSizes: () => void;
beforeAll(() => {
  restoreSizes = stubElementSizes();
});
afterAll(() => restoreSizes());
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('app shell', () => {
  it('redirects / to the accounts area and shows only the areas that exist', async () => {
    stubServer(adminServer);
    const router = renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Accounts' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/accounts');
    const navigation = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(
      within(navigation)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Accounts', 'Calendars', 'Notifications', 'Reports', 'Tokens']);
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Skip to main content' }).getAttribute('href')).toBe(
      '#main-content',
    );
  });

  it('shows the signed-in user and toggles the color scheme', async () => {
    stubServer(adminServer);
    renderApp('/accounts');
    expect(await screen.findByRole('button', { name: 'User menu: Jordan Whitfield' })).toBeTruthy();
    const before = document.documentElement.getAttribute('data-mantine-color-scheme');
    fireEvent.click(screen.getByRole('button', { name: 'Toggle color scheme' }));
    await waitFor(() =>
      expect(document.documentElement.getAttribute('data-mantine-color-scheme')).not.toBe(before),
    );
  });

  it('switches the sandbox user through "Sign in as" and reloads as that user', async () => {
    let current: 'admin' | 'student' = 'admin';
    const server = stubServer((request) => {
      if (request.url.pathname === '/auth/sandbox/sign-in-as') {
        current = 'student';
        return { body: sessionFor('student') };
      }
      if (request.url.pathname === '/auth/session') return { body: sessionFor(current) };
      if (current === 'student' && request.url.pathname === '/api/v1/accounts') return { body: [] };
      return adminServer(request);
    });
    renderApp('/accounts');
    fireEvent.click(await screen.findByRole('button', { name: 'User menu: Jordan Whitfield' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: /Sign in as/ }));
    fireEvent.click(await screen.findByRole('menuitemradio', { name: /Riley Chen/ }));

    expect(await screen.findByRole('button', { name: 'User menu: Riley Chen' })).toBeTruthy();
    const signIn = server.requests.find((request) => request.url.pathname === '/auth/sandbox/sign-in-as');
    expect(signIn?.method).toBe('POST');
    expect(signIn?.body).toEqual({ user: 'student' });
    expect(await screen.findByText("You don't administer any accounts")).toBeTruthy();
  });

  it('shows a not-found page for unknown routes', async () => {
    stubServer(adminServer);
    renderApp('/no/such/page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to accounts' })).toBeTruthy();
    expect(document.title).toBe('Page not found · Canvas Admin');
  });
});

const flaky = { crash: true };
function FlakyPage() {
  if (flaky.crash) throw new Error('Kaboom');
  return <p>Recovered</p>;
}

describe('RouteErrorPage', () => {
  it('catches a crashing page and renders it again on "Try again"', async () => {
    const router = createMemoryRouter([
      { path: '/', element: <FlakyPage />, errorElement: <RouteErrorPage /> },
    ]);
    // React logs caught render errors; they are expected here.
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <MantineProvider theme={theme} env="test">
        <QueryClientProvider client={createTestQueryClient()}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>,
    );
    expect(await screen.findByRole('heading', { name: 'Something went wrong' })).toBeTruthy();
    expect(screen.getByText('Kaboom')).toBeTruthy();
    flaky.crash = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Recovered')).toBeTruthy();
    consoleError.mockRestore();
  });
});
