import { ConfigError, type OAuthProxyConfig, type TokenProxyConfig } from './config.ts';
import type { CanvasSessionUser } from './sessionStore.ts';

const CHECK_TIMEOUT_MS = 15_000;

async function callCanvas(url: URL, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
  } catch (error) {
    const reason = (error as Error).cause ?? error;
    throw new ConfigError(
      `Canvas is unreachable at ${url.origin} (${String(reason)}). Check CANVAS_URL and that this server can reach it`,
    );
  }
}

async function jsonOf(response: Response): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Before serving in OAuth mode: Canvas answers, knows the developer key, accepts the redirect URI
 * and the secret. Each failure names the setting to fix.
 */
export async function checkOAuthConfig(config: OAuthProxyConfig): Promise<void> {
  const authorize = new URL('/login/oauth2/auth', config.canvasUrl);
  authorize.searchParams.set('client_id', config.clientId);
  authorize.searchParams.set('response_type', 'code');
  authorize.searchParams.set('redirect_uri', config.redirectUri);
  const auth = await callCanvas(authorize);
  if (auth.status === 401) {
    throw new ConfigError(
      `Canvas at ${config.canvasUrl.origin} has no active developer key with CANVAS_CLIENT_ID ${config.clientId}. Check the ID (Admin > Developer Keys) and that the key is turned on`,
    );
  }
  if (auth.status === 400) {
    throw new ConfigError(
      `Canvas refuses the redirect URI ${config.redirectUri}: add it to the developer key's Redirect URIs, or set PUBLIC_URL to the address the dashboard is served at`,
    );
  }
  if (auth.status >= 500)
    throw new ConfigError(`Canvas at ${config.canvasUrl.origin} answered ${auth.status}; try again later`);
  await auth.body?.cancel();
  // A refresh with a made-up token: Canvas checks the client and its secret before the token.
  const token = await callCanvas(new URL('/login/oauth2/token', config.canvasUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: 'canvas-admin-start-up-check',
      client_id: config.clientId,
      client_secret: config.clientSecret,
    }),
  });
  const body = await jsonOf(token);
  if (token.status === 401 && body.error_description === 'invalid client') {
    throw new ConfigError(
      "Canvas rejects CANVAS_CLIENT_SECRET: copy the developer key's Key (client secret) again",
    );
  }
  if (token.status === 401) {
    throw new ConfigError(
      `Canvas rejects the developer key ${config.clientId}: ${String(body.error_description ?? 'unknown client')}`,
    );
  }
}

/** Before serving in single-token mode: Canvas accepts CANVAS_TOKEN; returns whose it is. */
export async function checkTokenConfig(config: TokenProxyConfig): Promise<CanvasSessionUser> {
  const response = await callCanvas(new URL('/api/v1/users/self', config.canvasUrl), {
    headers: { Authorization: `Bearer ${config.token}`, Accept: 'application/json' },
  });
  const body = await jsonOf(response);
  if (response.status === 401) {
    const errors = Array.isArray(body.errors) ? (body.errors as { message?: unknown }[]) : [];
    const reason = typeof errors[0]?.message === 'string' ? ` (${errors[0].message})` : '';
    throw new ConfigError(
      `Canvas rejected CANVAS_TOKEN${reason}. Create a new access token in Canvas (Account > Settings > New Access Token) and set CANVAS_TOKEN to it`,
    );
  }
  if (!response.ok || typeof body.id !== 'number') {
    throw new ConfigError(
      `Canvas at ${config.canvasUrl.origin} did not answer GET /api/v1/users/self as Canvas does (status ${response.status}). Check CANVAS_URL`,
    );
  }
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    id: body.id,
    name: text(body.name) ?? `User ${body.id}`,
    sortable_name: text(body.sortable_name),
    short_name: text(body.short_name),
    login_id: text(body.login_id),
  };
}
