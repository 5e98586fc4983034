import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { CanvasApiError } from './errors.ts';
import { CanvasClient, type CanvasClientConfig, canvasFetch, configureCanvasClient } from './http.ts';

const BASE = 'https://canvas.test';
const Named = z.looseObject({ id: z.number(), name: z.string() });

type FetchArgs = [input: string | URL | Request, init?: RequestInit];

function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...init.headers },
  });
}

function rateLimited(status = 403, headers: Record<string, string> = {}): Response {
  return new Response('403 Forbidden (Rate Limit Exceeded)\n', {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Rate-Limit-Remaining': '0.0', ...headers },
  });
}

/** A client whose fetch answers from the queue and whose sleeps are recorded instead of waited. */
function clientWith(responses: Array<Response | (() => Response)>, config: CanvasClientConfig = {}) {
  const fetchMock = vi.fn(async (..._args: FetchArgs) => {
    const next = responses.shift();
    if (!next) throw new Error('unexpected request');
    return typeof next === 'function' ? next() : next;
  });
  const sleeps: number[] = [];
  const client = new CanvasClient({
    baseUrl: BASE,
    fetch: fetchMock,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...config,
  });
  return { client, fetchMock, sleeps };
}

function requestOf(fetchMock: ReturnType<typeof clientWith>['fetchMock'], call = 0) {
  const args = fetchMock.mock.calls[call];
  if (!args) throw new Error(`no call ${call}`);
  const [input, init = {}] = args;
  return { url: String(input), init, headers: new Headers(init.headers) };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('CanvasClient.request', () => {
  it('resolves bare paths under /api/v1 and appends params', async () => {
    const { client, fetchMock } = clientWith([jsonResponse({ id: 1, name: 'Root' })]);
    const account = await client.request('accounts/1', { schema: Named, params: { includes: ['lti_guid'] } });
    expect(account).toEqual({ id: 1, name: 'Root' });
    expect(requestOf(fetchMock).url).toBe(`${BASE}/api/v1/accounts/1?includes[]=lti_guid`);
  });

  it('keeps /api/ paths and absolute URLs as given', async () => {
    const { client, fetchMock } = clientWith([
      jsonResponse({ id: 1, name: 'a' }),
      jsonResponse({ id: 2, name: 'b' }),
    ]);
    await client.request('/api/v1/accounts/1', { schema: Named });
    await client.request('https://other.test/api/v1/accounts/2?page=2', {
      schema: Named,
      params: { per_page: 5 },
    });
    expect(requestOf(fetchMock, 0).url).toBe(`${BASE}/api/v1/accounts/1`);
    expect(requestOf(fetchMock, 1).url).toBe('https://other.test/api/v1/accounts/2?page=2&per_page=5');
  });

  it('sends the CSRF header, cookies policy and bearer token', async () => {
    const { client, fetchMock } = clientWith([jsonResponse({ id: 1, name: 'a' })], { token: 'secret-token' });
    await client.request('/api/v1/accounts/1', { schema: Named });
    const { init, headers } = requestOf(fetchMock);
    expect(init.method).toBe('GET');
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBeUndefined();
    expect(headers.get('X-Requested-With')).toBe('canvas-admin');
    expect(headers.get('Authorization')).toBe('Bearer secret-token');
    expect(headers.get('Content-Type')).toBeNull();
  });

  it('sends no Authorization header without a token', async () => {
    const { client, fetchMock } = clientWith([jsonResponse({ id: 1, name: 'a' })]);
    await client.request('accounts/1', { schema: Named });
    expect(requestOf(fetchMock).headers.get('Authorization')).toBeNull();
  });

  it('sends JSON bodies, including top-level arrays', async () => {
    const { client, fetchMock } = clientWith([jsonResponse({ message: 'Updated 2 accounts' })]);
    const body = [
      { id: 1, visible: true },
      { id: 2, visible: false },
    ];
    const result = await client.request('/api/v1/accounts/1/account_calendars', {
      method: 'PUT',
      body,
      schema: z.object({ message: z.string() }),
    });
    expect(result.message).toBe('Updated 2 accounts');
    const { init, headers } = requestOf(fetchMock);
    expect(init.method).toBe('PUT');
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(init.body))).toEqual(body);
  });

  it('refuses a body on GET', async () => {
    const { client, fetchMock } = clientWith([]);
    await expect(client.request('accounts/1', { schema: Named, body: { a: 1 } })).rejects.toThrow(TypeError);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('strips a leading while(1); before parsing', async () => {
    const { client } = clientWith([
      new Response('while(1);{"id":3,"name":"Guarded"}', { headers: { 'Content-Type': 'application/json' } }),
    ]);
    expect(await client.request('accounts/3', { schema: Named })).toEqual({ id: 3, name: 'Guarded' });
  });

  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'application/json+canvas-string-ids',
    'text/javascript; charset=utf-8',
    'text/plain',
  ])('parses JSON served as %s', async (contentType) => {
    const { client } = clientWith([
      new Response('{"id":4,"name":"x"}', { headers: { 'Content-Type': contentType } }),
    ]);
    expect(await client.request('accounts/4', { schema: Named })).toEqual({ id: 4, name: 'x' });
  });

  it('parses empty and 204 bodies as null', async () => {
    const { client } = clientWith([new Response(null, { status: 204 }), new Response('', { status: 200 })]);
    expect(await client.request('accounts/1', { method: 'DELETE', schema: z.null() })).toBeNull();
    expect(await client.request('accounts/1', { method: 'DELETE', schema: z.null() })).toBeNull();
  });

  it('reports a schema mismatch as kind other, naming the request and the path of the first issue', async () => {
    const { client } = clientWith([
      jsonResponse([
        { id: 1, name: 'ok' },
        { id: 'x', name: 'bad' },
      ]),
    ]);
    const error = await client.request('accounts', { schema: z.array(Named) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CanvasApiError);
    const apiError = error as CanvasApiError;
    expect(apiError.kind).toBe('other');
    expect(apiError.status).toBe(200);
    expect(apiError.message).toContain('GET /api/v1/accounts');
    expect(apiError.message).toContain('[1].id');
    expect(apiError.message).toContain('expected number');
    expect(apiError.cause).toBeInstanceOf(z.ZodError);
  });

  it('names nested keys of an object body', async () => {
    const { client } = clientWith([jsonResponse({ id: 1, name: 'x', owner: { id: null } })]);
    const schema = Named.extend({ owner: z.object({ id: z.number() }) });
    await expect(client.request('accounts/1', { schema })).rejects.toThrow(/owner\.id/);
  });

  it('turns error responses into CanvasApiError', async () => {
    const { client } = clientWith([
      jsonResponse({ errors: [{ message: 'The specified resource does not exist.' }] }, { status: 404 }),
    ]);
    await expect(client.request('accounts/999', { schema: Named })).rejects.toMatchObject({
      name: 'CanvasApiError',
      kind: 'not_found',
      status: 404,
      message: 'The specified resource does not exist.',
    });
  });

  it('reports a fetch failure as a network error with status 0', async () => {
    const failure = new TypeError('fetch failed');
    const client = new CanvasClient({
      baseUrl: BASE,
      fetch: async () => {
        throw failure;
      },
    });
    const error = (await client
      .request('accounts/1', { schema: Named })
      .catch((e: unknown) => e)) as CanvasApiError;
    expect(error).toBeInstanceOf(CanvasApiError);
    expect(error.kind).toBe('network');
    expect(error.status).toBe(0);
    expect(error.cause).toBe(failure);
  });

  it('returns links resolved against the request URL with requestWithResponse', async () => {
    const { client } = clientWith([
      jsonResponse([], {
        headers: {
          Link: '</api/v1/users/self/user_generated_tokens?page=bookmark:abc&per_page=10>; rel="next"',
        },
      }),
    ]);
    const { data, links, response } = await client.requestWithResponse('users/self/user_generated_tokens', {
      schema: z.array(z.unknown()),
    });
    expect(data).toEqual([]);
    expect(response.status).toBe(200);
    expect(links.next).toBe(`${BASE}/api/v1/users/self/user_generated_tokens?page=bookmark:abc&per_page=10`);
  });

  it('needs a baseUrl outside the browser', () => {
    expect(() => new CanvasClient()).toThrow(/baseUrl/);
  });

  it('uses window.location.origin in the browser', async () => {
    vi.stubGlobal('window', { location: { origin: 'https://admin.example.edu' } });
    const fetchMock = vi.fn(async (..._args: FetchArgs) => jsonResponse({ id: 1, name: 'a' }));
    await new CanvasClient({ fetch: fetchMock }).request('accounts/1', { schema: Named });
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe('https://admin.example.edu/api/v1/accounts/1');
  });

  it('uses the global fetch when none is configured, looked up at call time', async () => {
    const client = new CanvasClient({ baseUrl: BASE });
    const fetchMock = vi.fn(async (..._args: FetchArgs) => jsonResponse({ id: 9, name: 'g' }));
    vi.stubGlobal('fetch', fetchMock);
    expect(await client.request('accounts/9', { schema: Named })).toEqual({ id: 9, name: 'g' });
    expect(fetchMock).toHaveBeenCalledOnce();
  });
});

