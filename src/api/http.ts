import * as z from 'zod';
import {
  type CollectPagesInput,
  collectPages,
  collectPagesSequentially,
  type FetchedPage,
  type PaginateProgress,
} from './collectPages.ts';
import { CanvasApiError } from './errors.ts';
import { type PageLinks, parseLinkHeader } from './linkHeader.ts';
import { type CanvasParams, encodeParams } from './params.ts';

export interface CanvasClientConfig {
  /** Default: `window.location.origin` in the browser; required in Node. */
  baseUrl?: string;
  /** Node/scripts only: sent as `Authorization: Bearer`. The browser relies on its session cookie. */
  token?: string;
  fetch?: typeof fetch;
  /** How many times a rate-limited request is retried; default 5. */
  maxRetries?: number;
  /** Waits between rate-limit retries and must reject with `signal.reason` on abort; injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Source of backoff jitter in [0, 1); injectable for deterministic tests. */
  random?: () => number;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestOptions<S extends z.ZodType> {
  method?: HttpMethod;
  /** Query string; sent with every method (Canvas merges query and body params). */
  params?: CanvasParams;
  /** JSON body for POST/PUT/DELETE: an object or a top-level array. */
  body?: unknown;
  schema: S;
  signal?: AbortSignal;
}

export interface PaginateOptions<S extends z.ZodType> {
  /** Schema of ONE item. */
  schema: S;
  params?: CanvasParams;
  /** Default 100, Canvas's maximum. */
  perPage?: number;
  /** Page requests in flight at once; default 4. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Picks the list out of a wrapped body, e.g. `(b) => (b as {enrollment_terms: unknown}).enrollment_terms`. */
  select?: (body: unknown) => unknown;
  /** Called in page order as pages arrive. */
  onPage?: (items: z.output<S>[], progress: PaginateProgress) => void;
}

export interface FetchPageOptions<S extends z.ZodType> {
  schema: S;
  params?: CanvasParams;
  /** An ordinal page number, or a bookmark value copied from a link. */
  page?: number | string;
  perPage?: number;
  signal?: AbortSignal;
  select?: (body: unknown) => unknown;
}

export interface PageResult<T> {
  items: T[];
  links: PageLinks;
  hasNext: boolean;
}

const DEFAULT_MAX_RETRIES = 5;
const DEFAULT_PER_PAGE = 100;
const DEFAULT_CONCURRENCY = 4;
const RETRY_BASE_MS = 250;
const RETRY_CAP_MS = 8_000;
const WHILE_ONE_PREFIX = /^\s*while\(1\);/;

export class CanvasClient {
  private readonly baseUrl: string;
  private readonly config: CanvasClientConfig;

  constructor(config: CanvasClientConfig = {}) {
    const baseUrl = config.baseUrl ?? (typeof window !== 'undefined' ? window.location.origin : undefined);
    if (!baseUrl) throw new Error('CanvasClient needs a baseUrl outside the browser');
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.config = config;
  }

  async request<S extends z.ZodType>(path: string, options: RequestOptions<S>): Promise<z.output<S>> {
    return (await this.requestWithResponse(path, options)).data;
  }

  /** Also hands back the links and the response (for status and headers; its body has been read). */
  async requestWithResponse<S extends z.ZodType>(
    path: string,
    options: RequestOptions<S>,
  ): Promise<{ data: z.output<S>; links: PageLinks; response: Response }> {
    const method = options.method ?? 'GET';
    if (method === 'GET' && options.body !== undefined) {
      throw new TypeError('A GET request cannot carry a body; pass params instead');
    }
    const url = withQuery(this.resolve(path), options.params);
    const { response, body } = await this.send(url, method, options.body, options.signal);
    const data = validateBody(options.schema, body, `${method} ${pathOf(url)}`, response.status);
    return { data, links: linksOf(response, url), response };
  }

  /** Every item of a paginated list, fetching pages concurrently where Canvas allows it. */
  paginate<S extends z.ZodType>(path: string, options: PaginateOptions<S>): Promise<z.output<S>[]> {
    return collectPages(this.collectInput(path, options));
  }

  /** Every item of a paginated list, following `rel="next"` one page at a time. */
  paginateSequentially<S extends z.ZodType>(
    path: string,
    options: PaginateOptions<S>,
  ): Promise<z.output<S>[]> {
    return collectPagesSequentially(this.collectInput(path, options));
  }

  /** One page of a list, for tables that page on demand. */
  async fetchPage<S extends z.ZodType>(
    path: string,
    options: FetchPageOptions<S>,
  ): Promise<PageResult<z.output<S>>> {
    const url = withQuery(this.resolve(path), {
      ...options.params,
      page: options.page,
      per_page: options.perPage ?? DEFAULT_PER_PAGE,
    });
    const { items, links } = await this.fetchItems(url, options.schema, options.select, options.signal);
    return { items, links, hasNext: links.next !== undefined };
  }

  private collectInput<S extends z.ZodType>(
    path: string,
    options: PaginateOptions<S>,
  ): CollectPagesInput<z.output<S>> {
    const perPage = options.perPage ?? DEFAULT_PER_PAGE;
    return {
      firstUrl: withQuery(this.resolve(path), { ...options.params, per_page: perPage }),
      perPage,
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      signal: options.signal,
      onPage: options.onPage,
      fetchPage: (url: string, signal: AbortSignal | undefined) =>
        this.fetchItems(url, options.schema, options.select, signal),
    };
  }

