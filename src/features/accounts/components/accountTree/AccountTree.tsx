import { defaultRangeExtractor, type Range, useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useEffect, useId, useMemo, useRef } from 'react';
import type { Account } from '../../../../api/schemas/account.ts';
import classes from './AccountTree.module.css';
import { AccountTreeRow, type RowEditKind } from './AccountTreeRow.tsx';
import type { AccountTreeIndex, VisibleRow } from './treeModel.ts';

const ESTIMATED_ROW_HEIGHT = 41;
const TYPE_AHEAD_RESET_MS = 600;

export interface AccountTreeProps {
  index: AccountTreeIndex;
  rows: readonly VisibleRow[];
  selectedId: number | null;
  /** Text to highlight in names (the search). */
  highlight: string;
  editing: { id: number; kind: RowEditKind } | null;
  childErrors: ReadonlyMap<number, Error>;
  /** A row to scroll to (and optionally focus) as soon as it is among the rows. */
  reveal: { id: number; focus: boolean } | null;
  onRevealed: () => void;
  onSelect: (id: number) => void;
  onToggle: (id: number, expand: boolean) => void;
  /** Enter: open the account's page. */
  onOpen: (id: number) => void;
  onEdit: (id: number, kind: RowEditKind | null) => void;
  onCreated: (parentId: number, account: Account) => void;
  onRenamed: (account: Account) => void;
  onRequestDelete: (id: number) => void;
  /** Rows on screen whose course counts are unknown: their parents' child lists would supply them. */
  onCountsNeeded: (parentIds: number[]) => void;
  height: string;
}

/**
 * A WAI-ARIA tree (roving tabindex, arrow keys, Home/End, type-ahead, Enter to open) over a
 * virtualized flat list of the visible rows, so ten thousand accounts cost no more than a screenful.
 * aria-level/setsize/posinset carry the structure that the flat DOM does not.
 */