describe('rate limiting', () => {
  it('retries the plain-text 403 with growing backoff, then succeeds', async () => {
    const { client, fetchMock, sleeps } = clientWith([
      rateLimited(),
      rateLimited(),
      jsonResponse({ id: 1, name: 'a' }),
    ]);
    expect(await client.request('accounts/1', { schema: Named })).toEqual({ id: 1, name: 'a' });
    expect(fetchMock).toHaveBeenCalledTimes(3);
    // random() = 0.5: three quarters of 250 ms, then of 500 ms.
    expect(sleeps).toEqual([187.5, 375]);
  });

  it('retries 429 too', async () => {
    const { client, fetchMock } = clientWith([rateLimited(429), jsonResponse({ id: 1, name: 'a' })]);
    await client.request('accounts/1', { schema: Named });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('keeps the backoff between half and all of an exponential ceiling capped at 8 s', async () => {
    const responses = Array.from({ length: 8 }, () => rateLimited());
    const low = clientWith([...responses], { maxRetries: 7, random: () => 0 });
    const high = clientWith([...responses.map((r) => r.clone())], { maxRetries: 7, random: () => 0.999999 });
    await expect(low.client.request('accounts/1', { schema: Named })).rejects.toThrow();
    await expect(high.client.request('accounts/1', { schema: Named })).rejects.toThrow();
    expect(low.sleeps).toEqual([125, 250, 500, 1000, 2000, 4000, 4000]);
    high.sleeps.forEach((ms, attempt) => {
      expect(ms).toBeLessThanOrEqual(Math.min(8000, 250 * 2 ** attempt));
      expect(ms).toBeGreaterThan(Math.min(8000, 250 * 2 ** attempt) * 0.99);
    });
  });

  it('honours Retry-After in seconds', async () => {
    const { client, sleeps } = clientWith([
      rateLimited(429, { 'Retry-After': '2' }),
      jsonResponse({ id: 1, name: 'a' }),
    ]);
    await client.request('accounts/1', { schema: Named });
    expect(sleeps).toEqual([2000]);
  });

  it('gives up after maxRetries and throws rate_limited', async () => {
    const { client, fetchMock, sleeps } = clientWith([rateLimited(), rateLimited(), rateLimited()], {
      maxRetries: 2,
    });
    const error = (await client
      .request('accounts/1', { schema: Named })
      .catch((e: unknown) => e)) as CanvasApiError;
    expect(error).toBeInstanceOf(CanvasApiError);
    expect(error.kind).toBe('rate_limited');
    expect(error.status).toBe(403);
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(sleeps).toHaveLength(2);
  });

  it('does not retry a permission 403', async () => {
    const { client, fetchMock } = clientWith([
      jsonResponse({ status: 'unauthorized', errors: [{ message: 'nope' }] }, { status: 403 }),
    ]);
    await expect(client.request('accounts/1', { schema: Named })).rejects.toMatchObject({
      kind: 'unauthorized',
    });
    expect(fetchMock).toHaveBeenCalledOnce();
  });
});

describe('aborting', () => {
  it('rejects with the AbortError while waiting to retry, without another request', async () => {
    const fetchMock = vi.fn(async (..._args: FetchArgs) => rateLimited());
    // The real sleep: 250 ms backoff that the abort must cut short.
    const client = new CanvasClient({ baseUrl: BASE, fetch: fetchMock });
    const controller = new AbortController();
    const pending = client.request('accounts/1', { schema: Named, signal: controller.signal });
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledOnce());
    const startedAt = Date.now();
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
    expect(Date.now() - startedAt).toBeLessThan(100);
    expect(fetchMock).toHaveBeenCalledOnce();
  });

  it('rejects with the signal reason when an injected sleep ignores the signal', async () => {
    const controller = new AbortController();
    const reason = new Error('user left the page');
    const { client, fetchMock } = clientWith([rateLimited(), jsonResponse({ id: 1, name: 'a' })], {
      sleep: async () => controller.abort(reason),
    });
    await expect(client.request('accounts/1', { schema: Named, signal: controller.signal })).rejects.toBe(
      reason,
    );
    expect(fetchMock).toHaveBeenCalledOnce();
  });

  it('does not start a request once aborted', async () => {
    const { client, fetchMock } = clientWith([jsonResponse({ id: 1, name: 'a' })]);
    const controller = new AbortController();
    controller.abort();
    await expect(
      client.request('accounts/1', { schema: Named, signal: controller.signal }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('passes the signal to fetch and rethrows its abort rather than a network error', async () => {
    const controller = new AbortController();
    const client = new CanvasClient({
      baseUrl: BASE,
      fetch: (_input, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new TypeError('aborted by fetch')));
        }),
    });
    const pending = client.request('accounts/1', { schema: Named, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('default client', () => {
  it('canvasFetch goes through the configured client', async () => {
    const fetchMock = vi.fn(async (..._args: FetchArgs) => jsonResponse({ id: 5, name: 'five' }));
    configureCanvasClient({ baseUrl: 'https://configured.test', fetch: fetchMock });
    expect(await canvasFetch('accounts/5', { schema: Named })).toEqual({ id: 5, name: 'five' });
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe('https://configured.test/api/v1/accounts/5');
  });
});
