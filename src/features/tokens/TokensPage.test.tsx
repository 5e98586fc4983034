// @vitest-environment jsdom
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { configureCanvasClient } from '../../api/http.ts';
import type { Token } from '../../api/schemas/token.ts';
import { type Session, sessionKeys } from '../../app/session/session.ts';
import {
  createFetchStub,
  createTestQueryClient,
  type RecordedRequest,
  renderWithProviders,
  type StubHandler,
} from '../../test/test-utils.tsx';
import { makeToken } from './model/testTokens.ts';
import { TokensPage } from './TokensPage.tsx';

// Debounces plus a machine busy with other suites: the default 1 s wait for an element is too tight.
configure({ asyncUtilTimeout: 5000 });

const DAY = 24 * 60 * 60 * 1000;
const SECRET = `1~${'s3cr3t'.repeat(10)}abcd`;
const ME = { id: 10, name: 'Jordan Whitfield' };
const session: Session = {
  mode: 'sandbox',
  user: { id: ME.id, name: ME.name },
  demo_user: 'admin',
  demo_users: [],
};
const rootAccount = {
  id: 1,
  name: 'Northfield State University',
  uuid: 'u1',
  parent_account_id: null,
  root_account_id: null,
  workflow_state: 'active',
  default_time_zone: 'America/Denver',
};

function isoFromNow(days: number): string {
  return new Date(Date.now() + days * DAY).toISOString().replace(/\.\d+Z$/, 'Z');
}

interface FakeCanvas {
  handler: StubHandler;
  tokens: Token[];
}

/** A small stateful stand-in for the token endpoints; `roles` decides the caller's expiry rules. */
function fakeCanvas(tokens: Token[], roles: { admin: boolean; teacher: boolean }): FakeCanvas {
  const state: FakeCanvas = { tokens: [...tokens], handler: () => undefined };
  let nextId = 100;
  state.handler = ({ method, url, body }) => {
    const path = url.pathname;
    if (path === '/api/v1/accounts') return { body: roles.admin ? [rootAccount] : [] };
    if (path === '/api/v1/course_accounts') return { body: roles.teacher ? [rootAccount] : [] };
    if (method === 'GET' && path === '/api/v1/users/self/user_generated_tokens')
      return { body: state.tokens };
    const input = (body as { token?: Record<string, unknown> } | undefined)?.token ?? {};
    if (method === 'POST' && path === '/api/v1/users/self/tokens') {
      const created = makeToken({
        id: nextId++,
        purpose: String(input.purpose),
        scopes: (input.scopes as string[] | undefined) ?? [],
        expires_at: (input.expires_at as string | undefined) ?? null,
        created_at: isoFromNow(0),
        visible_token: SECRET,
      });
      state.tokens.push({ ...created, visible_token: `${SECRET.slice(0, 5)}...` });
      return { body: created };
    }
    const match = /^\/api\/v1\/users\/self\/tokens\/(\d+)$/.exec(path);
    const existing = match ? state.tokens.find((token) => token.id === Number(match[1])) : undefined;
    if (existing && method === 'DELETE') {
      state.tokens = state.tokens.filter((token) => token !== existing);
      return { body: { ...existing, workflow_state: 'deleted' } };
    }
    if (existing && method === 'PUT') {
      const updated = { ...existing, ...(input.purpose ? { purpose: String(input.purpose) } : {}) };
      state.tokens = state.tokens.map((token) => (token === existing ? updated : token));
      return { body: input.regenerate ? { ...updated, visible_token: SECRET } : updated };
    }
    return undefined;
  };
  return state;
}

const exportToken = makeToken({
  id: 1,
  purpose: 'Nightly SIS export',
  created_at: isoFromNow(-200),
  last_used_at: isoFromNow(-1),
  expires_at: isoFromNow(3),
  scopes: ['url:GET|/api/v1/accounts/:account_id/reports'],
  visible_token: 'Ab3xQ...',
});
const oldScript = makeToken({
  id: 2,
  purpose: 'Old grading script',
  created_at: isoFromNow(-300),
  last_used_at: isoFromNow(-120),
  expires_at: null,
  visible_token: 'Zz9aa...',
});
const lapsed = makeToken({
  id: 3,
  purpose: 'Lapsed integration',
  created_at: isoFromNow(-100),
  last_used_at: isoFromNow(-40),
  expires_at: isoFromNow(-2),
  can_manually_regenerate: false,
  visible_token: 'Qq1bb...',
});