export function AccountTree({
  index,
  rows,
  selectedId,
  highlight,
  editing,
  childErrors,
  reveal,
  onRevealed,
  onSelect,
  onToggle,
  onOpen,
  onEdit,
  onCreated,
  onRenamed,
  onRequestDelete,
  onCountsNeeded,
  height,
}: AccountTreeProps) {
  const idPrefix = useId();
  const viewportRef = useRef<HTMLDivElement>(null);
  const pendingFocusId = useRef<number | null>(null);
  const typeAhead = useRef({ text: '', at: 0 });

  const rowIndexById = useMemo(() => new Map(rows.map((row, position) => [row.id, position])), [rows]);
  const selectedIndex = selectedId === null ? -1 : (rowIndexById.get(selectedId) ?? -1);
  const tabStopId = selectedIndex >= 0 ? selectedId : (rows[0]?.id ?? null);

  // The focusable row must stay in the DOM even when scrolled out of view, or Tab would skip the tree.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (selectedIndex >= 0 && !indexes.includes(selectedIndex)) {
        indexes.push(selectedIndex);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [selectedIndex],
  );

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => viewportRef.current,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    overscan: 6,
    getItemKey: (position) => rows[position]?.id ?? position,
    rangeExtractor,
  });
  const virtualItems = virtualizer.getVirtualItems();

  const moveTo = (position: number) => {
    const row = rows[position];
    if (!row) return;
    pendingFocusId.current = row.id;
    onSelect(row.id);
    virtualizer.scrollToIndex(position, { align: 'auto' });
  };

  // Focus follows the keyboard once the target row is rendered.
  useEffect(() => {
    const id = pendingFocusId.current;
    if (id === null) return;
    const element = viewportRef.current?.querySelector<HTMLElement>(`[data-account-id="${id}"]`);
    if (element) {
      element.focus({ preventScroll: true });
      pendingFocusId.current = null;
    }
  });

  useEffect(() => {
    if (!reveal) return;
    const position = rowIndexById.get(reveal.id);
    if (position === undefined) return;
    virtualizer.scrollToIndex(position, { align: 'auto' });
    if (reveal.focus) pendingFocusId.current = reveal.id;
    onRevealed();
  }, [reveal, rowIndexById, virtualizer, onRevealed]);

  useEffect(() => {
    const parents = new Set<number>();
    for (const item of virtualItems) {
      const row = rows[item.index];
      if (!row || row.parentId === null) continue;
      if (index.nodes.get(row.id)?.courseCount === undefined) parents.add(row.parentId);
    }
    if (parents.size > 0) onCountsNeeded([...parents]);
  }, [virtualItems, rows, index, onCountsNeeded]);

  const findByTypeAhead = (key: string, fromPosition: number): number | null => {
    const now = Date.now();
    const previous = typeAhead.current;
    const text = now - previous.at > TYPE_AHEAD_RESET_MS ? key : previous.text + key;
    typeAhead.current = { text, at: now };
    const needle = text.toLocaleLowerCase();
    // A fresh search starts after the current row so that repeating a letter cycles through matches.
    const start = text.length === 1 ? fromPosition + 1 : fromPosition;
    for (let offset = 0; offset < rows.length; offset++) {
      const position = (start + offset) % rows.length;
      const name = index.nodes.get(rows[position]?.id ?? -1)?.account.name ?? '';
      if (name.toLocaleLowerCase().startsWith(needle)) return position;
    }
    return null;
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    // Keys typed into an inline form or pressed on a row's buttons are theirs, not the tree's.
    if (target.getAttribute('role') !== 'treeitem') return;
    const position = rowIndexById.get(Number(target.dataset.accountId));
    if (position === undefined) return;
    const row = rows[position] as VisibleRow;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(Math.min(position + 1, rows.length - 1));
        break;
      case 'ArrowUp':
        moveTo(Math.max(position - 1, 0));
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'ArrowRight':
        if (row.expandable && !row.expanded) onToggle(row.id, true);
        else if (row.expanded && rows[position + 1]?.parentId === row.id) moveTo(position + 1);
        break;
      case 'ArrowLeft':
        if (row.expanded) onToggle(row.id, false);
        else if (row.parentId !== null) {
          const parentPosition = rowIndexById.get(row.parentId);
          if (parentPosition !== undefined) moveTo(parentPosition);
        }
        break;
      case 'Enter':
        onOpen(row.id);
        break;
      default: {
        const isCharacter = event.key.length === 1 && event.key.trim() !== '';
        if (!isCharacter || event.ctrlKey || event.metaKey || event.altKey) return;
        const match = findByTypeAhead(event.key, position);
        if (match !== null) moveTo(match);
      }
    }
    event.preventDefault();
  };

  return (
    <div
      ref={viewportRef}
      role="tree"
      aria-label="Account tree"
      className={classes.viewport}
      style={{ height }}
      onKeyDown={handleKeyDown}
    >
      <div role="none" className={classes.canvas} style={{ height: virtualizer.getTotalSize() }}>
        {virtualItems.map((item) => {
          const row = rows[item.index];
          const node = row ? index.nodes.get(row.id) : undefined;
          if (!row || !node) return null;
          return (
            <AccountTreeRow
              key={row.id}
              row={row}
              node={node}
              idPrefix={idPrefix}
              selected={row.id === selectedId}
              tabStop={row.id === tabStopId}
              highlight={highlight}
              editing={editing?.id === row.id ? editing.kind : null}
              childrenError={childErrors.get(row.id)}
              canDelete={row.parentId !== null}
              start={item.start}
              virtualIndex={item.index}
              measureRef={virtualizer.measureElement}
              onSelect={onSelect}
              onToggle={onToggle}
              onEdit={onEdit}
              onCreated={onCreated}
              onRenamed={onRenamed}
              onRequestDelete={onRequestDelete}
            />
          );
        })}
      </div>
    </div>
  );
}
