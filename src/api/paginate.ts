import type * as z from 'zod';
import { type FetchPageOptions, getCanvasClient, type PageResult, type PaginateOptions } from './http.ts';

export type { PaginateProgress } from './collectPages.ts';
export type { FetchPageOptions, PageResult, PaginateOptions } from './http.ts';
export { type PageLinks, parseLinkHeader } from './linkHeader.ts';

/** Every item of a paginated list through the default client, fetching pages concurrently where possible. */
export function paginate<S extends z.ZodType>(
  path: string,
  options: PaginateOptions<S>,
): Promise<z.output<S>[]> {
  return getCanvasClient().paginate(path, options);
}

/** The baseline: every item through the default client, following `rel="next"` one page at a time. */
export function paginateSequentially<S extends z.ZodType>(
  path: string,
  options: PaginateOptions<S>,
): Promise<z.output<S>[]> {
  return getCanvasClient().paginateSequentially(path, options);
}

/** One page through the default client, for tables that page on demand. */
export function fetchPage<S extends z.ZodType>(
  path: string,
  options: FetchPageOptions<S>,
): Promise<PageResult<z.output<S>>> {
  return getCanvasClient().fetchPage(path, options);
}