  private async fetchItems<S extends z.ZodType>(
    url: string,
    itemSchema: S,
    select: ((body: unknown) => unknown) | undefined,
    signal: AbortSignal | undefined,
  ): Promise<FetchedPage<z.output<S>>> {
    const { response, body } = await this.send(url, 'GET', undefined, signal);
    const list = select ? select(body) : body;
    const items = validateBody(z.array(itemSchema), list, `GET ${pathOf(url)}`, response.status);
    return { items, links: linksOf(response, url) };
  }

  /**
   * Absolute URLs (links copied from Canvas) pass through; `/api/...` paths are taken as they are;
   * anything else is relative to `/api/v1`, so `accounts/1` and `/api/v1/accounts/1` are the same.
   */
  private resolve(path: string): string {
    if (/^https?:\/\//i.test(path)) return path;
    const apiPath = path.startsWith('/api/') ? path : `/api/v1/${path.replace(/^\/+/, '')}`;
    return `${this.baseUrl}${apiPath}`;
  }

  private async send(
    url: string,
    method: HttpMethod,
    body: unknown,
    signal: AbortSignal | undefined,
  ): Promise<{ response: Response; body: unknown }> {
    const maxRetries = this.config.maxRetries ?? DEFAULT_MAX_RETRIES;
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      const response = await this.fetchOnce(url, method, body, signal);
      const parsed = await readBody(response, signal);
      if (response.ok) return { response, body: parsed };
      const error = CanvasApiError.fromResponse(response.status, parsed, response.headers);
      if (error.kind !== 'rate_limited' || attempt >= maxRetries) throw error;
      const delay = retryDelay(
        attempt,
        response.headers.get('Retry-After'),
        this.config.random ?? Math.random,
      );
      await (this.config.sleep ?? sleep)(delay, signal);
      signal?.throwIfAborted();
    }
  }

  private async fetchOnce(
    url: string,
    method: HttpMethod,
    body: unknown,
    signal: AbortSignal | undefined,
  ): Promise<Response> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      // The server's CSRF check for cookie sessions looks for this header on every non-GET request.
      'X-Requested-With': 'canvas-admin',
    };
    if (this.config.token) headers.Authorization = `Bearer ${this.config.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    // Read at call time so a fetch stubbed after the client was built is still used.
    const fetchImpl = this.config.fetch ?? globalThis.fetch;
    try {
      return await fetchImpl(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw new CanvasApiError({ status: 0, kind: 'network', cause: error });
    }
  }
}

async function readBody(response: Response, signal: AbortSignal | undefined): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new CanvasApiError({ status: 0, kind: 'network', cause: error });
  }
  return parseBodyText(text);
}

/**
 * JSON whatever the declared type (`application/json`, `...+canvas-string-ids`, `text/javascript`),
 * after dropping Canvas's anti-hijacking `while(1);`; empty bodies (204) become null, and text that is
 * not JSON (the rate-limit message, proxy error pages) is kept as a string.
 */
function parseBodyText(text: string): unknown {
  const json = text.replace(WHILE_ONE_PREFIX, '');
  if (json.trim() === '') return null;
  try {
    return JSON.parse(json);
  } catch {
    return text;
  }
}

/** Every body is checked against its schema so that drift between Canvas and our types is loud. */
function validateBody<S extends z.ZodType>(
  schema: S,
  body: unknown,
  request: string,
  status: number,
): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? formatIssuePath(issue.path) : 'the body';
  throw new CanvasApiError({
    status,
    kind: 'other',
    body,
    message: `Unexpected response from ${request}: ${where}: ${issue?.message ?? 'does not match the schema'}`,
    cause: result.error,
  });
}

function formatIssuePath(path: PropertyKey[]): string {
  return path
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`,
    )
    .join('');
}

function withQuery(url: string, params: CanvasParams | undefined): string {
  const query = params ? encodeParams(params) : '';
  if (!query) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function linksOf(response: Response, requestUrl: string): PageLinks {
  // After a redirect Canvas's relative links belong to the final URL.
  return parseLinkHeader(response.headers.get('Link'), response.url || requestUrl);
}

/**
 * `Retry-After` (seconds or an HTTP date) when Canvas sends one; otherwise exponential backoff with
 * jitter so that concurrent page requests do not retry in lockstep.
 */
function retryDelay(attempt: number, retryAfter: string | null, random: () => number): number {
  const requested = retryAfterMs(retryAfter);
  if (requested !== undefined) return requested;
  const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** attempt);
  return ceiling / 2 + random() * (ceiling / 2);
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

let defaultClient: CanvasClient | undefined;

/** Replaces the client behind `canvasFetch`, `paginate` and `fetchPage`. */
export function configureCanvasClient(config: CanvasClientConfig): void {
  defaultClient = new CanvasClient(config);
}

/** The default client, created on first use from the browser's origin unless configured. */
export function getCanvasClient(): CanvasClient {
  defaultClient ??= new CanvasClient();
  return defaultClient;
}

export function canvasFetch<S extends z.ZodType>(
  path: string,
  options: RequestOptions<S>,
): Promise<z.output<S>> {
  return getCanvasClient().request(path, options);
}
