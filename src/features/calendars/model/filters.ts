import type { CalendarIndex } from './calendarIndex.ts';
import type { PendingEdits } from './pendingEdits.ts';

export const VISIBILITY_FILTERS = ['all', 'visible', 'hidden'] as const;
export type VisibilityFilter = (typeof VISIBILITY_FILTERS)[number];
export const SUBSCRIPTION_FILTERS = ['all', 'auto', 'manual'] as const;
export type SubscriptionFilter = (typeof SUBSCRIPTION_FILTERS)[number];

/**
 * Visibility and subscription match the state saved in Canvas, not the pending one: a row that the
 * admin just toggled stays where it is instead of vanishing from a "visible only" list mid-edit.
 */
export interface FacetFilters {
  visibility: VisibilityFilter;
  subscription: SubscriptionFilter;
  changedOnly: boolean;
}

export function normalizeFilterText(text: string): string {
  return text.trim().toLocaleLowerCase();
}

/**
 * Positions of rows whose name or SIS id contains `text` (case-insensitive), or null when there is no
 * text. When `narrowing` holds the result for a prefix of `text` (the admin is still typing), only
 * those rows are tested.
 */
export function matchText(
  index: CalendarIndex,
  text: string,
  narrowing?: { text: string; positions: readonly number[] | null },
): readonly number[] | null {
  const needle = normalizeFilterText(text);
  if (!needle) return null;
  const candidates =
    narrowing?.positions && narrowing.text && needle.includes(narrowing.text) ? narrowing.positions : null;
  const positions: number[] = [];
  if (candidates) {
    for (const position of candidates) {
      if ((index.searchText[position] as string).includes(needle)) positions.push(position);
    }
  } else {
    const { searchText } = index;
    for (let position = 0; position < searchText.length; position++) {
      if ((searchText[position] as string).includes(needle)) positions.push(position);
    }
  }
  return positions;
}

export function hasFacetFilter(facets: FacetFilters): boolean {
  return facets.visibility !== 'all' || facets.subscription !== 'all' || facets.changedOnly;
}

/**
 * Narrows the text matches (null: every row) by the facets. `pending` is read only for "changed",
 * so toggling rows does not refilter unless that facet is on.
 */
export function applyFacets(
  index: CalendarIndex,
  textMatches: readonly number[] | null,
  facets: FacetFilters,
  pending: PendingEdits,
): readonly number[] {
  const total = textMatches ? textMatches.length : index.rows.length;
  if (!hasFacetFilter(facets)) {
    return textMatches ?? Array.from({ length: total }, (_, position) => position);
  }
  const wantVisible = facets.visibility === 'all' ? undefined : facets.visibility === 'visible';
  const wantAuto = facets.subscription === 'all' ? undefined : facets.subscription === 'auto';
  const positions: number[] = [];
  for (let at = 0; at < total; at++) {
    const position = textMatches ? (textMatches[at] as number) : at;
    const row = index.rows[position];
    if (!row) continue;
    if (wantVisible !== undefined && row.saved.visible !== wantVisible) continue;
    if (wantAuto !== undefined && row.saved.auto_subscribe !== wantAuto) continue;
    if (facets.changedOnly && !pending.has(row.id)) continue;
    positions.push(position);
  }
  return positions;
}
