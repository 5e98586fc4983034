import type { CalendarIndex } from './calendarIndex.ts';

/** Selected calendar ids. Kept across filter changes, so a selection can be built from several searches. */
export type Selection = ReadonlySet<number>;

export const EMPTY_SELECTION: Selection = new Set();

/** Selects or deselects `ids`, returning the same set when nothing changes. */
export function setSelected(selection: Selection, ids: Iterable<number>, selected: boolean): Selection {
  let next: Set<number> | undefined;
  for (const id of ids) {
    if (selection.has(id) === selected) continue;
    next ??= new Set(selection);
    if (selected) next.add(id);
    else next.delete(id);
  }
  return next ?? selection;
}

/**
 * The ids from the anchor row to `id` inclusive, in the shown order: what a shift-click covers. Falls
 * back to `id` alone when the anchor is not among the shown rows (the filter changed since).
 */
export function rangeIds(
  index: CalendarIndex,
  shownPositions: readonly number[],
  anchorId: number | null,
  id: number,
): number[] {
  const targetPosition = index.positionById.get(id);
  const anchorPosition = anchorId === null ? undefined : index.positionById.get(anchorId);
  if (targetPosition === undefined) return [];
  if (anchorPosition === undefined) return [id];
  // Shown positions are ascending, so both ends are found by binary search.
  const from = lowerBound(shownPositions, Math.min(anchorPosition, targetPosition));
  const to = lowerBound(shownPositions, Math.max(anchorPosition, targetPosition));
  if (shownPositions[from] !== Math.min(anchorPosition, targetPosition)) return [id];
  if (shownPositions[to] !== Math.max(anchorPosition, targetPosition)) return [id];
  const ids: number[] = [];
  for (let at = from; at <= to; at++) {
    const row = index.rows[shownPositions[at] as number];
    if (row) ids.push(row.id);
  }
  return ids;
}

function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** How many of the shown rows are selected, for the header checkbox (all, some, none). */
export function countSelectedAmong(
  index: CalendarIndex,
  shownPositions: readonly number[],
  selection: Selection,
): number {
  if (selection.size === 0) return 0;
  let count = 0;
  for (const position of shownPositions) {
    const row = index.rows[position];
    if (row && selection.has(row.id)) count++;
  }
  return count;
}

export function idsAt(index: CalendarIndex, positions: readonly number[]): number[] {
  const ids: number[] = [];
  for (const position of positions) {
    const row = index.rows[position];
    if (row) ids.push(row.id);
  }
  return ids;
}
