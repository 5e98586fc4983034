import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createCanvasProxy, type ProxyModeSetup } from './proxy/handler.ts';
import { createSandboxApi } from './sandbox/api.ts';
import type { Db } from './sandbox/db/connection.ts';
import type { DemoUserKey } from './sandbox/demoUsers.ts';
import { createSandboxOAuth, type SandboxOAuthOptions } from './sandbox/oauth/provider.ts';
import {
  CSRF_ERROR_BODY,
  isSecureRequest,
  readCookie,
  rejectsCsrf,
  SandboxSessions,
  SESSION_COOKIE,
  sendJson,
  serializeCookie,
} from './session.ts';

interface CommonAppOptions {
  /** The built app (vite build output); null serves the API only (tests, `npm run dev`). */
  distDir: string | null;
  /** Public origin, e.g. https://admin.example.edu; defaults to the request's Host. */
  publicUrl?: string;
}

/** Sandbox mode: the embedded Canvas over `db`, including its OAuth2 provider. */
export interface SandboxAppOptions extends CommonAppOptions {
  db: Db;
  oauth?: Omit<SandboxOAuthOptions, 'secure'>;
}

/** Proxy mode: a real Canvas (prepared by proxy/setup.ts). */
export interface ProxyAppOptions extends CommonAppOptions {
  proxy: ProxyModeSetup;
}

export type AppOptions = SandboxAppOptions | ProxyAppOptions;

/**
 * Canvas paths the sandbox answers: the API, plus the few Canvas serves outside /api — token
 * activation (POST /profile/tokens/:id/activate) and file downloads (a report's `file_url` is
 * /accounts/:id/files/:id/download, its attachment's `url` /files/:id/download).
 */
const CANVAS_PATHS = [
  /^\/api\//,
  /^\/profile\/tokens\//,
  /^\/accounts\/[^/]+\/files\/[^/]+\/download$/,
  /^\/files\/[^/]+\/download$/,
];

const SECURITY_HEADERS: Record<string, string> = {
  // Mantine sets style attributes at run time, hence 'unsafe-inline' for styles only; no inline script.
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
    "frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return undefined;
  }
}

function serveStatic(distDir: string | null, req: IncomingMessage, res: ServerResponse, url: URL): void {
  if (!distDir || !existsSync(join(distDir, 'index.html'))) {
    sendJson(res, 404, {
      errors: [{ message: 'The app is not built; run npm start (it builds) or npm run build.' }],
    });
    return;
  }
  const root = resolve(distDir);
  const requested = normalize(join(root, decodeURIComponent(url.pathname)));
  const insideRoot = requested === root || requested.startsWith(root + sep);
  let file = join(root, 'index.html');
  if (insideRoot && existsSync(requested) && statSync(requested).isFile()) file = requested;
  const isIndex = file === join(root, 'index.html');
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    // Hashed asset names never change content; the page itself must always be revalidated.
    'Cache-Control': isIndex ? 'no-cache' : 'public, max-age=31536000, immutable',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

/** Security headers, routing to a mode's handler, and the last-resort error answer. */
function listener(route: (url: URL) => Handler): RequestListener {
  return (req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'http://localhost');
    route(url)(req, res, url).catch((error: unknown) => {
      console.error(`Unhandled error for ${req.method} ${url.pathname}:`, error);
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'An error occurred.' }] });
      else res.end();
    });
  };
}

export function createApp(options: AppOptions): RequestListener {
  const { distDir, publicUrl } = options;
  const staticFiles: Handler = async (req, res, url) => serveStatic(distDir, req, res, url);
  if ('proxy' in options) {
    const proxy = createCanvasProxy(options.proxy, publicUrl);
    return listener((url) => {
      if (proxy.isCanvasPath(url.pathname)) return proxy.handleCanvas;
      if (url.pathname.startsWith('/auth/')) return proxy.handleAuth;
      return staticFiles;
    });
  }
  return createSandboxApp(options, staticFiles);
}

