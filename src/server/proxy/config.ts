/**
 * Which Canvas the dashboard talks to, from the environment:
 * - CANVAS_URL + CANVAS_CLIENT_ID + CANVAS_CLIENT_SECRET: each admin signs in with Canvas (OAuth2);
 * - CANVAS_URL + CANVAS_TOKEN: one admin's token, kept on the server;
 * - neither: the embedded sandbox.
 */

export interface OAuthProxyConfig {
  kind: 'oauth';
  canvasUrl: URL;
  clientId: string;
  clientSecret: string;
  /** `<public URL>/auth/callback`, registered on the developer key. */
  redirectUri: string;
  /** Encrypts Canvas tokens at rest (DASHBOARD_SECRET). */
  secret: string;
  /** The session database (DASHBOARD_DB). */
  databaseFile: string;
}

export interface TokenProxyConfig {
  kind: 'token';
  canvasUrl: URL;
  token: string;
}

export type ProxyConfig = OAuthProxyConfig | TokenProxyConfig;

/** A setting that stops start-up; the message says what to fix. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** DASHBOARD_SECRET must carry at least this many characters (it is stretched with HKDF). */
export const MIN_SECRET_LENGTH = 32;

function parseCanvasUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      `CANVAS_URL is not a URL: "${raw}". Set it to your Canvas address, e.g. https://school.instructure.com`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`CANVAS_URL must start with https:// (got "${raw}")`);
  }
  if (
    (url.pathname !== '/' && url.pathname !== '') ||
    url.search ||
    url.hash ||
    url.username ||
    url.password
  ) {
    throw new ConfigError(
      `CANVAS_URL must be only the Canvas origin, without path, query or credentials: use ${url.origin} (got "${raw}")`,
    );
  }
  return new URL(url.origin);
}

function parsePublicUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      `PUBLIC_URL is not a URL: "${raw}". Set it to the dashboard's address, e.g. https://admin.example.edu`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`PUBLIC_URL must start with https:// or http:// (got "${raw}")`);
  }
  return url;
}

export interface ConfigDefaults {
  /** The dashboard's own address when PUBLIC_URL is unset, e.g. http://127.0.0.1:3000. */
  localUrl: string;
  /** Where DASHBOARD_DB points when unset. */
  defaultDatabaseFile: string;
}

/** The proxy configuration, or null for sandbox mode; throws ConfigError for an unusable one. */
export function parseProxyConfig(env: NodeJS.ProcessEnv, defaults: ConfigDefaults): ProxyConfig | null {
  const canvasUrlRaw = env.CANVAS_URL?.trim();
  const clientId = env.CANVAS_CLIENT_ID?.trim();
  const clientSecret = env.CANVAS_CLIENT_SECRET?.trim();
  const token = env.CANVAS_TOKEN?.trim();
  if (!canvasUrlRaw) {
    if (clientId || clientSecret || token) {
      throw new ConfigError(
        'CANVAS_URL is missing: set it to your Canvas address (e.g. https://school.instructure.com), or unset CANVAS_CLIENT_ID, CANVAS_CLIENT_SECRET and CANVAS_TOKEN to run the sandbox',
      );
    }
    return null;
  }
  const canvasUrl = parseCanvasUrl(canvasUrlRaw);
  if (token && (clientId || clientSecret)) {
    throw new ConfigError(
      'Set either CANVAS_TOKEN (one admin) or CANVAS_CLIENT_ID and CANVAS_CLIENT_SECRET (sign in with Canvas), not both',
    );
  }
  if (token) return { kind: 'token', canvasUrl, token };
  if (!clientId && !clientSecret) {
    throw new ConfigError(
      'CANVAS_URL is set but no credentials: set CANVAS_CLIENT_ID and CANVAS_CLIENT_SECRET (a developer key) to let admins sign in with Canvas, or CANVAS_TOKEN to use one access token',
    );
  }
  if (!clientId)
    throw new ConfigError("CANVAS_CLIENT_ID is missing: set it to the developer key's ID (Client ID)");
  if (!/^\d+$/.test(clientId)) {
    throw new ConfigError(
      `CANVAS_CLIENT_ID must be the developer key's numeric Client ID (got "${clientId}")`,
    );
  }
  if (!clientSecret) {
    throw new ConfigError(
      'CANVAS_CLIENT_SECRET is missing: set it to the developer key\'s Client Secret (its "Key")',
    );
  }
  const secret = env.DASHBOARD_SECRET ?? '';
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(
      `DASHBOARD_SECRET ${secret ? `is too short (${secret.length} characters)` : 'is missing'}: it encrypts Canvas tokens at rest and must be at least ${MIN_SECRET_LENGTH} random characters, e.g. the output of \`openssl rand -base64 48\`. Keep it stable: changing it signs everyone out`,
    );
  }
  const publicUrl = parsePublicUrl(env.PUBLIC_URL?.trim() || defaults.localUrl);
  const redirectUri = new URL('/auth/callback', publicUrl).toString();
  return {
    kind: 'oauth',
    canvasUrl,
    clientId,
    clientSecret,
    redirectUri,
    secret,
    databaseFile: env.DASHBOARD_DB?.trim() || defaults.defaultDatabaseFile,
  };
}
