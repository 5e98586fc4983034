import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Db } from './db/connection.ts';
import { authenticate, type CurrentUser, presentedToken } from './http/auth.ts';
import type { FileResult, RequestContext, Route, RouteResult } from './http/context.ts';
import { ApiError, errors } from './http/errors.ts';
import { latencyFromEnvironment, simulateLatency } from './http/latency.ts';
import { parseNestedPairs, parseRequestParams } from './http/params.ts';
import { type ReportRunnerSettings, startReportRunner } from './jobs/reportRunner.ts';
import { CANVAS_ROUTES } from './routes/index.ts';
import { insufficientScopes, offerRouteScopes, scopesAllow } from './scopes.ts';

interface CompiledRoute {
  route: Route;
  segments: string[];
}

export interface SandboxApi {
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
}

export interface SandboxApiOptions {
  /** Origin written into absolute URLs (Link headers); defaults to the request's Host. */
  publicUrl?: string;
  /** Report runner settings; by default the sandbox's catalogue and the SANDBOX_REPORT_* pacing knobs. */
  reports?: Partial<ReportRunnerSettings>;
}

function compile(routes: Route[]): CompiledRoute[] {
  return routes.map((route) => ({ route, segments: route.path.split('/').filter(Boolean) }));
}

function match(
  compiled: CompiledRoute,
  method: string,
  segments: string[],
): Record<string, string> | undefined {
  if (compiled.route.method !== method || compiled.segments.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const pattern = compiled.segments[i] ?? '';
    const actual = segments[i] ?? '';
    if (pattern.startsWith(':')) params[pattern.slice(1)] = actual;
    else if (pattern !== actual) return undefined;
  }
  return params;
}

/** `Accept: application/json+canvas-string-ids` renders every id and `*_id` as a string. */
function stringifyIds(key: string, value: unknown): unknown {
  if (typeof value === 'number' && (key === 'id' || key.endsWith('_id'))) return String(value);
  return value;
}

let errorReportSequence = 0;

export function createSandboxApi(db: Db, options: SandboxApiOptions = {}): SandboxApi {
  const latencyMs = latencyFromEnvironment();
  const routes = [...CANVAS_ROUTES];
  offerRouteScopes(routes);
  // Reports run in this process for as long as the API serves this database.
  startReportRunner(db, options.reports);
  // Fixed paths are listed before parameterised ones, so /accounts/search wins over /accounts/:id.
  const compiled = compile(routes).sort(
    (a, b) =>
      a.segments.filter((s) => s.startsWith(':')).length - b.segments.filter((s) => s.startsWith(':')).length,
  );

  function send(
    req: IncomingMessage,
    res: ServerResponse,
    result: RouteResult,
    user: CurrentUser | null,
  ): void {
    if (result.file) {
      sendFile(req, res, result, result.file, user);
      return;
    }
    const stringIds = (req.headers.accept ?? '').includes('application/json+canvas-string-ids');
    const body = JSON.stringify(result.body, stringIds ? stringifyIds : undefined);
    res.statusCode = result.status ?? 200;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    if (user) res.setHeader('X-Canvas-User-Id', String(user.id));
    for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  /** Streams a stored file from disk; the whole file is never read into memory. */
  function sendFile(
    req: IncomingMessage,
    res: ServerResponse,
    result: RouteResult,
    file: FileResult,
    user: CurrentUser | null,
  ): void {
    res.statusCode = result.status ?? 200;
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Length', String(file.size));
    res.setHeader(
      'Content-Disposition',
      `${file.disposition}; filename="${file.filename.replaceAll('"', '')}"`,
    );
    res.setHeader('Cache-Control', 'private, no-store');
    if (user) res.setHeader('X-Canvas-User-Id', String(user.id));
    for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    pipeline(createReadStream(file.path), res).catch((error: unknown) => {
      console.error(`sandbox: sending ${file.path} failed:`, error);
      res.destroy();
    });
  }

  return {
    async handle(req, res, url) {
      await simulateLatency(latencyMs);
      let user: CurrentUser | null = null;
      try {
        const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
        const segments = url.pathname
          .split('/')
          .filter(Boolean)
          .map((segment) => decodeURIComponent(segment));
        let found: { route: Route; pathParams: Record<string, string> } | undefined;
        for (const candidate of compiled) {
          const pathParams = match(candidate, method, segments);
          if (pathParams) {
            found = { route: candidate.route, pathParams };
            break;
          }
        }
        const params = await parseRequestParams(req, url);
        user = authenticate(db, presentedToken(req, params));
        if (!found) throw errors.notFound();
        // Canvas checks scopes in a controller filter, so only routed requests get that far; the
        // raw request path is what the scope patterns match, with HEAD checked as GET.
        if (user && !scopesAllow(user.scopes, method, url.pathname)) throw insufficientScopes();
        const authenticatedUser = user;
        const ctx: RequestContext = {
          db,
          req,
          url,
          params,
          queryParams: parseNestedPairs(url.searchParams.entries()),
          pathParams: found.pathParams,
          baseUrl: options.publicUrl ?? `http://${req.headers.host ?? 'localhost'}`,
          user,
          requireUser() {
            if (!authenticatedUser) throw errors.unauthenticated();
            return authenticatedUser;
          },
        };
        send(req, res, await found.route.handler(ctx), user);
      } catch (error) {
        if (error instanceof ApiError) {
          send(req, res, { status: error.status, body: error.body, headers: error.headers }, user);
          return;
        }
        errorReportSequence += 1;
        console.error(
          `sandbox error report ${errorReportSequence} for ${req.method} ${url.pathname}:`,
          error,
        );
        const internal = errors.internal(errorReportSequence);
        send(req, res, { status: internal.status, body: internal.body }, user);
      }
    },
  };
}
