import {
  CANVAS_ENDPOINTS,
  type CanvasEndpoint,
  ENDPOINT_AREAS,
  type EndpointAreaId,
  isReadOnly,
  parseScope,
  scopeOf,
} from './endpointCatalogue.ts';

export interface CatalogueEntry extends CanvasEndpoint {
  scope: string;
}

export interface EndpointGroup {
  area: EndpointAreaId;
  label: string;
  entries: CatalogueEntry[];
}

export const CATALOGUE_ENTRIES: readonly CatalogueEntry[] = CANVAS_ENDPOINTS.map((endpoint) => ({
  ...endpoint,
  scope: scopeOf(endpoint),
}));

const ENTRY_BY_SCOPE = new Map(CATALOGUE_ENTRIES.map((entry) => [entry.scope, entry]));
const AREA_ORDER = new Map<EndpointAreaId, number>(ENDPOINT_AREAS.map((area, index) => [area.id, index]));
const CATALOGUE_ORDER = new Map(CATALOGUE_ENTRIES.map((entry, index) => [entry.scope, index]));

export function catalogueEntryOf(scope: string): CatalogueEntry | undefined {
  return ENTRY_BY_SCOPE.get(scope);
}

/**
 * Whether a concrete request path (`/api/v1/accounts/1/courses`) fits a route pattern
 * (`/api/v1/accounts/:account_id/courses`), one segment per `:param`, as Canvas matches scopes.
 */
export function pathFitsPattern(path: string, pattern: string): boolean {
  const actual = path.split('?')[0]?.split('/').filter(Boolean) ?? [];
  const expected = pattern.split('/').filter(Boolean);
  if (actual.length !== expected.length) return false;
  return expected.every((segment, index) => segment.startsWith(':') || segment === actual[index]);
}

function searchableText(entry: CatalogueEntry, areaName: string): string {
  return `${entry.method} ${entry.path} ${entry.summary} ${areaName}`.toLowerCase();
}

function matchesWord(entry: CatalogueEntry, text: string, word: string): boolean {
  if (text.includes(word)) return true;
  // A pasted request URL finds the route that serves it.
  return word.startsWith('/') && pathFitsPattern(word, entry.path.toLowerCase());
}

/**
 * The catalogue grouped by area, in the areas' order, keeping only entries where every word of
 * `query` appears in the method, route, summary or area name (a pasted request path also matches
 * its route). Areas left empty are dropped.
 */
export function groupCatalogue(
  query: string,
  entries: readonly CatalogueEntry[] = CATALOGUE_ENTRIES,
): EndpointGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const groups: EndpointGroup[] = ENDPOINT_AREAS.map((area) => ({
    area: area.id,
    label: area.label,
    entries: [],
  }));
  for (const entry of entries) {
    const group = groups[AREA_ORDER.get(entry.area) ?? -1];
    if (!group) continue;
    const text = searchableText(entry, group.label);
    if (words.every((word) => matchesWord(entry, text, word))) group.entries.push(entry);
  }
  return groups.filter((group) => group.entries.length > 0);
}

/** The GET scopes among `entries`: the "read-only" shortcut of an area, or of the whole list. */
export function readOnlyScopesOf(entries: readonly CatalogueEntry[]): string[] {
  return entries.filter(isReadOnly).map((entry) => entry.scope);
}

/**
 * `selected` with `scopes` added (`on`) or removed, without duplicates, in catalogue order; scopes
 * the catalogue does not know (set on the token elsewhere) are kept, after the known ones.
 */
export function toggleScopes(selected: readonly string[], scopes: readonly string[], on: boolean): string[] {
  const next = new Set(selected);
  for (const scope of scopes) {
    if (on) next.add(scope);
    else next.delete(scope);
  }
  return sortScopes([...next]);
}

/** Catalogue order first (area by area), then unknown scopes alphabetically. */
export function sortScopes(scopes: readonly string[]): string[] {
  return [...scopes].sort((a, b) => {
    const orderA = CATALOGUE_ORDER.get(a);
    const orderB = CATALOGUE_ORDER.get(b);
    if (orderA !== undefined && orderB !== undefined) return orderA - orderB;
    if (orderA !== undefined) return -1;
    if (orderB !== undefined) return 1;
    return a.localeCompare(b);
  });
}

/** Scopes not in the catalogue: kept as they are, listed so they can be removed. */
export function unknownScopes(selected: readonly string[]): string[] {
  return selected.filter((scope) => !ENTRY_BY_SCOPE.has(scope));
}

/** How much of a set of scopes is selected, for a group's tri-state checkbox. */
export function selectionOf(
  selected: ReadonlySet<string>,
  scopes: readonly string[],
): 'none' | 'some' | 'all' {
  const count = scopes.filter((scope) => selected.has(scope)).length;
  if (count === 0) return 'none';
  return count === scopes.length ? 'all' : 'some';
}

/** A scope for display: its method and route, with the catalogue's summary when it knows it. */
export function describeScope(scope: string): { method: string; path: string; summary: string | null } {
  const entry = ENTRY_BY_SCOPE.get(scope);
  if (entry) return { method: entry.method, path: entry.path, summary: entry.summary };
  const parsed = parseScope(scope);
  return parsed ? { ...parsed, summary: null } : { method: '', path: scope, summary: null };
}