function createSandboxApp(options: SandboxAppOptions, staticFiles: Handler): RequestListener {
  const { db, publicUrl } = options;
  const sandbox = createSandboxApi(db, { publicUrl });
  const sessions = new SandboxSessions(db);
  const oauthProvider = createSandboxOAuth(db, {
    ...options.oauth,
    secure: (req) => isSecureRequest(req, publicUrl),
  });

  function sessionCookie(req: IncomingMessage, id: string): string {
    return serializeCookie(SESSION_COOKIE, id, {
      sameSite: 'Strict',
      secure: isSecureRequest(req, publicUrl),
    });
  }

  /** The cookie session, started as the demo admin on a browser's first visit. */
  function ensureSession(req: IncomingMessage, res: ServerResponse) {
    const existingId = readCookie(req, SESSION_COOKIE);
    const existing = sessions.find(existingId);
    if (existingId && existing) return { id: existingId, user: existing };
    const id = sessions.create('admin');
    res.setHeader('Set-Cookie', sessionCookie(req, id));
    return { id, user: sessions.byKey('admin') };
  }

  function sessionBody(key: DemoUserKey) {
    const current = sessions.byKey(key);
    const userSummary = (userId: number) => {
      const row = db
        .prepare(
          `SELECT u.id, u.name, u.sortable_name, u.short_name,
                  (SELECT unique_id FROM pseudonyms p WHERE p.user_id = u.id AND p.workflow_state = 'active' LIMIT 1) AS login_id
           FROM users u WHERE u.id = ?`,
        )
        .get(userId) as {
        id: number;
        name: string;
        sortable_name: string;
        short_name: string;
        login_id: string | null;
      };
      return row;
    };
    return {
      mode: 'sandbox',
      user: userSummary(current.user_id),
      demo_user: current.key,
      demo_users: sessions.demoUsers.map((user) => ({
        key: user.key,
        name: userSummary(user.user_id).name,
        description: user.description,
      })),
    };
  }

  async function handleAuth(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const session = ensureSession(req, res);
    if (url.pathname === '/auth/session' && req.method === 'GET') {
      sendJson(res, 200, sessionBody(session.user.key));
      return;
    }
    if (url.pathname === '/auth/sandbox/sign-in-as' && req.method === 'POST') {
      if (rejectsCsrf(req)) {
        sendJson(res, 403, CSRF_ERROR_BODY);
        return;
      }
      const body = await readJsonBody(req);
      const key = (body as { user?: unknown } | undefined)?.user;
      const target = sessions.demoUsers.find((user) => user.key === key);
      if (!target) {
        sendJson(res, 400, { errors: [{ message: 'Unknown demo user' }] });
        return;
      }
      sessions.switchUser(session.id, target.key);
      sendJson(res, 200, sessionBody(target.key));
      return;
    }
    sendJson(res, 404, { errors: [{ message: 'The specified resource does not exist.' }] });
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const bringsOwnCredentials = Boolean(req.headers.authorization) || url.searchParams.has('access_token');
    const session = bringsOwnCredentials ? undefined : sessions.find(readCookie(req, SESSION_COOKIE));
    if (session) {
      // A browser on its cookie session: the server adds the session user's token. Sessions
      // start at GET /auth/session, so a client with neither cookie nor token stays anonymous.
      if (rejectsCsrf(req)) {
        sendJson(res, 403, CSRF_ERROR_BODY);
        return;
      }
      req.headers.authorization = `Bearer ${session.token}`;
    }
    await sandbox.handle(req, res, url);
  }

  return listener((url) => {
    if (CANVAS_PATHS.some((pattern) => pattern.test(url.pathname))) return handleApi;
    if (oauthProvider.handles(url.pathname)) return oauthProvider.handle;
    if (url.pathname.startsWith('/auth/')) return handleAuth;
    return staticFiles;
  });
}
