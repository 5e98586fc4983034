import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { TokenCipher } from './tokenCipher.ts';

/** Who a proxy session belongs to, as /auth/session reports it. */
export interface CanvasSessionUser {
  id: number;
  name: string;
  sortable_name: string | null;
  short_name: string | null;
  login_id: string | null;
}

export interface CanvasTokens {
  accessToken: string;
  refreshToken: string | null;
  /** Epoch milliseconds; null when Canvas gave no `expires_in`. */
  expiresAt: number | null;
}

export interface ProxySession {
  /** The hash that names the row; the cookie holds the id it hashes. */
  idHash: string;
  user: CanvasSessionUser;
  tokens: CanvasTokens;
}

/** Signed-in sessions end after this long, even when used (Canvas's refresh tokens outlive it). */
const SESSION_LIFETIME_MS = 12 * 60 * 60_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS proxy_sessions (
  id_hash TEXT PRIMARY KEY,
  user_json TEXT NOT NULL,
  access_token TEXT NOT NULL,   -- AES-256-GCM, see tokenCipher.ts
  refresh_token TEXT,           -- likewise
  token_expires_at INTEGER,     -- epoch ms
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS proxy_sessions_expiry ON proxy_sessions(expires_at);
`;

interface SessionRow {
  id_hash: string;
  user_json: string;
  access_token: string;
  refresh_token: string | null;
  token_expires_at: number | null;
}

function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/**
 * Proxy-mode browser sessions in their own SQLite file (there is no sandbox database in this mode),
 * so a restart signs nobody out. The cookie holds a random id; the table only its hash and the
 * Canvas tokens, encrypted.
 */
export class ProxySessionStore {
  private readonly db: Database.Database;

  constructor(
    file: string,
    private readonly cipher: TokenCipher,
    private readonly now: () => number = Date.now,
  ) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  /** Starts a session and returns the cookie value. */
  create(user: CanvasSessionUser, tokens: CanvasTokens): string {
    const id = randomBytes(32).toString('base64url');
    const idHash = hashSessionId(id);
    const now = this.now();
    this.db.prepare('DELETE FROM proxy_sessions WHERE expires_at < ?').run(now);
    this.db
      .prepare(
        `INSERT INTO proxy_sessions (id_hash, user_json, access_token, refresh_token, token_expires_at, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        idHash,
        JSON.stringify(user),
        this.cipher.encrypt(tokens.accessToken, idHash),
        tokens.refreshToken === null ? null : this.cipher.encrypt(tokens.refreshToken, idHash),
        tokens.expiresAt,
        now,
        now + SESSION_LIFETIME_MS,
      );
    return id;
  }

  /** The live session for a cookie value; undefined when unknown, expired or undecryptable. */
  find(sessionId: string | undefined): ProxySession | undefined {
    if (!sessionId) return undefined;
    const idHash = hashSessionId(sessionId);
    const row = this.db
      .prepare('SELECT * FROM proxy_sessions WHERE id_hash = ? AND expires_at >= ?')
      .get(idHash, this.now()) as SessionRow | undefined;
    if (!row) return undefined;
    const accessToken = this.cipher.decrypt(row.access_token, idHash);
    // Made under another DASHBOARD_SECRET: unusable, so the session is as good as gone.
    if (accessToken === undefined) return undefined;
    const refreshToken =
      row.refresh_token === null ? null : (this.cipher.decrypt(row.refresh_token, idHash) ?? null);
    return {
      idHash,
      user: JSON.parse(row.user_json) as CanvasSessionUser,
      tokens: { accessToken, refreshToken, expiresAt: row.token_expires_at },
    };
  }

  updateTokens(idHash: string, tokens: CanvasTokens): void {
    this.db
      .prepare(
        'UPDATE proxy_sessions SET access_token = ?, refresh_token = ?, token_expires_at = ? WHERE id_hash = ?',
      )
      .run(
        this.cipher.encrypt(tokens.accessToken, idHash),
        tokens.refreshToken === null ? null : this.cipher.encrypt(tokens.refreshToken, idHash),
        tokens.expiresAt,
        idHash,
      );
  }

  delete(idHash: string): void {
    this.db.prepare('DELETE FROM proxy_sessions WHERE id_hash = ?').run(idHash);
  }

  close(): void {
    this.db.close();
  }
}
