import {
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import { CANVAS_ROUTES } from '../sandbox/routes/index.ts';
import { routePathPattern } from '../sandbox/scopes.ts';

/**
 * The forwarding half of proxy mode: which requests may go to Canvas, and how they travel there
 * and back (token added here, bodies streamed, Link headers pointed at the dashboard, downloads
 * following Canvas's redirects to its file store).
 */

interface AllowedRoute {
  method: string;
  pattern: RegExp;
  /** File downloads end in a redirect to the file store, which the proxy follows. */
  download: boolean;
}

/** Canvas serves report files outside /api: a report's `file_url` and its attachment's `url`. */
const DOWNLOAD_PATHS = ['/accounts/:account_id/files/:id/download', '/files/:id/download'];

/** What the dashboard calls: the routes the sandbox serves (the same list), plus downloads. */
const ALLOWED_ROUTES: AllowedRoute[] = [
  ...CANVAS_ROUTES.map((route) => ({
    method: route.method,
    pattern: routePathPattern(route.path),
    download: false,
  })),
  ...DOWNLOAD_PATHS.map((path) => ({ method: 'GET', pattern: routePathPattern(path), download: true })),
];

/** The allow-list entry for a request, or undefined: then it never reaches Canvas. */
export function allowedRoute(method: string | undefined, pathname: string): AllowedRoute | undefined {
  const effective = method === 'HEAD' ? 'GET' : method;
  return ALLOWED_ROUTES.find((route) => route.method === effective && route.pattern.test(pathname));
}

/** Request headers worth passing on; cookies, the CSRF header and the browser's credentials are not. */
const FORWARDED_REQUEST_HEADERS = [
  'accept',
  'accept-language',
  'content-type',
  'content-length',
  'if-none-match',
  'if-modified-since',
  'range',
];

/** Response headers passed back, besides Link and Location (rewritten). */
const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'content-length',
  'content-disposition',
  'content-encoding',
  'content-range',
  'accept-ranges',
  'etag',
  'last-modified',
  'cache-control',
  'www-authenticate',
  'x-rate-limit-remaining',
  'x-request-cost',
  'x-canvas-user-id',
];

const MAX_REDIRECTS = 5;
/** A request body up to this size is kept so the request can be replayed after a token refresh. */
const REPLAYABLE_BODY_BYTES = 1024 * 1024;
const UPSTREAM_TIMEOUT_MS = 5 * 60_000;

export type ForwardOutcome =
  | { kind: 'sent' }
  /** Canvas refused the token (401 + WWW-Authenticate); nothing was written to the browser. */
  | { kind: 'token_rejected'; replayBody: Buffer | null };

export interface ForwardOptions {
  canvasOrigin: string;
  /** The dashboard's origin as the browser sees it, written into Link and Location. */
  publicOrigin: string;
  accessToken: string;
  /** Hold back a token refusal instead of passing it on, so the caller can refresh and retry. */
  interceptTokenRejection: boolean;
  /** A replay: the body captured on the first attempt instead of the request stream. */
  body?: Buffer;
}

export class UpstreamError extends Error {
  override name = 'UpstreamError';
}

function sendUpstream(
  target: URL,
  method: string,
  headers: OutgoingHttpHeaders,
  body: IncomingMessage | Buffer | null,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const upstream = send(target, { method, headers, timeout: UPSTREAM_TIMEOUT_MS }, resolve);
    upstream.on('timeout', () =>
      upstream.destroy(new UpstreamError(`Canvas did not answer within ${UPSTREAM_TIMEOUT_MS / 1000} s`)),
    );
    upstream.on('error', (error) =>
      reject(error instanceof UpstreamError ? error : new UpstreamError(error.message)),
    );
    if (body === null) upstream.end();
    else if (Buffer.isBuffer(body)) upstream.end(body);
    else body.pipe(upstream);
  });
}

/** Absolute Canvas URLs in Link/Location become the same path on the dashboard; others stay. */
export function rewriteCanvasUrl(value: string, canvasOrigin: string, publicOrigin: string): string {
  try {
    const url = new URL(value);
    return url.origin === canvasOrigin ? `${publicOrigin}${url.pathname}${url.search}` : value;
  } catch {
    return value;
  }
}

