import './setup.ts';

import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type RenderResult, render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { cssVariablesResolver, theme } from '../app/theme.ts';

export interface RenderOptions {
  /** Initial URL of the in-memory router. */
  route?: string;
  /** Route pattern the element is mounted at, so that useParams works (e.g. '/accounts/:accountId'). */
  path?: string;
  queryClient?: QueryClient;
}

/** A client that fails fast: tests assert on the first error instead of waiting for retries. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, gcTime: Number.POSITIVE_INFINITY },
      mutations: { retry: false },
    },
  });
}

function TestProviders({
  queryClient,
  route,
  children,
}: {
  queryClient: QueryClient;
  route: string;
  children: ReactNode;
}) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} env="test">
      <QueryClientProvider client={queryClient}>
        <MemoryRouter initialEntries={[route]}>{children}</MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}

/** Renders `ui` inside the providers the app gives every page: Mantine (test env: no transitions or portals), react-query and a router. */
export function renderWithProviders(
  ui: ReactElement,
  { route = '/', path, queryClient = createTestQueryClient() }: RenderOptions = {},
): RenderResult & { queryClient: QueryClient } {
  const routed = path ? (
    <Routes>
      <Route path={path} element={ui} />
      <Route path="*" element={<p>Navigated away</p>} />
    </Routes>
  ) : (
    ui
  );
  const rendered = render(
    <TestProviders queryClient={queryClient} route={route}>
      {routed}
    </TestProviders>,
  );
  return Object.assign(rendered, { queryClient });
}

export interface StubResponse {
  status?: number;
  body: unknown;
  /** Link header value, e.g. '<http://localhost/api/v1/x?page=2>; rel="next"'. */
  link?: string;
}

export type StubHandler = (request: { method: string; url: URL; body: unknown }) => StubResponse | undefined;

export interface RecordedRequest {
  method: string;
  url: URL;
  body: unknown;
}

/**
 * A fetch replacement that answers from `handler` (undefined → 404 in Canvas's format) and records
 * every request, for component tests of the browser code. It stands in for the server; it does not test it.
 */
export function createFetchStub(handler: StubHandler): { fetch: typeof fetch; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const stub = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    // The app calls its own /auth endpoints with relative URLs, as a browser would.
    const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    requests.push({ method, url, body });
    const answer = handler({ method, url, body }) ?? {
      status: 404,
      body: { errors: [{ message: 'The specified resource does not exist.' }] },
    };
    const headers = new Headers({ 'Content-Type': 'application/json; charset=utf-8' });
    if (answer.link) headers.set('Link', answer.link);
    return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers });
  };
  return { fetch: stub as typeof fetch, requests };
}

/**
 * jsdom lays nothing out, so a virtualized list would render no rows. This gives every element a
 * viewport-sized client box and a row-sized offset height; returns a function that undoes it.
 */
export function stubElementSizes({
  viewport = 600,
  row = 40,
}: {
  viewport?: number;
  row?: number;
} = {}): () => void {
  const properties = ['clientHeight', 'clientWidth', 'offsetHeight', 'offsetWidth'] as const;
  const originals = properties.map(
    (name) => [name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name)] as const,
  );
  const values: Record<(typeof properties)[number], number> = {
    clientHeight: viewport,
    clientWidth: 800,
    offsetHeight: row,
    offsetWidth: 800,
  };
  for (const name of properties) {
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => values[name] });
  }
  return () => {
    for (const [name, descriptor] of originals) {
      if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor);
    }
  };
}
