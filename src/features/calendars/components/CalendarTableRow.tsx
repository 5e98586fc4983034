// The rows are absolutely placed by the virtualizer, which native table layout cannot do, so the
// table semantics come from ARIA roles on divs; cells hold the focusable controls, rows need no focus.
// biome-ignore-all lint/a11y/useSemanticElements: see above
// biome-ignore-all lint/a11y/useFocusableInteractive: see above
import { IconSubtask } from '@tabler/icons-react';
import { type ChangeEvent, memo } from 'react';
import type { CalendarRow } from '../model/calendarIndex.ts';
import {
  type CalendarChange,
  type CalendarEdit,
  describeSavedState,
  effectiveState,
} from '../model/pendingEdits.ts';
import classes from './CalendarTable.module.css';

export interface RowHandlers {
  /** `extendRange`: shift was held, so everything from the last clicked row to this one follows. */
  onSelect: (id: number, selected: boolean, extendRange: boolean) => void;
  onEdit: (id: number, edit: CalendarEdit) => void;
  onSelectSubtree: (id: number) => void;
}

export interface CalendarTableRowProps {
  row: CalendarRow;
  change: CalendarChange | undefined;
  selected: boolean;
  /** Shown next to the name while a filter hides the tree around the row. */
  parentName: string | undefined;
  /** 1-based, counting the header row, for aria-rowindex. */
  rowIndex: number;
  /** Offset from the top of the list, from the virtualizer. */
  start: number;
  handlers: RowHandlers;
}

const INDENT_REM = 1.25;
const MAX_INDENT_DEPTH = 12;

function isShiftClick(event: ChangeEvent<HTMLInputElement>): boolean {
  // React drives a checkbox's change from its click event, which carries the modifier keys.
  const native = event.nativeEvent;
  return native instanceof MouseEvent && native.shiftKey;
}

/**
 * One calendar. Plain inputs and memoized, so that scrolling renders only the rows entering the
 * window and a toggle re-renders only its row: 10,000 rows cost what a screenful costs.
 */
export const CalendarTableRow = memo(function CalendarTableRow({
  row,
  change,
  selected,
  parentName,
  rowIndex,
  start,
  handlers,
}: CalendarTableRowProps) {
  const state = effectiveState(row.saved, change);
  const indent = Math.min(row.depth, MAX_INDENT_DEPTH) * INDENT_REM;
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      className={classes.row}
      data-selected={selected || undefined}
      data-changed={change ? true : undefined}
      style={{ transform: `translateY(${start}px)` }}
    >
      <div role="cell" className={`${classes.cell} ${classes.center}`}>
        <input
          type="checkbox"
          className={classes.checkbox}
          aria-label={`Select ${row.name}`}
          checked={selected}
          onChange={(event) => {
            const extendRange = isShiftClick(event);
            // Shift-click would otherwise also select the page's text between the two clicks.
            if (extendRange) window.getSelection()?.removeAllRanges();
            handlers.onSelect(row.id, event.currentTarget.checked, extendRange);
          }}
        />
      </div>
      <div
        role="cell"
        className={`${classes.cell} ${classes.nameCell}`}
        style={{ paddingInlineStart: `calc(${indent}rem + 0.5rem)` }}
        title={row.name}
      >
        <span className={classes.name}>{row.name}</span>
        {parentName ? <span className={classes.parent}>in {parentName}</span> : null}
      </div>
      <div role="cell" className={classes.cell}>
        {row.sisId === undefined ? (
          <span className={classes.unknown}>…</span>
        ) : (
          <span className={classes.sis}>{row.sisId}</span>
        )}
      </div>
      <div role="cell" className={`${classes.cell} ${classes.center}`}>
        <input
          type="checkbox"
          role="switch"
          aria-checked={state.visible}
          className={classes.switch}
          aria-label={`Visible: ${row.name}`}
          checked={state.visible}
          onChange={(event) => handlers.onEdit(row.id, { visible: event.currentTarget.checked })}
        />
      </div>
      <div role="cell" className={`${classes.cell} ${classes.center}`}>
        <input
          type="checkbox"
          className={classes.checkbox}
          aria-label={`Auto-subscribe: ${row.name}`}
          // As on Canvas, only a visible calendar's subscription can be edited.
          disabled={!state.visible}
          checked={state.auto_subscribe}
          onChange={(event) => handlers.onEdit(row.id, { auto_subscribe: event.currentTarget.checked })}
        />
      </div>
      <div role="cell" className={classes.cell}>
        {change ? (
          <span className={classes.changed}>
            <span className={classes.changedBadge}>Changed</span>
            <span className={classes.was}>{describeSavedState(row.saved, change)}</span>
          </span>
        ) : null}
      </div>
      <div role="cell" className={`${classes.cell} ${classes.center}`}>
        {row.childCount > 0 ? (
          <button
            type="button"
            className={classes.subtreeButton}
            aria-label={`Select ${row.name} and its sub-accounts`}
            title="Select this account and all its sub-accounts"
            onClick={() => handlers.onSelectSubtree(row.id)}
          >
            <IconSubtask size={16} aria-hidden />
          </button>
        ) : null}
      </div>
    </div>
  );
});
