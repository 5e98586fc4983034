import type { Route } from './http/context.ts';
import { ApiError } from './http/errors.ts';

/**
 * Token scopes (`url:<METHOD>|<Canvas route>`), matched as Canvas's `validate_scopes` and
 * `AccessToken#url_scopes_for_method` match them.
 *
 * The sandbox's default developer key behaves like a key with "Enforce scopes" on, with one
 * difference that keeps unscoped tokens useful: a token whose scope list is empty may call everything
 * its user may (Canvas would allow such a token nothing). Includes are allowed on the key
 * (`allow_includes`), so `include[]` passes untouched for scoped tokens.
 */

/** Always callable with any scoped token, so that refresh and logout keep working. */
const ALWAYS_ALLOWED_PATHS = [/^\/login\/oauth2\/token$/];

const SCOPE_PATTERN = /^url:([A-Z]+)\|(\/.*)$/;

/**
 * The request-path pattern of a Canvas route: `:param` is one segment, `*glob` anything, `( )`
 * groups are optional, and a `.format` suffix may follow.
 */
export function routePathPattern(routePath: string): RegExp {
  const source = routePath
    .replace(/[.+?^${}[\]|\\]/g, '\\$&')
    .replace(/:[^/)]+/g, '[^/]+')
    .replace(/\*[^/)]+/g, '.+')
    .replace(/\(/g, '(?:')
    .replace(/\)/g, '|)');
  return new RegExp(`^${source}(?:\\.[^/]+|)$`);
}

/** The scope that names a route, e.g. `url:GET|/api/v1/accounts/:account_id/courses`. */
export function routeScope(route: Pick<Route, 'method' | 'path'>): string {
  return `url:${route.method}|${route.path}`;
}

const patternCache = new Map<string, { method: string; pattern: RegExp } | null>();

function parseScope(scope: string): { method: string; pattern: RegExp } | null {
  let parsed = patternCache.get(scope);
  if (parsed === undefined) {
    const match = SCOPE_PATTERN.exec(scope);
    parsed = match?.[1] && match[2] ? { method: match[1], pattern: routePathPattern(match[2]) } : null;
    patternCache.set(scope, parsed);
  }
  return parsed;
}

/**
 * Whether a token with `scopes` may make this request. `path` is the raw request path (no query),
 * as Canvas matches `request.path`; HEAD is checked as GET.
 */
export function scopesAllow(scopes: readonly string[], method: string, path: string): boolean {
  if (scopes.length === 0) return true;
  const effectiveMethod = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  if (ALWAYS_ALLOWED_PATHS.some((pattern) => pattern.test(path))) return true;
  return scopes.some((scope) => {
    const parsed = parseScope(scope);
    return parsed !== null && parsed.method === effectiveMethod && parsed.pattern.test(path);
  });
}

/** Canvas's `AccessTokenScopeError`: a 401 without `WWW-Authenticate`, unlike the token errors. */
export function insufficientScopes(): ApiError {
  return new ApiError(401, { errors: [{ message: 'Insufficient scopes on access token.' }] });
}

/**
 * The scopes on the default developer key: one per API route the sandbox serves. The dispatcher
 * registers its routes when it is built; a token may only be given scopes from this list.
 */
const offeredScopes = new Set<string>();

export function offerRouteScopes(routes: readonly Route[]): void {
  for (const route of routes) if (route.path.startsWith('/api/')) offeredScopes.add(routeScope(route));
}

export function isOfferedScope(scope: string): boolean {
  return offeredScopes.has(scope);
}
