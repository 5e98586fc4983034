import { Loader } from '@mantine/core';
import {
  IconBook,
  IconBuilding,
  IconChevronDown,
  IconChevronRight,
  IconHierarchy2,
  IconPencil,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import { type MouseEvent, memo } from 'react';
import { Link } from 'react-router-dom';
import type { Account } from '../../../../api/schemas/account.ts';
import { describeError } from '../../../../lib/canvasErrors.ts';
import { AddSubAccountForm } from '../AddSubAccountForm.tsx';
import { RenameAccountForm } from '../RenameAccountForm.tsx';
import classes from './AccountTree.module.css';
import { HighlightedText } from './HighlightedText.tsx';
import type { AccountTreeNode, VisibleRow } from './treeModel.ts';

export type RowEditKind = 'add' | 'rename';

export interface AccountTreeRowProps {
  row: VisibleRow;
  node: AccountTreeNode;
  /** Prefix for element ids, unique per tree. */
  idPrefix: string;
  selected: boolean;
  /** The one row reachable with Tab (roving tabindex). */
  tabStop: boolean;
  highlight: string;
  editing: RowEditKind | null;
  childrenError: Error | undefined;
  /** Top-level rows are the accounts the user administers; they are not deleted from here. */
  canDelete: boolean;
  /** Offset from the top of the list, from the virtualizer. */
  start: number;
  virtualIndex: number;
  measureRef: (element: HTMLElement | null) => void;
  onSelect: (id: number) => void;
  onToggle: (id: number, expand: boolean) => void;
  onEdit: (id: number, kind: RowEditKind | null) => void;
  onCreated: (parentId: number, account: Account) => void;
  onRenamed: (account: Account) => void;
  onRequestDelete: (id: number) => void;
}

function CountBadge({
  count,
  singular,
  plural,
  icon: Icon,
}: {
  count: number | undefined;
  singular: string;
  plural: string;
  icon: typeof IconBook;
}) {
  return (
    <span
      className={classes.badge}
      data-empty={count === 0 || undefined}
      data-unknown={count === undefined || undefined}
    >
      <Icon size={12} aria-hidden />
      {count === undefined ? `… ${plural}` : `${count.toLocaleString()} ${count === 1 ? singular : plural}`}
    </span>
  );
}

/**
 * One treeitem, built from plain elements and memoized: while the list scrolls only rows entering the
 * window render, and each costs little, which keeps scrolling smooth however many accounts are loaded.
 */
export const AccountTreeRow = memo(function AccountTreeRow({
  row,
  node,
  idPrefix,
  selected,
  tabStop,
  highlight,
  editing,
  childrenError,
  canDelete,
  start,
  virtualIndex,
  measureRef,
  onSelect,
  onToggle,
  onEdit,
  onCreated,
  onRenamed,
  onRequestDelete,
}: AccountTreeRowProps) {
  const { account } = node;
  const nameId = `${idPrefix}-name-${row.id}`;
  const detailsId = `${idPrefix}-details-${row.id}`;
  const actionTabIndex = tabStop ? 0 : -1;
  // Row buttons act on their row without the click also counting as a plain row click.
  const act = (action: () => void) => (event: MouseEvent) => {
    event.stopPropagation();
    onSelect(row.id);
    action();
  };

  return (
    // Keys are handled once, on the tree, for every row (roving tabindex).
    // biome-ignore lint/a11y/useKeyWithClickEvents: see above
    <div
      role="treeitem"
      ref={measureRef}
      data-index={virtualIndex}
      data-account-id={row.id}
      aria-level={row.level}
      aria-setsize={row.setSize}
      aria-posinset={row.posInSet}
      aria-expanded={row.expandable ? row.expanded : undefined}
      aria-selected={selected}
      aria-busy={row.loadingChildren || undefined}
      aria-labelledby={nameId}
      aria-describedby={editing === 'rename' ? undefined : detailsId}
      tabIndex={tabStop ? 0 : -1}
      className={classes.row}
      data-selected={selected || undefined}
      style={{ transform: `translateY(${start}px)` }}
      onClick={() => onSelect(row.id)}
    >
      <div
        className={classes.line}
        style={{ paddingInlineStart: `calc(${row.level - 1} * 1.25rem + 0.5rem)` }}
      >
        {row.expandable ? (
          <button
            type="button"
            className={classes.expander}
            tabIndex={-1}
            aria-label={`${row.expanded ? 'Collapse' : 'Expand'} ${account.name}`}
            onClick={act(() => onToggle(row.id, !row.expanded))}
          >
            {row.expanded ? (
              <IconChevronDown size={16} aria-hidden />
            ) : (
              <IconChevronRight size={16} aria-hidden />
            )}
          </button>
        ) : (
          <span className={classes.expanderSpacer} />
        )}
        <IconBuilding size={16} aria-hidden className={classes.icon} />
        {editing === 'rename' ? (
          <div className={classes.inlineForm}>
            <span id={nameId} className={classes.visuallyHidden}>
              {account.name}
            </span>
            <RenameAccountForm
              account={account}
              onRenamed={onRenamed}
              onCancel={() => onEdit(row.id, null)}
            />
          </div>
        ) : (
          <>
            <span id={nameId} className={classes.name}>
              <Link to={`/accounts/${row.id}`} tabIndex={-1} className={classes.nameLink}>
                <HighlightedText text={account.name} query={highlight} className={classes.mark} />
              </Link>
            </span>
            <span id={detailsId} className={classes.details}>
              {account.sis_account_id ? (
                <span className={classes.sis}>SIS ID {account.sis_account_id}</span>
              ) : null}
              <CountBadge count={node.courseCount} singular="course" plural="courses" icon={IconBook} />
              <CountBadge
                count={node.subAccountCount}
                singular="sub-account"
                plural="sub-accounts"
                icon={IconHierarchy2}
              />
              {row.loadingChildren && !childrenError ? (
                <Loader size={14} aria-label="Loading sub-accounts" />
              ) : null}
              {row.loadingChildren && childrenError ? (
                <span className={classes.rowError}>
                  Could not load sub-accounts: {describeError(childrenError)}
                </span>
              ) : null}
            </span>
            <span className={classes.actions}>
              <button
                type="button"
                className={classes.action}
                tabIndex={actionTabIndex}
                aria-label={`Add sub-account to ${account.name}`}
                title="Add sub-account"
                onClick={act(() => onEdit(row.id, 'add'))}
              >
                <IconPlus size={16} aria-hidden />
              </button>
              <button
                type="button"
                className={classes.action}
                tabIndex={actionTabIndex}
                aria-label={`Rename ${account.name}`}
                title="Rename"
                onClick={act(() => onEdit(row.id, 'rename'))}
              >
                <IconPencil size={16} aria-hidden />
              </button>
              {canDelete ? (
                <button
                  type="button"
                  className={classes.action}
                  data-danger
                  tabIndex={actionTabIndex}
                  aria-label={`Delete ${account.name}`}
                  title="Delete"
                  onClick={act(() => onRequestDelete(row.id))}
                >
                  <IconTrash size={16} aria-hidden />
                </button>
              ) : null}
            </span>
          </>
        )}
      </div>
      {editing === 'add' ? (
        <div
          className={classes.addForm}
          style={{ paddingInlineStart: `calc(${row.level} * 1.25rem + 2.5rem)` }}
        >
          <AddSubAccountForm
            parent={account}
            onCreated={(created) => onCreated(row.id, created)}
            onCancel={() => onEdit(row.id, null)}
          />
        </div>
      ) : null}
    </div>
  );
});
