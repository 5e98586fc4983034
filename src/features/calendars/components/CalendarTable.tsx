// The rows are absolutely placed by the virtualizer, which native table layout cannot do, so the
// table semantics come from ARIA roles on divs; cells hold the focusable controls, rows need no focus.
// biome-ignore-all lint/a11y/useSemanticElements: see above
// biome-ignore-all lint/a11y/useFocusableInteractive: see above
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef } from 'react';
import type { CalendarIndex } from '../model/calendarIndex.ts';
import type { PendingEdits } from '../model/pendingEdits.ts';
import type { Selection } from '../model/selection.ts';
import classes from './CalendarTable.module.css';
import { CalendarTableRow, type RowHandlers } from './CalendarTableRow.tsx';

/** Matches `.row { height }`: rows have one fixed height, so nothing needs measuring. */
const ROW_HEIGHT = 40;
const OVERSCAN = 5;

export interface CalendarTableProps {
  index: CalendarIndex;
  /** Positions (in `index.rows`) of the rows that pass the filters, ascending. */
  shown: readonly number[];
  pending: PendingEdits;
  selection: Selection;
  /** How many of the shown rows are selected, for the header checkbox. */
  selectedShownCount: number;
  /** A filter is on, so rows may appear without their parent: name it beside each. */
  showParents: boolean;
  /** Changes whenever the filter does, to bring the list back to its top. */
  filterKey: string;
  height: string;
  handlers: RowHandlers;
  onSelectAllShown: (selected: boolean) => void;
}

/**
 * A virtualized ARIA table of calendars: header outside the scrolling body, rows absolutely placed
 * by @tanstack/react-virtual; aria-rowcount and aria-rowindex tell assistive technology where a row
 * sits among all the shown ones, not only the rendered ones.
 */
export const CalendarTable = memo(function CalendarTable({
  index,
  shown,
  pending,
  selection,
  selectedShownCount,
  showParents,
  filterKey,
  height,
  handlers,
  onSelectAllShown,
}: CalendarTableProps) {
  const viewportRef = useRef<HTMLDivElement>(null);
  const headerCheckboxRef = useRef<HTMLInputElement>(null);
  // Stable per result, so the virtualizer re-measures 10,000 rows only when the filter changes.
  const getItemKey = useCallback((at: number) => index.rows[shown[at] as number]?.id ?? at, [index, shown]);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => viewportRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    getItemKey,
  });

  const allSelected = shown.length > 0 && selectedShownCount === shown.length;
  const someSelected = selectedShownCount > 0 && !allSelected;
  useEffect(() => {
    if (headerCheckboxRef.current) headerCheckboxRef.current.indeterminate = someSelected;
  }, [someSelected]);

  // A new filter result starts at its top rather than somewhere in the middle of a shorter list.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the filter changes, on purpose
  useEffect(() => {
    if (viewportRef.current) viewportRef.current.scrollTop = 0;
  }, [filterKey]);

  return (
    <div className={classes.frame}>
      <div
        role="table"
        aria-label="Account calendars"
        aria-rowcount={shown.length + 1}
        className={classes.table}
      >
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className={classes.header}>
            <div role="columnheader" className={`${classes.cell} ${classes.center}`}>
              <input
                ref={headerCheckboxRef}
                type="checkbox"
                className={classes.checkbox}
                aria-label={allSelected ? 'Deselect all shown rows' : 'Select all shown rows'}
                checked={allSelected}
                disabled={shown.length === 0}
                onChange={(event) => onSelectAllShown(event.currentTarget.checked)}
              />
            </div>
            <div role="columnheader">Account</div>
            <div role="columnheader">SIS ID</div>
            <div role="columnheader">Visible</div>
            <div role="columnheader">Auto-subscribe</div>
            <div role="columnheader">Pending</div>
            <div role="columnheader">
              <span className={classes.visuallyHidden}>Select subtree</span>
            </div>
          </div>
        </div>
        <div ref={viewportRef} role="rowgroup" className={classes.viewport} style={{ height }}>
          {shown.length === 0 ? (
            <div role="row" aria-rowindex={2}>
              <div role="cell" className={classes.empty}>
                No calendar matches the filters.
              </div>
            </div>
          ) : (
            <div className={classes.canvas} style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const row = index.rows[shown[item.index] as number];
                if (!row) return null;
                const parent =
                  showParents && row.parentId !== null ? index.positionById.get(row.parentId) : undefined;
                return (
                  <CalendarTableRow
                    key={row.id}
                    row={row}
                    change={pending.get(row.id)}
                    selected={selection.has(row.id)}
                    parentName={parent === undefined ? undefined : index.rows[parent]?.name}
                    rowIndex={item.index + 2}
                    start={item.start}
                    handlers={handlers}
                  />
                );
              })}
            </div>
          )}
        </div>
      </div>
    </div>
  );
});
