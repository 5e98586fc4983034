import type { OAuthProxyConfig } from './config.ts';
import type { CanvasSessionUser, CanvasTokens } from './sessionStore.ts';

/** Canvas refused a grant or a client: `error` / `error_description` as Canvas sent them. */
export class OAuthError extends Error {
  override name = 'OAuthError';
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status: number,
  ) {
    super(`${error}: ${description}`);
  }
}

export interface TokenGrant {
  tokens: CanvasTokens;
  user: { id: number; name: string };
}

/** Refresh this long before Canvas's expiry, so a request never leaves with a token about to lapse. */
const EXPIRY_MARGIN_MS = 60_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function needsRefresh(tokens: CanvasTokens, now = Date.now()): boolean {
  return (
    tokens.refreshToken !== null && tokens.expiresAt !== null && tokens.expiresAt - EXPIRY_MARGIN_MS <= now
  );
}

/** The dashboard as an OAuth2 client of Canvas (oauth2.md: web-app flow, refresh, logout). */
export class CanvasOAuthClient {
  constructor(
    private readonly config: Pick<
      OAuthProxyConfig,
      'canvasUrl' | 'clientId' | 'clientSecret' | 'redirectUri'
    >,
  ) {}

  authorizeUrl(state: string): string {
    const url = new URL('/login/oauth2/auth', this.config.canvasUrl);
    url.searchParams.set('client_id', this.config.clientId);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('redirect_uri', this.config.redirectUri);
    url.searchParams.set('state', state);
    return url.toString();
  }

  exchangeCode(code: string): Promise<TokenGrant> {
    return this.tokenRequest({
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.config.redirectUri,
    });
  }

  /** A confidential client keeps its refresh token: Canvas sends none back, so the old one stays. */
  async refresh(refreshToken: string): Promise<TokenGrant> {
    const grant = await this.tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken });
    return { ...grant, tokens: { ...grant.tokens, refreshToken: grant.tokens.refreshToken ?? refreshToken } };
  }

  /** `DELETE /login/oauth2/token`: Canvas deletes the token; true when it did. */
  async revoke(accessToken: string): Promise<boolean> {
    const response = await fetch(new URL('/login/oauth2/token', this.config.canvasUrl), {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
      redirect: 'manual',
    });
    await response.body?.cancel();
    return response.ok;
  }

  /** `GET /api/v1/users/self` for the names and login the token response leaves out. */
  async currentUser(accessToken: string, fallback: { id: number; name: string }): Promise<CanvasSessionUser> {
    const base: CanvasSessionUser = { ...fallback, sortable_name: null, short_name: null, login_id: null };
    try {
      const response = await fetch(new URL('/api/v1/users/self', this.config.canvasUrl), {
        headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
      });
      if (!response.ok) return base;
      const body: unknown = await response.json();
      if (!isRecord(body)) return base;
      const text = (value: unknown) => (typeof value === 'string' ? value : null);
      return {
        id: fallback.id,
        name: text(body.name) ?? fallback.name,
        sortable_name: text(body.sortable_name),
        short_name: text(body.short_name),
        login_id: text(body.login_id),
      };
    } catch {
      return base;
    }
  }

  private async tokenRequest(params: Record<string, string>): Promise<TokenGrant> {
    const body = new URLSearchParams({
      ...params,
      client_id: this.config.clientId,
      client_secret: this.config.clientSecret,
    });
    let response: Response;
    try {
      response = await fetch(new URL('/login/oauth2/token', this.config.canvasUrl), {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body,
        // Older Canvas answers errors with a redirect to redirect_uri; that is an error too.
        redirect: 'manual',
      });
    } catch (error) {
      throw new OAuthError(
        'canvas_unreachable',
        `Could not reach Canvas at ${this.config.canvasUrl.origin} (${String((error as Error).cause ?? error)})`,
        0,
      );
    }
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      const query = location ? new URL(location, this.config.canvasUrl).searchParams : new URLSearchParams();
      throw new OAuthError(
        query.get('error') ?? 'invalid_request',
        query.get('error_description') ?? 'Canvas redirected the token request',
        response.status,
      );
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      json = undefined;
    }
    if (!response.ok || !isRecord(json)) {
      const error = isRecord(json) && typeof json.error === 'string' ? json.error : 'server_error';
      const description =
        isRecord(json) && typeof json.error_description === 'string'
          ? json.error_description
          : `Canvas answered ${response.status}`;
      throw new OAuthError(error, description, response.status);
    }
    const user = isRecord(json.user) ? json.user : {};
    if (typeof json.access_token !== 'string' || typeof user.id !== 'number') {
      throw new OAuthError(
        'server_error',
        'Canvas sent a token response without an access token or user',
        response.status,
      );
    }
    return {
      tokens: {
        accessToken: json.access_token,
        refreshToken: typeof json.refresh_token === 'string' ? json.refresh_token : null,
        expiresAt: typeof json.expires_in === 'number' ? Date.now() + json.expires_in * 1000 : null,
      },
      user: { id: user.id, name: typeof user.name === 'string' ? user.name : `User ${user.id}` },
    };
  }
}
