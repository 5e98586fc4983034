import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from './sandbox/db/connection.ts';
import { DEMO_USERS, type DemoUserKey, demoToken, demoUserId } from './sandbox/demoUsers.ts';
import { isoSeconds } from './sandbox/time.ts';

export const SESSION_COOKIE = 'canvas_admin_session';

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

const CSRF_HEADER = 'x-requested-with';
const CSRF_VALUE = 'canvas-admin';

export const CSRF_ERROR_BODY = {
  errors: [{ message: `Requests from the dashboard must send the header X-Requested-With: ${CSRF_VALUE}.` }],
};

/** Every request that may change something must carry the header a cross-site form cannot send. */
export function rejectsCsrf(req: IncomingMessage): boolean {
  return req.method !== 'GET' && req.method !== 'HEAD' && req.headers[CSRF_HEADER] !== CSRF_VALUE;
}

/** HTTPS as the browser sees it: PUBLIC_URL's scheme, else the reverse proxy's X-Forwarded-Proto. */
export function isSecureRequest(req: IncomingMessage, publicUrl: string | undefined): boolean {
  return publicUrl?.startsWith('https:') ?? req.headers['x-forwarded-proto'] === 'https';
}

/** The dashboard's origin for absolute URLs it writes (Link headers). */
export function publicOrigin(req: IncomingMessage, publicUrl: string | undefined): string {
  if (publicUrl) return new URL(publicUrl).origin;
  return `${isSecureRequest(req, publicUrl) ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
}

export interface CookieOptions {
  path?: string;
  sameSite: 'Strict' | 'Lax';
  /** Seconds; 0 deletes the cookie; omitted for a browser-session cookie. */
  maxAge?: number;
  secure: boolean;
}

export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const maxAge = options.maxAge === undefined ? '' : `; Max-Age=${options.maxAge}`;
  const secure = options.secure ? '; Secure' : '';
  return `${name}=${encodeURIComponent(value)}; Path=${options.path ?? '/'}${maxAge}; HttpOnly; SameSite=${options.sameSite}${secure}`;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

export interface DemoUserSummary {
  key: DemoUserKey;
  user_id: number;
  description: string;
  token: string;
}

/**
 * Browser sessions of the sandbox: the cookie holds a random id, the database only its hash and
 * which demo user it acts as. The server adds that user's bearer token to API calls, so the
 * browser never holds a token.
 */
export class SandboxSessions {
  readonly demoUsers: DemoUserSummary[];

  constructor(private readonly db: Db) {
    this.demoUsers = DEMO_USERS.map((user) => ({
      key: user.key,
      user_id: demoUserId(db, user.key),
      description: user.description,
      token: demoToken(user),
    }));
  }

  /** The demo user acting in this session, or undefined when the cookie is missing or unknown. */
  find(sessionId: string | undefined): DemoUserSummary | undefined {
    if (!sessionId) return undefined;
    const row = this.db
      .prepare('SELECT user_id FROM dashboard_sessions WHERE id_hash = ?')
      .get(hashSessionId(sessionId)) as { user_id: number } | undefined;
    return row ? this.demoUsers.find((user) => user.user_id === row.user_id) : undefined;
  }

  /** Starts a session acting as `key` and returns its cookie value. */
  create(key: DemoUserKey): string {
    const user = this.byKey(key);
    const id = randomBytes(32).toString('base64url');
    this.db
      .prepare('INSERT INTO dashboard_sessions (id_hash, user_id, created_at) VALUES (?, ?, ?)')
      .run(hashSessionId(id), user.user_id, isoSeconds(new Date()));
    return id;
  }

  switchUser(sessionId: string, key: DemoUserKey): DemoUserSummary {
    const user = this.byKey(key);
    this.db
      .prepare('UPDATE dashboard_sessions SET user_id = ? WHERE id_hash = ?')
      .run(user.user_id, hashSessionId(sessionId));
    return user;
  }

  byKey(key: DemoUserKey): DemoUserSummary {
    const user = this.demoUsers.find((candidate) => candidate.key === key);
    if (!user) throw new Error(`Unknown demo user ${key}`);
    return user;
  }
}