function renderPage(canvas: FakeCanvas, route = '/tokens') {
  const api = createFetchStub(canvas.handler);
  configureCanvasClient({ baseUrl: 'http://localhost', fetch: api.fetch });
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(sessionKeys.all, session);
  const rendered = renderWithProviders(<TokensPage />, { route, path: '/tokens', queryClient });
  return { ...rendered, api };
}

function requestsTo(requests: RecordedRequest[], method: string, pattern: RegExp) {
  return requests.filter((request) => request.method === method && pattern.test(request.url.pathname));
}

async function table() {
  return screen.findByRole('table', { name: 'My tokens' });
}

function rowOf(tableElement: HTMLElement, purpose: string): HTMLElement {
  const row = within(tableElement).getByText(purpose).closest('tr');
  if (!row) throw new Error(`no row for ${purpose}`);
  return row;
}

beforeEach(() => {
  window.localStorage.clear();
  window.sessionStorage.clear();
});

describe('TokensPage', () => {
  it('lists tokens with state and flags, and filters and sorts them', async () => {
    renderPage(fakeCanvas([exportToken, oldScript, lapsed], { admin: true, teacher: false }));
    const tokens = await table();
    expect(within(rowOf(tokens, 'Nightly SIS export')).getByText('Within 7 days')).toBeTruthy();
    expect(within(rowOf(tokens, 'Nightly SIS export')).getByText('Active')).toBeTruthy();
    expect(within(rowOf(tokens, 'Old grading script')).getByText('Idle 90+ days')).toBeTruthy();
    expect(within(rowOf(tokens, 'Old grading script')).getByText('All endpoints')).toBeTruthy();
    expect(within(rowOf(tokens, 'Lapsed integration')).getByText('Expired')).toBeTruthy();
    expect(within(rowOf(tokens, 'Nightly SIS export')).getByText('Ab3xQ…')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Unused for 90 days (1)' }));
    expect(screen.getByRole('button', { name: 'Unused for 90 days (1)' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await waitFor(() => expect(within(tokens).getAllByRole('row')).toHaveLength(2));
    expect(within(tokens).getByText('Old grading script')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reset filters' }));
    await waitFor(() => expect(within(tokens).getAllByRole('row')).toHaveLength(4));

    fireEvent.click(within(tokens).getByRole('button', { name: 'Expires' }));
    await waitFor(() =>
      expect(within(tokens).getByRole('columnheader', { name: 'Expires' }).getAttribute('aria-sort')).toBe(
        'ascending',
      ),
    );
    const purposes = within(tokens)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell')[1]?.textContent);
    // Soonest expiry first; the token that never expires last.
    expect(purposes).toEqual(['Lapsed integration', 'Nightly SIS export', 'Old grading script']);
  });

  it('creates a scoped token and shows its secret once, never caching or storing it', async () => {
    const canvas = fakeCanvas([oldScript], { admin: true, teacher: false });
    const { api, queryClient } = renderPage(canvas);
    await table();
    fireEvent.click(screen.getByRole('button', { name: 'New token' }));
    const dialog = await screen.findByRole('dialog', { name: 'New access token' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Purpose/ }), {
      target: { value: 'Calendar sync' },
    });
    fireEvent.click(within(dialog).getByRole('radio', { name: /Only the endpoints chosen below/ }));
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Add the read-only endpoints of Account calendars' }),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create token' }));

    const shown = await screen.findByRole('dialog', { name: 'Token created' });
    expect(
      within(shown).getByRole<HTMLInputElement>('textbox', { name: 'Access token for Calendar sync' }).value,
    ).toBe(SECRET);
    expect(within(shown).getByText(/only time the token is shown/)).toBeTruthy();

    const [create] = requestsTo(api.requests, 'POST', /\/tokens$/);
    if (!create) throw new Error('no create request');
    const sent = (create.body as { token: { purpose: string; scopes: string[]; expires_at: string } }).token;
    expect(sent.purpose).toBe('Calendar sync');
    expect(sent.scopes).toEqual([
      'url:GET|/api/v1/account_calendars',
      'url:GET|/api/v1/account_calendars/:account_id',
      'url:GET|/api/v1/accounts/:account_id/account_calendars',
      'url:GET|/api/v1/accounts/:account_id/visible_calendars_count',
    ]);
    // The default preset: 90 days.
    expect(Math.round((Date.parse(sent.expires_at) - Date.now()) / DAY)).toBe(90);

    const cached = JSON.stringify([
      queryClient
        .getQueryCache()
        .getAll()
        .map((query) => query.state),
      queryClient
        .getMutationCache()
        .getAll()
        .map((mutation) => mutation.state),
    ]);
    expect(cached).not.toContain(SECRET);
    expect(cached).toContain('Calendar sync');
    expect(JSON.stringify({ ...window.localStorage, ...window.sessionStorage })).not.toContain(SECRET);
    expect(window.location.href).not.toContain(SECRET);

    fireEvent.click(within(shown).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Token created' })).toBeNull());
    expect(document.body.innerHTML).not.toContain(SECRET);
    expect(await within(await table()).findByText('Calendar sync')).toBeTruthy();
  });

  it('holds a student to an expiry within 120 days and refuses an empty scope list', async () => {
    const { api } = renderPage(fakeCanvas([], { admin: false, teacher: false }));
    expect(await screen.findByText('You have no access tokens.')).toBeTruthy();
    const newToken = screen.getByRole('button', { name: 'New token' });
    await waitFor(() => expect(newToken.hasAttribute('disabled')).toBe(false));
    fireEvent.click(newToken);
    const dialog = await screen.findByRole('dialog', { name: 'New access token' });
    expect(
      within(dialog)
        .getByRole('radio', { name: /No expiry/ })
        .hasAttribute('disabled'),
    ).toBe(true);
    expect(
      within(dialog)
        .getByRole('radio', { name: /^120 days/ })
        .hasAttribute('disabled'),
    ).toBe(false);
    expect(within(dialog).getByText(/students to set an expiry at most 120 days ahead/)).toBeTruthy();

    fireEvent.change(within(dialog).getByRole('textbox', { name: /Purpose/ }), {
      target: { value: 'Phone app' },
    });
    fireEvent.click(within(dialog).getByRole('radio', { name: /Custom date/ }));
    const farAway = new Date(Date.now() + 200 * DAY);
    const pad = (value: number) => String(value).padStart(2, '0');
    fireEvent.change(within(dialog).getByLabelText(/Expiry date and time/), {
      target: {
        value: `${farAway.getFullYear()}-${pad(farAway.getMonth() + 1)}-${pad(farAway.getDate())}T10:00`,
      },
    });
    fireEvent.click(within(dialog).getByRole('radio', { name: /Only the endpoints chosen below/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create token' }));
    expect(
      await within(dialog).findByText('Expiration date cannot be more than 120 days in the future'),
    ).toBeTruthy();
    expect(within(dialog).getByText('Choose at least one endpoint, or allow every endpoint')).toBeTruthy();
    expect(requestsTo(api.requests, 'POST', /\/tokens$/)).toHaveLength(0);
  });

  it('shows Canvas refusing a scope next to the scope list', async () => {
    const canvas = fakeCanvas([], { admin: true, teacher: false });
    const handler = canvas.handler;
    canvas.handler = (request) =>
      request.method === 'POST'
        ? {
            status: 400,
            body: {
              errors: {
                scopes: [
                  {
                    attribute: 'scopes',
                    type: 'invalid',
                    message: 'requested scopes must match scopes on developer key',
                  },
                ],
              },
            },
          }
        : handler(request);
    renderPage(canvas);
    await screen.findByText('You have no access tokens.');
    fireEvent.click(screen.getByRole('button', { name: 'New token' }));
    const dialog = await screen.findByRole('dialog', { name: 'New access token' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Purpose/ }), {
      target: { value: 'Quiz export' },
    });
    fireEvent.click(within(dialog).getByRole('radio', { name: /Only the endpoints chosen below/ }));
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Search endpoints' }), {
      target: { value: 'get quizzes' },
    });
    fireEvent.click(
      await within(dialog).findByRole('checkbox', { name: 'GET /api/v1/courses/:course_id/quizzes' }),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create token' }));
    expect(
      await within(dialog).findByText('requested scopes must match scopes on developer key'),
    ).toBeTruthy();
    expect(within(dialog).getByText(/^1 endpoint selected\./)).toBeTruthy();
  });

  it('edits purpose and scopes, keeping the expiry unless asked', async () => {
    const { api } = renderPage(fakeCanvas([exportToken], { admin: true, teacher: false }));
    const tokens = await table();
    fireEvent.click(within(tokens).getByRole('button', { name: 'Actions for Nightly SIS export' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Nightly SIS export' });
    const purpose = within(dialog).getByRole<HTMLInputElement>('textbox', { name: /Purpose/ });
    expect(purpose.value).toBe('Nightly SIS export');
    expect(within(dialog).getByRole<HTMLInputElement>('radio', { name: /^Keep current/ }).checked).toBe(true);
    expect(within(dialog).getByText(/^1 endpoint selected\./)).toBeTruthy();

    fireEvent.change(purpose, { target: { value: 'Nightly SIS export (all)' } });
    fireEvent.click(within(dialog).getByRole('radio', { name: /Every endpoint/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Edit Nightly SIS export' })).toBeNull());
    const [put] = requestsTo(api.requests, 'PUT', /\/tokens\/1$/);
    expect(put?.body).toEqual({ token: { purpose: 'Nightly SIS export (all)', scopes: [] } });
    expect(await within(tokens).findByText('Nightly SIS export (all)')).toBeTruthy();
  });

  it('revokes the selected tokens once the count is typed out', async () => {
    const canvas = fakeCanvas([exportToken, oldScript, lapsed], { admin: true, teacher: false });
    const { api } = renderPage(canvas);
    const tokens = await table();
    fireEvent.click(within(tokens).getByRole('checkbox', { name: 'Select Old grading script' }));
    fireEvent.click(within(tokens).getByRole('checkbox', { name: 'Select Lapsed integration' }));
    expect(screen.getByText('2 tokens selected')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Revoke selected' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke 2 tokens?' });
    const confirm = within(dialog).getByRole('button', { name: 'Revoke 2 tokens' });
    expect(confirm.hasAttribute('disabled')).toBe(true);
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Type “revoke 2 tokens” to confirm/ }), {
      target: { value: 'revoke 2 token' },
    });
    expect(confirm.hasAttribute('disabled')).toBe(true);
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Type “revoke 2 tokens” to confirm/ }), {
      target: { value: 'Revoke 2 tokens' },
    });
    fireEvent.click(confirm);
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Revoke 2 tokens?' })).toBeNull());
    expect(
      requestsTo(api.requests, 'DELETE', /\/tokens\/\d+$/).map((request) => request.url.pathname),
    ).toEqual(['/api/v1/users/self/tokens/2', '/api/v1/users/self/tokens/3']);
    await waitFor(() => expect(within(tokens).getAllByRole('row')).toHaveLength(2));
    expect(canvas.tokens.map((token) => token.id)).toEqual([1]);
  });

  it('asks for a new expiry before regenerating an expired token', async () => {
    const { api } = renderPage(fakeCanvas([lapsed], { admin: true, teacher: false }));
    const tokens = await table();
    fireEvent.click(within(tokens).getByRole('button', { name: 'Actions for Lapsed integration' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Regenerate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Regenerate Lapsed integration?' });
    expect(within(dialog).getByText(/current token stops working at once/)).toBeTruthy();
    expect(
      within(dialog)
        .getByRole('radio', { name: /No expiry/ })
        .hasAttribute('disabled'),
    ).toBe(true);
    fireEvent.click(within(dialog).getByRole('radio', { name: /^30 days/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Regenerate token' }));
    const shown = await screen.findByRole('dialog', { name: 'Token regenerated' });
    expect(within(shown).getByRole<HTMLInputElement>('textbox', { name: /Access token for/ }).value).toBe(
      SECRET,
    );
    const [put] = requestsTo(api.requests, 'PUT', /\/tokens\/3$/);
    if (!put) throw new Error('no regenerate request');
    const sent = (put.body as { token: { regenerate: boolean; expires_at: string } }).token;
    expect(sent.regenerate).toBe(true);
    expect(Math.round((Date.parse(sent.expires_at) - Date.now()) / DAY)).toBe(30);
  });
});
