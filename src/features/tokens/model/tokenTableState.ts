import { z } from 'zod';
import { searchParamList } from '../../../lib/urlState.ts';
import { describeScope } from '../scopes/scopeCatalogue.ts';
import { TOKEN_FLAGS, TOKEN_STATES, type TokenRow, type TokenState } from './tokenStatus.ts';

export const TOKEN_SORTS = ['purpose', 'created_at', 'last_used_at', 'expires_at', 'state'] as const;
export type TokenSort = (typeof TOKEN_SORTS)[number];

/**
 * The token page's shareable state: whose tokens (absent = mine), the filters and the sort. Never
 * anything secret: a token's value does not belong in a URL.
 */
export const TokenPageSearch = z.object({
  user: z.coerce.number().int().positive().optional().catch(undefined),
  q: z.string().catch(''),
  state: searchParamList(z.enum(TOKEN_STATES)),
  flag: searchParamList(z.enum(TOKEN_FLAGS)),
  sort: z.enum(TOKEN_SORTS).catch('created_at'),
  order: z.enum(['asc', 'desc']).catch('asc'),
});
export type TokenPageState = z.output<typeof TokenPageSearch>;
export type TokenFilters = Pick<TokenPageState, 'q' | 'state' | 'flag'>;

export function hasActiveFilters(filters: TokenFilters): boolean {
  return filters.q.trim() !== '' || filters.state.length > 0 || filters.flag.length > 0;
}

function rowText(row: TokenRow): string {
  const scopes = (row.token.scopes ?? []).map((scope) => {
    const { method, path, summary } = describeScope(scope);
    return `${method} ${path} ${summary ?? ''}`;
  });
  return [row.token.purpose ?? '', row.hint ?? '', row.token.app_name, ...scopes].join(' ').toLowerCase();
}

/**
 * Rows matching every filter: the words of `q` in purpose, hint or scopes; one of the chosen
 * states; one of the chosen flags. An empty list of states or flags does not filter.
 */
export function filterTokenRows(rows: readonly TokenRow[], filters: TokenFilters): TokenRow[] {
  const words = filters.q.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (filters.state.length > 0 && !filters.state.includes(row.state)) return false;
    if (filters.flag.length > 0 && !row.flags.some((flag) => filters.flag.includes(flag))) return false;
    if (words.length === 0) return true;
    const text = rowText(row);
    return words.every((word) => text.includes(word));
  });
}

const STATE_ORDER: Record<TokenState, number> = { active: 0, pending: 1, expired: 2, revoked: 3 };

function timeOf(value: string | null): number | null {
  return value === null ? null : Date.parse(value);
}

function compareNullable(a: number | null, b: number | null, direction: number): number {
  // Missing values (never used, never expires) go last whichever way the column is sorted.
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a - b) * direction;
}

/** Sorted copy; ties fall back to creation order, then id, so the order is stable. */
export function sortTokenRows(rows: readonly TokenRow[], sort: TokenSort, order: 'asc' | 'desc'): TokenRow[] {
  const direction = order === 'asc' ? 1 : -1;
  const compare = (a: TokenRow, b: TokenRow): number => {
    switch (sort) {
      case 'purpose':
        return (
          (a.token.purpose ?? '').localeCompare(b.token.purpose ?? '', undefined, { sensitivity: 'base' }) *
          direction
        );
      case 'state':
        return (STATE_ORDER[a.state] - STATE_ORDER[b.state]) * direction;
      case 'created_at':
        return (Date.parse(a.token.created_at) - Date.parse(b.token.created_at)) * direction;
      case 'last_used_at':
        return compareNullable(timeOf(a.token.last_used_at), timeOf(b.token.last_used_at), direction);
      case 'expires_at':
        return compareNullable(timeOf(a.token.expires_at), timeOf(b.token.expires_at), direction);
    }
  };
  return [...rows].sort(
    (a, b) =>
      compare(a, b) ||
      Date.parse(a.token.created_at) - Date.parse(b.token.created_at) ||
      a.token.id - b.token.id,
  );
}
