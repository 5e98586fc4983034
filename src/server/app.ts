import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createSandboxApi } from './sandbox/api.ts';
import type { Db } from './sandbox/db/connection.ts';
import type { DemoUserKey } from './sandbox/demoUsers.ts';
import { readCookie, SandboxSessions, SESSION_COOKIE } from './session.ts';

export interface AppOptions {
  db: Db;
  /** The built app (vite build output); null serves the API only (tests, `npm run dev`). */
  distDir: string | null;
  /** Public origin, e.g. https://admin.example.edu; defaults to the request's Host. */
  publicUrl?: string;
}

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

const CSRF_HEADER = 'x-requested-with';
const CSRF_VALUE = 'canvas-admin';

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

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

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

function isSecure(req: IncomingMessage, publicUrl: string | undefined): boolean {
  return publicUrl?.startsWith('https:') ?? req.headers['x-forwarded-proto'] === 'https';
}

export function createApp(options: AppOptions): RequestListener {
  const { db, distDir, publicUrl } = options;
  const sandbox = createSandboxApi(db, { publicUrl });
  const sessions = new SandboxSessions(db);

  function sessionCookie(req: IncomingMessage, id: string): string {
    const secure = isSecure(req, publicUrl) ? '; Secure' : '';
    return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict${secure}`;
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

  function rejectsCsrf(req: IncomingMessage): boolean {
    return req.method !== 'GET' && req.method !== 'HEAD' && req.headers[CSRF_HEADER] !== CSRF_VALUE;
  }

  const csrfError = {
    errors: [
      { message: `Requests from the dashboard must send the header X-Requested-With: ${CSRF_VALUE}.` },
    ],
  };

  async function handleAuth(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const session = ensureSession(req, res);
    if (url.pathname === '/auth/session' && req.method === 'GET') {
      sendJson(res, 200, sessionBody(session.user.key));
      return;
    }
    if (url.pathname === '/auth/sandbox/sign-in-as' && req.method === 'POST') {
      if (rejectsCsrf(req)) {
        sendJson(res, 403, csrfError);
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
        sendJson(res, 403, csrfError);
        return;
      }
      req.headers.authorization = `Bearer ${session.token}`;
    }
    await sandbox.handle(req, res, url);
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, url: URL): void {
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

  return (req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const isCanvasApi = CANVAS_PATHS.some((pattern) => pattern.test(url.pathname));
    const route = isCanvasApi
      ? handleApi(req, res, url)
      : url.pathname.startsWith('/auth/')
        ? handleAuth(req, res, url)
        : Promise.resolve(serveStatic(req, res, url));
    route.catch((error: unknown) => {
      console.error(`Unhandled error for ${req.method} ${url.pathname}:`, error);
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'An error occurred.' }] });
      else res.end();
    });
  };
}
