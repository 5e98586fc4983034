import type { IncomingMessage } from 'node:http';
import type { Db } from '../db/connection.ts';
import type { CurrentUser } from './auth.ts';
import type { ParamHash } from './params.ts';

/** What a sandbox route gets: the parsed request, its caller, and the database. */
export interface RequestContext {
  db: Db;
  req: IncomingMessage;
  url: URL;
  /** Query string and body merged, Rails-style. */
  params: ParamHash;
  /** The query string alone (Link URLs are built from it). */
  queryParams: ParamHash;
  /** Decoded `:name` segments of the matched route. */
  pathParams: Record<string, string>;
  /** Origin used for absolute URLs, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** The authenticated caller, or null for anonymous requests. */
  user: CurrentUser | null;
  /** The caller, or Canvas's 401 when nobody is signed in. */
  requireUser(): CurrentUser;
}

/** A file on disk sent as the response, streamed rather than read into memory. */
export interface FileResult {
  path: string;
  contentType: string;
  /** The name in `Content-Disposition`. */
  filename: string;
  size: number;
  /** `attachment` makes browsers save the file; `inline` lets them show it. */
  disposition: 'attachment' | 'inline';
}

export interface RouteResult {
  status?: number;
  /** JSON body; ignored when `file` is given, and left out when undefined (redirects). */
  body: unknown;
  headers?: Record<string, string>;
  file?: FileResult;
}

export type RouteHandler = (ctx: RequestContext) => RouteResult | Promise<RouteResult>;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Canvas's route, e.g. `/api/v1/accounts/:account_id/courses`. */
  path: string;
  handler: RouteHandler;
}
