import { expect } from 'vitest';
import * as z from 'zod';
import { CanvasApiError, type CanvasErrorKind } from '../../src/api/errors.ts';
import type { Db } from '../../src/server/sandbox/db/connection.ts';
import type { DemoUserKey } from '../../src/server/sandbox/demoUsers.ts';
import { hashToken, tokenHint } from '../../src/server/sandbox/tokens.ts';
import type { RunningSandbox } from '../helpers/sandboxServer.ts';

/** Who makes a request: a demo user, an extra token minted for the test, or nobody. */
export type Caller = DemoUserKey | { token: string } | null;

function requestAs(
  sandbox: RunningSandbox,
  path: string,
  caller: Caller,
  headers: HeadersInit = {},
): Promise<Response> {
  if (caller !== null && typeof caller === 'object') {
    const merged = new Headers(headers);
    merged.set('Authorization', `Bearer ${caller.token}`);
    return sandbox.request(path, { as: null, headers: merged });
  }
  return sandbox.request(path, { as: caller, headers });
}

export interface JsonResponse<T> {
  data: T;
  response: Response;
}

/** GETs `path` (relative to the server, or an absolute Link URL), expects 200 and parses with `schema`. */
export async function getJson<S extends z.ZodType>(
  sandbox: RunningSandbox,
  path: string,
  schema: S,
  caller: Caller = 'admin',
  headers: HeadersInit = {},
): Promise<JsonResponse<z.output<S>>> {
  const relative = path.startsWith(sandbox.baseUrl) ? path.slice(sandbox.baseUrl.length) : path;
  const response = await requestAs(sandbox, relative, caller, headers);
  const text = await response.text();
  expect(response.status, `${relative}: ${text}`).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return { data: schema.parse(JSON.parse(text)), response };
}

export interface ErrorResponse {
  status: number;
  body: unknown;
  error: CanvasApiError;
  response: Response;
}

/** GETs `path` expecting a failure; the body is also read through the client's error parser. */
export async function getError(
  sandbox: RunningSandbox,
  path: string,
  caller: Caller,
  expectedStatus: number,
  expectedKind: CanvasErrorKind,
): Promise<ErrorResponse> {
  const response = await requestAs(sandbox, path, caller);
  const body: unknown = await response.json();
  expect(response.status, `${path}: ${JSON.stringify(body)}`).toBe(expectedStatus);
  const error = CanvasApiError.fromResponse(response.status, body, response.headers);
  expect(error.kind).toBe(expectedKind);
  return { status: response.status, body, error, response };
}

export const UNAUTHORIZED_BODY = {
  status: 'unauthorized',
  errors: [{ message: 'user not authorized to perform that action' }],
};
export const UNAUTHENTICATED_BODY = {
  status: 'unauthenticated',
  errors: [{ message: 'user authorization required' }],
};
export const NOT_FOUND_BODY = { errors: [{ message: 'The specified resource does not exist.' }] };

/** Every 401 for a missing login carries Canvas's body and its `WWW-Authenticate` challenge. */
export async function expectUnauthenticated(sandbox: RunningSandbox, path: string): Promise<void> {
  const { body, response } = await getError(sandbox, path, null, 401, 'unauthenticated');
  expect(body).toEqual(UNAUTHENTICATED_BODY);
  expect(response.headers.get('www-authenticate')).toBe('Bearer realm="canvas-lms"');
}

export async function expectForbidden(sandbox: RunningSandbox, path: string, caller: Caller): Promise<void> {
  const { body } = await getError(sandbox, path, caller, 403, 'unauthorized');
  expect(body).toEqual(UNAUTHORIZED_BODY);
}

export async function expectNotFound(
  sandbox: RunningSandbox,
  path: string,
  caller: Caller = 'admin',
): Promise<void> {
  const { body } = await getError(sandbox, path, caller, 404, 'not_found');
  expect(body).toEqual(NOT_FOUND_BODY);
}

