import type { RequestContext } from './context.ts';
import { ApiError, errors } from './errors.ts';
import { isHash, type ParamHash, type ParamValue, stringParam } from './params.ts';

const DEFAULT_PER_PAGE = 10;
const MAX_PER_PAGE = 100;
/** Query parameters Canvas drops before it writes them back into Link URLs. */
const DROPPED_FROM_LINKS = new Set(['page', 'per_page', 'access_token', 'api_key']);

export interface PageWindow {
  page: number;
  perPage: number;
  offset: number;
}

/** `Api.per_page_for`: `to_i`, then clamped into [1, 100]; absent means 10. */
export function perPageFor(params: ParamHash, fallback = DEFAULT_PER_PAGE): number {
  const raw = stringParam(params.per_page);
  if (raw === undefined || raw === '') return fallback;
  const value = Number.parseInt(raw, 10);
  if (!Number.isFinite(value)) return 1;
  return Math.min(MAX_PER_PAGE, Math.max(1, value));
}

/** Ordinal pages are 1-based; a non-numeric page on an ordinal list is a 404. */
export function pageWindow(params: ParamHash): PageWindow {
  const perPage = perPageFor(params);
  const raw = stringParam(params.page);
  let page = 1;
  if (raw !== undefined && raw !== '') {
    if (!/^\d+$/.test(raw.trim())) throw errors.notFound();
    page = Math.max(1, Number.parseInt(raw, 10));
  }
  return { page, perPage, offset: (page - 1) * perPage };
}

/** Rails `to_query` escaping (CGI.escape): space as '+', everything but [A-Za-z0-9_.~-] encoded. */
function cgiEscape(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

function toQuery(value: ParamValue, key: string): string[] {
  if (Array.isArray(value)) {
    const prefix = `${key}[]`;
    return value.length === 0 ? [`${cgiEscape(prefix)}=`] : value.flatMap((v) => toQuery(v, prefix));
  }
  if (isHash(value)) {
    const pairs = Object.entries(value).flatMap(([k, v]) => toQuery(v, `${key}[${k}]`));
    return key.includes('[]') ? pairs : pairs.sort();
  }
  return [`${cgiEscape(key)}=${cgiEscape(value === null ? '' : String(value))}`];
}

function linkUrl(ctx: RequestContext, page: number | string, perPage: number): string {
  const query = Object.entries(ctx.queryParams)
    .filter(([key]) => !DROPPED_FROM_LINKS.has(key))
    .flatMap(([key, value]) => toQuery(value, key))
    .sort();
  // Canvas appends the page value as it is (bookmarks keep their `bookmark:` prefix unescaped).
  query.push(`page=${page}`, `per_page=${perPage}`);
  return `${ctx.baseUrl}${ctx.url.pathname}?${query.join('&')}`;
}

export interface LinkOptions {
  window: PageWindow;
  hasNext: boolean;
  /** Total item count, or null where Canvas deliberately skips counting (no rel="last" then). */
  total: number | null;
}

/** `Api.build_links`: current, next, prev, first, last, joined by a bare comma. */
export function ordinalLinkHeader(ctx: RequestContext, { window, hasNext, total }: LinkOptions): string {
  const { page, perPage } = window;
  const links: string[] = [`<${linkUrl(ctx, page, perPage)}>; rel="current"`];
  if (hasNext) links.push(`<${linkUrl(ctx, page + 1, perPage)}>; rel="next"`);
  if (page > 1) links.push(`<${linkUrl(ctx, page - 1, perPage)}>; rel="prev"`);
  links.push(`<${linkUrl(ctx, 1, perPage)}>; rel="first"`);
  if (total !== null) {
    links.push(`<${linkUrl(ctx, Math.max(1, Math.ceil(total / perPage)), perPage)}>; rel="last"`);
  }
  return links.join(',');
}

export interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

/**
 * Pages a list whose total is known (Canvas sends rel="last"). `fetchRows(limit, offset)` and
 * `count()` are the two queries.
 */
export function pageWithTotal<T>(
  ctx: RequestContext,
  count: () => number,
  fetchRows: (limit: number, offset: number) => T[],
): Page<T> {
  const window = pageWindow(ctx.params);
  const total = count();
  const items = fetchRows(window.perPage, window.offset);
  const hasNext = window.offset + window.perPage < total;
  return { items, headers: { Link: ordinalLinkHeader(ctx, { window, hasNext, total }) } };
}

/** Pages a list Canvas does not count: one extra row tells whether a next page exists. */
export function pageWithoutTotal<T>(
  ctx: RequestContext,
  fetchRows: (limit: number, offset: number) => T[],
): Page<T> {
  const window = pageWindow(ctx.params);
  const rows = fetchRows(window.perPage + 1, window.offset);
  const hasNext = rows.length > window.perPage;
  const items = hasNext ? rows.slice(0, window.perPage) : rows;
  return { items, headers: { Link: ordinalLinkHeader(ctx, { window, hasNext, total: null }) } };
}

/** Pages an array already in memory (small lists such as roles), with rel="last". */
export function pageArray<T>(ctx: RequestContext, all: T[]): Page<T> {
  return pageWithTotal(
    ctx,
    () => all.length,
    (limit, offset) => all.slice(offset, offset + limit),
  );
}

const BOOKMARK_PREFIX = 'bookmark:';

/** `JSONToken`: a bookmark page is `bookmark:` + URL-safe base64 of the bookmark's JSON. */
export function encodeBookmark(bookmark: unknown): string {
  return BOOKMARK_PREFIX + Buffer.from(JSON.stringify(bookmark)).toString('base64url');
}

/**
 * The bookmark a page continues after: null for the first page (absent, `first`) and for an
 * undecodable bookmark (Canvas restarts the list there). A page number is
 * `BookmarkedCollection::InvalidPage`, a 400.
 */
export function decodeBookmark(page: string | undefined): unknown {
  if (page === undefined || page === '' || page === 'first') return null;
  if (/^\d+$/.test(page)) {
    throw new ApiError(400, {
      status: 'bad_request',
      errors: [
        { page: 'This list is paged by bookmark: start from page=first and follow the rel="next" links.' },
      ],
    });
  }
  if (!page.startsWith(BOOKMARK_PREFIX)) return null;
  try {
    return JSON.parse(
      Buffer.from(page.slice(BOOKMARK_PREFIX.length), 'base64url').toString('utf8'),
    ) as unknown;
  } catch {
    return null;
  }
}

/** `Api.build_links` for a bookmarked collection: current, next, first — never prev or last. */
export function bookmarkLinkHeader(
  ctx: RequestContext,
  perPage: number,
  current: string,
  next: string | null,
): string {
  const links = [`<${linkUrl(ctx, current, perPage)}>; rel="current"`];
  if (next !== null) links.push(`<${linkUrl(ctx, next, perPage)}>; rel="next"`);
  links.push(`<${linkUrl(ctx, 'first', perPage)}>; rel="first"`);
  return links.join(',');
}
