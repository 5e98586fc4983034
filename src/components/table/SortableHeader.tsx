import { Group, Table, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowsSort, IconArrowUp } from '@tabler/icons-react';
import classes from './SortableHeader.module.css';

export type SortOrder = 'asc' | 'desc';

export interface SortableHeaderProps {
  label: string;
  /** Whether the table is currently sorted by this column. */
  active: boolean;
  order: SortOrder;
  onSort: () => void;
}

/** A column header that sorts on click and tells assistive technology the current order via aria-sort. */
export function SortableHeader({ label, active, order, onSort }: SortableHeaderProps) {
  const Icon = !active ? IconArrowsSort : order === 'asc' ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th
      aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}
      className={classes.th}
    >
      <UnstyledButton onClick={onSort} className={classes.button}>
        <Group gap={4} wrap="nowrap">
          <span>{label}</span>
          <Icon size={14} aria-hidden className={active ? undefined : classes.inactiveIcon} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