/** The entries of a Link header in the order sent: `[rel, url]`. */
export function linkEntries(header: string | null): [string, string][] {
  if (!header) return [];
  return header.split(',<').map((entry, index) => {
    const match = /^<?([^>]*)>; rel="([a-z]+)"$/.exec(index === 0 ? entry : `<${entry}`);
    if (!match?.[1] || !match[2]) throw new Error(`Malformed Link entry: ${entry}`);
    return [match[2], match[1]];
  });
}

export function linkOf(header: string | null, rel: string): string | undefined {
  return linkEntries(header).find(([name]) => name === rel)?.[1];
}

export interface WalkedList<T> {
  items: T[];
  pages: Response[];
}

/**
 * Follows `rel="next"` from `path` to the end, parsing every page with `z.array(itemSchema)`. Lists
 * Canvas does not count must not name a last page while a next one exists.
 */
export async function walkPages<S extends z.ZodType>(
  sandbox: RunningSandbox,
  path: string,
  itemSchema: S,
  caller: Caller = 'admin',
  options: { counted: boolean } = { counted: false },
): Promise<WalkedList<z.output<S>>> {
  const items: z.output<S>[] = [];
  const pages: Response[] = [];
  let next: string | undefined = path;
  while (next) {
    const { data, response } = await getJson(sandbox, next, z.array(itemSchema), caller);
    items.push(...data);
    pages.push(response);
    const link = response.headers.get('link');
    next = linkOf(link, 'next');
    if (next && !options.counted) expect(linkOf(link, 'last')).toBeUndefined();
    if (options.counted) expect(linkOf(link, 'last')).toBeDefined();
    expect(pages.length).toBeLessThan(500);
  }
  return { items, pages };
}

/** Mints an access token for any user, for roles the demo users do not cover. */
export function mintToken(db: Db, userId: number, token: string): { token: string } {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  db.prepare(
    `INSERT INTO access_tokens (user_id, token_hash, token_hint, purpose, scopes, workflow_state, created_at, updated_at)
     VALUES (?, ?, ?, 'accounts tests', '[]', 'active', ?, ?)`,
  ).run(userId, hashToken(db, token), tokenHint(token), now, now);
  return { token };
}

export interface AccountFacts {
  id: number;
  name: string;
  parent_account_id: number | null;
  workflow_state: string;
  sis_account_id: string | null;
}

/** The account tree as plain rows, to compute expectations without the materialized path. */
export function loadAccounts(db: Db): AccountFacts[] {
  return db
    .prepare('SELECT id, name, parent_account_id, workflow_state, sis_account_id FROM accounts ORDER BY id')
    .all() as AccountFacts[];
}

/** Depth of every account computed by walking parent links. */
export function depthsOf(accounts: AccountFacts[]): Map<number, number> {
  const byId = new Map(accounts.map((account) => [account.id, account]));
  const depths = new Map<number, number>();
  const depthOf = (id: number): number => {
    const known = depths.get(id);
    if (known !== undefined) return known;
    const parent = byId.get(id)?.parent_account_id ?? null;
    const depth = parent === null ? 0 : depthOf(parent) + 1;
    depths.set(id, depth);
    return depth;
  };
  for (const account of accounts) depthOf(account.id);
  return depths;
}

/** Ids of `rootId` and everything below it, found by walking parent links upwards. */
export function subtreeIds(accounts: AccountFacts[], rootId: number): Set<number> {
  const byId = new Map(accounts.map((account) => [account.id, account]));
  const inside = new Set<number>();
  for (const account of accounts) {
    let cursor: AccountFacts | undefined = account;
    while (cursor) {
      if (cursor.id === rootId) {
        inside.add(account.id);
        break;
      }
      cursor = cursor.parent_account_id === null ? undefined : byId.get(cursor.parent_account_id);
    }
  }
  return inside;
}

/** SQLite's NOCASE ordering: ASCII letters folded, then compared code unit by code unit. */
export function compareNoCase(a: string, b: string): number {
  const left = a.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const right = b.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return left < right ? -1 : left > right ? 1 : 0;
}

export function readMetaId(db: Db, key: string): number {
  const row = db.prepare('SELECT value FROM sandbox_meta WHERE key = ?').get(key) as
    | { value: string }
    | undefined;
  if (!row) throw new Error(`No ${key} in sandbox_meta`);
  return Number(row.value);
}