export function rewriteLinkHeader(link: string, canvasOrigin: string, publicOrigin: string): string {
  return link.replace(
    /<([^>]*)>/g,
    (_match, target: string) => `<${rewriteCanvasUrl(target, canvasOrigin, publicOrigin)}>`,
  );
}

function copyResponseHeaders(upstream: IncomingMessage, res: ServerResponse, options: ForwardOptions): void {
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = upstream.headers[name];
    if (value !== undefined) res.setHeader(name, value);
  }
  const link = upstream.headers.link;
  if (link) {
    const joined = Array.isArray(link) ? link.join(',') : link;
    res.setHeader('Link', rewriteLinkHeader(joined, options.canvasOrigin, options.publicOrigin));
  }
  const location = upstream.headers.location;
  if (location)
    res.setHeader('Location', rewriteCanvasUrl(location, options.canvasOrigin, options.publicOrigin));
}

/** Collects what streams through, up to the replay limit. */
function captureBody(req: IncomingMessage): () => Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  let overflow = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > REPLAYABLE_BODY_BYTES) overflow = true;
    else chunks.push(chunk);
  });
  const ended = new Promise<void>((resolve) => {
    if (req.readableEnded) resolve();
    else req.once('end', resolve).once('close', resolve);
  });
  return async () => {
    await ended;
    return overflow || !req.complete ? null : Buffer.concat(chunks);
  };
}

/**
 * Sends one browser request to Canvas with the session's token and streams the answer back. A
 * download's redirects are followed here; the token goes only to Canvas's own origin.
 */
export async function forwardToCanvas(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  route: AllowedRoute,
  options: ForwardOptions,
): Promise<ForwardOutcome> {
  const method = req.method ?? 'GET';
  const headers: OutgoingHttpHeaders = { 'user-agent': 'canvas-admin-proxy' };
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = req.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  const hasBody = method !== 'GET' && method !== 'HEAD';
  let capturedBody: (() => Promise<Buffer | null>) | undefined;
  let body: IncomingMessage | Buffer | null = null;
  if (options.body) {
    body = options.body;
    headers['content-length'] = String(options.body.length);
  } else if (hasBody) {
    capturedBody = captureBody(req);
    body = req;
  }
  let target = new URL(`${url.pathname}${url.search}`, options.canvasOrigin);
  let upstream = await sendUpstream(
    target,
    method,
    { ...headers, authorization: `Bearer ${options.accessToken}` },
    body,
  );

  if (route.download) {
    for (
      let hop = 0;
      hop < MAX_REDIRECTS && isRedirect(upstream.statusCode) && upstream.headers.location;
      hop++
    ) {
      upstream.resume();
      target = new URL(upstream.headers.location, target);
      const hopHeaders: OutgoingHttpHeaders = { 'user-agent': headers['user-agent'] };
      if (headers.range) hopHeaders.range = headers.range;
      // The file store may be another host (S3, a CDN): Canvas's token must not travel there.
      if (target.origin === options.canvasOrigin) hopHeaders.authorization = `Bearer ${options.accessToken}`;
      upstream = await sendUpstream(target, 'GET', hopHeaders, null);
    }
  }

  if (
    options.interceptTokenRejection &&
    upstream.statusCode === 401 &&
    upstream.headers['www-authenticate']
  ) {
    upstream.resume();
    return {
      kind: 'token_rejected',
      replayBody: capturedBody ? await capturedBody() : (options.body ?? Buffer.alloc(0)),
    };
  }

  res.statusCode = upstream.statusCode ?? 502;
  copyResponseHeaders(upstream, res, options);
  if (method === 'HEAD') {
    upstream.resume();
    res.end();
    return { kind: 'sent' };
  }
  await new Promise<void>((resolve, reject) => {
    upstream.pipe(res);
    upstream.on('end', resolve);
    upstream.on('error', reject);
    res.on('close', () => {
      if (!upstream.complete) upstream.destroy();
      resolve();
    });
  });
  return { kind: 'sent' };
}

function isRedirect(status: number | undefined): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}
